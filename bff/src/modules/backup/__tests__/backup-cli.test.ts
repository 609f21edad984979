import { spawn } from 'node:child_process';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/harness.js';

const PASSPHRASE = 'operator passphrase 1';
const BFF = path.resolve(import.meta.dirname, '../../../..');

/** Runs `npm run backup|restore` as the root package.json does: the CLI in a process of its own. */
function cli(
  h: Harness,
  args: string[],
  opts: { passphrase?: string; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...h.db.env };
    delete env.OIG_BACKUP_PASSPHRASE;
    if (opts.passphrase !== undefined) env.OIG_BACKUP_PASSPHRASE = opts.passphrase;
    const child = spawn(
      process.execPath,
      ['--conditions=@oig/source', '--import', 'tsx', 'src/backup-cli.ts', ...args],
      { cwd: BFF, env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(opts.stdin ?? '');
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const accounts = async (h: Harness) =>
  (await h.ctx.db.db.selectFrom('accounts').select('application_name').execute())
    .map((r) => r.application_name)
    .sort();

describe.each(DB_KINDS)('npm run backup / restore (%s)', (kind) => {
  let h: Harness;
  let file: string;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false });
    const admin = (await signIn(h)).agent;
    await createAccount(admin, APPS.acme);
    await createAccount(admin, APPS.google);
    file = path.join(h.db.dataDir, 'config.oigbackup');
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('backs up, previews and restores the configured database', async () => {
    // An existing file is overwritten and made owner-only too (writeFile's mode is for new files).
    writeFileSync(file, 'an older file');
    chmodSync(file, 0o644);
    const made = await cli(h, ['backup', '--out', file], { passphrase: PASSPHRASE });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Backup written to .*config\.oigbackup \(\d[\d,]* bytes\)\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const audit = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'backup.create')
      .execute();
    expect(audit.map((a) => a.actor)).toEqual(['cli']);

    await h.ctx.db.db.deleteFrom('accounts').where('company_name', '=', APPS.acme.companyName).execute();
    const before = await accounts(h);

    // The passphrase as the first line of stdin (no terminal).
    const dry = await cli(h, ['restore', '--file', file, '--dry-run'], { stdin: `${PASSPHRASE}\n` });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^accounts\s+1\s+0\s+0\s+1\s+\+Acme \/ Call Recorder$/m);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(await accounts(h)).toEqual(before);

    const done = await cli(h, ['restore', '--file', file], { passphrase: PASSPHRASE });
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Restored.');
    // SQLite: no notice reaches a running gateway, so the CLI says to restart it; PostgreSQL notifies.
    const restart = /restart it to apply the restored options and ACL/;
    if (kind === 'sqlite') expect(done.stdout).toMatch(restart);
    else expect(done.stdout).not.toMatch(restart);
    expect(dry.stdout).not.toMatch(restart);
    expect(await accounts(h)).toEqual([APPS.acme.applicationName, APPS.google.applicationName].sort());
  });

  it('refuses a wrong passphrase (exit 1) and wrong usage (exit 2), changing nothing', async () => {
    const before = await accounts(h);
    const wrong = await cli(h, ['restore', '--file', file], { passphrase: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('(backup_wrong_passphrase)');
    const short = await cli(h, ['backup', '--out', `${file}.2`], { passphrase: 'short' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('Passphrase must be at least 12 characters');
    expect(existsSync(`${file}.2`)).toBe(false);
    const usage = await cli(h, ['backup'], { passphrase: PASSPHRASE });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('backup needs --out <file>');
    expect(await accounts(h)).toEqual(before);
  });
});
