/**
 * `npm run backup -- --out <file>` and `npm run restore -- --file <file> [--dry-run]`: the
 * configuration backup and restore of the Options tab, for operators, against the configured
 * database (the same environment as the server: DATABASE_URL or OIG_DATA_DIR, …), through the same
 * service code, without starting the server. The passphrase comes from OIG_BACKUP_PASSPHRASE, or
 * is asked for on the terminal (twice for a backup), or read as the first line of stdin.
 * Exit status: 0 done, 1 refused or failed (the reason on stderr), 2 wrong usage or configuration.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { backupPassphraseSchema, type RestoreReport } from '@oig/shared';
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { DatabaseStartError } from './db/start-error.js';
import { AppError } from './http/app-error.js';
import { createLogger } from './logger.js';

const USAGE =
  'Usage: npm run backup -- --out <file>     (release archive: bin/oig backup --out <file>)\n' +
  '       npm run restore -- --file <file> [--dry-run]     (bin/oig restore --file <file> [--dry-run])\n' +
  'The passphrase is read from OIG_BACKUP_PASSPHRASE, else asked for.\n';

class UsageError extends Error {}

/** Printed after a restore on SQLite (no notice reaches a running gateway there). */
const SQLITE_RESTART_NOTICE =
  'SQLite: if the gateway is running, restart it to apply the restored options and ACL ' +
  '(it keeps what it read until then).\n';

/** One line from the terminal without echo, or the next line of stdin when it is not a terminal. */
async function ask(question: string): Promise<string> {
  const tty = process.stdin.isTTY;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  // From a pipe: no prompt, the first line is the passphrase.
  if (!tty) muted = true;
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.question(question, (answer) => {
        if (tty) process.stderr.write('\n');
        resolve(answer);
      });
      muted = tty;
      rl.once('close', () => reject(new UsageError('No passphrase given (stdin ended)')));
    });
  } finally {
    rl.close();
  }
}

async function passphrase(twice: boolean): Promise<string> {
  const fromEnv = process.env.OIG_BACKUP_PASSPHRASE;
  const value = fromEnv ?? (await ask('Passphrase: '));
  if (fromEnv === undefined && twice && process.stdin.isTTY) {
    if ((await ask('Passphrase again: ')) !== value) throw new UsageError('The two passphrases do not match');
  }
  const parsed = backupPassphraseSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Invalid passphrase');
  return parsed.data;
}

const ACTOR = { username: 'cli', role: 'administrator' as const, address: null };

function printReport(r: RestoreReport): void {
  const rows = r.sections.map((s) => [
    s.section,
    String(s.added),
    String(s.changed),
    String(s.removed),
    String(s.unchanged),
    [
      ...s.examples.added.map((x) => `+${x}`),
      ...s.examples.changed.map((x) => `~${x}`),
      ...s.examples.removed.map((x) => `-${x}`),
    ].join(', '),
  ]);
  const head = ['section', 'added', 'changed', 'removed', 'unchanged', 'examples'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i > 0 && i < 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `Backup of ${r.createdAt} (product ${r.productVersion}, format ${r.formatVersion})\n` +
      `${[line(head), ...rows.map(line)].join('\n')}\n`,
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'backup' && !values.out) throw new UsageError('backup needs --out <file>');
  if (command === 'restore' && !values.file) throw new UsageError('restore needs --file <file>');
  if (command !== 'backup' && command !== 'restore')
    throw new UsageError(`Unknown command "${command ?? ''}"`);

  const secret = await passphrase(command === 'backup');
  const input = command === 'restore' ? await readFile(values.file!) : undefined;
  const config = loadConfig();
  // Logs go to stderr, errors only (a restored logging level must not make the command chatty);
  // stdout is the command's answer.
  const errorsOnly = new Writable({
    write(chunk: Buffer, _enc, done) {
      const level = (JSON.parse(chunk.toString('utf8')) as { level?: number }).level ?? 50;
      if (level >= 50) process.stderr.write(chunk);
      done();
    },
  });
  const logger = createLogger('error', errorsOnly);
  const ctx = await createContext(config, logger, {
    reportCheckMs: 0,
    historyPruneMs: 0,
    mail: { pollMs: 0 },
  });
  try {
    if (command === 'backup') {
      const file = await ctx.backup.create(secret, ACTOR);
      // writeFile's mode applies to a new file only: an existing one is made owner-only too.
      await writeFile(values.out!, file.bytes, { mode: 0o600 });
      await chmod(values.out!, 0o600);
      process.stdout.write(
        `Backup written to ${values.out} (${file.bytes.length.toLocaleString('en-US')} bytes)\n`,
      );
      return 0;
    }
    const dryRun = values['dry-run'];
    const report = await ctx.backup.restore(
      { name: path.basename(values.file!), bytes: input! },
      secret,
      dryRun,
      ACTOR,
    );
    printReport(report);
    process.stdout.write(dryRun ? 'Dry run: nothing was changed.\n' : 'Restored.\n');
    // SQLite has no notice between processes: a running gateway keeps the options and ACL it
    // read until it restarts (PostgreSQL: it is told, and re-reads them at once).
    if (!dryRun && config.database.kind === 'sqlite') process.stdout.write(SQLITE_RESTART_NOTICE);
    return 0;
  } finally {
    await ctx.db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(err as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    const text =
      err instanceof AppError
        ? `${err.message} (${err.reason})`
        : err instanceof DatabaseStartError
          ? err.message
          : ((err as Error).stack ?? String(err));
    process.stderr.write(`${text}\n`);
    process.exit(1);
  },
);
