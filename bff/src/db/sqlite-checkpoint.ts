import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Db } from './db.js';

/**
 * The WAL checkpoint after a large SQLite write, off the event loop.
 *
 * SQLite checkpoints on the connection that commits, inside its COMMIT, once the WAL holds more
 * than 1,000 pages: after an import that wrote tens of MB that COMMIT copies them all into the
 * database file — ~100 ms on the main thread. A large writer therefore turns the automatic
 * checkpoint off for its transaction (`holdCheckpoints`), and after its commit a worker thread
 * with its own connection runs a PASSIVE checkpoint (which never blocks the main connection's
 * readers or writers); the automatic checkpoint comes back when the last such worker is done.
 */

const requireHere = createRequire(import.meta.url);
/** better-sqlite3 as this module resolves it (the worker loads the same one). */
const SQLITE_MODULE = requireHere.resolve('better-sqlite3');
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)'));
} finally {
  db.close();
}`;

/** SQLite's own default (pages). */
const AUTO_CHECKPOINT_PAGES = 1_000;
const held = new WeakMap<Db, number>();

/** Runs a PASSIVE checkpoint of the database file in a worker thread. */
export function checkpointInWorker(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: SQLITE_MODULE, file } });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`checkpoint worker exited ${code}`)),
    );
  });
}

/** Turns the automatic checkpoint off until `releaseCheckpoints` (nested holds are counted). */
export async function holdCheckpoints(db: Db): Promise<void> {
  const n = held.get(db) ?? 0;
  held.set(db, n + 1);
  if (n === 0) await sql`pragma wal_autocheckpoint = 0`.execute(db);
}

/**
 * After the held write committed (or not): checkpoints in a worker, then gives the automatic
 * checkpoint back when no other hold is left. Never rejects (a failed checkpoint is retried by
 * the next one; SQLite's own runs again).
 */
export async function releaseCheckpoints(db: Db, onError: (err: unknown) => void): Promise<void> {
  try {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
    const file = rows.find((r) => r.name === 'main')?.file;
    if (file) await checkpointInWorker(file);
  } catch (err) {
    onError(err);
  } finally {
    const n = (held.get(db) ?? 1) - 1;
    held.set(db, n);
    if (n === 0)
      await sql`pragma wal_autocheckpoint = ${sql.raw(String(AUTO_CHECKPOINT_PAGES))}`
        .execute(db)
        .catch(onError);
  }
}
