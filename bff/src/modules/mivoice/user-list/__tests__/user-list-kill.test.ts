import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../config.js';
import type { MivoiceUsersTable } from '../../../../db/schema.js';
import { DB_KINDS, freshDb, startHarness, type TestDb } from '../../../../test/harness.js';
import { csv, HEADER, row, seed, stored } from './user-list-fixtures.js';

const CHILD = fileURLToPath(new URL('./user-list-kill.child.ts', import.meta.url));
const BFF_DIR = fileURLToPath(new URL('../../../../../', import.meta.url));

/** The list before: 2,000 numbers of 400 users. */
const OLD = Array.from({ length: 2_000 }, (_, i) =>
  row({
    primary_email: `user${i % 400}@example.com`,
    phone_number: `+1 202 555 ${String(i).padStart(4, '0')}`,
    full_name: `User ${i % 400}`,
  }),
);
/** The file: deletes 500 of them, renames the other 1,500, adds 28,000 numbers. */
const FILE_ROWS = [
  ...OLD.slice(0, 500).map((r) => `${r.primary_email},,,,${r.phone_number},,yes,`),
  ...OLD.slice(500).map((r) => `${r.primary_email},Renamed ${r.full_name},,,${r.phone_number},work,,csv`),
  ...Array.from(
    { length: 28_000 },
    (_, i) =>
      `new${i % 5_000}@example.com,New ${i},New,${i},+44 20 ${String(i).padStart(8, '0')},mobile,,import`,
  ),
];
const byKey = (rows: MivoiceUsersTable[]) =>
  rows.slice().sort((a, b) => (a.phone_key < b.phone_key ? -1 : a.phone_key > b.phone_key ? 1 : 0));
const withoutTime = (rows: MivoiceUsersTable[]) => rows.map((r) => ({ ...r, updated_at: 0 }));
/** The list before, and exactly the list the file makes of it (times aside), in key order. */
const OLD_LIST = withoutTime(byKey(OLD));
const NEW_LIST = withoutTime(
  byKey([
    ...OLD.slice(500).map((r) => ({
      ...r,
      full_name: `Renamed ${r.full_name}`,
      given_name: '',
      family_name: '',
      phone_type: 'work' as const,
      record_source: 'csv',
    })),
    ...Array.from({ length: 28_000 }, (_, i) =>
      row({
        primary_email: `new${i % 5_000}@example.com`,
        full_name: `New ${i}`,
        given_name: 'New',
        family_name: String(i),
        phone_number: `+44 20 ${String(i).padStart(8, '0')}`,
        phone_type: 'mobile',
        record_source: 'import',
      }),
    ),
  ]),
);

interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line starting with `prefix`. */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(db: TestDb, file: string, mode: 'block' | 'run'): Child {
  const env = {
    ...process.env,
    DATABASE_URL: db.env.DATABASE_URL ?? '',
    OIG_DB_SCHEMA: db.env.OIG_DB_SCHEMA ?? '',
  };
  const proc = spawn(
    process.execPath,
    ['--conditions=@oig/source', '--import', 'tsx', CHILD, db.dataDir, file, mode],
    { cwd: BFF_DIR, stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (l: string) => void }> = [];
  let stderr = '';
  let buf = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) !== -1) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const w of waiters.splice(0))
        if (line.startsWith(w.prefix)) w.resolve(line);
        else waiters.push(w);
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    exited,
    waitFor: (prefix, timeoutMs = 15_000) =>
      new Promise<string>((resolve, reject) => {
        const seen = lines.find((l) => l.startsWith(prefix));
        if (seen) return resolve(seen);
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `child: no "${prefix}" line within ${timeoutMs} ms; stdout: ${lines.join(' | ')}; stderr: ${stderr}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() =>
          setTimeout(
            () =>
              reject(
                new Error(`child exited before "${prefix}"; stdout: ${lines.join(' | ')}; stderr: ${stderr}`),
              ),
            50,
          ),
        );
      }),
  };
}

describe.each(DB_KINDS)(
  'a process killed during an import leaves the old list (%s, all or nothing)',
  (kind) => {
    let db: TestDb;
    let file: string;
    let dbFile: string | undefined;
    const children = new Set<ChildProcess>();

    const readList = async () => {
      const h = await startHarness(db, { start: false });
      try {
        return await stored(h);
      } finally {
        await h.close();
      }
    };
    /** SQLite: the file's own integrity check; PostgreSQL keeps its own (nothing to check from here). */
    const integrity = () => {
      if (!dbFile) return 'ok';
      const s = new SqliteDatabase(dbFile, { readonly: true });
      try {
        return s.pragma('integrity_check', { simple: true });
      } finally {
        s.close();
      }
    };

    /** Every test starts from the old list: they do not depend on each other. */
    const seedOld = async () => {
      const h = await startHarness(db, { start: false });
      try {
        await seed(h, OLD);
      } finally {
        await h.close();
      }
    };

    beforeAll(async () => {
      db = freshDb(kind);
      file = path.join(db.dataDir, 'big.csv');
      writeFileSync(file, csv([HEADER, ...FILE_ROWS]));
      const config = loadConfig(db.env);
      dbFile = config.database.kind === 'sqlite' ? config.database.file : undefined;
    });
    afterAll(async () => {
      for (const c of children) c.kill('SIGKILL');
      await db?.drop();
    });

    const run = (mode: 'block' | 'run') => {
      const c = startChild(db, file, mode);
      children.add(c.proc);
      void c.exited.then(() => children.delete(c.proc));
      return c;
    };

    beforeEach(seedOld);

    it('SIGKILL with the transaction open, after chunks were written: the list is exactly the old one', async () => {
      const c = run('block');
      const marker = await c.waitFor('CHUNK ');
      // At least one chunk of the import went to the database inside the transaction.
      expect(Number(marker.split(' ')[1])).toBeGreaterThanOrEqual(500);
      c.proc.kill('SIGKILL');
      expect(await c.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(integrity()).toBe('ok');
      expect(await readList()).toEqual(byKey(OLD));
    });

    it.each(['first chunk', 'READY + 250 ms'] as const)(
      'SIGKILL at some moment of the import (%s): the list is exactly the old one or exactly the new one, never a mix',
      async (when) => {
        const c = run('run');
        if (when === 'first chunk') await c.waitFor('CHUNK ');
        else {
          await c.waitFor('READY');
          await new Promise((r) => setTimeout(r, 250));
        }
        c.proc.kill('SIGKILL');
        await c.exited;
        expect(integrity()).toBe('ok');
        // Which one depends on timing; that it is one of them, exactly, does not.
        expect([OLD_LIST, NEW_LIST]).toContainEqual(withoutTime(await readList()));
      },
    );

    it('the same import left to finish replaces the list exactly (so the kills above did interrupt real writes)', async () => {
      const c = run('run');
      const done = await c.waitFor('DONE ', 20_000);
      expect(await c.exited).toEqual({ code: 0, signal: null });
      expect(JSON.parse(done.slice(5))).toMatchObject({
        added: 28_000,
        updated: 1_500,
        deleted: 500,
        unchanged: 0,
        errors: 0,
        applied: true,
      });
      expect(withoutTime(await readList())).toEqual(NEW_LIST);
    });
  },
);
