/**
 * A process that imports a user-list file into the database of `dataDir` (or the PostgreSQL
 * schema named by DATABASE_URL and OIG_DB_SCHEMA in its environment), as the BFF does (parse,
 * one transaction, chunked writes). Used by user-list-kill.test.ts, which kills it
 * with SIGKILL in the middle of the transaction.
 *
 *   node --conditions=@oig/source --import tsx user-list-kill.child.ts <dataDir> <csvFile> <block|run>
 *
 * After each chunk written inside the transaction it prints `CHUNK <rows written>`; with
 * `block` it then stops there (the transaction open) until it is killed. At the end it prints
 * `DONE <report JSON>`.
 */
import { readFileSync, writeSync } from 'node:fs';
import pino from 'pino';
import { loadConfig } from '../../../../config.js';
import { openDatabase } from '../../../../db/db.js';
import { createUserListRepo } from '../user-list.repo.js';
import { createUserListService } from '../user-list.service.js';

const [dataDir, csvFile, mode] = process.argv.slice(2);
if (!dataDir || !csvFile || (mode !== 'block' && mode !== 'run'))
  throw new Error('usage: <dataDir> <csvFile> <block|run>');

// Synchronous writes: the line is in the pipe before the process can be killed.
const say = (line: string) => writeSync(1, `${line}\n`);
const stall = new Int32Array(new SharedArrayBuffer(4));

const fromEnv = Object.fromEntries(
  (['DATABASE_URL', 'OIG_DB_SCHEMA'] as const).flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])),
);
const config = loadConfig({ ...fromEnv, OIG_DATA_DIR: dataDir, OIG_ADMIN_PASSWORD: 'child-password-1' });
const logger = pino({ level: 'silent' });
const db = await openDatabase(config.database, logger);
const repo = createUserListRepo(db.db, db.kind, {
  writeChunk: 2_000,
  afterChunk: (written) => {
    say(`CHUNK ${written}`);
    // Hold the transaction open until the parent kills this process (bounded, in case it does not).
    if (mode === 'block') Atomics.wait(stall, 0, 0, 30_000);
  },
});
const service = createUserListService({
  repo,
  mail: {
    enqueue: () => Promise.reject(new Error('no mail here')),
    outcome: () => Promise.reject(new Error('no mail here')),
  },
  mivoiceSettings: { exportAddress: () => Promise.reject(new Error('no address here')) },
  audit: { record: async () => undefined },
  logger,
});
say('READY');
const report = await service.import(
  { name: 'big.csv', bytes: readFileSync(csvFile) },
  { mode: 'strict', dryRun: false },
  { username: 'child', role: 'administrator', address: null },
);
say(`DONE ${JSON.stringify({ ...report, errors: report.errors.length })}`);
await db.close();
