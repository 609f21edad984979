import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import supertest from 'supertest';
import { createApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createContext, type AppContext, type ContextOptions } from '../context.js';
import { DEFAULT_PG_TEST_URL } from './pg-server.js';

export type DbKind = 'sqlite' | 'postgres';
/**
 * Integration tests run against both databases (no silent skip). PG_TEST_URL is the server
 * global-setup.ts found or started (pg-server.ts).
 */
export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];
export const PG_URL = process.env.PG_TEST_URL || DEFAULT_PG_TEST_URL;

export const ADMIN_PASSWORD = 'admin-test-password-1';

export interface TestDb {
  kind: DbKind;
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: a temp SQLite folder or a PostgreSQL schema. */
export function freshDb(kind: DbKind): TestDb {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oig-test-'));
  if (kind === 'sqlite') {
    return {
      kind,
      dataDir,
      env: { OIG_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    kind,
    dataDir,
    env: { OIG_DATA_DIR: dataDir, DATABASE_URL: PG_URL, OIG_DB_SCHEMA: schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

export interface Harness {
  ctx: AppContext;
  app: RequestListener;
  config: Config;
  db: TestDb;
  request: () => ReturnType<typeof supertest.agent>;
  /** Closes the context (as a shutdown would) without dropping the database. */
  close(): Promise<void>;
  /** Closes and drops the database. */
  dispose(): Promise<void>;
}

/** Builds the product on a database, as index.ts does, minus the listening socket. */
export async function startHarness(
  db: TestDb,
  opts: { env?: Record<string, string>; context?: ContextOptions; start?: boolean; logger?: Logger } = {},
): Promise<Harness> {
  // No monthly-report timer unless a test asks for one: tests call ctx.usage.runMonthly() themselves.
  const config = loadConfig({
    OIG_REPORT_CHECK_S: '0',
    ...db.env,
    OIG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...opts.env,
  });
  const ctx = await createContext(
    config,
    opts.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    opts.context,
  );
  await ctx.auth.ensureFirstAdministrator(config.adminPassword);
  if (opts.start !== false) await ctx.start();
  const app = createApp(ctx, { webDist: path.join(db.dataDir, 'no-web') });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await ctx.stop();
    await ctx.db.close();
  };
  return {
    ctx,
    app,
    config,
    db,
    request: () => supertest.agent(app),
    close,
    dispose: async () => {
      await close();
      await db.drop();
    },
  };
}

/** A supertest agent signed in to the console, sending the CSRF token on every call. */
export async function signIn(h: Harness, username = 'admin', password = ADMIN_PASSWORD) {
  const agent = supertest.agent(h.app);
  const res = await agent.post('/api/v1/auth/login').send({ username, password }).expect(200);
  const csrf = res.body.csrfToken as string;
  agent.set('X-CSRF-Token', csrf);
  return { agent, csrf, cookie: res.headers['set-cookie'] as unknown as string[] };
}

/** Creates a support user through the API and signs it in. */
export async function signInSupport(h: Harness, admin: Awaited<ReturnType<typeof signIn>>['agent']) {
  await admin
    .post('/api/v1/users')
    .send({ username: 'support1', password: 'support-password-1', role: 'support' })
    .expect(201);
  return signIn(h, 'support1', 'support-password-1');
}

/** Demo ACL names (bundled): the tests log in as these. */
export const APPS = {
  google: {
    companyName: 'Mitel',
    applicationName: 'MiVoice Integration for Google',
    applicationPassword: 'demo-google-app-password',
  },
  salesforce: {
    companyName: 'Mitel',
    applicationName: 'MiVoice Integration for Salesforce',
    applicationPassword: 'demo-salesforce-app-password',
  },
  acme: {
    companyName: 'Acme',
    applicationName: 'Call Recorder',
    applicationPassword: 'demo-acme-app-password',
  },
} as const;
export const LOCAL_PASSWORD = 'local-password-1';

/** Gives an application its local password (through the admin API). */
export async function createAccount(
  agent: Awaited<ReturnType<typeof signIn>>['agent'],
  app: { companyName: string; applicationName: string },
  localPassword = LOCAL_PASSWORD,
) {
  await agent
    .post('/api/v1/accounts')
    .send({ companyName: app.companyName, applicationName: app.applicationName, localPassword })
    .expect(201);
}

export const REST_PATH = '/mitel/oig/rest/resources/v1/sessions';

/** REST login; returns the raw supertest response. */
export function restLogin(
  h: Harness,
  app: { companyName: string; applicationName: string; applicationPassword: string },
  localPassword = LOCAL_PASSWORD,
) {
  return supertest(h.app)
    .get(REST_PATH)
    .query({ applicationName: app.applicationName, companyName: app.companyName })
    .set('Authorization', localPassword)
    .set('ApplicationInfo', app.applicationPassword);
}
