/**
 * A database the product cannot start on is said in one sentence naming the server, the database
 * or the role — against real failures: a closed port, a server that never answers, PostgreSQL
 * itself refusing an unknown database or role.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PG_URL } from '../../test/harness.js';
import { openDatabase } from '../db.js';
import { checkPostgres, DatabaseStartError, DB_CONNECT_TIMEOUT_MS } from '../start-error.js';

const withUrl = (change: (u: URL) => void): string => {
  const u = new URL(PG_URL);
  change(u);
  return u.toString();
};

async function refusal(url: string): Promise<DatabaseStartError> {
  const err = await checkPostgres(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseStartError);
  return err as DatabaseStartError;
}

describe('start-up database errors', () => {
  it('a closed port: connection refused, with host and port, never the password', async () => {
    const e = await refusal('postgres://oig:sekret-pw@127.0.0.1:1/test');
    expect(e.message).toBe(
      'Cannot connect to PostgreSQL at 127.0.0.1:1: connection refused (is PostgreSQL running and listening there?)',
    );
    expect(e.message).not.toContain('sekret-pw');
  });

  it('an unknown database and an unknown role, as PostgreSQL refuses them', async () => {
    const db = await refusal(withUrl((u) => (u.pathname = '/oig_no_such_database')));
    expect(db.message).toMatch(/^PostgreSQL at [^ ]+:\d+ has no database "oig_no_such_database": create it/);
    const role = await refusal(withUrl((u) => (u.username = 'oig_no_such_role')));
    expect(role.message).toMatch(
      /^PostgreSQL at [^ ]+:\d+ refused the role "oig_no_such_role": .*oig_no_such_role/,
    );
  });

  it('a server that accepts and never answers: a timeout, not a hang', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const e = await refusal(`postgres://oig@127.0.0.1:${port}/test`);
      expect(e.message).toBe(
        `Cannot connect to PostgreSQL at 127.0.0.1:${port}: it did not answer within ${DB_CONNECT_TIMEOUT_MS / 1000} s`,
      );
    } finally {
      silent.close();
    }
  });

  it('a DATABASE_URL that is not a URL', async () => {
    const e = await refusal('postgres://[not-an-address/test');
    expect(e.message).toMatch(/^DATABASE_URL is not a valid URL/);
  });

  it('an SQLite file that cannot be opened names the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oig-start-'));
    const notADir = path.join(dir, 'a-file');
    writeFileSync(notADir, 'x');
    const file = path.join(notADir, 'oig.sqlite');
    const err = await openDatabase({ kind: 'sqlite', file }, pino({ level: 'silent' })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DatabaseStartError);
    expect((err as Error).message).toMatch(
      new RegExp(`^Cannot open the SQLite database ${file}: .*OIG_DATA_DIR`),
    );
  });
});
