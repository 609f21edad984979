import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, startHarness, type Harness } from '../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/smtp-peer.js';
import { watchStatements } from '../../../test/statements.js';
import { MAIL_PART_BYTES } from '../mail.repo.js';
import type { EnqueueMail } from '../mail.service.js';

const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 300, socketTimeoutMs: 2_000 };
/** Three and a half parts, random (every byte value), and a small second attachment. */
const BIG = randomBytes(3 * MAIL_PART_BYTES + MAIL_PART_BYTES / 2);
const SMALL = Buffer.from('a,b\r\n1,2\r\n', 'utf8');

const message = (over: Partial<EnqueueMail> = {}): EnqueueMail => ({
  kind: 'test-parts',
  to: ['ops@example.com'],
  subject: 'parts',
  text: 'attached',
  attachments: [
    { filename: 'big.bin', contentType: 'application/octet-stream', content: BIG },
    { filename: 'small.csv', contentType: 'text/csv', content: SMALL },
  ],
  ...over,
});

const expectAttachments = (parsed: ParsedMail) => {
  expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
    ['big.bin', 'application/octet-stream'],
    ['small.csv', 'text/csv'],
  ]);
  expect(parsed.attachments[0]!.content.equals(BIG)).toBe(true);
  expect(parsed.attachments[1]!.content.equals(SMALL)).toBe(true);
};

/** The statements that wrote or read mail_attachment_parts. */
const partStatements = (log: ReturnType<typeof watchStatements>) =>
  log.statements.filter((s) => /mail_attachment_parts/.test(s.sql));

describe.each(DB_KINDS)('attachments stored in parts (%s)', (kind) => {
  let peer: SmtpPeer;
  let file: Harness;
  let smtp: Harness;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    const opts = { start: false, context: { mail: { timeouts: FAST, pollMs: 0 } } };
    file = await startHarness(freshDb(kind), opts);
    smtp = await startHarness(freshDb(kind), { ...opts, env: { OIG_SMTP_URL: peer.url } });
  });
  afterAll(async () => {
    await file?.dispose();
    await smtp?.dispose();
    await peer?.close();
  });

  const parts = (h: Harness, id: string) =>
    h.ctx.db.db
      .selectFrom('mail_attachment_parts')
      .select(['attachment', 'part', 'bytes'])
      .where('mail_id', '=', id)
      .orderBy('attachment')
      .orderBy('part')
      .execute();

  it('enqueue writes one part per statement; the .eml file holds the attachments byte for byte', async () => {
    const log = watchStatements(kind);
    let m;
    try {
      m = await file.ctx.mail.enqueue(message());
    } finally {
      log.stop();
    }
    const writes = partStatements(log);
    expect(writes).toHaveLength(5);
    expect(writes.every((s) => /^insert/i.test(s.sql) && s.rows === 1)).toBe(true);
    const stored = await parts(file, m.id);
    expect(stored.map((p) => [p.attachment, p.part, p.bytes.length])).toEqual([
      [0, 0, MAIL_PART_BYTES],
      [0, 1, MAIL_PART_BYTES],
      [0, 2, MAIL_PART_BYTES],
      [0, 3, MAIL_PART_BYTES / 2],
      [1, 0, SMALL.length],
    ]);
    // The outbox row keeps the attachments' names and sizes only.
    const row = await file.ctx.db.db
      .selectFrom('mail_outbox')
      .select('attachments')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.attachments!)).toEqual([
      { filename: 'big.bin', contentType: 'application/octet-stream', size: BIG.length, parts: 4 },
      { filename: 'small.csv', contentType: 'text/csv', size: SMALL.length, parts: 1 },
    ]);

    const reads = watchStatements(kind);
    try {
      expect(await file.ctx.mail.runOnce()).toBe(1);
    } finally {
      reads.stop();
    }
    const partReads = partStatements(reads);
    expect(partReads).toHaveLength(5);
    expect(partReads.every((s) => s.rows === 1)).toBe(true);
    expect(await file.ctx.mail.get(m.id)).toMatchObject({ state: 'saved', fileName: `${m.id}.eml` });
    const parsed = await simpleParser(
      await readFile(path.join(file.config.dataDir, 'outbox', `${m.id}.eml`)),
    );
    expect(parsed.messageId).toBe(m.messageId);
    expectAttachments(parsed);
  });

  it('over SMTP the server receives the attachments byte for byte', async () => {
    peer.messages.length = 0;
    const m = await smtp.ctx.mail.enqueue(message());
    expect(await smtp.ctx.mail.runOnce()).toBe(1);
    expect(await smtp.ctx.mail.get(m.id)).toMatchObject({ state: 'sent' });
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0]!.parsed.messageId).toBe(m.messageId);
    expectAttachments(peer.messages[0]!.parsed);
  });

  it('a row enqueued before the parts (content as base64 in its JSON) is still delivered', async () => {
    const id = `old-${kind}`;
    await file.ctx.db.db
      .insertInto('mail_outbox')
      .values({
        id,
        message_id: `<${id}@oig.invalid>`,
        kind: 'usage-report',
        idempotency_key: null,
        from_address: 'oig@example.com',
        to_addresses: '["ops@example.com"]',
        subject: 'old',
        html: null,
        text_body: 'old format',
        headers: null,
        attachments: JSON.stringify([
          {
            filename: 'big.bin',
            contentType: 'application/octet-stream',
            contentBase64: BIG.toString('base64'),
          },
          { filename: 'small.csv', contentType: 'text/csv', contentBase64: SMALL.toString('base64') },
        ]),
        state: 'queued',
        attempts: 0,
        next_attempt_at: 0,
        last_error: null,
        created_at: 0,
        updated_at: 0,
        sent_at: null,
        file_name: null,
      })
      .execute();
    expect(await file.ctx.mail.runOnce()).toBe(1);
    expect(await file.ctx.mail.get(id)).toMatchObject({ state: 'saved', fileName: `${id}.eml` });
    expectAttachments(
      await simpleParser(await readFile(path.join(file.config.dataDir, 'outbox', `${id}.eml`))),
    );
  });

  it('a missing part fails the delivery (retried), never a truncated attachment', async () => {
    const m = await file.ctx.mail.enqueue(message());
    await file.ctx.db.db
      .deleteFrom('mail_attachment_parts')
      .where('mail_id', '=', m.id)
      .where('attachment', '=', 0)
      .where('part', '=', 2)
      .execute();
    expect(await file.ctx.mail.runOnce()).toBe(1);
    const after = await file.ctx.mail.get(m.id);
    expect(after).toMatchObject({ state: 'queued', attempts: 1, fileName: null });
    expect(after!.lastError).toMatch(/part 3 of 4 is missing/);
  });

  it('parts are deleted with their message', async () => {
    const m = await file.ctx.mail.enqueue(message());
    const other = await file.ctx.mail.enqueue(message({ subject: 'other' }));
    expect(await parts(file, m.id)).toHaveLength(5);
    await file.ctx.db.db.deleteFrom('mail_outbox').where('id', '=', m.id).execute();
    expect(await parts(file, m.id)).toEqual([]);
    expect(await parts(file, other.id)).toHaveLength(5);
  });

  it('an attachment whose content is not bytes is refused by name; nothing is stored', async () => {
    const before = await file.ctx.mail.list({ limit: 1000 });
    const bad = message({
      attachments: [
        { filename: 'ok.csv', contentType: 'text/csv', content: SMALL },
        { filename: 'b.csv', contentType: 'text/csv', content: SMALL.toString('base64') as never },
      ],
    });
    await expect(file.ctx.mail.enqueue(bad)).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/^Mail is invalid: attachments\.1\.content: the content must be bytes/),
    });
    expect(await file.ctx.mail.list({ limit: 1000 })).toEqual(before);
  });

  it('the same idempotency key twice stores the parts once', async () => {
    const a = await file.ctx.mail.enqueue(message({ idempotencyKey: `parts-${kind}` }));
    const b = await file.ctx.mail.enqueue(message({ idempotencyKey: `parts-${kind}` }));
    expect(b.id).toBe(a.id);
    expect(await parts(file, a.id)).toHaveLength(5);
  });
});
