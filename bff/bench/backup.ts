/**
 * Benchmark phase 11: configuration backup and restore at a large configuration — 250 network
 * elements, 1,500 application accounts and a 100,000-row user list — on SQLite and PostgreSQL.
 * In this process (createContext, no server): the backup (read, gzip, scrypt, AES-256-GCM), a dry
 * run of it against the same configuration (every section compared), and a real restore into a
 * configuration from which those rows were deleted (everything written in one transaction). For
 * each: the wall time and the longest event-loop stall meanwhile (monitorEventLoopDelay; the
 * budget is 100 ms).
 *
 * Alone: `BENCH_PHASES=backup npm run bench`, or
 * `node --conditions=@oig/source --import tsx bench/backup.ts`.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DB_KINDS, freshDb, startHarness, type DbKind } from '../src/test/harness.js';
import { seedUserList } from '../src/test/user-list-data.js';
import type { SummaryRow } from './scale-out.js';

const ELEMENTS = 250;
const ACCOUNTS = 1_500;
const USERS = 100_000;
const PASSPHRASE = 'bench backup passphrase';
const STALL_TARGET_MS = 100;
const ACTOR = { username: 'bench', role: 'administrator' as const, address: null };

export interface BackupFigure {
  kind: DbKind;
  bytes: number;
  backupMs: number;
  backupStallMs: number;
  dryRunMs: number;
  dryRunStallMs: number;
  restoreMs: number;
  restoreStallMs: number;
  restoredRows: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  h.disable();
  return { value, ms, stallMs: h.max / 1e6 };
}

async function one(kind: DbKind, log: (s: string) => void): Promise<BackupFigure> {
  const h = await startHarness(freshDb(kind), { start: false });
  try {
    const db = h.ctx.db.db;
    const now = Date.now();
    for (let i = 0; i < ACCOUNTS; i += 500)
      await db
        .insertInto('accounts')
        .values(
          Array.from({ length: Math.min(500, ACCOUNTS - i) }, (_, j) => ({
            company_name: `Company ${Math.floor((i + j) / 10)}`,
            application_name: `Application ${i + j}`,
            local_password_hash: `scrypt$16384$8$1$${'a'.repeat(22)}$${'b'.repeat(43)}`,
            enabled: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    await db
      .insertInto('network_elements')
      .values(
        Array.from({ length: ELEMENTS }, (_, i) => ({
          id: randomUUID(),
          type: 'mivb' as const,
          setup: 'default' as const,
          ip_address: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`,
          version: null,
          settings: null,
          status: 'unknown' as const,
          status_detail: null,
          last_checked_at: null,
          created_at: now,
          updated_at: now,
          open_media_logon_id: null,
          open_media_password: null,
        })),
      )
      .execute();
    await seedUserList(h, USERS);

    const backup = await timed(() => h.ctx.backup.create(PASSPHRASE, ACTOR));
    const file = { name: 'bench.oigbackup', bytes: backup.value.bytes };
    log(
      `  ${kind}: backup ${backup.ms.toFixed(0)} ms, ${(file.bytes.length / 1024 / 1024).toFixed(2)} MB, ` +
        `longest stall ${backup.stallMs.toFixed(1)} ms`,
    );
    const dry = await timed(() => h.ctx.backup.restore(file, PASSPHRASE, true, ACTOR));
    const changes = dry.value.sections.reduce((n, s) => n + s.added + s.changed + s.removed, 0);
    if (changes !== 0) throw new Error(`the dry run of an unchanged configuration found ${changes} changes`);
    log(
      `  ${kind}: dry run (all unchanged) ${dry.ms.toFixed(0)} ms, longest stall ${dry.stallMs.toFixed(1)} ms`,
    );

    await db.deleteFrom('mivoice_users').execute();
    await db.deleteFrom('accounts').execute();
    await db.deleteFrom('network_elements').execute();
    const restore = await timed(() => h.ctx.backup.restore(file, PASSPHRASE, false, ACTOR));
    const restoredRows = restore.value.sections.reduce((n, s) => n + s.added, 0);
    if (restoredRows !== USERS + ACCOUNTS + ELEMENTS)
      throw new Error(`the restore added ${restoredRows} rows, not ${USERS + ACCOUNTS + ELEMENTS}`);
    log(
      `  ${kind}: restore (${restoredRows.toLocaleString('en-US')} rows written) ${restore.ms.toFixed(0)} ms, ` +
        `longest stall ${restore.stallMs.toFixed(1)} ms`,
    );
    return {
      kind,
      bytes: file.bytes.length,
      backupMs: backup.ms,
      backupStallMs: backup.stallMs,
      dryRunMs: dry.ms,
      dryRunStallMs: dry.stallMs,
      restoreMs: restore.ms,
      restoreStallMs: restore.stallMs,
      restoredRows,
    };
  } finally {
    await h.dispose();
  }
}

export async function backupBench(log: (s: string) => void): Promise<BackupFigure[]> {
  log(
    `\n[10] configuration backup and restore: ${ELEMENTS} network elements, ` +
      `${ACCOUNTS.toLocaleString('en-US')} accounts, ${USERS.toLocaleString('en-US')}-row user list`,
  );
  const out: BackupFigure[] = [];
  for (const kind of DB_KINDS) out.push(await one(kind, log));
  return out;
}

export function backupRows(figures: BackupFigure[]): SummaryRow[] {
  return figures.flatMap((f): SummaryRow[] => [
    [
      `Configuration backup (${f.kind}; 100,000 users, 1,500 accounts, 250 elements)`,
      `${f.backupMs.toFixed(0)} ms, ${(f.bytes / 1024 / 1024).toFixed(1)} MB (stall ${f.backupStallMs.toFixed(0)} ms)`,
      `stall <= ${STALL_TARGET_MS} ms`,
      f.backupStallMs <= STALL_TARGET_MS,
    ],
    [
      `  dry run of it, unchanged (${f.kind})`,
      `${f.dryRunMs.toFixed(0)} ms (stall ${f.dryRunStallMs.toFixed(0)} ms)`,
      `stall <= ${STALL_TARGET_MS} ms`,
      f.dryRunStallMs <= STALL_TARGET_MS,
    ],
    [
      `  restore, ${f.restoredRows.toLocaleString('en-US')} rows in one transaction (${f.kind})`,
      `${f.restoreMs.toFixed(0)} ms (stall ${f.restoreStallMs.toFixed(0)} ms)`,
      `stall <= ${STALL_TARGET_MS} ms`,
      f.restoreStallMs <= STALL_TARGET_MS,
    ],
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await backupBench((s) => console.log(s));
  console.log(JSON.stringify(figures));
}
