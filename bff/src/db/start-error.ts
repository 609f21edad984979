/**
 * Why the database cannot be used at start-up, said as an operator needs it: which server, which
 * database or role, and what went wrong — never the password, and no stack trace.
 */
import pg from 'pg';

/** A database the product cannot start on; `message` is the whole explanation. */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}

/** Longest wait for PostgreSQL to accept a first connection at start-up. */
export const DB_CONNECT_TIMEOUT_MS = 5_000;

interface Target {
  host: string;
  port: string;
  database: string;
  user: string;
}

/** Where DATABASE_URL points (its password left out); a URL that cannot be read is an error. */
export function postgresTarget(url: string): Target {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseStartError('DATABASE_URL is not a valid URL (postgres://user@host:5432/database)');
  }
  return {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || '(the user name)',
    user: decodeURIComponent(u.username) || '(the operating-system user)',
  };
}

/** The sentence for a failed first connection to PostgreSQL. */
export function describePostgresError(err: unknown, t: Target): string {
  const e = (err ?? {}) as { code?: string; message?: string };
  const at = `PostgreSQL at ${t.host}:${t.port}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Cannot connect to ${at}: connection refused (is PostgreSQL running and listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to PostgreSQL: the host name "${t.host}" cannot be resolved`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot connect to ${at}: the host cannot be reached`;
    case 'ETIMEDOUT':
      return `Cannot connect to ${at}: it did not answer within ${DB_CONNECT_TIMEOUT_MS / 1000} s`;
    case '3D000':
      return `${at} has no database "${t.database}": create it, or name another in DATABASE_URL`;
    case '28000':
    case '28P01':
      return `${at} refused the role "${t.user}": ${e.message ?? 'authentication failed'}`;
    default:
      if (/timeout/i.test(e.message ?? ''))
        return `Cannot connect to ${at}: it did not answer within ${DB_CONNECT_TIMEOUT_MS / 1000} s`;
      return `Cannot use ${at}: ${e.message ?? String(err)}`;
  }
}

/** Connects once and closes, so a database that cannot be used is reported before anything else. */
export async function checkPostgres(url: string): Promise<void> {
  const t = postgresTarget(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS });
  // An error after connect (the server going away) must not be an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseStartError(describePostgresError(err, t));
  } finally {
    await client.end().catch(() => undefined);
  }
}
