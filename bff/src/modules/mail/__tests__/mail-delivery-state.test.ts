import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { MailOutcome, OutboxMessage } from '@oig/shared';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../db/migrations.js';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/smtp-peer.js';

const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 1_000, socketTimeoutMs: 2_000 };
const TEST_TO = 'ops@example.com';
const REPORT_TO = 'reports@example.com';
const EXPORT_TO = 'mivoice-admin@example.com';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/**
 * Every place the console sends mail from: the request, and the answer's outcome and recipient.
 * The answers differ (`id` for the test message, `mailId` elsewhere); `mail` is the same shape.
 */
const PATHS: { name: string; to: string; send: (a: Agent) => ReturnType<Agent['post']> }[] = [
  { name: 'Send test e-mail', to: TEST_TO, send: (a) => a.post('/api/v1/mail/test').send({ to: TEST_TO }) },
  { name: 'Send Report To Email Now', to: REPORT_TO, send: (a) => a.post('/api/v1/usage-report/send') },
  { name: 'Email User List', to: EXPORT_TO, send: (a) => a.post('/api/v1/mivoice/users/email') },
  {
    name: 'Email Language Strings',
    to: EXPORT_TO,
    send: (a) => a.post('/api/v1/mivoice/localization/google/en/email'),
  },
];

/**
 * Mail delivered to a file is 'saved', not 'sent' (issue 14, item 3): each sending path of the
 * console, with the worker running as in production, without and with an SMTP server.
 */
describe.each(DB_KINDS)('delivery state of the console sending paths (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let peer: SmtpPeer;
  let outboxFolder: string;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    h = await startHarness(freshDb(kind), {
      // OIG_LOG_LEVEL: saving the options applies their level to the test logger.
      env: { OIG_LOG_LEVEL: 'error' },
      // The worker runs (start), woken by each enqueue; a long outcome wait so that a slow
      // machine still sees the file written (the wait ends as soon as it is).
      context: { reportCheckMs: 0, mail: { timeouts: FAST, pollMs: 0, outcomeWaitMs: 60_000 } },
    });
    ({ agent: admin } = await signIn(h));
    await admin.put('/api/v1/options').send({ usageReportEmail: REPORT_TO }).expect(200);
    await admin.put('/api/v1/mivoice/settings').send({ adminEmail: EXPORT_TO }).expect(200);
    outboxFolder = path.join(h.config.dataDir, 'outbox');
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });
  beforeEach(async () => {
    peer.messages.length = 0;
    await admin.put('/api/v1/mail/settings').send({ clear: true }).expect(200);
  });

  const outboxRow = async (id: string): Promise<OutboxMessage | undefined> =>
    ((await admin.get('/api/v1/mail/outbox').expect(200)).body.messages as OutboxMessage[]).find(
      (m) => m.id === id,
    );
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );

  it.each(PATHS)('$name without an SMTP server: saved to a file that exists, not sent', async (p) => {
    const settings = (await admin.get('/api/v1/mail/settings').expect(200)).body;
    expect(settings).toMatchObject({ source: 'none', outboxFolder });

    const res = await p.send(admin).expect(202);
    const mail = res.body.mail as MailOutcome;
    const id = (res.body.id ?? res.body.mailId) as string;
    expect(mail).toEqual({ id, state: 'saved', delivery: 'file', fileName: `${id}.eml`, outboxFolder });

    const parsed = await simpleParser(await readFile(path.join(outboxFolder, mail.fileName!)));
    expect(parsed.to).toMatchObject({ value: [{ address: p.to }] });
    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: 'saved', fileName: `${id}.eml`, sentAt: null, lastError: null });
    expect(row!.savedAt).toEqual(expect.any(String));
    expect(parsed.subject).toBe(row!.subject);
    const saved = (await admin.get('/api/v1/mail/outbox').query({ state: 'saved' }).expect(200)).body;
    expect(saved.messages.map((m: OutboxMessage) => m.id)).toContain(id);
    expect(peer.messages).toHaveLength(0);
  });

  it('an outbox folder that cannot be written: answered queued (to be saved), with the error; nothing lost', async () => {
    // Whatever earlier tests saved is set aside; a plain file takes the folder's place.
    await rm(`${outboxFolder}.away`, { recursive: true, force: true });
    await rename(outboxFolder, `${outboxFolder}.away`).catch(() => undefined);
    await writeFile(outboxFolder, 'not a folder');
    let id = '';
    try {
      const res = await admin.post('/api/v1/mail/test').send({ to: TEST_TO }).expect(202);
      id = res.body.id as string;
      expect(res.body.mail).toEqual({
        id,
        state: 'queued',
        delivery: 'file',
        fileName: `${id}.eml`,
        outboxFolder,
      });
      const row = await outboxRow(id);
      expect(row).toMatchObject({
        state: 'queued',
        attempts: 1,
        fileName: null,
        savedAt: null,
        sentAt: null,
      });
      expect(row!.lastError).toMatch(/EEXIST|ENOTDIR|not a directory/i);
    } finally {
      await rm(outboxFolder, { force: true });
      await rename(`${outboxFolder}.away`, outboxFolder).catch(() => undefined);
      // Its later retry must not reach the SMTP peer of the next tests.
      if (id) await admin.post(`/api/v1/mail/outbox/${id}/discard`).expect(200);
    }
    // The server answers on.
    expect((await admin.get('/api/v1/mail/settings').expect(200)).body.source).toBe('none');
  });

  it.each(PATHS)('$name with the SMTP peer: sent, no file', async (p) => {
    await admin
      .put('/api/v1/mail/settings')
      .send({
        host: '127.0.0.1',
        port: peer.port,
        tlsMode: 'none',
        username: null,
        fromAddress: 'oig@example.com',
      })
      .expect(200);

    const res = await p.send(admin).expect(202);
    const mail = res.body.mail as MailOutcome;
    const id = (res.body.id ?? res.body.mailId) as string;
    // Over SMTP the answer does not wait: the worker may or may not have sent it yet.
    expect(mail).toMatchObject({ id, delivery: 'smtp', fileName: null, outboxFolder: null });
    expect(['queued', 'sending', 'sent']).toContain(mail.state);

    // The passes of the running worker, until it is delivered (each pass is awaited; no clock).
    for (let pass = 0; pass < 5 && (await outboxRow(id))?.state !== 'sent'; pass++)
      await h.ctx.mail.runOnce();
    expect(await outboxRow(id)).toMatchObject({ state: 'sent', fileName: null, savedAt: null });
    expect((await outboxRow(id))!.sentAt).toEqual(expect.any(String));
    expect(peer.messages.map((m) => m.envelope.to)).toEqual([[p.to]]);
    expect(await exists(path.join(outboxFolder, `${id}.eml`))).toBe(false);
  });
});

describe.each(DB_KINDS)('migration 0008_mail_saved_file (%s)', (kind) => {
  it('adds file_name; rows delivered before keep their state, with no file name', async () => {
    const h = await startHarness(freshDb(kind), { start: false });
    try {
      const db = h.ctx.db.db;
      // The database as 0007 left it: no file_name column, 0008 and the migrations after it not
      // applied (Kysely applies migrations in order only), the objects they made gone.
      await db.schema.dropTable('mail_attachment_parts').execute();
      await db.schema.dropIndex('google_contacts_order_idx').execute();
      await db.schema.dropIndex('mivoice_users_order_idx').execute();
      await db.schema.alterTable('mail_outbox').dropColumn('file_name').execute();
      await sql`DELETE FROM kysely_migration WHERE name >= '0008'`.execute(db);
      const row = (id: string, state: string, sentAt: number | null) =>
        sql`INSERT INTO mail_outbox (id, message_id, kind, from_address, to_addresses, subject, state,
              attempts, next_attempt_at, created_at, updated_at, sent_at)
            VALUES (${id}, ${`<${id}@oig.invalid>`}, 'test', 'oig@example.com', '["ops@example.com"]', 's',
              ${state}, 1, 0, 0, 0, ${sentAt})`.execute(db);
      await row('a', 'sent', 5);
      await row('b', 'failed', null);
      await migrateToLatest(db as unknown as Kysely<unknown>, h.db.env.OIG_DB_SCHEMA);
      const rows = await db
        .selectFrom('mail_outbox')
        .select(['id', 'state', 'sent_at', 'file_name'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => ({ ...r, sent_at: r.sent_at === null ? null : Number(r.sent_at) }))).toEqual([
        { id: 'a', state: 'sent', sent_at: 5, file_name: null },
        { id: 'b', state: 'failed', sent_at: null, file_name: null },
      ]);
    } finally {
      await h.dispose();
    }
  });
});
