import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  REFUSED_LOGIN_DETAIL_MAX,
  REFUSED_LOGIN_NAME_MAX,
  REFUSED_LOGIN_PER_ADDRESS_MAX,
  type RefusedLoginReason,
  type SessionProtocol,
  type UsageCounter,
} from '@oig/shared';
import { nextTurn } from '../../lib/slices.js';
import {
  REFUSED_FOLDED_NAME,
  REFUSED_INSERT_CHUNK,
  type RefusedLoginRow,
  type RefusedLoginsRepo,
} from './refused-logins.repo.js';

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
/**
 * Distinct refusals from one client address held between two writes; beyond this, that address's
 * refusals are folded into one row per protocol and reason ("various applications": no company,
 * application, license or detail), so one client sending random names costs at most this many rows
 * plus one per reason and protocol per write.
 */
export const REFUSED_PER_ADDRESS_MAX = REFUSED_LOGIN_PER_ADDRESS_MAX;
/** Period of the writes. */
export const REFUSED_WRITE_EVERY_MS = 500;
/**
 * Rows this process writes between two prunes it starts itself (besides the hourly one), so the
 * table never grows far past OIG_REFUSED_LOGIN_MAX_ROWS however fast refusals come.
 */
export const REFUSED_PRUNE_EVERY_ROWS = 10_000;
/**
 * Writes a row may fail (database unreachable, not a bad row) before it is dropped and counted in
 * a warning: 10 writes, 5 s at the write period.
 */
export const REFUSED_WRITE_TRIES = 10;
/** Writes `stop` makes at most to leave nothing held (each waits for the one before). */
export const REFUSED_STOP_ROUNDS = 5;
/** Characters of a client address kept (an IPv6 address with a zone is well under this). */
const ADDRESS_MAX = 64;

/**
 * C0 control characters and DEL become U+FFFD: PostgreSQL refuses NUL in text, and none of them
 * belongs in a name shown on a console. (The folded rows' marker starts with one, so no client can
 * send a name that reads as it.)
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const clean = (s: string, max: number) => {
  const cut = s.length > max ? s.slice(0, max) : s;
  return cut.replace(CONTROL, '\uFFFD');
};

/**
 * A database error about the row itself (a value or constraint the database refuses: PostgreSQL
 * SQLSTATE classes 22 and 23, SQLite constraint/mismatch/too big), which no retry would mend.
 */
export function isRowError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return /^2[23][0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code);
}

interface Held {
  row: RefusedLoginRow;
  /** Writes of this row that failed so far. */
  failures: number;
}

/**
 * Records refused application logins without slowing the logins: `record` is a map update on the
 * request's path; the rows are written in batches on their own timer (`REFUSED_WRITE_EVERY_MS`),
 * like keep-alive activity, and the buffer is bounded (`REFUSED_BUFFER_MAX`, `REFUSED_PER_ADDRESS_MAX`).
 * A row the database refuses is dropped (the rest of its batch written one by one); a write that
 * failed otherwise puts its batch back (within the bound), `REFUSED_WRITE_TRIES` times at most.
 */
export class RefusedLoginRecorder {
  private pending = new Map<string, Held>();
  /** Distinct rows (not folded) held per client address. */
  private perAddress = new Map<string, number>();
  private dropped = 0;
  private writing: Promise<void> | undefined;
  private pruning: Promise<void> | undefined;
  private sincePrune = 0;
  /** Writes failed in a row (only the first is logged as an error). */
  private failedWrites = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly d: {
      repo: Pick<RefusedLoginsRepo, 'insert'>;
      now: () => number;
      logger: Logger;
      /** Distinct refusals held at most (default REFUSED_BUFFER_MAX; tests make it small). */
      bufferMax?: number;
      /** Write period (default REFUSED_WRITE_EVERY_MS; 0 = no timer: tests call flush()). */
      writeEveryMs?: number;
      /** The retention prune (single-flight), started after every `pruneEveryRows` rows written. */
      prune?: () => Promise<unknown>;
      /** Default REFUSED_PRUNE_EVERY_ROWS (tests make it small). */
      pruneEveryRows?: number;
    },
  ) {}

  private get max(): number {
    return this.d.bufferMax ?? REFUSED_BUFFER_MAX;
  }

  record(r: Refusal): void {
    const companyName = clean(r.companyName, REFUSED_LOGIN_NAME_MAX);
    const applicationName = clean(r.applicationName, REFUSED_LOGIN_NAME_MAX);
    const clientAddress = clean(r.clientAddress, ADDRESS_MAX);
    const detail = r.detail === undefined ? null : clean(r.detail, REFUSED_LOGIN_DETAIL_MAX);
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
    if (this.count(key, at)) return;
    const fromAddress = this.perAddress.get(clientAddress) ?? 0;
    if (fromAddress >= REFUSED_PER_ADDRESS_MAX) {
      // Too many distinct ones from this address: one row per protocol and reason takes the rest.
      const folded = JSON.stringify([r.protocol, REFUSED_FOLDED_NAME, clientAddress, r.reason]);
      if (this.count(folded, at)) return;
      this.hold(folded, {
        ...this.newRow(r, at, REFUSED_FOLDED_NAME, clientAddress),
        company_name: '',
      });
      return;
    }
    if (
      this.hold(key, {
        ...this.newRow(r, at, applicationName, clientAddress),
        company_name: companyName,
        license,
        detail,
      })
    )
      this.perAddress.set(clientAddress, fromAddress + 1);
  }

  private newRow(r: Refusal, at: number, applicationName: string, clientAddress: string): RefusedLoginRow {
    return {
      id: randomUUID(),
      at,
      last_at: at,
      attempts: 1,
      company_name: '',
      application_name: applicationName,
      protocol: r.protocol,
      client_address: clientAddress,
      reason: r.reason,
      license: null,
      detail: null,
    };
  }

  /** Adds an attempt to a held row; false when none is held under `key`. */
  private count(key: string, at: number): boolean {
    const held = this.pending.get(key);
    if (!held) return false;
    held.row.attempts += 1;
    held.row.last_at = at;
    return true;
  }

  /** Holds a new row within the bound; false (and counted as dropped) past it. */
  private hold(key: string, row: RefusedLoginRow): boolean {
    if (this.pending.size >= this.max) {
      this.dropped += 1;
      return false;
    }
    this.pending.set(key, { row, failures: 0 });
    return true;
  }

  start(): void {
    const every = this.d.writeEveryMs ?? REFUSED_WRITE_EVERY_MS;
    if (every <= 0) return;
    this.timer = setInterval(
      () =>
        void this.flush().catch((err: unknown) => {
          // One error line when writing starts failing, not one per period.
          if (this.failedWrites === 1)
            this.d.logger.error({ err }, 'writing refused logins failed; tried again every write');
        }),
      every,
    );
    this.timer.unref();
  }

  /**
   * Stops the timer and writes what is held: waits for a write under way, then writes again until
   * nothing is held (REFUSED_STOP_ROUNDS at most). Never throws: what could not be written is
   * counted in a log line, so the shutdown goes on to close the database.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    let lastError: unknown;
    for (let round = 0; round < REFUSED_STOP_ROUNDS; round++) {
      await this.writing?.catch(() => undefined);
      if (this.pending.size === 0 && this.dropped === 0) break;
      await this.flush().catch((err: unknown) => (lastError = err));
    }
    await this.pruning;
    if (this.pending.size > 0) {
      let attempts = 0;
      for (const { row } of this.pending.values()) attempts += row.attempts;
      this.d.logger.error(
        { err: lastError, rows: this.pending.size, attempts },
        'refused logins not recorded at shutdown: writing them failed',
      );
      this.pending = new Map();
      this.perAddress = new Map();
    }
  }

  /** Writes what is held now (one write at a time; callers during a write wait for it). */
  flush(): Promise<void> {
    this.writing ??= this.write().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Resolves when the prune this recorder started (if any) is done (tests). */
  async settled(): Promise<void> {
    await this.writing?.catch(() => undefined);
    await this.pruning;
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
    this.perAddress = new Map();
    let written = 0;
    let rejected: { rows: number; err: unknown } | undefined;
    try {
      for (let i = 0; i < batch.length; i += REFUSED_INSERT_CHUNK) {
        if (i > 0) await nextTurn();
        const chunk = batch.slice(i, i + REFUSED_INSERT_CHUNK);
        try {
          await this.d.repo.insert(chunk.map(([, h]) => h.row));
          written += chunk.length;
        } catch (err) {
          if (!isRowError(err)) {
            this.putBack(batch.slice(i));
            throw err;
          }
          // Some row of the chunk is refused: each on its own, the refused ones dropped.
          for (let j = 0; j < chunk.length; j++) {
            try {
              await this.d.repo.insert([chunk[j]![1].row]);
              written += 1;
            } catch (one) {
              if (!isRowError(one)) {
                this.putBack([...chunk.slice(j), ...batch.slice(i + REFUSED_INSERT_CHUNK)]);
                throw one;
              }
              rejected = { rows: (rejected?.rows ?? 0) + 1, err: one };
            }
          }
        }
      }
    } catch (err) {
      this.failedWrites += 1;
      throw err;
    } finally {
      if (rejected)
        this.d.logger.warn(
          { dropped: rejected.rows, err: rejected.err },
          'refused logins not recorded: the database refused these rows',
        );
      this.written(written);
    }
    if (this.failedWrites > 0)
      this.d.logger.info({ failedWrites: this.failedWrites }, 'writing refused logins works again');
    this.failedWrites = 0;
  }

  /** Counts rows written; past `pruneEveryRows`, starts the retention prune (one at a time). */
  private written(rows: number): void {
    this.sincePrune += rows;
    const every = this.d.pruneEveryRows ?? REFUSED_PRUNE_EVERY_ROWS;
    if (!this.d.prune || this.pruning || this.sincePrune < every) return;
    this.sincePrune = 0;
    this.pruning = this.d
      .prune()
      .then(
        () => undefined,
        (err: unknown) => this.d.logger.error({ err }, 'pruning refused logins failed; tried again later'),
      )
      .finally(() => {
        this.pruning = undefined;
        this.written(0);
      });
  }

  /**
   * Rows not written go back in front of what came meanwhile, within the bound; a row that has
   * failed REFUSED_WRITE_TRIES writes is dropped and counted instead.
   */
  private putBack(rows: ReadonlyArray<[string, Held]>): void {
    const meanwhile = this.pending;
    this.pending = new Map();
    let given = 0;
    for (const [key, held] of rows) {
      held.failures += 1;
      const later = meanwhile.get(key);
      if (later) {
        held.row.attempts += later.row.attempts;
        held.row.last_at = later.row.last_at;
        meanwhile.delete(key);
      }
      if (held.failures >= REFUSED_WRITE_TRIES) given += held.row.attempts;
      else this.pending.set(key, held);
    }
    for (const [key, held] of meanwhile) {
      if (this.pending.size < this.max) this.pending.set(key, held);
      else this.dropped += held.row.attempts;
    }
    if (given > 0)
      this.d.logger.warn(
        { dropped: given, tries: REFUSED_WRITE_TRIES },
        'refused logins not recorded: writing them failed too many times',
      );
    this.perAddress = new Map();
    for (const { row } of this.pending.values())
      if (row.application_name !== REFUSED_FOLDED_NAME)
        this.perAddress.set(row.client_address, (this.perAddress.get(row.client_address) ?? 0) + 1);
  }
}
