import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { loadConfig } from '../../../config.js';
import { listLogFiles } from '../../../lib/log-files.js';
import { createProductLogger } from '../../../logger.js';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-google.js';
import {
  ADMIN_PASSWORD,
  APPS,
  DB_KINDS,
  freshDb,
  PG_URL,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import { sanitizedConfig, supportBundleZip } from '../support-bundle.js';

/** Every entry of a zip, by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const binary = (res: supertest.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => cb(null, Buffer.concat(parts)));
};

const SMTP_URL_SECRET = 'SmtpUrlSecret-7f3a';
const PG_URL_SECRET = 'PgUrlSecret-19c2';
const SMTP_PASSWORD = 'SmtpPasswordSecret-5d1e';
const LOCAL_SECRET = 'LocalPasswordSecret-a9b8';
const SUPPORT_PASSWORD = 'SupportPasswordSecret-33';
const SUPPORT_NEW_PASSWORD = 'SupportNewSecret-44x';
const WRONG_PASSWORD = 'WrongPasswordSecret-0e0e';

describe.each(DB_KINDS)('secrets never logged; the support bundle (%s)', (kind) => {
  let h: Harness;
  let flush: () => void;
  let google: FakeGoogle;
  /** Every secret the scenario used: none may be in a log file or in the bundle. */
  const secrets: string[] = [];
  let sessionId = '';

  beforeAll(async () => {
    google = await startFakeGoogle();
    const db = freshDb(kind);
    const product = await createProductLogger(
      'trace',
      { dir: path.join(db.dataDir, 'logs'), fileMaxBytes: 10 * 1024 * 1024, files: 3 },
      { stdout: false },
    );
    flush = product.flush;
    const env: Record<string, string> = {
      OIG_SMTP_URL: `smtp://mailer:${SMTP_URL_SECRET}@127.0.0.1:2525`,
      OIG_GOOGLE_API_ROOT: google.apiRoot,
      OIG_GOOGLE_TOKEN_URL: google.tokenUrl,
    };
    // Trust authentication accepts any password: the URL carries one the bundle must not.
    if (kind === 'postgres') env.DATABASE_URL = PG_URL.replace('postgres@', `postgres:${PG_URL_SECRET}@`);
    h = await startHarness(db, { logger: product.logger, env });
    secrets.push(ADMIN_PASSWORD, SMTP_URL_SECRET, SMTP_PASSWORD, LOCAL_SECRET, SUPPORT_PASSWORD);
    secrets.push(SUPPORT_NEW_PASSWORD, WRONG_PASSWORD, APPS.google.applicationPassword);
    if (kind === 'postgres') secrets.push(PG_URL_SECRET);

    // Real operations carrying secrets, at log level trace.
    const admin = await signIn(h);
    secrets.push(
      admin.csrf,
      admin.cookie
        .find((c) => c.startsWith('oig_session='))!
        .split(';')[0]!
        .slice(12),
    );
    await supertest(h.app)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: WRONG_PASSWORD })
      .expect(401);
    await admin.agent
      .post('/api/v1/users')
      .send({ username: 'support1', password: SUPPORT_PASSWORD, role: 'support' })
      .expect(201);
    const support = await signIn(h, 'support1', SUPPORT_PASSWORD);
    await support.agent
      .post('/api/v1/auth/password')
      .send({ currentPassword: SUPPORT_PASSWORD, newPassword: SUPPORT_NEW_PASSWORD })
      .expect(204);
    await admin.agent
      .post('/api/v1/accounts')
      .send({
        companyName: APPS.google.companyName,
        applicationName: APPS.google.applicationName,
        localPassword: LOCAL_SECRET,
      })
      .expect(201);
    const login = await restLogin(h, APPS.google, LOCAL_SECRET).expect(200);
    sessionId = login.body.sessionId as string;
    expect(sessionId.length).toBeGreaterThan(8);
    secrets.push(sessionId);
    await supertest(h.app).put(REST_PATH).set('Authorization', sessionId).expect(200);
    await admin.agent
      .put('/api/v1/mail/settings')
      .send({
        host: '127.0.0.1',
        port: 2525,
        tlsMode: 'none',
        username: 'mailer',
        password: SMTP_PASSWORD,
        fromAddress: 'oig@example.com',
      })
      .expect(200);
    const key = JSON.parse(google.keyJson) as { private_key: string };
    // Any line of the key's body, and the whole key file.
    secrets.push(...key.private_key.split('\n').filter((l) => l.length > 40));
    await admin.agent
      .put('/api/v1/mivoice/google')
      .send({ adminEmail: google.adminEmail, domain: google.domain, serviceAccountKey: google.keyJson })
      .expect(200);
    await admin.agent.post('/api/v1/mivoice/google/sync').expect(200);
    const tokens = google.requests.flatMap((r) =>
      r.authorization?.startsWith('Bearer ') ? [r.authorization.slice(7)] : [],
    );
    expect(tokens.length).toBeGreaterThan(0);
    secrets.push(...tokens);
    flush();
  });
  afterAll(async () => {
    await h.dispose();
    await google.close();
  });

  it('no secret reaches a log file, though the operations were logged at trace', async () => {
    const files = await listLogFiles(h.config.logFiles.dir);
    const text = files.map((f) => readFileSync(f.path, 'utf8')).join('');
    expect(text).toContain('console sign-in');
    expect(text).toContain('application logged in');
    expect(text).toContain('"module":"directory"');
    for (const s of secrets) expect(text, s).not.toContain(s);
    // A session is named by its last four characters only.
    expect(text).toContain(`"session":"${sessionId.slice(-4)}"`);
  });

  it('support downloads a zip of logs, versions, configuration without secrets, status and counts', async () => {
    const { agent } = await signIn(h, 'support1', SUPPORT_NEW_PASSWORD);
    const res = await agent.get('/api/v1/support-bundle').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="?oig-support-bundle-.*\.zip"?$/,
    );
    const entries = await unzip(res.body as Buffer);
    const names = [...entries.keys()];
    for (const n of [
      'versions.json',
      'config.json',
      'settings.json',
      'network-elements.json',
      'licensing.json',
      'counts.json',
    ])
      expect(names).toContain(n);
    expect(names.some((n) => /^logs\/oig\.\d+\.log$/.test(n))).toBe(true);
    for (const [name, bytes] of entries) {
      const text = bytes.toString('utf8');
      for (const s of secrets) expect(text, `${name}: ${s}`).not.toContain(s);
    }
    const json = (n: string) => JSON.parse(entries.get(n)!.toString('utf8')) as Record<string, any>;
    expect(json('versions.json')).toMatchObject({ product: '4.0.0', node: process.versions.node });
    expect(json('counts.json')).toMatchObject({
      liveSessions: 1,
      applications: expect.any(Number),
      consoleUsers: 2,
      refusedLoginsLast24h: { total: expect.any(Number), byReason: expect.any(Array) },
    });
    expect(json('licensing.json')).toHaveProperty('google');
    const config = json('config.json');
    expect(config.smtpUrl).toBe('smtp://%5Bredacted%5D@127.0.0.1:2525');
    expect(config.adminPassword).toBe('set (removed)');
    expect(config.acl).toMatchObject({ sourceKind: 'bundled' });
    expect(config.refusedLogins).toMatchObject({
      retentionMs: expect.any(Number),
      maxRows: expect.any(Number),
    });
    expect(config.database.kind).toBe(kind);
    if (kind === 'postgres')
      expect(config.database.url).toMatch(/^postgres:\/\/%5Bredacted%5D@127\.0\.0\.1:5432\/test$/);
    expect(json('settings.json').mail).toMatchObject({ passwordSet: true, username: 'mailer' });
    // The logs in the bundle are the files' own lines.
    const logs = names.filter((n) => n.startsWith('logs/')).map((n) => entries.get(n)!.toString('utf8'));
    expect(logs.join('')).toContain('application logged in');
  });

  it('anyone signed in, no one else', async () => {
    await supertest(h.app).get('/api/v1/support-bundle').expect(401);
  });
});

describe('supportBundleZip', () => {
  it('carries the newest log files within the byte bound, the oldest cut to its last bytes', async () => {
    const db = freshDb('sqlite');
    const dir = path.join(db.dataDir, 'logs');
    const product = await createProductLogger(
      'info',
      { dir, fileMaxBytes: 1024, files: 5 },
      { stdout: false },
    );
    for (let i = 0; i < 60; i++) {
      product.logger.info({ i, pad: 'q'.repeat(60) }, 'line');
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 5));
    }
    product.flush();
    await new Promise((r) => setTimeout(r, 20));
    // (The current file may be empty just after a rotation: an empty file is left out.)
    const files = (await listLogFiles(dir)).filter((f) => f.size > 0);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const bound = files[0]!.size + 100;
    const stream = await supportBundleZip({} as never, files, Date.now(), bound);
    const parts: Buffer[] = [];
    for await (const c of stream) parts.push(c as Buffer);
    const entries = await unzip(Buffer.concat(parts));
    expect([...entries.keys()]).toEqual([`logs/${files[0]!.name}`, `logs/${files[1]!.name}`]);
    expect(entries.get(`logs/${files[0]!.name}`)).toEqual(readFileSync(files[0]!.path));
    expect(entries.get(`logs/${files[1]!.name}`)).toEqual(readFileSync(files[1]!.path).subarray(-100));
    await db.drop();
  });

  it('sanitizedConfig: URLs without credentials, secrets as set or not, ACL and TLS never whole', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'oig-support-config-'));
    const base = loadConfig({ OIG_DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    const c = sanitizedConfig({
      ...base,
      adminPassword: undefined,
      database: { kind: 'postgres', url: 'postgres://u:pw1@db/x?password=pw2', schema: undefined },
      acl: {
        source: 's',
        sourceKind: 'file',
        file: { applications: [{ applicationPassword: 'pw3' } as never] },
      },
      mcsUrl: 'https://a:pw4@mcs/acl?token=pw5',
      mcsCa: [],
      smtpUrl: undefined,
      tls: { cert: Buffer.from('c'), key: Buffer.from('pw6') },
      google: {
        apiRoot: 'https://g:pw7@admin.example/?key=pw8&region=eu',
        tokenUrl: 'https://oauth.example/token?access_token=pw9',
        timeoutMs: 1234,
      },
    });
    const text = JSON.stringify(c);
    for (let i = 1; i <= 9; i++) expect(text).not.toContain(`pw${i}`);
    expect(c.google).toEqual({
      apiRoot: 'https://%5Bredacted%5D@admin.example/?key=%5Bredacted%5D&region=eu',
      tokenUrl: 'https://oauth.example/token?access_token=%5Bredacted%5D',
      timeoutMs: 1234,
    });
    expect(c.adminPassword).toBe('not set');
    expect(c.smtpUrl).toBeNull();
    expect(c.acl).toEqual({ source: 's', sourceKind: 'file', applications: 1 });
  });
});

/** This process's open file descriptors on files in `dir`. */
function openIn(dir: string): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${dir}/`)) n++;
    } catch {
      // closed meanwhile (the descriptor readdir itself used)
    }
  }
  return n;
}

describe.skipIf(process.platform !== 'linux')('a support bundle download the client abandons', () => {
  let h: Harness;
  let server: Server;
  beforeAll(async () => {
    h = await startHarness(freshDb('sqlite'));
    // 6 × 3 MB of random bytes (deflate cannot shrink them): far more than one read of the socket.
    mkdirSync(h.config.logFiles.dir, { recursive: true });
    for (let n = 1; n <= 6; n++)
      writeFileSync(path.join(h.config.logFiles.dir, `oig.${n}.log`), randomBytes(3 << 20));
    server = createServer(h.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.dispose();
  });

  it('closes every log file it had opened once the connection is gone', async () => {
    const dir = h.config.logFiles.dir;
    const { cookie } = await signIn(h);
    expect(openIn(dir)).toBe(0);
    const { port } = server.address() as AddressInfo;
    const openWhileSending = await new Promise<number>((resolve, reject) => {
      const req = get(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v1/support-bundle',
          headers: { cookie: cookie.map((c) => c.split(';')[0]).join('; ') },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            const n = openIn(dir);
            req.destroy();
            resolve(n);
          });
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ECONNRESET') reject(e);
      });
    });
    // Every file was opened before the zip began, and most were still to be read.
    expect(openWhileSending).toBe(6);
    // The server sees the connection close a moment later; the files must not wait for the GC.
    let open = openWhileSending;
    for (let i = 0; i < 200 && open > 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      open = openIn(dir);
    }
    expect(open).toBe(0);
    // The server is still up.
    await supertest(h.app).get('/api/v1/support-bundle').expect(401);
  });
});
