import { sendUsageReportResponseSchema, usageReportStatusSchema } from '@oig/shared';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { ACME, addSessions, C, GOOGLE, SALESFORCE, type AppName } from './usage-fixtures.js';

// "Send Report To Email Now" for a past month: the monthly mail of that month, again, to the
// address set now (e.g. the monthly one went to a wrong address).

const ENV = { OIG_TIME_ZONE: 'Europe/Paris', OIG_NAME: 'oig-test', OIG_LOG_LEVEL: 'error' };
const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 300, socketTimeoutMs: 2_000 };
const WRONG = 'reprots@example.com';
const ADDRESS = 'reports@example.com';
const SYSTEM: Actor = { username: 'admin', role: 'administrator', address: null };
const XSS: AppName = { companyName: '<script>alert(1)</script>', applicationName: '=SUM(A1)' };
const local = (s: string) => Date.parse(s);
const SEND = '/api/v1/usage-report/send';

const harness = (db: TestDb, clock: { t: number }, peer: SmtpPeer, env: Record<string, string> = {}) =>
  startHarness(db, {
    start: false,
    env: { ...ENV, OIG_SMTP_URL: peer.url, ...env },
    context: { now: () => clock.t, reportCheckMs: 0, mail: { timeouts: FAST, pollMs: 0 } },
  });

const outbox = (h: Harness) =>
  h.ctx.db.db
    .selectFrom('mail_outbox')
    .select(['id', 'kind', 'idempotency_key', 'to_addresses', 'subject', 'state'])
    .orderBy('created_at')
    .orderBy('idempotency_key')
    .execute();
const runs = (h: Harness) =>
  h.ctx.db.db
    .selectFrom('usage_report_runs')
    .select(['month', 'outcome', 'mail_id'])
    .orderBy('month')
    .execute();
const setAddress = (h: Harness, email: string | null) =>
  h.ctx.options.update({ usageReportEmail: email }, SYSTEM);

/** What a reader gets of a message: everything but the envelope's and the headers' per-message values. */
function content(m: SmtpPeer['messages'][number]) {
  return {
    subject: m.parsed.subject,
    html: m.parsed.html,
    text: m.parsed.text,
    attachments: m.parsed.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content.toString('utf8'),
    })),
  };
}
const csvRows = (csv: string) =>
  csv
    .slice(1)
    .trimEnd()
    .split('\r\n\r\n')
    .map((s) => Papa.parse<string[]>(s, { newline: '\r\n' }).data);

describe.each(DB_KINDS)('usage report by mail: a past month again (%s)', (kind) => {
  const clock = { t: 0 };
  let peer: SmtpPeer;
  let h: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>['agent'];
  let cookie: string[];
  const audits = async () =>
    (await admin.get('/api/v1/audit').query({ action: 'usage-report.send' }).expect(200)).body;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    clock.t = local('2026-12-01T00:05:00+01:00');
    h = await harness(freshDb(kind), clock, peer);
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
      {
        app: XSS,
        counters: C.thirdParty,
        start: '2026-11-06T12:00:00+01:00',
        end: '2026-11-06T12:01:00+01:00',
      },
      // 1 November 00:30 in Paris (still 31 October in UTC): November's.
      { app: ACME, counters: C.rest, start: '2026-10-31T23:30:00Z', end: '2026-10-31T23:40:00Z' },
      // Over the end of November: November's peak, and counted as started in November.
      { app: ACME, counters: C.rest, start: '2026-11-30T23:50:00+01:00', end: '2026-12-01T00:02:00+01:00' },
      // Still live: in the report's "current" column.
      { app: SALESFORCE, counters: C.salesforceAdvanced, start: '2026-11-20T08:00:00+01:00', end: null },
      // October and December: in neither.
      { app: ACME, counters: C.rest, start: '2026-10-31T22:00:00+01:00', end: '2026-10-31T22:10:00+01:00' },
      {
        app: GOOGLE,
        counters: C.google,
        start: '2026-12-01T00:01:00+01:00',
        end: '2026-12-01T00:03:00+01:00',
      },
    ]);
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });
  beforeEach(async () => {
    peer.messages.length = 0;
    clock.t = local('2026-12-01T00:05:00+01:00');
    await h.ctx.db.db.deleteFrom('mail_outbox').execute();
    await h.ctx.db.db.deleteFrom('usage_report_runs').execute();
    await h.ctx.db.db.deleteFrom('audit_log').execute();
    await setAddress(h, ADDRESS);
    // (A console session lasts 8 hours of the test's clock.)
    ({ agent: admin, cookie } = await signIn(h));
  });

  it('sends the monthly mail of that month again, to the current address: same subject, HTML, text and CSV; audited', async () => {
    // The monthly run mailed November to a mistyped address.
    await setAddress(h, WRONG);
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-11']);
    expect(await h.ctx.mail.runOnce()).toBe(1);
    const [monthly] = peer.messages;
    expect(monthly!.envelope.to).toEqual([WRONG]);

    // The address is corrected, and November sent again, at the same instant as the monthly run.
    await setAddress(h, ADDRESS);
    const res = await admin.post(SEND).send({ month: '2026-11' }).expect(202);
    expect(() => sendUsageReportResponseSchema.parse(res.body)).not.toThrow();
    expect(res.body).toEqual({
      month: '2026-11',
      monthToDate: false,
      to: ADDRESS,
      mailId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      mail: { id: res.body.mailId, state: 'queued', delivery: 'smtp', fileName: null, outboxFolder: null },
    });
    // Its own message: not under the monthly key, which stays November's monthly message.
    // (Queued at the same instant: the monthly one first, whichever way the database orders NULL keys.)
    const rows = (await outbox(h)).sort(
      (a, b) => Number(a.idempotency_key === null) - Number(b.idempotency_key === null),
    );
    expect(rows.map((r) => [r.idempotency_key, r.to_addresses, r.subject])).toEqual([
      ['usage-report:2026-11', JSON.stringify([WRONG]), 'OIG usage report — oig-test — November 2026'],
      [null, JSON.stringify([ADDRESS]), 'OIG usage report — oig-test — November 2026'],
    ]);
    expect(rows[1]!.id).toBe(res.body.mailId);
    const listed = (await admin.get('/api/v1/mail/outbox').expect(200)).body.messages as Array<{
      id: string;
      subjectParams: unknown;
    }>;
    expect(listed.find((m) => m.id === res.body.mailId)!.subjectParams).toEqual(
      listed.find((m) => m.id === rows[0]!.id)!.subjectParams,
    );

    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages).toHaveLength(2);
    const again = peer.messages[1]!;
    expect(again.envelope.to).toEqual([ADDRESS]);
    expect(content(again)).toEqual(content(monthly!));
    // … and that content is November's, whole.
    const c = content(again);
    expect(c.subject).toBe('OIG usage report — oig-test — November 2026');
    expect(c.html).not.toContain('<script>');
    expect(c.text).toContain('- Acme / Call Recorder: 2 / 1 at 2026-11-01 00:30:00 (+01:00)');
    expect(c.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['oig-usage-2026-11.csv', 'text/csv'],
    ]);
    const [meta, licenses, apps] = csvRows(c.attachments[0]!.content);
    expect(meta!.slice(2, 6)).toEqual([
      ['Period from', '2026-11-01T00:00:00.000+01:00'],
      ['Period to (exclusive)', '2026-12-01T00:00:00.000+01:00'],
      ['Time zone', 'Europe/Paris'],
      ['Month to date', 'no'],
    ]);
    expect(licenses![4]).toEqual([
      'MiVoice for Salesforce',
      '50',
      'no',
      '1',
      '2026-11-20T08:00:00.000+01:00',
      '1',
      'salesforce',
    ]);
    expect(apps!.slice(1)).toEqual([
      ['<script>alert(1)</script>', "'=SUM(A1)", '1', '1', '2026-11-06T12:00:00.000+01:00'],
      ['Acme', 'Call Recorder', '2', '1', '2026-11-01T00:30:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Google', '2', '2', '2026-11-03T09:30:00.000+01:00'],
      ['Mitel', 'MiVoice Integration for Salesforce', '1', '1', '2026-11-20T08:00:00.000+01:00'],
    ]);

    const audit = await audits();
    expect(audit.total).toBe(1);
    expect(audit.entries[0]).toMatchObject({
      actor: 'admin',
      actorRole: 'administrator',
      action: 'usage-report.send',
      target: 'Usage report 2026-11',
      before: null,
      after: { to: ADDRESS, month: '2026-11', monthToDate: false, mailId: res.body.mailId },
    });
    // The monthly run is not disturbed: November stays handled once, by its own message.
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    expect(await runs(h)).toEqual([{ month: '2026-11', outcome: 'queued', mail_id: rows[0]!.id }]);

    // Weeks later: the same figures (the days are recorded); only the time it was generated differs.
    clock.t = local('2026-12-20T15:00:00+01:00');
    admin = (await signIn(h)).agent;
    await admin.post(SEND).send({ month: '2026-11' }).expect(202);
    expect(await h.ctx.mail.runOnce()).toBe(1);
    const generated = (s: unknown) =>
      String(s)
        .replace(/2026-12-01 00:05:00 \(\+01:00\)/g, 'GENERATED')
        .replace(/2026-12-20 15:00:00 \(\+01:00\)/g, 'GENERATED')
        .replace(/2026-12-01T00:05:00\.000\+01:00/g, 'GENERATED')
        .replace(/2026-12-20T15:00:00\.000\+01:00/g, 'GENERATED');
    const later = content(peer.messages[2]!);
    expect(later.subject).toBe(c.subject);
    expect(generated(later.html)).toBe(generated(c.html));
    expect(generated(later.text)).toBe(generated(c.text));
    expect(generated(later.attachments[0]!.content)).toBe(generated(c.attachments[0]!.content));
    expect(later.html).not.toBe(c.html);
  });

  it('sent before the monthly run: the monthly message of that month still goes, under its own key', async () => {
    // 1 December, 00:00:30: November is over, the monthly run waits for its last day to be recorded.
    clock.t = local('2026-12-01T00:00:30+01:00');
    const res = await admin.post(SEND).send({ month: '2026-11' }).expect(202);
    expect(await h.ctx.usage.runMonthly()).toEqual([]);
    clock.t = local('2026-12-01T00:05:00+01:00');
    expect(await h.ctx.usage.runMonthly()).toEqual(['2026-11']);
    expect((await outbox(h)).map((r) => [r.id === res.body.mailId, r.idempotency_key])).toEqual([
      [true, null],
      [false, 'usage-report:2026-11'],
    ]);
    expect(await h.ctx.mail.runOnce()).toBe(2);
    expect(peer.messages.map((m) => m.parsed.subject)).toEqual([
      'OIG usage report — oig-test — November 2026',
      'OIG usage report — oig-test — November 2026',
    ]);
  });

  it('without a month: month to date, as before', async () => {
    const res = await admin.post(SEND).expect(202);
    expect(res.body).toMatchObject({ month: '2026-12', monthToDate: true, to: ADDRESS });
    const empty = await admin.post(SEND).send({}).expect(202);
    expect(empty.body).toMatchObject({ month: '2026-12', monthToDate: true });
    expect((await outbox(h)).map((r) => r.subject)).toEqual([
      'OIG usage report — oig-test — 1–1 December 2026 (month to date)',
      'OIG usage report — oig-test — 1–1 December 2026 (month to date)',
    ]);
    expect((await audits()).entries[0]).toMatchObject({
      target: 'Usage report 2026-12 (month to date)',
      after: { month: '2026-12', monthToDate: true },
    });
  });

  it('the months are those of OIG_TIME_ZONE: at 00:30 on 1 November in Paris (October in UTC), October is past and November is not', async () => {
    clock.t = local('2026-10-31T23:30:00Z');
    const notOver = await admin.post(SEND).send({ month: '2026-11' }).expect(400);
    expect(notOver.body.error).toMatchObject({
      code: 'validation_failed',
      reason: 'usage_month_not_over',
      params: { month: '2026-11' },
      message: 'Month 2026-11 is not over yet: send without a month for the month to date',
      fieldReasons: { month: { reason: 'usage_month_not_over', params: { month: '2026-11' } } },
    });
    expect(await outbox(h)).toEqual([]);
    const res = await admin.post(SEND).send({ month: '2026-10' }).expect(202);
    expect(res.body).toMatchObject({ month: '2026-10', monthToDate: false });
    expect((await outbox(h)).map((r) => r.subject)).toEqual(['OIG usage report — oig-test — October 2026']);
    const status = (await admin.get('/api/v1/usage-report').expect(200)).body;
    expect(() => usageReportStatusSchema.parse(status)).not.toThrow();
    expect(status.pastMonths).toEqual({ oldest: '2025-10', latest: '2026-10' });
  });

  it('refuses a month to come, one the history no longer holds whole, and a malformed one: 400 with its reason, nothing queued or audited', async () => {
    // 400 days back from 1 December 2026 00:05 is 27 October 2025: November 2025 is the oldest whole month.
    const status = (await admin.get('/api/v1/usage-report').expect(200)).body;
    expect(status.pastMonths).toEqual({ oldest: '2025-11', latest: '2026-11' });

    const refused = async (body: unknown) =>
      (
        await admin
          .post(SEND)
          .send(body as object)
          .expect(400)
      ).body.error;
    expect(await refused({ month: '2026-12' })).toMatchObject({
      reason: 'usage_month_not_over',
      params: { month: '2026-12' },
    });
    expect(await refused({ month: '2027-01' })).toMatchObject({
      code: 'validation_failed',
      reason: 'usage_month_in_future',
      params: { month: '2027-01', latest: '2026-11' },
      message: 'Month 2027-01 has not begun: choose 2026-11 or an earlier month',
      fieldReasons: {
        month: { reason: 'usage_month_in_future', params: { month: '2027-01', latest: '2026-11' } },
      },
    });
    expect(await refused({ month: '2025-10' })).toMatchObject({
      code: 'validation_failed',
      reason: 'usage_month_too_old',
      params: { month: '2025-10', oldest: '2025-11', days: '400' },
      message:
        'The session history (kept 400 days) no longer holds all of 2025-10: choose 2025-11 or a later month',
      fieldReasons: { month: { reason: 'usage_month_too_old' } },
    });
    for (const month of ['2026-13', '2026-1', '26-11', '2026-11-01', '', ' 2026-11', 1999, null]) {
      const e = await refused({ month });
      expect(e).toMatchObject({
        code: 'validation_failed',
        reason: 'invalid_input',
        params: { field: 'month' },
      });
      expect(Object.keys(e.fields)).toEqual(['month']);
    }
    expect(await refused({ month: '2026-11', to: 'someone@example.com' })).toMatchObject({
      code: 'validation_failed',
      reason: 'invalid_input',
    });
    expect(await refused(['2026-11'])).toMatchObject({ code: 'validation_failed' });
    const text = await admin.post(SEND).set('Content-Type', 'text/plain').send('2026-11').expect(400);
    expect(text.body.error.reason).toBe('json_content_type_required');

    expect(await outbox(h)).toEqual([]);
    expect((await audits()).total).toBe(0);
    // The oldest and the latest allowed are sent.
    for (const month of ['2025-11', '2026-11']) await admin.post(SEND).send({ month }).expect(202);
    expect((await outbox(h)).map((r) => r.subject).sort()).toEqual([
      'OIG usage report — oig-test — November 2025',
      'OIG usage report — oig-test — November 2026',
    ]);
  });

  it('a bad month is refused before the address is looked at; no address: 409 as for month to date', async () => {
    await setAddress(h, null);
    const bad = await admin.post(SEND).send({ month: '2027-01' }).expect(400);
    expect(bad.body.error.reason).toBe('usage_month_in_future');
    const res = await admin.post(SEND).send({ month: '2026-11' }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', reason: 'usage_report_email_not_set' });
    expect(await outbox(h)).toEqual([]);
    expect((await audits()).total).toBe(0);
  });

  it('a support user: 403; no CSRF token: 403; nothing queued or audited', async () => {
    const support = await signInSupport(h, admin);
    const forbidden = await support.agent.post(SEND).send({ month: '2026-11' }).expect(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    const csrf = await h
      .request()
      .post(SEND)
      .set('Cookie', cookie.map((c) => c.split(';')[0]!).join('; '))
      .send({ month: '2026-11' })
      .expect(403);
    expect(csrf.body.error.code).toBe('csrf_failed');
    expect(await outbox(h)).toEqual([]);
    expect((await audits()).total).toBe(0);
    // Support reads which months could be sent.
    const status = await support.agent.get('/api/v1/usage-report').expect(200);
    expect(status.body.pastMonths).toEqual({ oldest: '2025-11', latest: '2026-11' });
  });
});

describe.each(DB_KINDS)('usage report by mail: past months and the history retention (%s)', (kind) => {
  const clock = { t: local('2026-12-01T00:05:00+01:00') };
  let peer: SmtpPeer;
  let h: Harness;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    h = await harness(freshDb(kind), clock, peer, { OIG_HISTORY_RETENTION_DAYS: '62' });
    await setAddress(h, ADDRESS);
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });

  it('with 62 days kept, October and November can be sent again, September no longer', async () => {
    const admin = (await signIn(h)).agent;
    // 62 days back is 30 September 00:05 (+02:00): September is not held whole.
    expect((await admin.get('/api/v1/usage-report').expect(200)).body.pastMonths).toEqual({
      oldest: '2026-10',
      latest: '2026-11',
    });
    const e = (await admin.post(SEND).send({ month: '2026-09' }).expect(400)).body.error;
    expect(e).toMatchObject({
      reason: 'usage_month_too_old',
      params: { month: '2026-09', oldest: '2026-10', days: '62' },
    });
    await admin.post(SEND).send({ month: '2026-10' }).expect(202);
    // 62 × 24 h after September's first instant, that instant is the limit: September is held whole.
    clock.t = local('2026-09-01T00:00:00+02:00') + 62 * 86_400_000;
    expect((await admin.get('/api/v1/usage-report').expect(200)).body.pastMonths.oldest).toBe('2026-09');
    clock.t += 1;
    expect((await admin.get('/api/v1/usage-report').expect(200)).body.pastMonths.oldest).toBe('2026-10');
  });
});
