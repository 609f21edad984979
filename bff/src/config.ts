import { X509Certificate } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { createSecureContext } from 'node:tls';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isTimeZone, systemTimeZone } from './modules/usage/index.js';
import {
  aclFileSchema,
  DEMO_LICENSE_SOURCE,
  licenseFileSchema,
  MICC_OPEN_MEDIA_PORT,
  type AclFile,
  type LicenseFile,
} from '@oig/shared';

/** Folder of files shipped with the BFF (demo ACL and license inventory). */
export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

const intFromEnv = (name: string, def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(def);

const envSchema = z.object({
  OIG_HOST: z.string().min(1).default('127.0.0.1'),
  OIG_PORT: intFromEnv('OIG_PORT', 8080, 0, 65_535),
  OIG_DATA_DIR: z.string().min(1).default('./data'),
  OIG_ADMIN_PASSWORD: z
    .string()
    .min(8, 'OIG_ADMIN_PASSWORD must be at least 8 characters')
    .max(256)
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  OIG_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'OIG_DB_SCHEMA must be a lower-case SQL identifier')
    .optional(),
  OIG_ACL_FILE: z.string().optional(),
  OIG_MCS_URL: z
    .url({ protocol: /^https?$/, error: 'OIG_MCS_URL must be an http:// or https:// URL' })
    .optional(),
  OIG_MCS_TIMEOUT_MS: intFromEnv('OIG_MCS_TIMEOUT_MS', 5_000, 100, 60_000),
  OIG_MCS_CA_FILE: z.string().optional(),
  OIG_PROBE_INTERVAL_S: intFromEnv('OIG_PROBE_INTERVAL_S', 60, 0, 86_400),
  OIG_PROBE_TIMEOUT_MS: intFromEnv('OIG_PROBE_TIMEOUT_MS', 3_000, 50, 60_000),
  OIG_MIVB_PROBE_PORT: intFromEnv('OIG_MIVB_PROBE_PORT', 443, 1, 65_535),
  OIG_MICC_PORT: intFromEnv('OIG_MICC_PORT', MICC_OPEN_MEDIA_PORT, 1, 65_535),
  OIG_MICC_TIMEOUT_MS: intFromEnv('OIG_MICC_TIMEOUT_MS', 5_000, 100, 60_000),
  OIG_OPEN_MEDIA_POLL_MS: intFromEnv('OIG_OPEN_MEDIA_POLL_MS', 2_000, 0, 60_000),
  OIG_OPEN_MEDIA_RETENTION_MIN: intFromEnv('OIG_OPEN_MEDIA_RETENTION_MIN', 30, 1, 10_080),
  OIG_LICENSE_FILE: z.string().optional(),
  OIG_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'OIG_SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  OIG_SOAP_KEEPALIVE_S: intFromEnv('OIG_SOAP_KEEPALIVE_S', 10, 1, 86_400),
  OIG_REST_KEEPALIVE_S: intFromEnv('OIG_REST_KEEPALIVE_S', 600, 1, 86_400),
  OIG_KEEPALIVE_GRACE_MS: intFromEnv('OIG_KEEPALIVE_GRACE_MS', 2_000, 0, 60_000),
  OIG_TLS_CERT_FILE: z.string().optional(),
  OIG_TLS_KEY_FILE: z.string().optional(),
  OIG_NAME: z
    .string()
    .trim()
    .min(1, 'OIG_NAME must not be empty')
    .max(100, 'OIG_NAME is at most 100 characters')
    .regex(/^[^\r\n]*$/, 'OIG_NAME must not contain line breaks')
    .optional(),
  OIG_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'OIG_TIME_ZONE must be an IANA time zone, e.g. Europe/Paris or UTC')
    .optional(),
  OIG_REPORT_CHECK_S: intFromEnv('OIG_REPORT_CHECK_S', 300, 0, 86_400),
  OIG_HISTORY_RETENTION_DAYS: intFromEnv('OIG_HISTORY_RETENTION_DAYS', 400, 62, 3_650),
  OIG_MAIL_RETENTION_DAYS: intFromEnv('OIG_MAIL_RETENTION_DAYS', 30, 1, 3_650),
  OIG_REFUSED_LOGIN_RETENTION_DAYS: intFromEnv('OIG_REFUSED_LOGIN_RETENTION_DAYS', 30, 1, 400),
  OIG_REFUSED_LOGIN_MAX_ROWS: intFromEnv('OIG_REFUSED_LOGIN_MAX_ROWS', 100_000, 1_000, 100_000),
  OIG_GOOGLE_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'OIG_GOOGLE_API_ROOT must be an http:// or https:// URL' })
    .default('https://admin.googleapis.com/'),
  OIG_GOOGLE_TOKEN_URL: z
    .url({ protocol: /^https?$/, error: 'OIG_GOOGLE_TOKEN_URL must be an http:// or https:// URL' })
    .default('https://oauth2.googleapis.com/token'),
  OIG_GOOGLE_TIMEOUT_MS: intFromEnv('OIG_GOOGLE_TIMEOUT_MS', 15_000, 100, 300_000),
  OIG_LOG_LEVEL: z.enum(['error', 'warning', 'info', 'trace']).default('info'),
  OIG_LOG_DIR: z.string().min(1).optional(),
  OIG_LOG_FILE_MAX_MB: intFromEnv('OIG_LOG_FILE_MAX_MB', 10, 1, 1_024),
  OIG_LOG_FILES: intFromEnv('OIG_LOG_FILES', 10, 2, 100),
  OIG_TRUST_PROXY: z
    .string()
    .refine(isTrustProxySetting, {
      error:
        'OIG_TRUST_PROXY must be false, a number of proxy hops, or a comma list of proxy addresses/CIDRs ' +
        '(loopback, linklocal, uniquelocal allowed); "true" would let any client choose its address',
    })
    .default('false'),
});

/** false, a hop count, or proxy addresses: IPs, CIDRs, and proxy-addr's named ranges. */
function isTrustProxySetting(v: string): boolean {
  if (v === 'false' || /^\d{1,2}$/.test(v)) return true;
  return v.split(',').every((t) => {
    const [ip, bits, ...rest] = t.trim().split('/');
    if (rest.length > 0) return false;
    if (bits === undefined && ['loopback', 'linklocal', 'uniquelocal'].includes(ip ?? '')) return true;
    return !!ip && isIP(ip) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
  });
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  adminPassword: string | undefined;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string | undefined };
  acl: { source: string; sourceKind: 'bundled' | 'file'; file: AclFile };
  mcsUrl: string | undefined;
  /** Connect + answer limit of one ACL fetch from the MCS. */
  mcsTimeoutMs: number;
  /** Network-element reachability probe: period (0 = only on demand), timeout, ports. */
  probe: { intervalMs: number; timeoutMs: number; mivbPort: number; miccPort: number };
  /**
   * MiContact Center Open Media: the service port (OIG_MICC_PORT, shared with the probe), the
   * limit of one SOAP exchange, how long a read reuses the last poll of the request list, and how
   * long an ended request stays listed (the MiCC's DataExpiration, on the MiCC's clock).
   */
  openMedia: { port: number; timeoutMs: number; pollMs: number; retentionMs: number };
  /** Trusted CA certificates for advanced login; empty = advanced login refused. */
  mcsCa: X509Certificate[];
  license: { source: string; inventory: LicenseFile };
  smtpUrl: string | undefined;
  keepAlive: { soapMs: number; restMs: number; graceMs: number };
  tls: { cert: Buffer; key: Buffer } | undefined;
  logLevel: 'error' | 'warning' | 'info' | 'trace';
  /**
   * The rotating log files: their folder (OIG_LOG_DIR, default `<OIG_DATA_DIR>/logs`), the size at
   * which the current file is closed and a new one begun, and how many files are kept in all
   * (the current one included): at most about `fileMaxBytes × files` on disk.
   */
  logFiles: { dir: string; fileMaxBytes: number; files: number };
  /** This OIG as the usage report names it (OIG_NAME, else the host name). */
  instanceName: string;
  /** Days and months of usage and of the monthly report are those of this IANA zone. */
  timeZone: string;
  /** How often each process checks whether a monthly usage report is due (0 = never). */
  reportCheckMs: number;
  /** Ended sessions are kept this long, then pruned (the usage report's 12-month catch-up needs 400 days). */
  historyRetentionMs: number;
  /** Mail outbox messages that are done (sent, saved, failed, discarded) are kept this long, then pruned. */
  mailRetentionMs: number;
  /** Refused application logins are kept this long and at most this many rows (the oldest pruned first). */
  refusedLogins: { retentionMs: number; maxRows: number };
  /** Google Admin SDK Directory API: its root, the OAuth token endpoint, and the limit of one request. */
  google: { apiRoot: string; tokenUrl: string; timeoutMs: number };
  /** Which proxies' X-Forwarded-For to believe: none, the nearest N hops, or these addresses. */
  trustProxy: false | number | string[];
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function readJsonFile<T>(
  file: string,
  label: string,
  schema: z.ZodType<T>,
  problems: string[],
): T | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push(
      `${label}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    problems.push(`${label}: ${file} is not valid JSON (${(e as Error).message})`);
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${label}: ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

/** Splits a PEM bundle into X.509 certificates. */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/** Reads and validates the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const cleaned = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, blank(env[k])]));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    // Report bad variables and bad files together: check the files with the raw values too.
    problems.push(...parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.success ? parsed.data : (cleaned as unknown as z.infer<typeof envSchema>);
  const dataDir = path.resolve(e.OIG_DATA_DIR ?? './data');

  const aclFile = e.OIG_ACL_FILE ? path.resolve(e.OIG_ACL_FILE) : path.join(ASSETS_DIR, 'demo-acl.json');
  const acl = readJsonFile(aclFile, e.OIG_ACL_FILE ? 'OIG_ACL_FILE' : 'bundled ACL', aclFileSchema, problems);
  const licFile = e.OIG_LICENSE_FILE
    ? path.resolve(e.OIG_LICENSE_FILE)
    : path.join(ASSETS_DIR, 'demo-license.json');
  const license = readJsonFile(
    licFile,
    e.OIG_LICENSE_FILE ? 'OIG_LICENSE_FILE' : 'bundled license',
    licenseFileSchema,
    problems,
  );

  let mcsCa: X509Certificate[] = [];
  if (e.OIG_MCS_CA_FILE) {
    try {
      mcsCa = parsePemBundle(readFileSync(e.OIG_MCS_CA_FILE, 'utf8'));
      if (mcsCa.length === 0) problems.push(`OIG_MCS_CA_FILE: ${e.OIG_MCS_CA_FILE} holds no PEM certificate`);
    } catch (err) {
      problems.push(
        `OIG_MCS_CA_FILE: cannot read ${e.OIG_MCS_CA_FILE} as PEM certificates (${(err as Error).message})`,
      );
    }
  }

  let tls: Config['tls'];
  if (Boolean(e.OIG_TLS_CERT_FILE) !== Boolean(e.OIG_TLS_KEY_FILE)) {
    problems.push('OIG_TLS_CERT_FILE and OIG_TLS_KEY_FILE must be set together');
  } else if (e.OIG_TLS_CERT_FILE && e.OIG_TLS_KEY_FILE) {
    for (const [k, f] of [
      ['OIG_TLS_CERT_FILE', e.OIG_TLS_CERT_FILE],
      ['OIG_TLS_KEY_FILE', e.OIG_TLS_KEY_FILE],
    ] as const) {
      if (!existsSync(f)) problems.push(`${k}: ${f} does not exist`);
    }
    if (problems.length === 0) {
      tls = { cert: readFileSync(e.OIG_TLS_CERT_FILE), key: readFileSync(e.OIG_TLS_KEY_FILE) };
      try {
        createSecureContext(tls); // a bad PEM or a key that does not fit the certificate
      } catch (err) {
        problems.push(
          `OIG_TLS_CERT_FILE/OIG_TLS_KEY_FILE: not a usable certificate and key (${(err as Error).message})`,
        );
      }
    }
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    problems.push(`OIG_DATA_DIR: ${dataDir} is not a writable folder (${why})`);
  }
  const logDir = e.OIG_LOG_DIR ? path.resolve(e.OIG_LOG_DIR) : path.join(dataDir, 'logs');
  try {
    mkdirSync(logDir, { recursive: true });
    accessSync(logDir, constants.W_OK);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    problems.push(`OIG_LOG_DIR: ${logDir} is not a writable folder (${why})`);
  }
  if (e.OIG_DB_SCHEMA && !e.DATABASE_URL)
    problems.push('OIG_DB_SCHEMA needs DATABASE_URL (it selects a PostgreSQL schema)');

  if (!parsed.success || problems.length > 0 || !acl || !license) throw new ConfigError(problems);
  return {
    host: e.OIG_HOST,
    port: e.OIG_PORT,
    dataDir,
    adminPassword: e.OIG_ADMIN_PASSWORD,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.OIG_DB_SCHEMA }
      : { kind: 'sqlite', file: path.join(dataDir, 'oig.sqlite') },
    acl: {
      source: e.OIG_ACL_FILE ? aclFile : 'bundled demo ACL',
      sourceKind: e.OIG_ACL_FILE ? 'file' : 'bundled',
      file: acl,
    },
    mcsUrl: e.OIG_MCS_URL,
    mcsTimeoutMs: e.OIG_MCS_TIMEOUT_MS,
    probe: {
      intervalMs: e.OIG_PROBE_INTERVAL_S * 1000,
      timeoutMs: e.OIG_PROBE_TIMEOUT_MS,
      mivbPort: e.OIG_MIVB_PROBE_PORT,
      miccPort: e.OIG_MICC_PORT,
    },
    openMedia: {
      port: e.OIG_MICC_PORT,
      timeoutMs: e.OIG_MICC_TIMEOUT_MS,
      pollMs: e.OIG_OPEN_MEDIA_POLL_MS,
      retentionMs: e.OIG_OPEN_MEDIA_RETENTION_MIN * 60_000,
    },
    mcsCa,
    license: { source: e.OIG_LICENSE_FILE ? licFile : DEMO_LICENSE_SOURCE, inventory: license },
    smtpUrl: e.OIG_SMTP_URL,
    keepAlive: {
      soapMs: e.OIG_SOAP_KEEPALIVE_S * 1000,
      restMs: e.OIG_REST_KEEPALIVE_S * 1000,
      graceMs: e.OIG_KEEPALIVE_GRACE_MS,
    },
    tls,
    logLevel: e.OIG_LOG_LEVEL,
    logFiles: { dir: logDir, fileMaxBytes: e.OIG_LOG_FILE_MAX_MB * 1024 * 1024, files: e.OIG_LOG_FILES },
    instanceName: e.OIG_NAME ?? hostname(),
    timeZone: e.OIG_TIME_ZONE ?? systemTimeZone(),
    reportCheckMs: e.OIG_REPORT_CHECK_S * 1000,
    historyRetentionMs: e.OIG_HISTORY_RETENTION_DAYS * 86_400_000,
    mailRetentionMs: e.OIG_MAIL_RETENTION_DAYS * 86_400_000,
    refusedLogins: {
      retentionMs: e.OIG_REFUSED_LOGIN_RETENTION_DAYS * 86_400_000,
      maxRows: e.OIG_REFUSED_LOGIN_MAX_ROWS,
    },
    google: {
      apiRoot: e.OIG_GOOGLE_API_ROOT,
      tokenUrl: e.OIG_GOOGLE_TOKEN_URL,
      timeoutMs: e.OIG_GOOGLE_TIMEOUT_MS,
    },
    trustProxy:
      e.OIG_TRUST_PROXY === 'false'
        ? false
        : /^\d+$/.test(e.OIG_TRUST_PROXY)
          ? Number(e.OIG_TRUST_PROXY)
          : e.OIG_TRUST_PROXY.split(',').map((a) => a.trim()),
  };
}
