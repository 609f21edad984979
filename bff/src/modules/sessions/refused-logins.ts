import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  REFUSED_LOGIN_DETAIL_MAX,
  REFUSED_LOGIN_NAME_MAX,
  type RefusedLoginReason,
  type SessionProtocol,
  type UsageCounter,
} from '@oig/shared';
import { nextTurn } from '../../lib/slices.js';
import { REFUSED_INSERT_CHUNK, type RefusedLoginRow, type RefusedLoginsRepo } from './refused-logins.repo.js';

/** One refused login as the login code reports it (never a password). */
export interface Refusal {
  protocol: SessionProtocol;
  companyName: string;
  applicationName: string;
  clientAddress: string;
  reason: RefusedLoginReason;
  license?: UsageCounter | undefined;
  detail?: string | undefined;
}

/**
 * Distinct refusals one process holds between two writes, at most. Identical refusals (same
 * company, application, protocol, address, reason and detail) add to one entry, so a storm from a
 * few applications costs a few rows; distinct ones beyond this are not recorded, only counted and
 * logged as a warning ("refused logins not recorded") at the next write.
 */
export const REFUSED_BUFFER_MAX = 1_000;
/** Period of the writes. */
export const REFUSED_WRITE_EVERY_MS = 500;
/** Characters of a client address kept (an IPv6 address with a zone is well under this). */
const ADDRESS_MAX = 64;

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

/**
 * Records refused application logins without slowing the logins: `record` is a map update on the
 * request's path; the rows are written in batches on their own timer (`REFUSED_WRITE_EVERY_MS`),
 * like keep-alive activity, and the buffer is bounded (`REFUSED_BUFFER_MAX`). A failed write puts
 * its batch back (within the bound).
 */
export class RefusedLoginRecorder {
  private pending = new Map<string, RefusedLoginRow>();
  private dropped = 0;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly d: {
      repo: Pick<RefusedLoginsRepo, 'insert'>;
      now: () => number;
      logger: Logger;
      /** Distinct refusals held at most (default REFUSED_BUFFER_MAX; tests make it small). */
      bufferMax?: number;
    },
  ) {}

  private get max(): number {
    return this.d.bufferMax ?? REFUSED_BUFFER_MAX;
  }

  record(r: Refusal): void {
    const companyName = cut(r.companyName, REFUSED_LOGIN_NAME_MAX);
    const applicationName = cut(r.applicationName, REFUSED_LOGIN_NAME_MAX);
    const clientAddress = cut(r.clientAddress, ADDRESS_MAX);
    const detail = r.detail === undefined ? null : cut(r.detail, REFUSED_LOGIN_DETAIL_MAX);
    const license = r.license ?? null;
    const key = JSON.stringify([
      r.protocol,
      companyName,
      applicationName,
      clientAddress,
      r.reason,
      license,
      detail,
    ]);
    const at = this.d.now();
    const held = this.pending.get(key);
    if (held) {
      held.attempts += 1;
      held.last_at = at;
      return;
    }
    if (this.pending.size >= this.max) {
      this.dropped += 1;
      return;
    }
    this.pending.set(key, {
      id: randomUUID(),
      at,
      last_at: at,
      attempts: 1,
      company_name: companyName,
      application_name: applicationName,
      protocol: r.protocol,
      client_address: clientAddress,
      reason: r.reason,
      license,
      detail,
    });
  }

  start(): void {
    this.timer = setInterval(
      () =>
        void this.flush().catch((err: unknown) =>
          this.d.logger.error({ err }, 'writing refused logins failed; tried again later'),
        ),
      REFUSED_WRITE_EVERY_MS,
    );
    this.timer.unref();
  }

  /** Stops the timer and writes what is held. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Writes what is held now (one write at a time; callers during a write wait for it). */
  flush(): Promise<void> {
    this.writing ??= this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async write(): Promise<void> {
    if (this.dropped > 0) {
      this.d.logger.warn(
        { dropped: this.dropped, bufferMax: this.max },
        'refused logins not recorded: too many distinct refusals between two writes',
      );
      this.dropped = 0;
    }
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending = new Map();
    for (let i = 0; i < batch.length; i += REFUSED_INSERT_CHUNK) {
      if (i > 0) await nextTurn();
      try {
        await this.d.repo.insert(batch.slice(i, i + REFUSED_INSERT_CHUNK).map(([, row]) => row));
      } catch (err) {
        this.putBack(batch.slice(i));
        throw err;
      }
    }
  }

  /** Rows not written go back in front of what came meanwhile, within the bound. */
  private putBack(rows: ReadonlyArray<[string, RefusedLoginRow]>): void {
    const meanwhile = this.pending;
    this.pending = new Map();
    for (const [key, row] of rows) {
      const later = meanwhile.get(key);
      if (later) {
        row.attempts += later.attempts;
        row.last_at = later.last_at;
        meanwhile.delete(key);
      }
      this.pending.set(key, row);
    }
    for (const [key, row] of meanwhile) {
      if (this.pending.size < this.max) this.pending.set(key, row);
      else this.dropped += row.attempts;
    }
  }
}
