import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { migrateToLatest } from './migrations.js';
import { checkPostgres, DatabaseStartError } from './start-error.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Readiness probe: a trivial round trip. */
  ping(): Promise<void>;
  /**
   * Cross-process notifications (PostgreSQL LISTEN/NOTIFY). `onReset` runs when the listening
   * connection was lost and re-made, since notifications may have been missed meanwhile.
   * SQLite has one process only, so there it is a no-op.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReset: () => void): Promise<void>;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (bigint, count(*)) as strings; our values are epoch ms and counts.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** Opens the database chosen by the configuration and brings its schema up to date. */
export async function openDatabase(database: Config['database'], logger: Logger): Promise<DbHandle> {
  let db: Db;
  let listen: DbHandle['listen'] = async () => undefined;
  let stopListening: () => Promise<void> = async () => undefined;
  if (database.kind === 'sqlite') {
    let sqlite: SqliteDatabase.Database;
    try {
      mkdirSync(path.dirname(database.file), { recursive: true });
      sqlite = new SqliteDatabase(database.file);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new DatabaseStartError(
        `Cannot open the SQLite database ${database.file}: ${e.message ?? e.code ?? String(err)} ` +
          '(check OIG_DATA_DIR and its permissions)',
      );
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    const schema = database.schema;
    await checkPostgres(database.url);
    if (schema) {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: database.url,
      application_name: applicationName(schema),
      max: 10,
      connectionTimeoutMillis: 5_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A dropped idle connection must not crash the process: log it; the pool replaces it.
    pool.on('error', (err) => logger.warn({ err }, 'database connection lost'));
    pool.on('connect', (client) =>
      client.on('error', (err) => logger.warn({ err }, 'database connection error')),
    );
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listener = createPgListener(database.url, schema, logger);
    listen = listener.listen;
    stopListening = listener.stop;
  }
  await migrateToLatest(db as Kysely<unknown>, database.kind === 'postgres' ? database.schema : undefined);
  return {
    db,
    kind: database.kind,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    listen,
    close: async () => {
      await stopListening();
      await db.destroy();
    },
  };
}

/**
 * One dedicated connection that LISTENs. When it is lost, it re-connects with back-off (1 s
 * doubling to 30 s) for as long as it takes, and reports a reset: notifications may have been
 * missed meanwhile.
 */
function createPgListener(url: string, schema: string | undefined, logger: Logger) {
  const channels = new Map<string, { onMessage: (p: string) => void; onReset: () => void }>();
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 1_000;
  const qualified = (channel: string) => notifyChannel(channel, schema);

  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect(true).catch((err: unknown) => {
        logger.warn({ err, retryInMs: delay }, 'database notifications: reconnect failed');
        scheduleReconnect();
      });
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, 30_000);
  };

  const connect = async (isReconnect: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: applicationName(schema) });
    const lost = (err?: Error) => {
      if (stopped || client !== c) return;
      logger.warn({ err }, 'database notifications: connection lost');
      client = undefined;
      c.end().catch(() => undefined);
      scheduleReconnect();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      for (const [name, h] of channels) if (qualified(name) === n.channel) h.onMessage(n.payload ?? '');
    });
    try {
      await c.connect();
      for (const name of channels.keys()) await c.query(`LISTEN "${qualified(name)}"`);
    } catch (err) {
      c.end().catch(() => undefined);
      throw err;
    }
    client = c;
    delay = 1_000;
    if (isReconnect) {
      logger.info('database notifications: reconnected');
      for (const h of channels.values()) h.onReset();
    }
  };

  return {
    listen: async (channel: string, onMessage: (p: string) => void, onReset: () => void) => {
      channels.set(channel, { onMessage, onReset });
      if (!client) await connect(false);
      else await client.query(`LISTEN "${qualified(channel)}"`);
    },
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

/** How this gateway's connections are named in pg_stat_activity. */
export function applicationName(schema: string | undefined): string {
  return schema ? `oig-${schema}` : 'oig';
}

/** Channels are per schema, so that databases sharing one server do not hear each other. */
export function notifyChannel(channel: string, schema: string | undefined): string {
  return schema ? `${schema}_${channel}` : channel;
}

/**
 * Whether a database error means "busy, try again": SQLite still locked after busy_timeout,
 * PostgreSQL lock_not_available (55P03), deadlock (40P01) or serialization failure (40001).
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_LOCKED' ||
    code === '55P03' ||
    code === '40P01' ||
    code === '40001'
  );
}
