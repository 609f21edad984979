import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { AUDIT_MASK } from '@oig/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../logger.js';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/smtp-peer.js';
import { MAIL_SMTP_KEY, smtpUrlOf } from '../mail-admin.service.js';
import { DEFAULT_FROM } from '../mail.service.js';

const T0 = Date.parse('2026-10-01T08:00:00Z');
const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 1_000, socketTimeoutMs: 2_000 };
/** Characters a URL would need to escape, so building the SMTP URL is exercised too. */
const SECRET = 'Sm7p:S3cr@t/pw%?#';
const SMTP_USER = 'oig-mailer@example.com';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

describe('SMTP URL from the Options tab', () => {
  const base = {
    host: 'mail.example.com',
    port: 25,
    username: null,
    password: null,
    fromAddress: 'oig@example.com',
  };
  it('maps tlsMode and escapes the credentials', () => {
    expect(smtpUrlOf({ ...base, tlsMode: 'none' })).toBe('smtp://mail.example.com:25?tls=none');
    expect(smtpUrlOf({ ...base, tlsMode: 'starttls', port: 587 })).toBe(
      'smtp://mail.example.com:587?tls=starttls',
    );
    expect(smtpUrlOf({ ...base, tlsMode: 'tls', port: 465 })).toBe('smtps://mail.example.com:465');
    expect(
      smtpUrlOf({ ...base, tlsMode: 'tls', host: '2001:db8::1', username: 'a@b', password: 'p:/@' }),
    ).toBe('smtps://a%40b:p%3A%2F%40@[2001:db8::1]:25');
    const u = new URL(smtpUrlOf({ ...base, tlsMode: 'none', username: SMTP_USER, password: SECRET }));
    expect([
      decodeURIComponent(u.username),
      decodeURIComponent(u.password),
      u.searchParams.get('tls'),
    ]).toEqual([SMTP_USER, SECRET, 'none']);
  });
});

describe.each(DB_KINDS)('mail admin API (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let support: Agent;
  let peer: SmtpPeer;
  let authPeer: SmtpPeer;
  const clock = { t: T0 };
  const logLines: string[] = [];

  const server = (over: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: peer.port,
    tlsMode: 'none',
    username: null,
    fromAddress: 'oig@example.com',
    ...over,
  });
  const storedRow = async () =>
    (
      await h.ctx.db.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', MAIL_SMTP_KEY)
        .executeTakeFirst()
    )?.value;
  const auditRows = async () =>
    h.ctx.db.db.selectFrom('audit_log').selectAll().where('action', 'like', 'mail.%').execute();

  beforeAll(async () => {
    peer = await startSmtpPeer();
    authPeer = await startSmtpPeer('accept', { auth: { user: SMTP_USER, pass: SECRET } });
    const logger = createLogger('trace', { write: (s: string) => void logLines.push(s) });
    h = await startHarness(freshDb(kind), {
      start: false,
      logger,
      context: { now: () => clock.t, mail: { timeouts: FAST, pollMs: 0 } },
    });
    admin = (await signIn(h)).agent;
    support = (await signInSupport(h, admin)).agent;
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
    await authPeer?.close();
  });
  beforeEach(async () => {
    clock.t = T0;
    peer.messages.length = 0;
    authPeer.messages.length = 0;
    authPeer.logins.length = 0;
    await admin.put('/api/v1/mail/settings').send({ clear: true }).expect(200);
    await h.ctx.db.db.deleteFrom('mail_outbox').execute();
    // Each test reads only its own mail audit entries.
    await h.ctx.db.db.deleteFrom('audit_log').where('action', 'like', 'mail.%').execute();
  });

  it('without any SMTP server: source none, and the test message is saved (not sent) as a .eml file', async () => {
    const settings = (await admin.get('/api/v1/mail/settings').expect(200)).body;
    expect(settings).toEqual({
      source: 'none',
      host: null,
      port: null,
      tlsMode: null,
      username: null,
      passwordSet: false,
      fromAddress: DEFAULT_FROM,
      outboxFolder: path.join(h.db.dataDir, 'outbox'),
    });
    const res = await admin.post('/api/v1/mail/test').send({ to: 'ops@example.com' }).expect(202);
    const fileName = `${res.body.id as string}.eml`;
    // The worker is not running here: the answer says where it will be saved, still queued.
    expect(res.body).toEqual({
      id: res.body.id,
      mail: {
        id: res.body.id,
        state: 'queued',
        delivery: 'file',
        fileName,
        outboxFolder: settings.outboxFolder,
      },
    });
    expect(await h.ctx.mail.runOnce()).toBe(1);
    const parsed = await simpleParser(await readFile(path.join(settings.outboxFolder as string, fileName)));
    expect(parsed.subject).toBe('OIG test message');
    expect(parsed.text).toContain(hostname());
    expect(parsed.text).toContain(new Date(T0).toISOString());
    expect(parsed.html).toContain(hostname());
    const page = (await admin.get('/api/v1/mail/outbox').expect(200)).body;
    expect(page.total).toBe(1);
    expect(page.messages[0]).toMatchObject({
      id: res.body.id,
      kind: 'test',
      to: ['ops@example.com'],
      subject: 'OIG test message',
      state: 'saved',
      fileName,
      attempts: 1,
      sentAt: null,
      savedAt: new Date(T0).toISOString(),
      createdAt: new Date(T0).toISOString(),
      nextAttemptAt: null,
    });
    const saved = (await admin.get('/api/v1/mail/outbox').query({ state: 'saved' }).expect(200)).body;
    expect(saved.messages.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
    expect((await admin.get('/api/v1/mail/outbox').query({ state: 'sent' }).expect(200)).body.total).toBe(0);
    const audit = await auditRows();
    expect(audit.map((a) => [a.action, a.target])).toEqual([['mail.test', 'ops@example.com']]);
  });

  it('settings round trip: the password is write-only (never in an answer, the audit log or the logs)', async () => {
    const put = await admin
      .put('/api/v1/mail/settings')
      .send(server({ port: 2525, tlsMode: 'starttls', username: SMTP_USER, password: SECRET }))
      .expect(200);
    const expected = {
      source: 'options',
      host: '127.0.0.1',
      port: 2525,
      tlsMode: 'starttls',
      username: SMTP_USER,
      passwordSet: true,
      fromAddress: 'oig@example.com',
      outboxFolder: path.join(h.db.dataDir, 'outbox'),
    };
    expect(put.body).toEqual(expected);
    const get = await admin.get('/api/v1/mail/settings').expect(200);
    expect(get.body).toEqual(expected);
    expect(get.text).not.toContain('S3cr');
    expect(put.text).not.toContain('S3cr');
    // Stored as given: SMTP AUTH needs it.
    expect(JSON.parse((await storedRow())!).password).toBe(SECRET);

    // Omitted: kept. null: removed.
    await admin
      .put('/api/v1/mail/settings')
      .send(server({ port: 2526, tlsMode: 'tls', username: SMTP_USER }))
      .expect(200);
    expect(JSON.parse((await storedRow())!)).toMatchObject({ port: 2526, tlsMode: 'tls', password: SECRET });
    const removed = await admin
      .put('/api/v1/mail/settings')
      .send(server({ username: SMTP_USER, password: null }))
      .expect(200);
    expect(removed.body.passwordSet).toBe(false);
    expect(JSON.parse((await storedRow())!).password).toBeNull();

    const audit = await auditRows();
    expect(audit.map((a) => a.action)).toEqual([
      'mail.settings.update',
      'mail.settings.update',
      'mail.settings.update',
    ]);
    for (const row of audit) expect(JSON.stringify(row)).not.toContain('S3cr');
    const first = audit.sort((a, b) => a.at - b.at)[0]!;
    expect(JSON.parse(first.after!)).toMatchObject({
      host: '127.0.0.1',
      port: 2525,
      username: SMTP_USER,
      password: AUDIT_MASK,
    });
    // Through the API as well.
    const listed = await admin.get('/api/v1/audit').query({ action: 'mail.settings.update' }).expect(200);
    expect(listed.body.entries).toHaveLength(3);
    expect(listed.text).not.toContain('S3cr');
    expect(logLines.join('\n')).not.toContain('S3cr');
  });

  it('source: the Options tab wins over OIG_SMTP_URL, which wins over none; clear drops the Options server', async () => {
    const env = await startHarness(freshDb(kind), {
      start: false,
      env: { OIG_SMTP_URL: 'smtp://env-user:env-pass-9@mail.example.net:2587' },
    });
    try {
      const a = (await signIn(env)).agent;
      const fromEnv = await a.get('/api/v1/mail/settings').expect(200);
      expect(fromEnv.body).toMatchObject({
        source: 'environment',
        host: 'mail.example.net',
        port: 2587,
        tlsMode: 'starttls',
        username: 'env-user',
        passwordSet: true,
        fromAddress: DEFAULT_FROM,
      });
      expect(fromEnv.text).not.toContain('env-pass-9');
      await a
        .put('/api/v1/mail/settings')
        .send(server({ port: 2525 }))
        .expect(200);
      expect((await a.get('/api/v1/mail/settings').expect(200)).body).toMatchObject({
        source: 'options',
        host: '127.0.0.1',
        port: 2525,
        username: null,
        passwordSet: false,
      });
      const cleared = await a.put('/api/v1/mail/settings').send({ clear: true }).expect(200);
      expect(cleared.body).toMatchObject({ source: 'environment', host: 'mail.example.net' });
      expect(
        await env.ctx.db.db.selectFrom('settings').selectAll().where('key', '=', MAIL_SMTP_KEY).execute(),
      ).toEqual([]);
    } finally {
      await env.dispose();
    }
    // And without OIG_SMTP_URL (this harness): none.
    await admin.put('/api/v1/mail/settings').send(server()).expect(200);
    expect((await admin.get('/api/v1/mail/settings').expect(200)).body.source).toBe('options');
    expect((await admin.put('/api/v1/mail/settings').send({ clear: true }).expect(200)).body.source).toBe(
      'none',
    );
  });

  it('PUT validation errors name the field and leave the stored settings as they were', async () => {
    await admin
      .put('/api/v1/mail/settings')
      .send(server({ username: SMTP_USER, password: SECRET }))
      .expect(200);
    const before = {
      api: (await admin.get('/api/v1/mail/settings').expect(200)).body,
      row: await storedRow(),
    };
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['host', server({ host: 'smtp://mail.example.com' }), 'host'],
      ['host', server({ host: 'mail example.com' }), 'host'],
      ['host', server({ host: '' }), 'host'],
      ['port', server({ port: 0 }), 'port'],
      ['port', server({ port: 70_000 }), 'port'],
      ['port', server({ port: '25' }), 'port'],
      ['fromAddress', server({ fromAddress: 'not-an-address' }), 'fromAddress'],
      ['username', server({ username: 'user\r\nRCPT TO:<x@example.com>' }), 'username'],
      ['password', server({ password: 'pw\nx' }), 'password'],
      ['tlsMode', server({ tlsMode: 'ssl' }), 'tlsMode'],
      ['extra field', server({ extra: 1 }), 'extra'],
      ['clear with more', { clear: true, host: 'x' }, 'host'],
    ];
    for (const [name, body, field] of cases) {
      const res = await admin.put('/api/v1/mail/settings').send(body);
      expect(res.status, name).toBe(400);
      expect(res.body.error.code, name).toBe('validation_failed');
      expect(
        `${res.body.error.message as string} ${JSON.stringify(res.body.error.fields ?? {})}`,
        name,
      ).toContain(field);
      expect(res.text).not.toContain('S3cr');
    }
    expect((await admin.get('/api/v1/mail/settings').expect(200)).body).toEqual(before.api);
    expect(await storedRow()).toBe(before.row);
    expect((await auditRows()).length).toBe(1);
  });

  it('a test message reaches the SMTP server set through the API (tlsMode none, no auth), from the set sender', async () => {
    await admin.put('/api/v1/mail/settings').send(server()).expect(200);
    const res = await admin.post('/api/v1/mail/test').send({ to: 'ops@example.com' }).expect(202);
    const id = res.body.id as string;
    expect(res.body.mail).toEqual({
      id,
      state: 'queued',
      delivery: 'smtp',
      fileName: null,
      outboxFolder: null,
    });
    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages).toHaveLength(1);
    const { parsed, envelope } = peer.messages[0]!;
    expect(envelope).toEqual({ from: 'oig@example.com', to: ['ops@example.com'] });
    expect(parsed.subject).toBe('OIG test message');
    expect(parsed.text).toContain(hostname());
    expect(parsed.html).toContain(`127.0.0.1:${peer.port}`);
    expect(await h.ctx.mail.get(id)).toMatchObject({ state: 'sent', fileName: null });
    expect((await admin.get('/api/v1/mail/outbox').expect(200)).body.messages[0]).toMatchObject({
      id,
      state: 'sent',
      sentAt: new Date(T0).toISOString(),
      savedAt: null,
      fileName: null,
    });
  });

  it('tlsMode starttls requires STARTTLS: a server that does not offer it gets nothing', async () => {
    await admin
      .put('/api/v1/mail/settings')
      .send(server({ tlsMode: 'starttls' }))
      .expect(200);
    const { id } = (await admin.post('/api/v1/mail/test').send({ to: 'ops@example.com' }).expect(202)).body;
    await h.ctx.mail.runOnce();
    expect(peer.messages).toHaveLength(0);
    const row = (await h.ctx.mail.get(id as string))!;
    expect(row.state).not.toBe('sent');
    expect(row.lastError).toBeTruthy();
  });

  it('with user and password: the credentials reach the server; a wrong password fails, retry after fixing it delivers', async () => {
    await admin
      .put('/api/v1/mail/settings')
      .send(server({ port: authPeer.port, username: SMTP_USER, password: SECRET }))
      .expect(200);
    await admin.post('/api/v1/mail/test').send({ to: 'ops@example.com' }).expect(202);
    await h.ctx.mail.runOnce();
    expect(authPeer.logins).toEqual([expect.objectContaining({ username: SMTP_USER, password: SECRET })]);
    expect(authPeer.messages).toHaveLength(1);
    expect(authPeer.messages[0]!.user).toBe(SMTP_USER);

    // A wrong password: 535 is permanent, the message fails.
    await admin
      .put('/api/v1/mail/settings')
      .send(server({ port: authPeer.port, username: SMTP_USER, password: 'wrong-password' }))
      .expect(200);
    const { id } = (await admin.post('/api/v1/mail/test').send({ to: 'ops@example.com' }).expect(202)).body;
    await h.ctx.mail.runOnce();
    expect(authPeer.messages).toHaveLength(1);
    const failed = (await admin.get('/api/v1/mail/outbox').query({ state: 'failed' }).expect(200)).body;
    expect(failed.messages.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(failed.messages[0].lastError).toBeTruthy();
    // The API answers the failure and the subject with their codes and params too.
    expect(failed.messages[0]).toMatchObject({
      kind: 'test',
      subject: 'OIG test message',
      subjectParams: {},
      lastErrorReason: { code: 'auth_failed', params: { responseCode: 535 } },
    });
    expect(JSON.stringify(failed)).not.toContain('wrong-password');

    // Fixed in the Options tab: the next batch uses it at once.
    await admin
      .put('/api/v1/mail/settings')
      .send(server({ port: authPeer.port, username: SMTP_USER, password: SECRET }))
      .expect(200);
    expect((await admin.post(`/api/v1/mail/outbox/${id as string}/retry`).expect(200)).body).toMatchObject({
      id,
      state: 'queued',
      attempts: 0,
    });
    await h.ctx.mail.runOnce();
    expect(authPeer.messages).toHaveLength(2);
    expect((await h.ctx.mail.get(id as string))!.state).toBe('sent');
    expect(logLines.join('\n')).not.toContain('S3cr');
  });

  it('outbox: newest first with ISO times, filter and paging; retry and discard with 404 and 409, each audited', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.t = T0 + i * 1000;
      ids.push(
        (
          await h.ctx.mail.enqueue({
            kind: 'usage-report',
            to: [`r${i}@example.com`],
            subject: `m${i}`,
            text: 'x',
          })
        ).id,
      );
    }
    clock.t = T0 + 10_000;
    const [a, b, c] = ids as [string, string, string, string];
    await h.ctx.db.db
      .updateTable('mail_outbox')
      .set({ state: 'failed', last_error: 'refused' })
      .where('id', 'in', [a, b])
      .execute();
    await h.ctx.db.db
      .updateTable('mail_outbox')
      .set({ state: 'sent', sent_at: T0 + 5000 })
      .where('id', '=', c)
      .execute();

    const all = (await admin.get('/api/v1/mail/outbox').expect(200)).body;
    expect(all.total).toBe(4);
    expect(all.messages.map((m: { id: string }) => m.id)).toEqual([...ids].reverse());
    expect(all.messages[3].createdAt).toBe(new Date(T0).toISOString());
    expect(all.messages[0]).toMatchObject({
      state: 'queued',
      nextAttemptAt: new Date(T0 + 3000).toISOString(),
      sentAt: null,
    });
    const page = (await admin.get('/api/v1/mail/outbox').query({ limit: 2, offset: 1 }).expect(200)).body;
    expect(page).toMatchObject({ total: 4 });
    expect(page.messages.map((m: { id: string }) => m.id)).toEqual([c, b]);
    const failed = (await admin.get('/api/v1/mail/outbox').query({ state: 'failed' }).expect(200)).body;
    expect(failed.total).toBe(2);
    expect(
      (await admin.get('/api/v1/mail/outbox').query({ state: 'lost' }).expect(400)).body.error.code,
    ).toBe('validation_failed');
    await admin.get('/api/v1/mail/outbox').query({ limit: 0 }).expect(400);

    await admin.post(`/api/v1/mail/outbox/${UNKNOWN_ID}/retry`).expect(404);
    await admin.post(`/api/v1/mail/outbox/${UNKNOWN_ID}/discard`).expect(404);
    expect((await admin.post(`/api/v1/mail/outbox/${ids[3]!}/retry`).expect(409)).body.error.message).toMatch(
      /queued/,
    );
    await admin.post(`/api/v1/mail/outbox/${c}/retry`).expect(409);
    await admin.post(`/api/v1/mail/outbox/${c}/discard`).expect(409);

    expect((await admin.post(`/api/v1/mail/outbox/${a}/retry`).expect(200)).body).toMatchObject({
      id: a,
      state: 'queued',
      attempts: 0,
    });
    expect((await admin.post(`/api/v1/mail/outbox/${b}/discard`).expect(200)).body).toMatchObject({
      id: b,
      state: 'discarded',
    });
    expect((await admin.post(`/api/v1/mail/outbox/${ids[3]!}/discard`).expect(200)).body.state).toBe(
      'discarded',
    );
    await admin.post(`/api/v1/mail/outbox/${b}/discard`).expect(409);
    await admin.post(`/api/v1/mail/outbox/${b}/retry`).expect(409);

    const audit = (await auditRows()).sort((x, y) => x.at - y.at || x.action.localeCompare(y.action));
    expect(audit.map((r) => [r.action, r.target]).sort()).toEqual(
      [
        ['mail.retry', a],
        ['mail.discard', b],
        ['mail.discard', ids[3]!],
      ].sort(),
    );
    expect(JSON.parse(audit.find((r) => r.action === 'mail.retry')!.before!)).toMatchObject({
      state: 'failed',
    });
  });

  it('support: reads are allowed, every mutation is refused (403) and changes nothing', async () => {
    await admin.put('/api/v1/mail/settings').send(server()).expect(200);
    const id = (await h.ctx.mail.enqueue({ kind: 'test', to: ['x@example.com'], subject: 's', text: 't' }))
      .id;
    await h.ctx.db.db.updateTable('mail_outbox').set({ state: 'failed' }).where('id', '=', id).execute();
    const settingsBefore = (await support.get('/api/v1/mail/settings').expect(200)).body;
    expect(settingsBefore.source).toBe('options');
    expect((await support.get('/api/v1/mail/outbox').expect(200)).body.total).toBe(1);
    const outboxBefore = await h.ctx.db.db.selectFrom('mail_outbox').selectAll().execute();
    const auditBefore = (await auditRows()).length;

    const refused = [
      support.put('/api/v1/mail/settings').send(server({ port: 2600 })),
      support.put('/api/v1/mail/settings').send({ clear: true }),
      support.post('/api/v1/mail/test').send({ to: 'ops@example.com' }),
      support.post(`/api/v1/mail/outbox/${id}/retry`),
      support.post(`/api/v1/mail/outbox/${id}/discard`),
    ];
    for (const req of refused) {
      const res = await req;
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await admin.get('/api/v1/mail/settings').expect(200)).body).toEqual(settingsBefore);
    expect(await h.ctx.db.db.selectFrom('mail_outbox').selectAll().execute()).toEqual(outboxBefore);
    expect((await auditRows()).length).toBe(auditBefore);
  });
});
