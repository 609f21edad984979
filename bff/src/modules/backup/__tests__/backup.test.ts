import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MAX_BYTES, type RestoreReport } from '@oig/shared';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import { seedUserList } from '../../../test/user-list-data.js';
import { notifyChannel } from '../../../db/db.js';
import { SETTINGS_CHANGED_CHANNEL } from '../../../db/settings-store.js';
import { sql } from 'kysely';
import { createBackupRepo, SETTING_KEYS, TABLES_IN_BACKUP } from '../backup.repo.js';
import { createBackupService } from '../backup.service.js';
import { encodeContent, decodeContent, open, seal } from '../backup.file.js';

const PASSPHRASE = 'correct horse battery staple';
const KDF = { N: 2 ** 10, r: 8, p: 1 };

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/** Every configuration table, rows as sorted JSON (the settings' updated_at left out). */
async function configuration(h: Harness): Promise<Record<string, string[]>> {
  const db = h.ctx.db.db;
  const out: Record<string, string[]> = {};
  // Every table a backup holds but settings (compared by key below), as TABLES_IN_BACKUP decides.
  const tables = (Object.keys(TABLES_IN_BACKUP) as (keyof typeof TABLES_IN_BACKUP)[]).filter(
    (t) => Array.isArray(TABLES_IN_BACKUP[t]) && t !== 'settings',
  );
  for (const t of tables) {
    const rows = (await db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    out[t] = rows
      .map(({ status: _s, status_detail: _d, status_reason: _r, last_checked_at: _l, ...r }) =>
        JSON.stringify(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? v : String(v)])),
      )
      .sort();
  }
  const settings = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  out.settings = settings
    .filter((s) => !s.key.includes('lastFetch') && !s.key.endsWith('.status'))
    .map((s) => `${s.key}=${s.value}`);
  return out;
}

const upload = (
  agent: Agent,
  bytes: Buffer,
  dryRun: boolean,
  passphrase = PASSPHRASE,
  name = 'b.oigbackup',
) =>
  agent
    .post(`/api/v1/backup/restore?dryRun=${dryRun}`)
    .field('passphrase', passphrase)
    .attach('file', bytes, name);

const backup = async (agent: Agent): Promise<Buffer> => {
  const res = await agent
    .post('/api/v1/backup')
    .send({ passphrase: PASSPHRASE })
    .buffer(true)
    .parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    })
    .expect(200);
  expect(res.headers['content-type']).toBe('application/octet-stream');
  expect(res.headers['content-disposition']).toMatch(/oig-backup-.*\.oigbackup/);
  return res.body as Buffer;
};

const section = (r: RestoreReport, name: string) => r.sections.find((s) => s.section === name)!;

describe.each(DB_KINDS)('configuration backup and restore (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let file: Buffer;
  let original: Record<string, string[]>;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { context: { backupKdf: KDF } });
    admin = (await signIn(h)).agent;
    await createAccount(admin, APPS.acme);
    await createAccount(admin, APPS.google);
    await signInSupport(h, admin);
    await admin
      .post('/api/v1/network-elements')
      .send({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.10' })
      .expect(201);
    await admin
      .post('/api/v1/network-elements')
      .send({
        type: 'micc',
        setup: 'default',
        ipAddress: '192.0.2.50',
        openMediaLogonId: 'om-user',
        openMediaPassword: 'om-secret',
      })
      .expect(201);
    await admin
      .put('/api/v1/options')
      .send({ loggingLevel: 'warning', usageReportEmail: 'r@example.com' })
      .expect(200);
    await admin.put('/api/v1/mivoice/settings').send({ adminEmail: 'mv@example.com' }).expect(200);
    await admin
      .post('/api/v1/mivoice/localization/import')
      .attach(
        'file',
        Buffer.from('\uFEFFmessageKey,languageValue\r\nsave,Enregistrer\r\ncancel,Annuler\r\n', 'utf8'),
        'MiVoice Integration for Google_fr.csv',
      )
      .expect(200);
    await seedUserList(h, 30);
    original = await configuration(h);
    file = await backup(admin);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('every table of the database is decided: in a backup section, or said not to be configuration', async () => {
    const rows =
      kind === 'sqlite'
        ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(
            h.ctx.db.db,
          )
        : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema()`.execute(h.ctx.db.db);
    const tables = rows.rows
      .map((r) => r.name)
      .filter((n) => !n.startsWith('sqlite_') && !n.startsWith('kysely_'))
      .sort();
    expect(tables).toEqual(Object.keys(TABLES_IN_BACKUP).sort());
  });

  it('writes an encrypted, versioned file and one audit entry without the passphrase', async () => {
    expect(file.subarray(0, 10).toString('ascii')).toBe('OIG-BACKUP');
    expect(file.includes(Buffer.from('Enregistrer'))).toBe(false);
    expect(file.includes(Buffer.from('om-secret'))).toBe(false);
    const entries = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'backup.create')
      .execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ accounts: 2, networkElements: 2, userList: 30 });
    expect(JSON.stringify(entries)).not.toContain(PASSPHRASE);
  });

  it('a dry run of the unchanged configuration changes nothing and says so', async () => {
    const res = await upload(admin, file, true).expect(200);
    const report = res.body as RestoreReport;
    expect(report.dryRun).toBe(true);
    expect(report.applied).toBe(false);
    expect(report.signsYouOut).toBe(false);
    expect(report.passwordsChanged).toBe(0);
    for (const s of report.sections)
      expect([s.section, s.added + s.changed + s.removed]).toEqual([s.section, 0]);
    expect(section(report, 'userList').unchanged).toBe(30);
    expect(section(report, 'consoleUsers').unchanged).toBe(2);
  });

  it('dry run counts exactly, then a restore brings everything back and audits once', async () => {
    // Changes after the backup.
    await admin
      .delete(
        `/api/v1/accounts/${encodeURIComponent(APPS.acme.companyName)}/${encodeURIComponent(APPS.acme.applicationName)}`,
      )
      .expect(204);
    await admin
      .post('/api/v1/network-elements')
      .send({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.11' })
      .expect(201);
    await admin.put('/api/v1/options').send({ loggingLevel: 'error' }).expect(200);
    await admin.patch('/api/v1/users/support1').send({ disabled: true }).expect(200);
    await admin.delete('/api/v1/mivoice/localization/google/fr').expect(204);
    await h.ctx.db.db
      .deleteFrom('mivoice_users')
      .where('phone_key', 'in', ['+15550000000', '+15550000001'])
      .execute();
    await h.ctx.db.db
      .updateTable('mivoice_users')
      .set({ full_name: 'Renamed' })
      .where('phone_key', '=', '+15550000002')
      .execute();
    expect(await configuration(h)).not.toEqual(original);
    const before = await configuration(h);

    const dry = (await upload(admin, file, true).expect(200)).body as RestoreReport;
    expect(await configuration(h)).toEqual(before);
    expect(section(dry, 'accounts')).toMatchObject({ added: 1, changed: 0, removed: 0, unchanged: 1 });
    expect(section(dry, 'accounts').examples.added).toEqual(['Acme / Call Recorder']);
    expect(section(dry, 'networkElements')).toMatchObject({ added: 0, changed: 0, removed: 1, unchanged: 2 });
    expect(section(dry, 'networkElements').examples.removed).toEqual(['192.0.2.11']);
    expect(section(dry, 'options')).toMatchObject({ changed: 1 });
    expect(section(dry, 'consoleUsers')).toMatchObject({ added: 0, changed: 1, removed: 0, unchanged: 1 });
    expect(section(dry, 'localization')).toMatchObject({ added: 1, removed: 0 });
    expect(section(dry, 'userList')).toMatchObject({ added: 2, changed: 1, removed: 0, unchanged: 27 });
    expect(section(dry, 'openMedia')).toMatchObject({ unchanged: 1, changed: 0 });
    expect(
      await h.ctx.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'backup.restore').execute(),
    ).toHaveLength(0);

    const done = (await upload(admin, file, false).expect(200)).body as RestoreReport;
    expect(done.applied).toBe(true);
    expect(done.sections).toEqual(dry.sections);
    expect(await configuration(h)).toEqual(original);
    // The options kept in memory follow (the logging level applies at once).
    expect((await admin.get('/api/v1/options').expect(200)).body.loggingLevel).toBe('warning');
    // The restoring administrator is still signed in.
    await admin.get('/api/v1/auth/me').expect(200);
    const audit = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'backup.restore')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      accounts: { added: 1 },
      userList: { added: 2, changed: 1 },
    });

    // Restoring again changes nothing.
    const again = (await upload(admin, file, true).expect(200)).body as RestoreReport;
    for (const s of again.sections) expect(s.added + s.changed + s.removed).toBe(0);
  });

  it('a restore that fails part-way changes nothing (one transaction)', async () => {
    await admin.put('/api/v1/options').send({ loggingLevel: 'trace' }).expect(200);
    await h.ctx.db.db.deleteFrom('accounts').execute();
    await h.ctx.db.db.deleteFrom('mivoice_users').where('phone_key', '=', '+15550000003').execute();
    const before = await configuration(h);
    const schema = h.config.database.kind === 'postgres' ? h.config.database.schema : undefined;
    const service = createBackupService({
      repo: createBackupRepo(
        h.ctx.db.db,
        h.ctx.db.kind,
        notifyChannel(SETTINGS_CHANGED_CHANNEL, schema),
        (s) => {
          if (s === 'localization') throw new Error('failure injected after localization');
        },
      ),
      audit: h.ctx.audit,
      logger: h.ctx.logger,
      now: Date.now,
      afterRestore: async () => undefined,
    });
    const actor = { username: 'admin', role: 'administrator' as const, address: null };
    await expect(service.restore({ name: 'b', bytes: file }, PASSPHRASE, false, actor)).rejects.toThrow(
      /injected/,
    );
    expect(await configuration(h)).toEqual(before);
    // The database is usable afterwards.
    await admin.put('/api/v1/options').send({ loggingLevel: 'warning' }).expect(200);
  });

  it('refuses a wrong passphrase, an altered, cut or foreign file, a newer format, clearly', async () => {
    const before = await configuration(h);
    const reason = async (bytes: Buffer, passphrase = PASSPHRASE) => {
      const res = await upload(admin, bytes, true, passphrase).expect(400);
      return res.body.error.reason as string;
    };
    expect(await reason(file, 'not the right passphrase')).toBe('backup_wrong_passphrase');
    const altered = Buffer.from(file);
    altered[altered.length - 40] = altered[altered.length - 40]! ^ 1;
    expect(await reason(altered)).toBe('backup_wrong_passphrase');
    expect(await reason(file.subarray(0, file.length - 100))).toBe('backup_wrong_passphrase');
    expect(await reason(file.subarray(0, 20))).toBe('backup_damaged');
    expect(await reason(Buffer.from('primary_email,phone_number\r\n', 'utf8'))).toBe('backup_not_a_backup');
    const newer = Buffer.from(file.toString('latin1').replace('"format":1', '"format":7'), 'latin1');
    const res = await upload(admin, newer, true).expect(400);
    expect(res.body.error).toMatchObject({
      reason: 'backup_newer_format',
      params: { version: '7', supported: '1' },
    });
    // A passphrase outside the rules is a field error.
    const short = await upload(admin, file, true, 'short').expect(400);
    expect(short.body.error.fieldReasons.passphrase.reason).toBe('tooShort');
    expect(await configuration(h)).toEqual(before);
  });

  it('refuses content that repeats a key, and a backup without an enabled administrator', async () => {
    const content = await decodeContent(await open(file, PASSPHRASE));
    const twice = { ...content, userList: [...content.userList, content.userList[0]!] };
    twice.document = { ...content.document, userListRows: twice.userList.length };
    const res = await upload(admin, await seal(await encodeContent(twice), PASSPHRASE, KDF), true).expect(
      400,
    );
    expect(res.body.error).toMatchObject({
      reason: 'backup_content_invalid',
      params: { problem: 'duplicate' },
    });
    const noAdmin = {
      ...content,
      document: {
        ...content.document,
        sections: {
          ...content.document.sections,
          consoleUsers: content.document.sections.consoleUsers.filter((u) => u.role !== 'administrator'),
        },
      },
    };
    const res2 = await upload(admin, await seal(await encodeContent(noAdmin), PASSPHRASE, KDF), false).expect(
      400,
    );
    expect(res2.body.error.reason).toBe('backup_no_administrator');
  });

  it('an upload of another shape: 400 saying one file in "file" beside the passphrase', async () => {
    const message = 'Send exactly one file, in the field "file", and at most one text field beside it';
    const elsewhere = await admin
      .post('/api/v1/backup/restore?dryRun=true')
      .field('passphrase', PASSPHRASE)
      .attach('upload', file, 'b.oigbackup')
      .expect(400);
    expect(elsewhere.body.error).toMatchObject({
      reason: 'exactly_one_file',
      message,
      params: { field: 'file' },
    });
    const extra = await upload(admin, file, true).field('note', 'x').expect(400);
    expect(extra.body.error).toMatchObject({ reason: 'exactly_one_file', message });
    const twoFiles = await upload(admin, file, true).attach('file', file, 'c.oigbackup').expect(400);
    expect(twoFiles.body.error).toMatchObject({ reason: 'exactly_one_file', message });
  });

  it('a restore ends the sessions of a user whose password it changes, but the restoring one', async () => {
    // After the backup: support1 gets a new password and signs in; the administrator changes their own
    // and signs in a second time.
    await admin.post('/api/v1/users/support1/password').send({ password: 'support-password-2' }).expect(204);
    const support = (await signIn(h, 'support1', 'support-password-2')).agent;
    await admin
      .post('/api/v1/auth/password')
      .send({ currentPassword: 'admin-test-password-1', newPassword: 'admin-test-password-2' })
      .expect(204);
    const otherAdmin = (await signIn(h, 'admin', 'admin-test-password-2')).agent;
    await support.get('/api/v1/auth/me').expect(200);
    await otherAdmin.get('/api/v1/auth/me').expect(200);

    const dry = (await upload(admin, file, true).expect(200)).body as RestoreReport;
    expect(section(dry, 'consoleUsers')).toMatchObject({ changed: 2 });
    expect(dry.passwordsChanged).toBe(2);
    await support.get('/api/v1/auth/me').expect(200);
    await upload(admin, file, false).expect(200);
    await support.get('/api/v1/auth/me').expect(401);
    await otherAdmin.get('/api/v1/auth/me').expect(401);
    // The restoring session stays, and the restored passwords are the backup's.
    await admin.get('/api/v1/auth/me').expect(200);
    await signIn(h, 'support1', 'support-password-1');
  });

  it('refuses a second restore while one runs (409 backup_busy), the KDF included', async () => {
    const service = createBackupService({
      repo: createBackupRepo(h.ctx.db.db, h.ctx.db.kind, 'unused'),
      audit: h.ctx.audit,
      logger: h.ctx.logger,
      now: Date.now,
      afterRestore: async () => undefined,
    });
    const actor = { username: 'admin', role: 'administrator' as const, address: null };
    const first = service.restore({ name: 'b', bytes: file }, PASSPHRASE, true, actor);
    await expect(service.restore({ name: 'b', bytes: file }, PASSPHRASE, true, actor)).rejects.toMatchObject({
      reason: 'backup_busy',
      status: 409,
    });
    await expect(first).resolves.toMatchObject({ dryRun: true });
    // Over: the next one runs.
    await expect(service.restore({ name: 'b', bytes: file }, PASSPHRASE, true, actor)).resolves.toMatchObject(
      {
        dryRun: true,
      },
    );
  });

  it('a settings save during a restore waits for it and is not overwritten (settings locked)', async () => {
    await admin.put('/api/v1/options').send({ loggingLevel: 'error' }).expect(200);
    const key = SETTING_KEYS.options;
    const stored = await h.ctx.db.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const concurrent = JSON.stringify({ ...JSON.parse(stored.value), loggingLevel: 'trace' });
    let write: Promise<unknown> | undefined;
    const service = createBackupService({
      repo: createBackupRepo(h.ctx.db.db, h.ctx.db.kind, 'unused', async (s) => {
        if (s !== 'accounts') return;
        let settled = false;
        write = h.ctx.db.db
          .updateTable('settings')
          .set({ value: concurrent })
          .where('key', '=', key)
          .execute()
          .finally(() => (settled = true));
        if (kind !== 'postgres') return; // SQLite: one connection, the save queues behind the restore
        // PostgreSQL: on until the save has committed or waits on the restore's lock.
        for (;;) {
          const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
            where wait_event_type = 'Lock' and datname = current_database()`.execute(h.ctx.db.db);
          if (settled || Number(waiting.rows[0]!.n) > 0) return;
          await new Promise((r) => setImmediate(r));
        }
      }),
      audit: h.ctx.audit,
      logger: h.ctx.logger,
      now: Date.now,
      afterRestore: async () => undefined,
    });
    const actor = { username: 'admin', role: 'administrator' as const, address: null };
    const report = await service.restore({ name: 'b', bytes: file }, PASSPHRASE, false, actor);
    expect(section(report, 'options').changed).toBe(1);
    await write;
    const after = await h.ctx.db.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(after.value).toBe(concurrent);
    await admin.put('/api/v1/options').send({ loggingLevel: 'warning' }).expect(200);
  });

  it('refuses a KDF cost it does not write, before deriving any key (backup_unsupported_kdf)', async () => {
    const withKdf = (kdf: Partial<Record<'N' | 'r' | 'p', number>>) => {
      const len = file.readUInt16BE(10);
      const header = JSON.parse(file.subarray(12, 12 + len).toString('utf8'));
      const json = Buffer.from(JSON.stringify({ ...header, kdf: { ...header.kdf, ...kdf } }), 'utf8');
      const l = Buffer.alloc(2);
      l.writeUInt16BE(json.length);
      return Buffer.concat([file.subarray(0, 10), l, json, file.subarray(12 + len)]);
    };
    for (const kdf of [{ p: 2 }, { N: 2 ** 20, r: 4 }, { N: 2 ** 18, r: 16 }]) {
      const res = await upload(admin, withKdf(kdf), true).expect(400);
      expect([kdf, res.body.error.reason]).toEqual([kdf, 'backup_unsupported_kdf']);
    }
    // What this product writes passes that check (then fails on the altered header, as it should).
    expect((await upload(admin, withKdf({ N: 2 ** 17, r: 8 }), true).expect(400)).body.error.reason).toBe(
      'backup_wrong_passphrase',
    );
  });

  it('refuses two network elements or console users with one id (400, not a failed restore)', async () => {
    const content = await decodeContent(await open(file, PASSPHRASE));
    const s = content.document.sections;
    const twoIds = [
      {
        ...s,
        networkElements: [s.networkElements[0]!, { ...s.networkElements[1]!, id: s.networkElements[0]!.id }],
      },
      { ...s, consoleUsers: [s.consoleUsers[0]!, { ...s.consoleUsers[1]!, id: s.consoleUsers[0]!.id }] },
    ];
    const before = await configuration(h);
    for (const sections of twoIds) {
      const bytes = await seal(
        await encodeContent({ ...content, document: { ...content.document, sections } }),
        PASSPHRASE,
        KDF,
      );
      const res = await upload(admin, bytes, false).expect(400);
      expect(res.body.error).toMatchObject({
        reason: 'backup_content_invalid',
        params: { problem: 'duplicate_id' },
      });
    }
    expect(await configuration(h)).toEqual(before);
  });

  it('refuses a line longer than its maximum before parsing it (document 32 MiB, other lines 8 MiB)', async () => {
    const content = await decodeContent(await open(file, PASSPHRASE));
    const s = content.document.sections;
    const long = (bytes: number) => 'x'.repeat(bytes);
    const tooLong = [
      // The document line: an options setting of 32 MiB.
      {
        ...content,
        document: { ...content.document, sections: { ...s, options: { note: long(32 * 2 ** 20) } } },
      },
      // An imported language's line of 8 MiB (values of 1 MiB each would pass the schema one by one).
      {
        ...content,
        localization: [
          {
            ...content.localization[0]!,
            strings: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, long(2 ** 20 - 100)])),
          },
        ],
      },
    ];
    for (const c of tooLong) {
      const bytes = await seal(await encodeContent(c), PASSPHRASE, KDF);
      const res = await upload(admin, bytes, true).expect(400);
      expect(res.body.error).toMatchObject({
        reason: 'backup_content_invalid',
        params: { problem: 'too_large' },
      });
      expect(res.body.error.message).toContain('a line is longer than its maximum');
    }
  });

  it('refuses a file over the limit with a 413', async () => {
    const res = await upload(admin, Buffer.alloc(BACKUP_MAX_BYTES + 1, 1), true).expect(413);
    expect(res.body.error.reason).toBe('file_too_large');
  });

  it('is for administrators only, with the CSRF token', async () => {
    const support = (await signIn(h, 'support1', 'support-password-1')).agent;
    expect(
      (await support.post('/api/v1/backup').send({ passphrase: PASSPHRASE }).expect(403)).body.error.reason,
    ).toBe('administrator_required');
    await upload(support, file, true).expect(403);
    const { cookie } = await signIn(h);
    await h
      .request()
      .post('/api/v1/backup')
      .set('Cookie', cookie)
      .send({ passphrase: PASSPHRASE })
      .expect(403);
  });
});
