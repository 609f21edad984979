import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.js';
import { DB_KINDS, freshDb, startHarness, type Harness } from '../../../test/harness.js';
import type { MailState } from '../../../db/schema.js';
import { MAIL_PART_BYTES } from '../mail.repo.js';

const DAY = 86_400_000;

/**
 * The outbox is bounded (OIG_MAIL_RETENTION_DAYS, default 30): messages that are done — sent, saved,
 * failed, discarded — and last changed before the retention are deleted with their attachment parts;
 * queued and sending ones, and recent ones, stay.
 */
describe.each(DB_KINDS)('mail outbox retention (%s)', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind), {
      start: false,
      context: { mail: { pollMs: 0 }, historyPruneMs: 0 },
    });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('deletes done messages older than the retention, with their parts, in batches; keeps the rest', async () => {
    const db = h.ctx.db.db;
    const now = Date.now();
    const old = now - 31 * DAY;
    const cases: Array<[string, MailState, number]> = [
      ['old sent', 'sent', old],
      ['old saved', 'saved', old],
      ['old failed', 'failed', old],
      ['old discarded', 'discarded', old],
      ['old queued', 'queued', old],
      ['old sending', 'sending', old],
      ['new sent', 'sent', now - DAY],
    ];
    // 120 more old sent ones: more than one batch.
    for (let i = 0; i < 120; i++) cases.push([`bulk ${i}`, 'sent', old - i]);
    const ids = new Map<string, string>();
    for (const [subject, state, at] of cases) {
      const m = await h.ctx.mail.enqueue({
        kind: 'test',
        to: ['ops@example.com'],
        subject,
        text: 'x',
        ...(subject === 'old saved'
          ? {
              attachments: [
                {
                  filename: 'a.bin',
                  contentType: 'application/octet-stream',
                  content: new Uint8Array(MAIL_PART_BYTES + 1),
                },
              ],
            }
          : {}),
      });
      ids.set(subject, m.id);
      await db.updateTable('mail_outbox').set({ state, updated_at: at }).where('id', '=', m.id).execute();
    }
    const partsOf = async (id: string) =>
      (await db.selectFrom('mail_attachment_parts').select('part').where('mail_id', '=', id).execute())
        .length;
    expect(await partsOf(ids.get('old saved')!)).toBe(2);

    expect(await h.ctx.mailRetention.prune()).toBe(124);
    const left = await db.selectFrom('mail_outbox').select('subject').orderBy('subject').execute();
    expect(left.map((r) => r.subject)).toEqual(['new sent', 'old queued', 'old sending']);
    expect(await partsOf(ids.get('old saved')!)).toBe(0);
    expect(await h.ctx.mailRetention.prune()).toBe(0);
  });

  it('OIG_MAIL_RETENTION_DAYS: 30 days by default, 1 to 3,650', () => {
    expect(loadConfig({}).mailRetentionMs).toBe(30 * DAY);
    expect(loadConfig({ OIG_MAIL_RETENTION_DAYS: '7' }).mailRetentionMs).toBe(7 * DAY);
    expect(() => loadConfig({ OIG_MAIL_RETENTION_DAYS: '0' })).toThrow(/OIG_MAIL_RETENTION_DAYS/);
  });
});
