import { OIG_VERSION, usageReportStatusSchema } from '@oig/shared';
import Papa from 'papaparse';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/smtp-peer.js';
import type { Actor } from '../../audit/index.js';
import { RETRY_BASE_MS, RETRY_MAX_MS } from '../../mail/index.js';
import { createUsageReportScheduler, MAX_CATCH_UP_MONTHS } from '../usage.service.js';
import { ACME, addSessions, C, GOOGLE, SALESFORCE, type AppName } from './usage-fixtures.js';

// OIG_LOG_LEVEL: saving the report address saves the options, whose level then applies to the test logger.
const ENV = { OIG_TIME_ZONE: 'Europe/Paris', OIG_NAME: 'oig-test', OIG_LOG_LEVEL: 'error' };
const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 300, socketTimeoutMs: 2_000 };
const ADDRESS = 'reports@example.com';
const SYSTEM: Actor = { username: 'admin', role: 'administrator', address: null };
const XSS: AppName = { companyName: '<script>alert(1)</script>', applicationName: '=SUM(A1)' };
const local = (s: string) => Date.parse(s);

/** A context on `db` with a settable clock; the outbox worker and the monthly check run only when called. */
const harness = (db: TestDb, clock: { t: number }, peer: SmtpPeer) =>
  startHarness(db, {
    start: false,
    env: { ...ENV, OIG_SMTP_URL: peer.url },
    context: { now: () => clock.t, reportCheckMs: 0, mail: { timeouts: FAST, pollMs: 0 } },
  });

const outbox = (h: Harness) =>
  h.ctx.db.db
    .selectFrom('mail_outbox')
    .select(['id', 'kind', 'idempotency_key', 'to_addresses', 'subject', 'state'])
    .orderBy('created_at')
    .orderBy('idempotency_key')
    .execute();
const runs = async (h: Harness) =>
  (await h.ctx.db.db.selectFrom('usage_report_runs').selectAll().orderBy('month').execute()).map((r) => ({
    ...r,
    handled_at: Number(r.handled_at),
  }));
const setAddress = (h: Harness, email: string | null) =>
  h.ctx.options.update({ usageReportEmail: email }, SYSTEM);

/** The CSV attachment of a received message, as sections of rows. */
function csvOf(m: SmtpPeer['messages'][number]) {
  expect(m.parsed.attachments).toHaveLength(1);
  const a = m.parsed.attachments[0]!;
  expect(a.contentType).toBe('text/csv');
  const body = a.content.toString('utf8');
  expect(body.startsWith('\uFEFF')).toBe(true);
  return {
    filename: a.filename,
    sections: body
      .slice(1)
      .trimEnd()
      .split('\r\n\r\n')
      .map((s) => {
        const p = Papa.parse<string[]>(s, { newline: '\r\n' });
        expect(p.errors).toEqual([]);
        return p.data;
      }),
  };
}
/** The HTML body's text, one cell per `|…|`. */
const cells = (html: string) => html.replace(/<[^>]+>/g, '|');

describe.each(DB_KINDS)('usage report by mail: send now (%s)', (kind) => {
  const clock = { t: local('2026-11-14T10:00:00+01:00') };
  let peer: SmtpPeer;
  let h: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>['agent'];

  beforeAll(async () => {
    peer = await startSmtpPeer();
    h = await harness(freshDb(kind), clock, peer);
    admin = (await signIn(h)).agent;
    await addSessions(h, [
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-11-03T09:00:00+01:00',
        end: '2026-11-03T10:00:00+01:00',
      },
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-11-03T09:30:00+01:00',
        end: '2026-11-03T09:45:00+01:00',
      },
      { app: ACME, counters: C.rest, start: '2026-11-05T14:00:00+01:00', end: '2026-11-05T15:00:00+01:00' },
      {
        app: XSS,
        counters: C.thirdParty,
        start: '2026-11-06T12:00:00+01:00',
        end: '2026-11-06T12:01:00+01:00',
      },
      { app: SALESFORCE, counters: C.salesforceAdvanced, start: '2026-11-14T08:00:00+01:00', end: null },
      // October: not in November's report.
      { app: ACME, counters: C.rest, start: '2026-10-31T23:00:00+01:00', end: '2026-10-31T23:10:00+01:00' },
    ]);
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });
  beforeEach(async () => {
    peer.messages.length = 0;
    await h.ctx.db.db.deleteFrom('mail_outbox').execute();
    await setAddress(h, null);
  });

  it('without a report address: 409 naming usageReportEmail, nothing queued, nothing audited', async () => {
    const res = await admin.post('/api/v1/usage-report/send').expect(409);
    expect(res.body.error.code).toBe('conflict');
    expect(Object.keys(res.body.error.fields)).toEqual(['usageReportEmail']);
    expect(await outbox(h)).toEqual([]);
    const audit = await admin.get('/api/v1/audit').query({ action: 'usage-report.send' }).expect(200);
    expect(audit.body.total).toBe(0);
  });

  it('a support user: 403, nothing queued', async () => {
    await setAddress(h, ADDRESS);
    const support = await signInSupport(h, admin);
    const res = await support.agent.post('/api/v1/usage-report/send').expect(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await outbox(h)).toEqual([]);
    // Reading the status is allowed.
    const status = await support.agent.get('/api/v1/usage-report').expect(200);
    expect(status.body.email).toBe(ADDRESS);
  });

  it('with an address: 202; one message with the month-to-date figures in HTML, text and CSV; audited', async () => {
    await admin.put('/api/v1/options').send({ usageReportEmail: ADDRESS }).expect(200);
    const res = await admin.post('/api/v1/usage-report/send').expect(202);
    expect(res.body).toEqual({
      month: '2026-11',
      monthToDate: true,
      to: ADDRESS,
      mailId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      mail: { id: res.body.mailId, state: 'queued', delivery: 'smtp', fileName: null, outboxFolder: null },
    });
    const rows = await outbox(h);
    expect(rows).toEqual([
      {
        id: res.body.mailId,
        kind: 'usage-report',
        idempotency_key: null,
        to_addresses: JSON.stringify([ADDRESS]),
        subject: 'OIG usage report — oig-test — 1–14 November 2026 (month to date)',
        state: 'queued',
      },
    ]);
    expect(peer.messages).toHaveLength(0);
    // The console says the subject in its language from these values.
    expect((await admin.get('/api/v1/mail/outbox').expect(200)).body.messages[0]).toMatchObject({
      kind: 'usage-report',
      subjectParams: { name: 'oig-test', month: '2026-11', monthToDate: 'yes', lastDay: 14 },
    });

    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages).toHaveLength(1);
    const m = peer.messages[0]!;
    expect(m.envelope.to).toEqual([ADDRESS]);
    expect(m.parsed.subject).toBe('OIG usage report — oig-test — 1–14 November 2026 (month to date)');

    const html = m.parsed.html as string;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    const c = cells(html);
    expect(c).toContain('OIG usage report — 1–14 November 2026 (month to date)');
    expect(c).toContain('MiVoice Integration maximum concurrent users: 2|');
    expect(c).toContain('Reached 2026-11-03 09:30:00 (+01:00); 1 now.');
    expect(c).toContain('|Standard Call Control||50||2||2026-11-03 09:30:00 (+01:00)||0|');
    expect(c).toContain('|Advanced Call Control||10||1||2026-11-14 08:00:00 (+01:00)||1|');
    expect(c).toContain('|Data Access Service||50||1||2026-11-05 14:00:00 (+01:00)||0|');
    expect(c).toContain('|Mitel||MiVoice Integration for Google||2||2||2026-11-03 09:30:00 (+01:00)|');
    expect(c).toContain('|Acme||Call Recorder||1||1||2026-11-05 14:00:00 (+01:00)|');

    const text = m.parsed.text!;
    expect(text).toContain('oig-test · Mitel Open Integration Gateway');
    expect(text).toContain('MiVoice Integration maximum concurrent users: 2');
    expect(text).toContain('- MiVoice for Salesforce: 50 / 1 at 2026-11-14 08:00:00 (+01:00) / 1');
    expect(text).toContain(
      '- Mitel / MiVoice Integration for Salesforce: 1 / 1 at 2026-11-14 08:00:00 (+01:00)',
    );

    const csv = csvOf(m);
    expect(csv.filename).toBe('oig-usage-2026-11-to-date.csv');
    const [meta, licenses, apps] = csv.sections;
    expect(csv.sections).toHaveLength(3);
    expect(meta).toEqual([
      ['OIG', 'oig-test'],
      ['Version', OIG_VERSION],
      ['Period from', '2026-11-01T00:00:00.000+01:00'],
      ['Period to (exclusive)', '2026-11-14T10:00:00.000+01:00'],
      ['Time zone', 'Europe/Paris'],
      ['Month to date', 'yes'],
      ['Generated', '2026-11-14T10:00:00.000+01:00'],
    ]);
    expect(licenses!.slice(1)).toEqual([
      ['Standard Call Control', '50', 'no', '2', '2026-11-03T09:30:00.000+01:00', '0', 'standardCallControl'],
      ['Advanced Call Control', '10', 'no', '1', '2026-11-14T08:00:00.000+01:00', '1', 'advancedCallControl'],
      ['MiVoice for Google', '50', 'no', '2', '2026-11-03T09:30:00.000+01:00', '0', 'google'],
      ['MiVoice for Salesforce', '50', 'no', '1', '2026-11-14T08:00:00.000+01:00', '1', 'salesforce'],
      ['Data Access Service', '50', 'no', '1', '2026-11-05T14:00:00.000+01:00', '0', 'dataAccess'],
      [
        'MiVoice Integration maximum concurrent users',
        '1500',
        'no',
        '2',
        '2026-11-03T09:30:00.000+01:00',
        '1',
        'miVoiceIntegration',
      ],
    ]);
    expect(apps!.slice(1)).toEqual([
      ['<script>alert(1)</script>', "'=SUM(A1)", '1', '1', '2026-11-06T12:00:00.000+01:00'],
      ['Acme', 'Call Recorder', '1', '1', '2026-11-05T14:00:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Google', '2', '2', '2026-11-03T09:30:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Salesforce', '1', '1', '2026-11-14T08:00:00.000+01:00'],
    ]);

    expect(await h.ctx.mail.get(res.body.mailId)).toMatchObject({
      state: 'sent',
      attempts: 1,
      sentAt: clock.t,
    });
    expect(await h.ctx.mail.runOnce()).toBe(0);
    expect(peer.messages).toHaveLength(1);

    const audit = await admin.get('/api/v1/audit').query({ action: 'usage-report.send' }).expect(200);
    expect(audit.body.total).toBe(1);
    expect(audit.body.entries[0]).toMatchObject({
      actor: 'admin',
      actorRole: 'administrator',
      action: 'usage-report.send',
      target: 'Usage report 2026-11 (month to date)',
      before: null,
      after: { to: ADDRESS, month: '2026-11', monthToDate: true, mailId: res.body.mailId },
      at: new Date(clock.t).toISOString(),
    });
  });
});

describe.each(DB_KINDS)('usage report by mail: monthly (%s)', (kind) => {
  const clock = { t: 0 };
  let peer: SmtpPeer;
  let db: TestDb | undefined;
  const open: Harness[] = [];
  const start = async () => {
    db ??= freshDb(kind);
    const h = await harness(db, clock, peer);
    open.push(h);
    return h;
  };
  const restart = async (h: Harness) => {
    await h.close();
    return start();
  };
  const subjects = () => peer.messages.map((m) => m.parsed.subject);
  const status = async (h: Harness) => {
    const res = await (await signIn(h)).agent.get('/api/v1/usage-report').expect(200);
    expect(() => usageReportStatusSchema.parse(res.body)).not.toThrow();
    return res.body;
  };

  beforeAll(async () => {
    peer = await startSmtpPeer();
  });
  afterAll(async () => {
    await peer?.close();
  });
  beforeEach(async () => {
    peer.messages.length = 0;
    await peer.set('accept');
  });
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
    await db?.drop();
    db = undefined;
  });

  it('queues the previous month once, on the 1st after 00:01; again or after a restart nothing more; the status follows delivery', async () => {
    clock.t = local('2026-11-01T00:00:30+01:00');
    let h = await start();
    await setAddress(h, ADDRESS);
    // October's last day is not recorded yet: wait.
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await outbox(h)).toEqual([]);
    expect(await runs(h)).toEqual([]);

    clock.t = local('2026-11-01T00:05:00+01:00');
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-10']);
    const rows = await outbox(h);
    expect(rows).toEqual([
      {
        id: expect.any(String),
        kind: 'usage-report',
        idempotency_key: 'usage-report:2026-10',
        to_addresses: JSON.stringify([ADDRESS]),
        subject: 'OIG usage report — oig-test — October 2026',
        state: 'queued',
      },
    ]);
    expect(await runs(h)).toEqual([
      { month: '2026-10', outcome: 'queued', mail_id: rows[0]!.id, handled_at: clock.t },
    ]);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await status(h)).toEqual({
      email: ADDRESS,
      timeZone: 'Europe/Paris',
      nextMonthlyAt: '2026-12-01T00:00:00.000+01:00',
      pastMonths: { oldest: '2025-10', latest: '2026-10' },
      lastMonthly: {
        month: '2026-10',
        outcome: 'queued',
        handledAt: '2026-11-01T00:05:00.000+01:00',
        mail: { id: rows[0]!.id, state: 'queued', sentAt: null, savedAt: null, fileName: null },
      },
    });

    h = await restart(h);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await outbox(h)).toHaveLength(1);

    clock.t = local('2026-11-01T00:06:00+01:00');
    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(subjects()).toEqual(['OIG usage report — oig-test — October 2026']);
    const csv = csvOf(peer.messages[0]!);
    expect(csv.filename).toBe('oig-usage-2026-10.csv');
    expect(csv.sections[0]!.slice(2, 6)).toEqual([
      ['Period from', '2026-10-01T00:00:00.000+02:00'],
      ['Period to (exclusive)', '2026-11-01T00:00:00.000+01:00'],
      ['Time zone', 'Europe/Paris'],
      ['Month to date', 'no'],
    ]);
    expect((await status(h)).lastMonthly).toEqual({
      month: '2026-10',
      outcome: 'queued',
      handledAt: '2026-11-01T00:05:00.000+01:00',
      mail: {
        id: rows[0]!.id,
        state: 'sent',
        sentAt: '2026-11-01T00:06:00.000+01:00',
        savedAt: null,
        fileName: null,
      },
    });

    // Later in the month: nothing more.
    clock.t = local('2026-11-20T12:00:00+01:00');
    h = await restart(h);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await h.ctx.mail.runOnce()).toBe(0);
    expect(peer.messages).toHaveLength(1);
  });

  it('down for three months: each missed month is queued once, oldest first', async () => {
    clock.t = local('2026-11-01T00:05:00+01:00');
    let h = await start();
    await setAddress(h, ADDRESS);
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-10']);
    await h.ctx.mail.runOnce();
    await h.close();

    clock.t = local('2027-02-01T00:05:00+01:00');
    h = await start();
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    h = await restart(h);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect((await outbox(h)).map((r) => r.idempotency_key)).toEqual([
      'usage-report:2026-10',
      'usage-report:2026-11',
      'usage-report:2026-12',
      'usage-report:2027-01',
    ]);
    expect((await runs(h)).map((r) => [r.month, r.outcome])).toEqual([
      ['2026-10', 'queued'],
      ['2026-11', 'queued'],
      ['2026-12', 'queued'],
      ['2027-01', 'queued'],
    ]);
    expect(await h.ctx.mail.runOnce()).toBe(3);
    expect(await h.ctx.mail.runOnce()).toBe(0);
    expect(subjects()).toHaveLength(4);
    expect([...subjects()].sort()).toEqual(
      ['December 2026', 'January 2027', 'November 2026', 'October 2026'].map(
        (m) => `OIG usage report — oig-test — ${m}`,
      ),
    );
    expect(peer.messages.map((m) => csvOf(m).filename).sort()).toEqual([
      'oig-usage-2026-10.csv',
      'oig-usage-2026-11.csv',
      'oig-usage-2026-12.csv',
      'oig-usage-2027-01.csv',
    ]);
    expect((await status(h)).lastMonthly).toMatchObject({
      month: '2027-01',
      outcome: 'queued',
      mail: { state: 'sent' },
    });

    // A month missing between handled ones (a restored database) is handled at the next check;
    // a month recorded ahead of time (the clock was ahead) does not stop the others.
    await h.ctx.db.db.deleteFrom('usage_report_runs').where('month', '=', '2026-11').execute();
    await h.ctx.db.db
      .deleteFrom('mail_outbox')
      .where('idempotency_key', '=', 'usage-report:2026-11')
      .execute();
    await h.ctx.db.db
      .insertInto('usage_report_runs')
      .values({ month: '2027-05', outcome: 'skipped', mail_id: null, handled_at: clock.t })
      .execute();
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-11']);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(subjects().filter((x) => x?.endsWith('November 2026'))).toHaveLength(2);
  });

  it('no address when due: the month is recorded as skipped and not mailed later; the next month is mailed', async () => {
    clock.t = local('2026-11-01T00:05:00+01:00');
    let h = await start();
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-10']);
    expect(await outbox(h)).toEqual([]);
    expect(await runs(h)).toEqual([
      { month: '2026-10', outcome: 'skipped', mail_id: null, handled_at: clock.t },
    ]);
    expect(await status(h)).toMatchObject({
      email: null,
      lastMonthly: {
        month: '2026-10',
        outcome: 'skipped',
        handledAt: '2026-11-01T00:05:00.000+01:00',
        mail: null,
      },
    });

    await setAddress(h, ADDRESS);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    clock.t = local('2026-11-20T12:00:00+01:00');
    h = await restart(h);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await outbox(h)).toEqual([]);

    clock.t = local('2026-12-01T00:05:00+01:00');
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-11']);
    expect((await outbox(h)).map((r) => r.idempotency_key)).toEqual(['usage-report:2026-11']);
    await h.ctx.mail.runOnce();
    expect(subjects()).toEqual(['OIG usage report — oig-test — November 2026']);
    expect((await status(h)).lastMonthly).toMatchObject({
      month: '2026-11',
      outcome: 'queued',
      mail: { state: 'sent' },
    });
  });

  it('the first run of a fresh install considers only the previous month', async () => {
    clock.t = local('2027-03-15T12:00:00+01:00');
    const h = await start();
    await setAddress(h, ADDRESS);
    expect(await h.ctx.usage.runMonthly()).toEqual(['2027-02']);
    expect((await outbox(h)).map((r) => r.idempotency_key)).toEqual(['usage-report:2027-02']);
    expect((await status(h)).nextMonthlyAt).toBe('2027-04-01T00:00:00.000+02:00');
  });

  it('SMTP down: queued, retried after the back-off, delivered exactly once when the server is back', async () => {
    clock.t = local('2026-11-01T00:05:00+01:00');
    const h = await start();
    await setAddress(h, ADDRESS);
    await peer.set('stopped');
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-10']);
    const [row] = await outbox(h);
    expect(await h.ctx.mail.runOnce()).toBe(1);
    const failed = await h.ctx.mail.get(row!.id);
    expect(failed).toMatchObject({
      state: 'queued',
      attempts: 1,
      nextAttemptAt: clock.t + RETRY_BASE_MS,
      sentAt: null,
    });
    expect(failed!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await status(h)).lastMonthly.mail).toEqual({
      id: row!.id,
      state: 'queued',
      sentAt: null,
      savedAt: null,
      fileName: null,
    });

    await peer.set('accept');
    expect(await h.ctx.mail.runOnce()).toBe(0);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    clock.t = failed!.nextAttemptAt;
    expect(await h.ctx.mail.runOnce()).toBe(1);
    clock.t += RETRY_MAX_MS * 2;
    expect(await h.ctx.mail.runOnce()).toBe(0);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(subjects()).toEqual(['OIG usage report — oig-test — October 2026']);
    expect(await h.ctx.mail.get(row!.id)).toMatchObject({
      state: 'sent',
      attempts: 2,
      sentAt: failed!.nextAttemptAt,
    });
    expect((await status(h)).lastMonthly.mail).toEqual({
      id: row!.id,
      state: 'sent',
      sentAt: '2026-11-01T00:05:30.000+01:00',
      savedAt: null,
      fileName: null,
    });
    expect(await outbox(h)).toHaveLength(1);
  });

  it(`down for more than a year: only the ${MAX_CATCH_UP_MONTHS} latest months are caught up`, async () => {
    clock.t = local('2025-02-01T00:05:00+01:00');
    let h = await start();
    await setAddress(h, ADDRESS);
    expect(await h.ctx.usage.runMonthly()).toEqual(['2025-01']);
    await h.close();
    clock.t = local('2026-11-01T00:05:00+01:00');
    h = await start();
    const months = await h.ctx.usage.runMonthly();
    expect(months).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(months).toHaveLength(MAX_CATCH_UP_MONTHS);
    expect((await outbox(h)).map((r) => r.idempotency_key)).toEqual([
      'usage-report:2025-01',
      ...months.map((m) => `usage-report:${m}`),
    ]);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
  });

  it('ctx.start() runs the monthly check by itself (and the outbox sends it); ctx.stop() ends it', async () => {
    clock.t = local('2026-11-01T00:05:00+01:00');
    db = freshDb(kind);
    const h = await startHarness(db, {
      start: false,
      env: { ...ENV, OIG_SMTP_URL: peer.url },
      context: { now: () => clock.t, reportCheckMs: 20, mail: { timeouts: FAST, pollMs: 50 } },
    });
    open.push(h);
    await setAddress(h, ADDRESS);
    await h.ctx.start();
    await vi.waitFor(() => expect(subjects()).toEqual(['OIG usage report — oig-test — October 2026']), {
      timeout: 10_000,
      interval: 20,
    });
    expect((await runs(h)).map((r) => [r.month, r.outcome])).toEqual([['2026-10', 'queued']]);
    await h.ctx.stop();
    // Stopped: a month that becomes due is not handled any more.
    clock.t = local('2026-12-01T00:05:00+01:00');
    await new Promise((r) => setTimeout(r, 100));
    expect(await runs(h)).toHaveLength(1);
    expect(peer.messages).toHaveLength(1);
  });

  it('the monthly message carries the figures of the whole previous month, by Paris days', async () => {
    clock.t = local('2026-11-01T08:00:00+01:00');
    const h = await start();
    await setAddress(h, ADDRESS);
    await addSessions(h, [
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-10-05T09:00:00+02:00',
        end: '2026-10-05T10:00:00+02:00',
      },
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-10-05T09:30:00+02:00',
        end: '2026-10-05T09:45:00+02:00',
      },
      { app: ACME, counters: C.rest, start: '2026-10-31T23:30:00+01:00', end: '2026-11-01T00:10:00+01:00' },
      // 1 November 00:30 in Paris (31 October in UTC): November's.
      { app: ACME, counters: C.rest, start: '2026-10-31T23:30:00Z', end: '2026-10-31T23:40:00Z' },
    ]);
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-10']);
    await h.ctx.mail.runOnce();
    expect(subjects()).toEqual(['OIG usage report — oig-test — October 2026']);
    const m = peer.messages[0]!;
    const c = cells(m.parsed.html as string);
    expect(c).toContain('|Standard Call Control||50||2||2026-10-05 09:30:00 (+02:00)||0|');
    expect(c).toContain('|Data Access Service||50||1||2026-10-31 23:30:00 (+01:00)||0|');
    expect(m.parsed.text).toContain('- Acme / Call Recorder: 1 / 1 at 2026-10-31 23:30:00 (+01:00)');
    const [, licenses, apps] = csvOf(m).sections;
    expect(licenses![6]).toEqual([
      'MiVoice Integration maximum concurrent users',
      '1500',
      'no',
      '2',
      '2026-10-05T09:30:00.000+02:00',
      '0',
      'miVoiceIntegration',
    ]);
    expect(apps!.slice(1)).toEqual([
      ['Acme', 'Call Recorder', '1', '1', '2026-10-31T23:30:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Google', '2', '2', '2026-10-05T09:30:00.000+02:00'],
    ]);
  });
});

describe('usage report by mail: two processes on one PostgreSQL', () => {
  const clock = { t: local('2026-11-01T00:05:00+01:00') };
  let peer: SmtpPeer | undefined;
  let db: TestDb | undefined;
  const open: Harness[] = [];
  afterAll(async () => {
    for (const h of open) await h.close();
    await db?.drop();
    await peer?.close();
  });

  it('both run the monthly check at once, several times, and both send: one report per month arrives', async () => {
    peer = await startSmtpPeer();
    db = freshDb('postgres');
    const a = await harness(db, clock, peer);
    open.push(a);
    await setAddress(a, ADDRESS);
    const b = await harness(db, clock, peer);
    open.push(b);
    // October usage: both processes compute and record its days at the same time.
    await addSessions(a, [
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-10-10T08:00:00+02:00',
        end: '2026-10-10T12:00:00+02:00',
      },
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-10-10T09:00:00+02:00',
        end: '2026-10-10T10:00:00+02:00',
      },
      { app: ACME, counters: C.rest, start: '2026-10-31T23:30:00+01:00', end: '2026-11-01T00:30:00+01:00' },
    ]);

    const handled: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const [ra, rb] = await Promise.all([a.ctx.usage.runMonthly(), b.ctx.usage.runMonthly()]);
      handled.push([...ra, ...rb]);
    }
    // At least one process handled October in the first round; nobody handled anything else.
    expect(handled[0]).toContain('2026-10');
    expect(handled.flat().every((m) => m === '2026-10')).toBe(true);
    expect(handled.slice(1).flat()).toEqual([]);
    const rows = await outbox(b);
    expect(rows.map((r) => [r.idempotency_key, r.state])).toEqual([['usage-report:2026-10', 'queued']]);
    expect(await runs(a)).toEqual([
      { month: '2026-10', outcome: 'queued', mail_id: rows[0]!.id, handled_at: clock.t },
    ]);

    const [na, nb] = await Promise.all([a.ctx.mail.runOnce(), b.ctx.mail.runOnce()]);
    expect(na + nb).toBe(1);
    expect(await Promise.all([a.ctx.mail.runOnce(), b.ctx.mail.runOnce()])).toEqual([0, 0]);
    expect(peer.messages.map((m) => m.parsed.subject)).toEqual([
      'OIG usage report — oig-test — October 2026',
    ]);
    const october = csvOf(peer.messages[0]!).sections;
    expect(october[2]!.slice(1)).toEqual([
      ['Acme', 'Call Recorder', '1', '1', '2026-10-31T23:30:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Google', '2', '2', '2026-10-10T09:00:00.000+02:00'],
    ]);
    // Each October day recorded once, whichever process got there first.
    const days = await a.ctx.db.db
      .selectFrom('usage_daily')
      .select(['day'])
      .where('subject_kind', '=', 'day')
      .where('day', 'like', '2026-10-%')
      .execute();
    expect(days).toHaveLength(31);

    // A month later, the same again.
    clock.t = local('2026-12-01T00:05:00+01:00');
    for (let i = 0; i < 3; i++) await Promise.all([a.ctx.usage.runMonthly(), b.ctx.usage.runMonthly()]);
    await Promise.all([a.ctx.mail.runOnce(), b.ctx.mail.runOnce()]);
    await Promise.all([a.ctx.mail.runOnce(), b.ctx.mail.runOnce()]);
    expect(peer.messages.map((m) => m.parsed.subject)).toEqual([
      'OIG usage report — oig-test — October 2026',
      'OIG usage report — oig-test — November 2026',
    ]);
    expect((await runs(b)).map((r) => [r.month, r.outcome])).toEqual([
      ['2026-10', 'queued'],
      ['2026-11', 'queued'],
    ]);
    expect(await outbox(a)).toHaveLength(2);
  });
});

describe('createUsageReportScheduler', () => {
  const logger = pino({ level: 'silent' });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs at start and then every period, one run at a time; a failed run is tried again; stop waits for the run under way', async () => {
    let calls = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const usage = {
      async runMonthly() {
        calls++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(15);
        concurrent--;
        if (calls === 2) throw new Error('database unavailable');
        return [];
      },
    };
    const s = createUsageReportScheduler(usage, 10, logger);
    s.start();
    s.start();
    expect(calls).toBe(1);
    await sleep(150);
    await s.stop();
    const after = calls;
    expect(after).toBeGreaterThanOrEqual(4);
    expect(maxConcurrent).toBe(1);
    expect(concurrent).toBe(0);
    await sleep(60);
    expect(calls).toBe(after);
  });

  it('a period of 0 never runs', async () => {
    let calls = 0;
    const s = createUsageReportScheduler({ runMonthly: async () => (calls++, []) }, 0, logger);
    s.start();
    await sleep(30);
    await s.stop();
    expect(calls).toBe(0);
  });
});
