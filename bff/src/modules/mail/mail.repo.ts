import type { Selectable } from 'kysely';
import type { Db } from '../../db/db.js';
import type { MailOutboxTable, MailState } from '../../db/schema.js';

export type OutboxRow = Selectable<MailOutboxTable>;
export type NewOutboxRow = Omit<
  OutboxRow,
  'state' | 'attempts' | 'last_error' | 'sent_at' | 'file_name' | 'updated_at'
>;

/**
 * The mail outbox: the only code that touches `mail_outbox`.
 *
 * Claiming is a conditional UPDATE (`… WHERE id = ? AND state = 'queued'`): when several
 * processes share one PostgreSQL, exactly one of them changes the row, and only that one sends
 * it. A claim increments `attempts` (so a message that crashes the sender still reaches the
 * attempt limit) and sets `next_attempt_at` to the end of a lease; every later write is
 * conditional on state 'sending' and that attempt number, so a sender whose lease was taken
 * over cannot overwrite the newer outcome.
 */
export function createMailRepo(db: Db) {
  const repo = {
    /**
     * Inserts a queued row. With an idempotency key that already exists, nothing is inserted and
     * the existing row is returned (`created: false`), whatever its state.
     */
    async enqueue(row: NewOutboxRow): Promise<{ row: OutboxRow; created: boolean }> {
      const values = {
        ...row,
        state: 'queued' as const,
        attempts: 0,
        last_error: null,
        sent_at: null,
        file_name: null,
        updated_at: row.created_at,
      };
      if (row.idempotency_key === null) {
        await db.insertInto('mail_outbox').values(values).execute();
        return { row: values, created: true };
      }
      const res = await db
        .insertInto('mail_outbox')
        .values(values)
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return { row: values, created: true };
      const existing = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('idempotency_key', '=', row.idempotency_key)
        .executeTakeFirstOrThrow();
      return { row: existing, created: false };
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
      return conditional(id, attempt, { state: 'sent', sent_at: now, last_error: null, updated_at: now });
    },

    /** Written as `fileName` in the outbox folder (no SMTP server): delivered to nobody. */
    async markSaved(id: string, attempt: number, fileName: string, now: number): Promise<boolean> {
      return conditional(id, attempt, {
        state: 'saved',
        sent_at: now,
        file_name: fileName,
        last_error: null,
        updated_at: now,
      });
    },

    async markRetry(
      id: string,
      attempt: number,
      error: string,
      nextAttemptAt: number,
      now: number,
    ): Promise<boolean> {
      return conditional(id, attempt, {
        state: 'queued',
        last_error: error,
        next_attempt_at: nextAttemptAt,
        updated_at: now,
      });
    },

    async markFailed(id: string, attempt: number, error: string, now: number): Promise<boolean> {
      return conditional(id, attempt, { state: 'failed', last_error: error, updated_at: now });
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
