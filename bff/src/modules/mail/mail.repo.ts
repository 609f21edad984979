import type { StatusReason } from '@oig/shared';
import type { Selectable, Transaction } from 'kysely';
import type { Db, DbKind } from '../../db/db.js';
import type { Database, MailOutboxTable, MailState } from '../../db/schema.js';
import { holdCheckpoints, releaseCheckpoints } from '../../db/sqlite-checkpoint.js';
import { nextTurn } from '../../lib/slices.js';
import { deleteInBatches } from '../../lib/retention.js';
import { storeReason } from '../../lib/stored-reason.js';

export type OutboxRow = Selectable<MailOutboxTable>;
export type NewOutboxRow = Omit<
  OutboxRow,
  'state' | 'attempts' | 'last_error' | 'last_error_reason' | 'sent_at' | 'file_name' | 'updated_at'
>;

/**
 * The most bytes of an attachment stored in one row of `mail_attachment_parts` (1 MiB): enqueue
 * writes, and delivery reads, one part per statement, so that no statement carries a whole large
 * attachment (the user list's is ~25 MiB) and the event loop turns between parts.
 */
export const MAIL_PART_BYTES = 1024 * 1024;
/** States a message ends in; the outbox retention deletes only these. */
const DONE_STATES: MailState[] = ['sent', 'saved', 'failed', 'discarded'];
/** Messages deleted per statement by the retention (each may carry up to 25 parts of 1 MiB). */
const PRUNE_BATCH = 50;
/**
 * Attachments this large in all (about SQLite's automatic checkpoint, 1,000 pages) are written
 * with that checkpoint held and then run in a worker (db/sqlite-checkpoint.ts), not in the COMMIT.
 */
const CHECKPOINT_IN_WORKER_BYTES = 4 * MAIL_PART_BYTES;

/** How many parts `size` bytes take (an empty attachment has none). */
export const partsOf = (size: number): number => Math.ceil(size / MAIL_PART_BYTES);

/**
 * The mail outbox: the only code that touches `mail_outbox` and `mail_attachment_parts`.
 *
 * Claiming is a conditional UPDATE (`… WHERE id = ? AND state = 'queued'`): when several
 * processes share one PostgreSQL, exactly one of them changes the row, and only that one sends
 * it. A claim increments `attempts` (so a message that crashes the sender still reaches the
 * attempt limit) and sets `next_attempt_at` to the end of a lease; every later write is
 * conditional on state 'sending' and that attempt number, so a sender whose lease was taken
 * over cannot overwrite the newer outcome.
 */
export function createMailRepo(db: Db, kind: DbKind) {
  /** Inserts the row and, when it is new, its attachments' parts (one per statement, a turn between). */
  const insert = async (
    trx: Db | Transaction<Database>,
    row: NewOutboxRow,
    contents: readonly Uint8Array[],
  ): Promise<{ row: OutboxRow; created: boolean }> => {
    const values = {
      ...row,
      state: 'queued' as const,
      attempts: 0,
      last_error: null,
      last_error_reason: null,
      sent_at: null,
      file_name: null,
      updated_at: row.created_at,
    };
    if (row.idempotency_key === null) await trx.insertInto('mail_outbox').values(values).execute();
    else {
      const res = await trx
        .insertInto('mail_outbox')
        .values(values)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0n) !== 1) {
        const existing = await trx
          .selectFrom('mail_outbox')
          .selectAll()
          .where('idempotency_key', '=', row.idempotency_key)
          .executeTakeFirstOrThrow();
        return { row: existing, created: false };
      }
    }
    for (const [attachment, content] of contents.entries()) {
      const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
      for (let part = 0; part < partsOf(bytes.length); part++) {
        await trx
          .insertInto('mail_attachment_parts')
          .values({
            mail_id: row.id,
            attachment,
            part,
            bytes: bytes.subarray(part * MAIL_PART_BYTES, (part + 1) * MAIL_PART_BYTES),
          })
          .execute();
        await nextTurn();
      }
    }
    return { row: values, created: true };
  };

  const repo = {
    /**
     * Inserts a queued row and the content of its attachments (`contents[i]`: attachment i), in
     * one transaction. With an idempotency key that already exists, nothing is inserted and the
     * existing row is returned (`created: false`), whatever its state.
     */
    async enqueue(
      row: NewOutboxRow,
      contents: readonly Uint8Array[] = [],
    ): Promise<{ row: OutboxRow; created: boolean }> {
      if (contents.every((c) => c.byteLength === 0)) return insert(db, row, []);
      const total = contents.reduce((n, c) => n + c.byteLength, 0);
      const hold = kind === 'sqlite' && total >= CHECKPOINT_IN_WORKER_BYTES;
      if (hold) await holdCheckpoints(db);
      try {
        return await db.transaction().execute((trx) => insert(trx, row, contents));
      } finally {
        // Not awaited: the answer does not wait for the checkpoint (a failed one is SQLite's to redo).
        if (hold) void releaseCheckpoints(db, () => undefined);
      }
    },

    /** One part of an attachment's content, or undefined when there is no such part. */
    async part(mailId: string, attachment: number, part: number): Promise<Uint8Array | undefined> {
      const r = await db
        .selectFrom('mail_attachment_parts')
        .select('bytes')
        .where('mail_id', '=', mailId)
        .where('attachment', '=', attachment)
        .where('part', '=', part)
        .executeTakeFirst();
      return r?.bytes;
    },

    async get(id: string): Promise<OutboxRow | undefined> {
      return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Newest first. */
    async list(opts: { state?: MailState; limit?: number; offset?: number } = {}): Promise<OutboxRow[]> {
      let q = db.selectFrom('mail_outbox').selectAll();
      if (opts.state) q = q.where('state', '=', opts.state);
      return q
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(opts.limit ?? 100)
        .offset(opts.offset ?? 0)
        .execute();
    },

    async count(opts: { state?: MailState } = {}): Promise<number> {
      let q = db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number | string>().as('n'));
      if (opts.state) q = q.where('state', '=', opts.state);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },

    /** Claims up to `limit` due rows for this process; returns only the rows it won. */
    async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxRow[]> {
      const candidates = await db
        .selectFrom('mail_outbox')
        .select('id')
        .where('state', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const claimed: OutboxRow[] = [];
      for (const { id } of candidates) {
        const row = await db
          .updateTable('mail_outbox')
          .set((eb) => ({
            state: 'sending',
            attempts: eb('attempts', '+', 1),
            next_attempt_at: now + leaseMs,
            updated_at: now,
          }))
          .where('id', '=', id)
          .where('state', '=', 'queued')
          .where('next_attempt_at', '<=', now)
          .returningAll()
          .executeTakeFirst();
        if (row) claimed.push(row);
      }
      return claimed;
    },

    /**
     * Puts rows back in the queue whose sender stopped without an outcome: every 'sending' row
     * (`all`, when this is the only process: SQLite at start), or those whose lease ended.
     */
    async requeueInterrupted(now: number, all: boolean): Promise<number> {
      let q = db
        .updateTable('mail_outbox')
        .set({ state: 'queued', next_attempt_at: now, updated_at: now })
        .where('state', '=', 'sending');
      if (!all) q = q.where('next_attempt_at', '<=', now);
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async markSent(id: string, attempt: number, now: number): Promise<boolean> {
      return conditional(id, attempt, {
        state: 'sent',
        sent_at: now,
        last_error: null,
        last_error_reason: null,
        updated_at: now,
      });
    },

    /** Written as `fileName` in the outbox folder (no SMTP server): delivered to nobody. */
    async markSaved(id: string, attempt: number, fileName: string, now: number): Promise<boolean> {
      return conditional(id, attempt, {
        state: 'saved',
        sent_at: now,
        file_name: fileName,
        last_error: null,
        last_error_reason: null,
        updated_at: now,
      });
    },

    /** `reason` is `error` as a code and params (stored beside the text it stands for). */
    async markRetry(
      id: string,
      attempt: number,
      error: string,
      reason: StatusReason | null,
      nextAttemptAt: number,
      now: number,
    ): Promise<boolean> {
      return conditional(id, attempt, {
        state: 'queued',
        last_error: error,
        last_error_reason: storeReason(reason, error),
        next_attempt_at: nextAttemptAt,
        updated_at: now,
      });
    },

    async markFailed(
      id: string,
      attempt: number,
      error: string,
      reason: StatusReason | null,
      now: number,
    ): Promise<boolean> {
      return conditional(id, attempt, {
        state: 'failed',
        last_error: error,
        last_error_reason: storeReason(reason, error),
        updated_at: now,
      });
    },

    /** failed → queued, due now, with a fresh attempt count. False when the row is not failed. */
    async retry(id: string, now: number): Promise<boolean> {
      const res = await db
        .updateTable('mail_outbox')
        .set({ state: 'queued', attempts: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', id)
        .where('state', '=', 'failed')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** queued | failed → discarded. False when the row is in another state (or sending now). */
    async discard(id: string, now: number): Promise<boolean> {
      const res = await db
        .updateTable('mail_outbox')
        .set({ state: 'discarded', updated_at: now })
        .where('id', '=', id)
        .where('state', 'in', ['queued', 'failed'])
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /**
     * Deletes messages that are done — sent, saved, failed or discarded — and last changed before
     * `before`, with their attachment parts (ON DELETE CASCADE), PRUNE_BATCH messages per statement
     * with a turn between; queued and sending ones are never touched. Returns how many went.
     */
    pruneDone(before: number): Promise<number> {
      return deleteInBatches(PRUNE_BATCH, async () => {
        const res = await db
          .deleteFrom('mail_outbox')
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('mail_outbox')
              .select('id')
              .where('state', 'in', DONE_STATES)
              .where('updated_at', '<', before)
              .orderBy('updated_at')
              .limit(PRUNE_BATCH),
          )
          .executeTakeFirst();
        return Number(res.numDeletedRows);
      });
    },
  };

  async function conditional(id: string, attempt: number, set: Partial<OutboxRow>): Promise<boolean> {
    const res = await db
      .updateTable('mail_outbox')
      .set(set)
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .where('attempts', '=', attempt)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  return repo;
}
export type MailRepo = ReturnType<typeof createMailRepo>;
