import forge from 'node-forge';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSETS_DIR, ConfigError, loadConfig } from '../config.js';
import { makeCa } from '../test/certs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'oig-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const json = (name: string, value: unknown) => file(name, JSON.stringify(value));

const GOOD_APP = {
  companyName: 'Acme',
  applicationName: 'App',
  applicationPassword: 'pw',
  serviceType: 'standard',
  licenseProfile: 'third-party',
};
const GOOD_LICENSE = {
  standardCallControl: 1,
  advancedCallControl: 1,
  google: 1,
  salesforce: 1,
  dataAccess: 1,
  virtualEnablement: false,
  miVoiceIntegration: false,
  trustedMode: false,
};
const MISSING = path.join(dir, 'does-not-exist.json');

/** The problems of a configuration that must be refused. */
function problemsOf(env: Record<string, string>): string[] {
  let err: unknown;
  try {
    loadConfig(env);
  } catch (e) {
    err = e;
  }
  expect(err, 'loadConfig should have thrown').toBeInstanceOf(ConfigError);
  const problems = (err as ConfigError).problems;
  expect(problems.length).toBeGreaterThan(0);
  // The message shown to the operator lists every problem.
  for (const p of problems) expect((err as ConfigError).message).toContain(`  - ${p}`);
  return problems;
}

/** Exactly one problem, naming the variable at its start. */
function oneProblem(env: Record<string, string>, variable: string): string {
  const problems = problemsOf(env);
  expect(problems).toHaveLength(1);
  expect(problems[0]!.startsWith(variable)).toBe(true);
  return problems[0]!;
}

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const c = loadConfig({});
    const demoLicense = JSON.parse(readFileSync(path.join(ASSETS_DIR, 'demo-license.json'), 'utf8'));
    expect(c).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataDir: path.resolve('./data'),
      adminPassword: undefined,
      database: { kind: 'sqlite', file: path.join(path.resolve('./data'), 'oig.sqlite') },
      acl: {
        source: 'bundled demo ACL',
        sourceKind: 'bundled',
        file: expect.objectContaining({ applications: expect.any(Array) }),
      },
      mcsUrl: undefined,
      mcsTimeoutMs: 5000,
      probe: { intervalMs: 60_000, timeoutMs: 3000, mivbPort: 443, miccPort: 12_620 },
      openMedia: { port: 12_620, timeoutMs: 5000, pollMs: 2000, retentionMs: 30 * 60_000 },
      mcsCa: [],
      license: { source: 'bundled demo inventory', inventory: demoLicense },
      smtpUrl: undefined,
      keepAlive: { soapMs: 10_000, restMs: 600_000, graceMs: 2_000 },
      tls: undefined,
      logLevel: 'info',
      logFiles: { dir: path.resolve('./data/logs'), fileMaxBytes: 10 * 1024 * 1024, files: 10 },
      instanceName: hostname(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      reportCheckMs: 300_000,
      historyRetentionMs: 400 * 86_400_000,
      mailRetentionMs: 30 * 86_400_000,
      refusedLogins: { retentionMs: 30 * 86_400_000, maxRows: 100_000 },
      google: {
        apiRoot: 'https://admin.googleapis.com/',
        tokenUrl: 'https://oauth2.googleapis.com/token',
        timeoutMs: 15_000,
      },
      trustProxy: false,
    });
    expect(c.acl.file.applications.map((a) => a.applicationName).sort()).toEqual([
      'Call Recorder',
      'MiVoice Integration for Google',
      'MiVoice Integration for Salesforce',
    ]);
  });

  it('treats blank values as unset and reads good values', () => {
    expect(loadConfig({ OIG_PORT: '  ', OIG_HOST: '', DATABASE_URL: '' }).port).toBe(8080);
    const ca = makeCa();
    const c = loadConfig({
      OIG_HOST: '0.0.0.0',
      OIG_PORT: '0',
      OIG_DATA_DIR: dir,
      DATABASE_URL: 'postgresql://u@db:5432/oig',
      OIG_DB_SCHEMA: 'oig_1',
      OIG_ACL_FILE: json('good-acl.json', { applications: [GOOD_APP] }),
      OIG_LICENSE_FILE: json('good-license.json', GOOD_LICENSE),
      OIG_MCS_CA_FILE: file('good-ca.pem', `junk before\n${ca.certPem}\n${makeCa('Second').certPem}`),
      OIG_REST_KEEPALIVE_S: '30',
      OIG_TRUST_PROXY: 'loopback, 10.0.0.0/8',
      OIG_LOG_LEVEL: 'trace',
      OIG_NAME: ' oig-paris-1 ',
      OIG_TIME_ZONE: 'Pacific/Auckland',
      OIG_REPORT_CHECK_S: '0',
    });
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      dataDir: dir,
      trustProxy: ['loopback', '10.0.0.0/8'],
      logLevel: 'trace',
    });
    expect(c).toMatchObject({ instanceName: 'oig-paris-1', timeZone: 'Pacific/Auckland', reportCheckMs: 0 });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgresql://u@db:5432/oig', schema: 'oig_1' });
    expect(c.acl).toMatchObject({ sourceKind: 'file', source: path.join(dir, 'good-acl.json') });
    expect(c.license).toEqual({ source: path.join(dir, 'good-license.json'), inventory: GOOD_LICENSE });
    expect(c.mcsCa).toHaveLength(2);
    expect(c.mcsCa[0]!.subject).toContain('CN=MCS');
    expect(c.keepAlive.restMs).toBe(30_000);
  });

  it('refuses a bad port, naming OIG_PORT', () => {
    expect(oneProblem({ OIG_PORT: 'http' }, 'OIG_PORT')).toContain('OIG_PORT must be a number');
    expect(oneProblem({ OIG_PORT: '70000' }, 'OIG_PORT')).toContain('OIG_PORT must be at most 65535');
    expect(oneProblem({ OIG_PORT: '-1' }, 'OIG_PORT')).toContain('OIG_PORT must be at least 0');
    expect(oneProblem({ OIG_PORT: '80.5' }, 'OIG_PORT')).toContain('OIG_PORT must be a whole number');
  });

  it('refuses an unknown time zone and an OIG name with a line break (it becomes a mail subject)', () => {
    expect(oneProblem({ OIG_TIME_ZONE: 'Mars/Olympus_Mons' }, 'OIG_TIME_ZONE')).toContain('IANA time zone');
    expect(oneProblem({ OIG_TIME_ZONE: '+02:00x' }, 'OIG_TIME_ZONE')).toContain('IANA time zone');
    expect(oneProblem({ OIG_NAME: 'oig\r\nBcc: victim@example.com' }, 'OIG_NAME')).toContain('line breaks');
    expect(oneProblem({ OIG_REPORT_CHECK_S: 'hourly' }, 'OIG_REPORT_CHECK_S')).toContain('must be a number');
  });

  it('refuses Google endpoints that are not http(s) URLs and a timeout out of range', () => {
    expect(oneProblem({ OIG_GOOGLE_API_ROOT: 'admin.googleapis.com' }, 'OIG_GOOGLE_API_ROOT')).toContain(
      'http:// or https:// URL',
    );
    expect(oneProblem({ OIG_GOOGLE_TOKEN_URL: 'ftp://127.0.0.1/token' }, 'OIG_GOOGLE_TOKEN_URL')).toContain(
      'http:// or https:// URL',
    );
    expect(oneProblem({ OIG_GOOGLE_TIMEOUT_MS: '5' }, 'OIG_GOOGLE_TIMEOUT_MS')).toContain('at least 100');
  });

  it('reads the Open Media settings and refuses them out of range', () => {
    const c = loadConfig({
      OIG_MICC_PORT: '8443',
      OIG_MICC_TIMEOUT_MS: '1500',
      OIG_OPEN_MEDIA_POLL_MS: '0',
      OIG_OPEN_MEDIA_RETENTION_MIN: '5',
    });
    expect(c.openMedia).toEqual({ port: 8443, timeoutMs: 1500, pollMs: 0, retentionMs: 300_000 });
    expect(oneProblem({ OIG_MICC_TIMEOUT_MS: '50' }, 'OIG_MICC_TIMEOUT_MS')).toContain('at least 100');
    expect(oneProblem({ OIG_MICC_TIMEOUT_MS: '60001' }, 'OIG_MICC_TIMEOUT_MS')).toContain('at most 60000');
    expect(oneProblem({ OIG_OPEN_MEDIA_POLL_MS: '-1' }, 'OIG_OPEN_MEDIA_POLL_MS')).toContain('at least 0');
    expect(oneProblem({ OIG_OPEN_MEDIA_RETENTION_MIN: '0' }, 'OIG_OPEN_MEDIA_RETENTION_MIN')).toContain(
      'at least 1',
    );
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    for (const url of ['mysql://u@h/db', 'sqlite:./oig.db', 'postgres:/missing-slash']) {
      expect(oneProblem({ DATABASE_URL: url }, 'DATABASE_URL')).toContain(
        'DATABASE_URL must start with postgres:// or postgresql://',
      );
    }
    expect(oneProblem({ OIG_DB_SCHEMA: 'oig' }, 'OIG_DB_SCHEMA')).toContain('needs DATABASE_URL');
    expect(
      oneProblem({ DATABASE_URL: 'postgres://h/db', OIG_DB_SCHEMA: 'Bad-Schema' }, 'OIG_DB_SCHEMA'),
    ).toContain('lower-case SQL identifier');
  });

  it('refuses a missing ACL file, naming OIG_ACL_FILE and the path', () => {
    const p = oneProblem({ OIG_ACL_FILE: MISSING }, 'OIG_ACL_FILE');
    expect(p).toContain(MISSING);
    expect(p).toContain('ENOENT');
  });

  it('refuses an ACL file that is not JSON', () => {
    const f = file('bad-acl.json', '{ "applications": [ ');
    const p = oneProblem({ OIG_ACL_FILE: f }, 'OIG_ACL_FILE');
    expect(p).toContain(`${f} is not valid JSON`);
  });

  it('refuses an ACL entry with a bad serviceType, naming the entry and field', () => {
    const f = json('bad-type-acl.json', {
      applications: [GOOD_APP, { ...GOOD_APP, applicationName: 'Other', serviceType: 'premium' }],
    });
    const p = oneProblem({ OIG_ACL_FILE: f }, 'OIG_ACL_FILE');
    expect(p).toContain(f);
    expect(p).toContain('applications.1.serviceType');
    expect(p).toMatch(/standard/);
    // The ACL problem never echoes the application passwords of the file.
    expect(p).not.toContain(`"${GOOD_APP.applicationPassword}"`);
  });

  it('refuses a license file with a negative count, naming the type', () => {
    const f = json('negative-license.json', { ...GOOD_LICENSE, dataAccess: -5 });
    const p = oneProblem({ OIG_LICENSE_FILE: f }, 'OIG_LICENSE_FILE');
    expect(p).toContain(f);
    expect(p).toContain('dataAccess must not be negative');
    expect(oneProblem({ OIG_LICENSE_FILE: MISSING }, 'OIG_LICENSE_FILE')).toContain(MISSING);
  });

  it('refuses an unreadable CA file and a CA file without PEM certificates', () => {
    const unreadable = oneProblem({ OIG_MCS_CA_FILE: path.join(dir, 'no-ca.pem') }, 'OIG_MCS_CA_FILE');
    expect(unreadable).toContain(path.join(dir, 'no-ca.pem'));
    expect(unreadable).toMatch(/cannot read/);
    const noPem = file('no-pem.pem', 'this is not a certificate\n');
    expect(oneProblem({ OIG_MCS_CA_FILE: noPem }, 'OIG_MCS_CA_FILE')).toBe(
      `OIG_MCS_CA_FILE: ${noPem} holds no PEM certificate`,
    );
    const broken = file('broken.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(oneProblem({ OIG_MCS_CA_FILE: broken }, 'OIG_MCS_CA_FILE')).toContain(broken);
  });

  it('refuses a TLS certificate without a key (and the reverse, and missing files)', () => {
    const cert = file('tls.crt', 'cert');
    const key = file('tls.key', 'key');
    const together = 'OIG_TLS_CERT_FILE and OIG_TLS_KEY_FILE must be set together';
    expect(oneProblem({ OIG_TLS_CERT_FILE: cert }, 'OIG_TLS_CERT_FILE')).toBe(together);
    expect(problemsOf({ OIG_TLS_KEY_FILE: key })).toEqual([together]);
    const p = oneProblem(
      { OIG_TLS_CERT_FILE: path.join(dir, 'nope.crt'), OIG_TLS_KEY_FILE: key },
      'OIG_TLS_CERT_FILE',
    );
    expect(p).toContain('nope.crt');
    expect(p).toContain('does not exist');
    // Files that are not a certificate and its key are refused at start, not at first request.
    expect(oneProblem({ OIG_TLS_CERT_FILE: cert, OIG_TLS_KEY_FILE: key }, 'OIG_TLS_CERT_FILE')).toMatch(
      /not a usable certificate and key/,
    );
    const ca = makeCa('tls');
    const both = loadConfig({
      OIG_TLS_CERT_FILE: file('good.crt', ca.certPem),
      OIG_TLS_KEY_FILE: file('good.key', forge.pki.privateKeyToPem(ca.key)),
    });
    expect(both.tls?.cert.toString()).toBe(ca.certPem);
  });

  it('refuses a trust-proxy setting that would let clients choose their address', () => {
    for (const bad of ['true', 'yes', '10.0.0.0/8/1', 'proxy.example.com'])
      expect(problemsOf({ OIG_TRUST_PROXY: bad }).join(), bad).toMatch(/^OIG_TRUST_PROXY:/);
    expect(loadConfig({ OIG_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ OIG_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('refuses an MCS URL that is not http(s) and a data folder that cannot be written', () => {
    expect(problemsOf({ OIG_MCS_URL: 'ftp://mcs.example.com/acl' }).join()).toMatch(/^OIG_MCS_URL: .*http/);
    const notAFolder = file('plain-file', 'x');
    expect(problemsOf({ OIG_DATA_DIR: notAFolder }).join()).toMatch(/^OIG_DATA_DIR: .*not a writable folder/);
  });

  it('log files: <OIG_DATA_DIR>/logs, 10 files of 10 MB by default; OIG_LOG_DIR and the limits; bad values refused', () => {
    const data = path.join(dir, 'data-logs');
    expect(loadConfig({ OIG_DATA_DIR: data }).logFiles).toEqual({
      dir: path.join(data, 'logs'),
      fileMaxBytes: 10 * 1024 * 1024,
      files: 10,
    });
    const logDir = path.join(dir, 'elsewhere', 'logs');
    expect(
      loadConfig({ OIG_DATA_DIR: data, OIG_LOG_DIR: logDir, OIG_LOG_FILE_MAX_MB: '1', OIG_LOG_FILES: '2' })
        .logFiles,
    ).toEqual({ dir: logDir, fileMaxBytes: 1024 * 1024, files: 2 });
    expect(oneProblem({ OIG_DATA_DIR: data, OIG_LOG_FILE_MAX_MB: '0' }, 'OIG_LOG_FILE_MAX_MB')).toMatch(
      /at least 1/,
    );
    expect(oneProblem({ OIG_DATA_DIR: data, OIG_LOG_FILE_MAX_MB: '1025' }, 'OIG_LOG_FILE_MAX_MB')).toMatch(
      /at most 1024/,
    );
    expect(oneProblem({ OIG_DATA_DIR: data, OIG_LOG_FILES: '1' }, 'OIG_LOG_FILES')).toMatch(/at least 2/);
    expect(oneProblem({ OIG_DATA_DIR: data, OIG_LOG_FILES: '101' }, 'OIG_LOG_FILES')).toMatch(/at most 100/);
    expect(oneProblem({ OIG_DATA_DIR: data, OIG_LOG_FILES: 'ten' }, 'OIG_LOG_FILES')).toMatch(/number/);
    expect(oneProblem({ OIG_DATA_DIR: data, OIG_LOG_DIR: file('log-file', 'x') }, 'OIG_LOG_DIR')).toMatch(
      /not a writable folder/,
    );
  });

  it('reports several environment problems at once', () => {
    const problems = problemsOf({
      OIG_PORT: 'x',
      DATABASE_URL: 'mysql://h/db',
      OIG_LOG_LEVEL: 'loud',
      OIG_TRUST_PROXY: 'yes',
    });
    expect(problems).toHaveLength(4);
    for (const v of ['OIG_PORT', 'DATABASE_URL', 'OIG_LOG_LEVEL', 'OIG_TRUST_PROXY'])
      expect(
        problems.some((p) => p.startsWith(`${v}:`)),
        v,
      ).toBe(true);
  });

  it('reports several file problems at once', () => {
    const problems = problemsOf({
      OIG_ACL_FILE: MISSING,
      OIG_LICENSE_FILE: json('neg2.json', { ...GOOD_LICENSE, google: -1, salesforce: -2 }),
      OIG_MCS_CA_FILE: file('no-pem-2.pem', 'nothing'),
      OIG_TLS_CERT_FILE: file('only.crt', 'c'),
    });
    expect(problems.filter((p) => p.startsWith('OIG_ACL_FILE'))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith('OIG_LICENSE_FILE'))).toHaveLength(2);
    expect(problems.filter((p) => p.startsWith('OIG_MCS_CA_FILE'))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith('OIG_TLS_CERT_FILE'))).toHaveLength(1);
    expect(problems).toHaveLength(5);
  });

  it('reports environment and file problems together ("every problem at once")', () => {
    const problems = problemsOf({ OIG_PORT: '99999', OIG_ACL_FILE: MISSING });
    expect(problems.some((p) => p.startsWith('OIG_PORT'))).toBe(true);
    expect(problems.some((p) => p.startsWith('OIG_ACL_FILE'))).toBe(true);
  });
});
