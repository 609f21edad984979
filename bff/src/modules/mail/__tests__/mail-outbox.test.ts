import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_KINDS, freshDb, startHarness, type Harness, type TestDb } from '../../../test/harness.js';
import { PERM_FAIL_TEXT, startSmtpPeer, TEMP_FAIL_TEXT, type SmtpPeer } from '../../../test/smtp-peer.js';
import { MAX_ATTEMPTS, RETRY_MAX_MS, SENDING_LEASE_MS, type EnqueueMail } from '../mail.service.js';

const T0 = Date.parse('2026-10-01T08:00:00Z');
const CSV = 'company,application,licenses\nMitel,Google,3\n';
const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 300, socketTimeoutMs: 2_000 };

const report = (over: Partial<EnqueueMail> = {}): EnqueueMail => ({
  kind: 'usage-report',
  to: ['ops@example.com', 'audit@example.org'],
  subject: 'OIG usage report — 2026-10',
  html: '<p>Usage for <b>October</b></p>',
  text: 'Usage for October',
  attachments: [
    {
      filename: 'usage-2026-10.csv',
      contentType: 'text/csv',
      content: Buffer.from(CSV),
    },
  ],
  ...over,
});

/** A context with a settable clock, the worker driven by runOnce only. */
async function harness(db: TestDb, clock: { t: number }, smtpUrl?: string): Promise<Harness> {
  return startHarness(db, {
    start: false,
    env: smtpUrl ? { OIG_SMTP_URL: smtpUrl } : {},
    context: { now: () => clock.t, mail: { timeouts: FAST, pollMs: 0 } },
  });
}

describe.each(DB_KINDS)('mail outbox over SMTP (%s)', (kind) => {
  let peer: SmtpPeer;
  let h: Harness;
  const clock = { t: T0 };

  beforeAll(async () => {
    peer = await startSmtpPeer();
    h = await harness(freshDb(kind), clock, peer.url);
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });
  beforeEach(async () => {
    clock.t = T0;
    peer.messages.length = 0;
    await peer.set('accept');
    await h.ctx.db.db.deleteFrom('mail_outbox').execute();
  });

  it('delivers the message as stored: recipients, subject, HTML, text, attachment, Message-ID', async () => {
    const m = await h.ctx.mail.enqueue(report());
    expect(m.state).toBe('queued');
    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages).toHaveLength(1);
    const { parsed, envelope } = peer.messages[0]!;
    expect(envelope.to).toEqual(['ops@example.com', 'audit@example.org']);
    expect(parsed.messageId).toBe(m.messageId);
    expect(parsed.subject).toBe('OIG usage report — 2026-10');
    expect(parsed.html).toContain('<b>October</b>');
    expect(parsed.text?.trim()).toBe('Usage for October');
    const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
    expect(to.flatMap((a) => a!.value.map((v) => v.address))).toEqual([
      'ops@example.com',
      'audit@example.org',
    ]);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('usage-2026-10.csv');
    expect(parsed.attachments[0]!.contentType).toBe('text/csv');
    expect(parsed.attachments[0]!.content.toString('utf8')).toBe(CSV);
    const row = await h.ctx.mail.get(m.id);
    expect(row).toMatchObject({
      state: 'sent',
      attempts: 1,
      sentAt: T0,
      fileName: null,
      lastError: null,
      messageId: m.messageId,
    });
  });

  it('SMTP down: stays queued with a later attempt; once the server is up it is delivered exactly once', async () => {
    await peer.set('stopped');
    const m = await h.ctx.mail.enqueue(report());
    await h.ctx.mail.runOnce();
    const after = await h.ctx.mail.get(m.id);
    expect(after).toMatchObject({ state: 'queued', attempts: 1 });
    expect(after!.nextAttemptAt).toBeGreaterThan(T0);
    expect(after!.lastError).toBeTruthy();
    // Not due yet: nothing is attempted.
    expect(await h.ctx.mail.runOnce()).toBe(0);
    await peer.set('accept');
    expect(await h.ctx.mail.runOnce()).toBe(0);
    clock.t = after!.nextAttemptAt;
    expect(await h.ctx.mail.runOnce()).toBe(1);
    clock.t += RETRY_MAX_MS * 2;
    expect(await h.ctx.mail.runOnce()).toBe(0);
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0]!.parsed.messageId).toBe(m.messageId);
    expect(await h.ctx.mail.get(m.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a server that accepts the connection but never greets times out and is retried later', async () => {
    await peer.set('no-greeting');
    const m = await h.ctx.mail.enqueue(report());
    await h.ctx.mail.runOnce();
    const after = await h.ctx.mail.get(m.id);
    expect(after).toMatchObject({ state: 'queued', attempts: 1 });
    expect(after!.lastError).toMatch(/greeting/i);
    await peer.set('accept');
    clock.t = after!.nextAttemptAt;
    await h.ctx.mail.runOnce();
    expect(peer.messages).toHaveLength(1);
    expect(await h.ctx.mail.get(m.id)).toMatchObject({ state: 'sent' });
  });

  it('4xx is retried with back-off; 5xx fails at once with the server answer and is not retried', async () => {
    await peer.set('temp-fail');
    const temp = await h.ctx.mail.enqueue(report({ subject: 'temporary' }));
    await h.ctx.mail.runOnce();
    const t1 = await h.ctx.mail.get(temp.id);
    expect(t1).toMatchObject({ state: 'queued', attempts: 1 });
    expect(t1!.lastError).toContain('451');
    expect(t1!.lastError).toContain(TEMP_FAIL_TEXT);
    expect(t1!.lastErrorReason).toEqual({
      code: 'smtp_deferred',
      params: { responseCode: 451, response: expect.stringContaining(TEMP_FAIL_TEXT) },
    });

    await peer.set('perm-fail');
    const perm = await h.ctx.mail.enqueue(report({ subject: 'permanent' }));
    await h.ctx.mail.runOnce();
    const p1 = await h.ctx.mail.get(perm.id);
    expect(p1).toMatchObject({ state: 'failed', attempts: 1 });
    expect(p1!.lastError).toContain('550');
    expect(p1!.lastError).toContain(PERM_FAIL_TEXT);
    expect(p1!.lastErrorReason).toEqual({
      code: 'smtp_refused',
      params: { responseCode: 550, response: expect.stringContaining(PERM_FAIL_TEXT) },
    });

    await peer.set('accept');
    clock.t += RETRY_MAX_MS * 2;
    expect(await h.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages.map((x) => x.parsed.subject)).toEqual(['temporary']);
    expect(await h.ctx.mail.get(perm.id)).toMatchObject({ state: 'failed', attempts: 1 });

    // An explicit retry puts it back; discard applies to queued or failed rows only.
    expect(await h.ctx.mail.retry(perm.id)).toBe(true);
    expect(await h.ctx.mail.retry(perm.id)).toBe(false);
    await h.ctx.mail.runOnce();
    expect(await h.ctx.mail.get(perm.id)).toMatchObject({ state: 'sent' });
    expect(await h.ctx.mail.discard(perm.id)).toBe(false);
    const other = await h.ctx.mail.enqueue(report({ subject: 'never' }));
    expect(await h.ctx.mail.discard(other.id)).toBe(true);
    await h.ctx.mail.runOnce();
    expect(peer.messages).toHaveLength(2);
    expect(await h.ctx.mail.get(other.id)).toMatchObject({ state: 'discarded' });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    await peer.set('stopped');
    const m = await h.ctx.mail.enqueue(report());
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await h.ctx.mail.runOnce();
      clock.t += RETRY_MAX_MS;
    }
    expect(await h.ctx.mail.get(m.id)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(await h.ctx.mail.runOnce()).toBe(0);
  });

  it('refuses CR or LF in addresses, subject and header values, naming the field; nothing is stored', async () => {
    const cases: Array<[Partial<EnqueueMail>, RegExp]> = [
      [{ subject: 'Hi\r\nBcc: victim@example.com' }, /^subject:/],
      [{ subject: 'Hi\nthere' }, /^subject:/],
      [{ to: ['ok@example.com', 'x@example.com\r\nBcc: v@example.com'] }, /^to\.1:/],
      [{ from: 'me@example.com\nBcc: v@example.com' }, /^from:/],
      [{ headers: { 'X-Report': 'a\r\nBcc: v@example.com' } }, /^headers\.X-Report:/],
      [
        { attachments: [{ filename: 'a\r\n.csv', contentType: 'text/csv', content: new Uint8Array() }] },
        /^attachments\.0\.filename:/,
      ],
    ];
    for (const [over, field] of cases) {
      const err = (await h.ctx.mail.enqueue(report(over)).catch((e: unknown) => e)) as Error;
      expect(err, JSON.stringify(over)).toBeInstanceOf(Error);
      expect(err.message).toMatch(field);
    }
    await expect(h.ctx.mail.enqueue(report({ to: ['not-an-address'] }))).rejects.toThrow(/to/);
    await expect(h.ctx.mail.enqueue(report({ to: [] }))).rejects.toThrow(/to/);
    expect(await h.ctx.mail.list()).toEqual([]);
  });

  it('the started worker sends what is enqueued without a runOnce call, and stops', async () => {
    await h.ctx.mail.start();
    try {
      const m = await h.ctx.mail.enqueue(report());
      await vi.waitFor(async () => expect((await h.ctx.mail.get(m.id))?.state).toBe('sent'), {
        timeout: 10_000,
        interval: 20,
      });
      expect(peer.messages).toHaveLength(1);
    } finally {
      await h.ctx.mail.stop();
    }
  });

  it('an idempotency key enqueues once: the second enqueue returns the same row, one message is delivered', async () => {
    const key = 'usage-report:2026-10';
    const a = await h.ctx.mail.enqueue(report({ idempotencyKey: key }));
    const b = await h.ctx.mail.enqueue(report({ idempotencyKey: key, subject: 'again' }));
    expect(b.id).toBe(a.id);
    expect(b.messageId).toBe(a.messageId);
    await h.ctx.mail.runOnce();
    const c = await h.ctx.mail.enqueue(report({ idempotencyKey: key }));
    expect(c).toMatchObject({ id: a.id, state: 'sent' });
    await h.ctx.mail.runOnce();
    expect(peer.messages).toHaveLength(1);
    expect(await h.ctx.mail.list()).toHaveLength(1);
  });
});

describe.each(DB_KINDS)('mail outbox: crash and file transport (%s)', (kind) => {
  let peer: SmtpPeer;
  const open: Harness[] = [];
  let db: TestDb | undefined;
  beforeAll(async () => {
    peer = await startSmtpPeer();
  });
  afterAll(async () => {
    await peer?.close();
  });
  afterEach(async () => {
    for (const x of open.splice(0)) await x.close();
    await db?.drop();
    db = undefined;
    peer.messages.length = 0;
  });

  it('a row left sending by a crash is sent again with the same Message-ID', async () => {
    db = freshDb(kind);
    const clock = { t: T0 };
    const first = await harness(db, clock, peer.url);
    open.push(first);
    const m = await first.ctx.mail.enqueue(report());
    // The state a claim leaves behind, as if the process died before the outcome was written.
    await first.ctx.db.db
      .updateTable('mail_outbox')
      .set({ state: 'sending', attempts: 1, next_attempt_at: T0 + SENDING_LEASE_MS })
      .where('id', '=', m.id)
      .execute();
    await first.close();

    const second = await harness(db, clock, peer.url);
    open.push(second);
    // SQLite has one process, so every 'sending' row at start is orphaned. On PostgreSQL
    // another process may still be sending it: it waits for the end of its lease.
    expect(await second.ctx.mail.recover()).toBe(kind === 'sqlite' ? 1 : 0);
    clock.t = T0 + SENDING_LEASE_MS;
    await second.ctx.mail.recover();
    expect(await second.ctx.mail.runOnce()).toBe(1);
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0]!.parsed.messageId).toBe(m.messageId);
    expect(await second.ctx.mail.get(m.id)).toMatchObject({ state: 'sent', attempts: 2, fileName: null });
  });

  it('with no SMTP configured, writes <dataDir>/outbox/<id>.eml that parses back to the message', async () => {
    db = freshDb(kind);
    const h = await harness(db, { t: T0 });
    open.push(h);
    const m = await h.ctx.mail.enqueue(report());
    expect(await h.ctx.mail.runOnce()).toBe(1);
    const dir = path.join(h.config.dataDir, 'outbox');
    expect(await readdir(dir)).toEqual([`${m.id}.eml`]);
    const raw = await readFile(path.join(dir, `${m.id}.eml`));
    expect(raw.includes('\r\n')).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('OIG usage report — 2026-10');
    expect(parsed.messageId).toBe(m.messageId);
    expect(parsed.attachments[0]!.filename).toBe('usage-2026-10.csv');
    expect(parsed.attachments[0]!.content.toString('utf8')).toBe(CSV);
    // Saved, not sent: it reached nobody, and the outbox says so and names the file.
    expect(await h.ctx.mail.get(m.id)).toMatchObject({ state: 'saved', fileName: `${m.id}.eml`, sentAt: T0 });
    expect(peer.messages).toHaveLength(0);
  });
});

describe('mail outbox: two processes on one PostgreSQL', () => {
  it('20 queued rows, two senders at once: every row delivered exactly once', async () => {
    const peer = await startSmtpPeer();
    const db = freshDb('postgres');
    const clock = { t: T0 };
    const a = await harness(db, clock, peer.url);
    const b = await harness(db, clock, peer.url);
    try {
      const ids = [];
      for (let i = 0; i < 20; i++)
        ids.push((await a.ctx.mail.enqueue(report({ subject: `report ${i}`, attachments: [] }))).id);
      const [na, nb] = await Promise.all([a.ctx.mail.runOnce(), b.ctx.mail.runOnce()]);
      expect(na + nb).toBe(20);
      expect(peer.messages).toHaveLength(20);
      expect(new Set(peer.messages.map((x) => x.parsed.subject)).size).toBe(20);
      expect(new Set(peer.messages.map((x) => x.parsed.messageId)).size).toBe(20);
      const rows = await b.ctx.mail.list({ limit: 100 });
      expect(rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
      expect(rows).toHaveLength(20);
    } finally {
      await a.close();
      await b.close();
      await db.drop();
      await peer.close();
    }
  });
});
