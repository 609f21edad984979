/**
 * The product's view of the MiCC's Open Media requests, one per process, built only from what
 * the MiCC says: a GetAllOpenMediaRequestStatus snapshot, then the events of
 * GetOpenMediaRequestsByTime from the last answer's TimeStamp (kept as the exact text received).
 * Two processes that polled after the same MiCC state therefore list the same requests:
 * - latest status per request, ordered by the MiCC's own stamps (newest first, then by ID);
 * - queue positions as the MiCC has them now: an event carries the position when it was queued,
 *   so each group's queue is replayed (insert at that position, leave on any other status);
 * - an ended request is dropped once its end is older than the retention (the MiCC's data
 *   expiration) on the MiCC's clock (its answer's TimeStamp), as the MiCC itself drops it.
 * Only `ewt` (an estimate) may differ: a snapshot gives today's, an event the one at queueing.
 *
 * After a gap longer than the retention between two answers, events may have expired unseen, so
 * the poll takes a snapshot instead.
 *
 * Nothing runs in the background: a read polls when the last poll is older than `pollMs`, one
 * poll at a time (concurrent reads share it). A new MiCC target (address, protocol,
 * credentials), a MiCC that went back in time, or a request the MiCC no longer knows although
 * the list has it live (a restarted MiCC) start again from a snapshot.
 */
import {
  OPEN_MEDIA_ENDED_STATUSES,
  OPEN_MEDIA_MAX_TRACKED_REQUESTS,
  type OpenMediaProblem,
  type OpenMediaRequestList,
  type OpenMediaRequestView,
} from '@oig/shared';
import type { Logger } from 'pino';
import type { AppError } from '../../http/app-error.js';
import type { MiccTarget } from '../network-elements/index.js';
import { isOpenMediaError, openMediaError, problemOf } from './errors.js';
import type { OpenMediaOperations, StatusAnswer, WireEvent } from './operations.js';

const QUEUED = 1;
/**
 * A fresh snapshot at least this often: a MiCC that restarted between two polls (its clock going on,
 * its requests gone) cannot be told from the event stream, so its stale requests would stay listed.
 */
export const FEED_SNAPSHOT_EVERY_MS = 5 * 60_000;
const ENDED = new Set(OPEN_MEDIA_ENDED_STATUSES);
/** Above this many changed requests in one poll, one sort is cheaper than inserting each. */
const RESORT_ABOVE = 64;

interface Entry {
  view: OpenMediaRequestView;
  /** The MiCC's stamp of the latest event, in microseconds. */
  stamp: number;
}

/** Newest first, then by ID: a total order, so every process lists in the same order. */
const before = (a: Entry, b: Entry) =>
  a.stamp !== b.stamp ? b.stamp - a.stamp : a.view.openMediaId < b.view.openMediaId ? -1 : 1;

/** What the feed knows of one MiCC target. */
class View {
  readonly entries = new Map<string, Entry>();
  /** Each group's queue, request IDs in queue order. */
  private readonly queues = new Map<number, string[]>();
  /** Entries in list order; rebuilt lazily when `sorted` is false. */
  private order: Entry[] = [];
  private sorted = true;
  private list: OpenMediaRequestList | undefined;
  timeStamp: string | undefined;
  stamp = 0;
  capped = false;

  constructor(
    private readonly max: number,
    private readonly retentionUs: number,
  ) {}

  /** Starts again from a snapshot (the latest status of each request the MiCC holds). */
  load(a: StatusAnswer): void {
    this.entries.clear();
    this.queues.clear();
    this.capped = false;
    const latest = new Map<string, WireEvent>();
    for (const e of a.events) {
      const seen = latest.get(e.openMediaId);
      if (!seen || e.stamp >= seen.stamp) latest.set(e.openMediaId, e);
    }
    let events = [...latest.values()];
    if (events.length > this.max) {
      // Keep the newest, the same ones in every process.
      events = events
        .sort((x, y) => (x.stamp !== y.stamp ? y.stamp - x.stamp : x.openMediaId < y.openMediaId ? -1 : 1))
        .slice(0, this.max);
      this.capped = true;
    }
    const queued: WireEvent[] = [];
    for (const e of events) {
      this.entries.set(e.openMediaId, { view: toView(e), stamp: e.stamp });
      if (e.status === QUEUED) queued.push(e);
    }
    // A snapshot's positions are the current ones.
    queued.sort((x, y) => x.queuePosition - y.queuePosition);
    for (const e of queued) this.queueOf(e.serviceGroupId).push(e.openMediaId);
    for (const g of this.queues.keys()) this.renumber(g);
    this.timeStamp = a.timeStamp;
    this.stamp = a.stamp;
    this.expire();
    this.order = [...this.entries.values()];
    this.sorted = false;
    this.list = undefined;
  }

  /** Applies the events of an incremental answer, in the MiCC's order. */
  apply(a: StatusAnswer): void {
    const changed = new Map<string, Entry>();
    const removed = new Set<string>();
    const groups = new Set<number>();
    for (const e of a.events) {
      const old = this.entries.get(e.openMediaId);
      if (old && e.stamp < old.stamp) continue; // an older event than the one applied
      if (!old && this.entries.size >= this.max) {
        this.capped = true;
        continue;
      }
      if (old?.view.status === QUEUED) {
        this.leave(old.view.serviceGroupId, e.openMediaId);
        groups.add(old.view.serviceGroupId);
      }
      const entry: Entry = { view: toView(e), stamp: e.stamp };
      if (e.status === QUEUED) {
        const q = this.queueOf(e.serviceGroupId);
        q.splice(Math.min(Math.max(e.queuePosition - 1, 0), q.length), 0, e.openMediaId);
        groups.add(e.serviceGroupId);
      }
      this.entries.set(e.openMediaId, entry);
      changed.set(e.openMediaId, entry);
      if (old) removed.add(e.openMediaId);
    }
    for (const g of groups) this.renumber(g);
    this.timeStamp = a.timeStamp;
    this.stamp = a.stamp;
    const expired = this.expire();
    for (const id of expired) {
      removed.add(id);
      changed.delete(id);
    }
    if (changed.size === 0 && removed.size === 0 && groups.size === 0) return;
    this.list = undefined;
    if (!this.sorted || changed.size > RESORT_ABOVE) {
      this.order = [...this.entries.values()];
      this.sorted = false;
      return;
    }
    if (removed.size > 0) this.order = this.order.filter((x) => !removed.has(x.view.openMediaId));
    for (const entry of changed.values()) this.order.splice(this.insertionPoint(entry), 0, entry);
  }

  /** The list as the API returns it (the same object until something changes). */
  requests(): OpenMediaRequestView[] {
    if (!this.sorted) {
      this.order.sort(before);
      this.sorted = true;
    }
    this.list ??= { requests: this.order.map((x) => x.view), asOf: null, problem: null };
    return this.list.requests;
  }

  /** Whether the list shows the request as still under way (the MiCC must know it then). */
  holdsLive(openMediaId: string): boolean {
    const e = this.entries.get(openMediaId);
    return e !== undefined && !ENDED.has(e.view.status);
  }

  private queueOf(group: number): string[] {
    let q = this.queues.get(group);
    if (!q) this.queues.set(group, (q = []));
    return q;
  }

  private leave(group: number, id: string): void {
    const q = this.queues.get(group);
    const i = q ? q.indexOf(id) : -1;
    if (q && i >= 0) q.splice(i, 1);
  }

  private renumber(group: number): void {
    const q = this.queues.get(group) ?? [];
    q.forEach((id, i) => {
      const e = this.entries.get(id);
      if (e) e.view.queuePosition = i + 1;
    });
    if (q.length === 0) this.queues.delete(group);
  }

  /** Drops ended requests whose end is older than the retention, on the MiCC's clock. */
  private expire(): string[] {
    const limit = this.stamp - this.retentionUs;
    const out: string[] = [];
    for (const [id, e] of this.entries) {
      if (e.stamp <= limit && ENDED.has(e.view.status)) {
        this.entries.delete(id);
        out.push(id);
      }
    }
    return out;
  }

  private insertionPoint(entry: Entry): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.order[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function toView(e: WireEvent): OpenMediaRequestView {
  return {
    openMediaId: e.openMediaId,
    status: e.status,
    at: e.at,
    agentId: e.agentId,
    agentTenantId: e.agentTenantId,
    agentLogonId: e.agentLogonId,
    serviceGroupId: e.serviceGroupId,
    queuePosition: e.status === QUEUED ? e.queuePosition : 0,
    ewt: e.status === QUEUED ? e.ewt : null,
  };
}

export interface FeedDeps {
  ops: Pick<OpenMediaOperations, 'all' | 'byTime'>;
  pollMs: number;
  retentionMs: number;
  now: () => number;
  logger: Logger;
  maxTracked?: number;
}

export function createOpenMediaFeed(deps: FeedDeps) {
  const { ops, logger } = deps;
  const max = deps.maxTracked ?? OPEN_MEDIA_MAX_TRACKED_REQUESTS;
  let key: string | undefined;
  let view: View | undefined;
  /** Set when the next poll must start from a snapshot. */
  let resync = true;
  let lastPollAt = -Infinity;
  let snapshotAt = -Infinity;
  let lastError: AppError | undefined;
  let problem: OpenMediaProblem | null = null;
  let inFlight: Promise<void> | undefined;

  const restart = (why: string, t?: MiccTarget) => {
    logger.info({ why, url: t?.url }, 'Open Media list starts again from a snapshot');
    resync = true;
  };

  const pollOnce = async (t: MiccTarget): Promise<void> => {
    const mine = view!;
    lastPollAt = deps.now();
    try {
      if (resync || mine.timeStamp === undefined || lastPollAt - snapshotAt >= FEED_SNAPSHOT_EVERY_MS) {
        snapshotAt = lastPollAt;
        mine.load(await ops.all(t));
        resync = false;
      } else {
        const a = await ops.byTime(t, mine.timeStamp);
        if (view !== mine) return; // the target changed meanwhile: this answer is about another
        // Stamps only grow on a MiCC that kept its state: anything older means it started over.
        // After a gap longer than the retention, a request may have ended and expired in
        // between, its events gone: only a snapshot is complete then.
        const why =
          a.stamp < mine.stamp || a.events.some((e) => e.stamp <= mine.stamp)
            ? 'the MiCC answered with stamps older than the last answer'
            : a.stamp - mine.stamp > deps.retentionMs * 1000
              ? 'longer than the data expiration since the last answer'
              : undefined;
        if (why) {
          restart(why, t);
          snapshotAt = deps.now();
          mine.load(await ops.all(t));
          resync = false;
        } else mine.apply(a);
      }
      if (view !== mine) return;
      lastError = undefined;
      problem = mine.capped
        ? problemOf(openMediaError('too_many_requests', { max: String(max) }), deps.now())
        : null;
    } catch (err) {
      if (view !== mine) return;
      if (!isOpenMediaError(err)) throw err;
      lastError = err;
      problem = problemOf(err, deps.now());
      logger.warn({ reason: err.reason, url: t.url }, err.message);
    }
  };

  /** One poll at a time: a caller arriving during one shares it. */
  const poll = (t: MiccTarget): Promise<void> => {
    inFlight ??= pollOnce(t).finally(() => (inFlight = undefined));
    return inFlight;
  };

  const select = (t: MiccTarget) => {
    if (t.key === key && view) return;
    key = t.key;
    view = new View(max, deps.retentionMs * 1000);
    resync = true;
    lastPollAt = -Infinity;
    snapshotAt = -Infinity;
    lastError = undefined;
    problem = null;
  };

  const answer = (): OpenMediaRequestList => {
    if (!view || view.timeStamp === undefined) throw lastError ?? openMediaError('micc_bad_answer');
    return { requests: view.requests(), asOf: view.timeStamp, problem };
  };

  return {
    /** The list, polling the MiCC first when the last poll is older than pollMs. */
    async read(t: MiccTarget): Promise<OpenMediaRequestList> {
      select(t);
      if (inFlight) await inFlight;
      // A poll that was under way may have been for another target: this one may need its own.
      select(t);
      const fresh = deps.now() - lastPollAt < deps.pollMs;
      if (!fresh || (view?.timeStamp === undefined && !lastError)) await poll(t);
      return answer();
    },

    /** After an action: poll now (after any poll already under way), so the next read shows it. */
    async refresh(t: MiccTarget): Promise<void> {
      select(t);
      if (inFlight) await inFlight;
      select(t);
      await poll(t);
    },

    /** The MiCC does not know a request the list holds as live: it restarted, start again. */
    forgotten(t: MiccTarget, openMediaId: string): void {
      if (t.key === key && view?.holdsLive(openMediaId))
        restart(`the MiCC no longer knows live request ${openMediaId}`, t);
    },
  };
}
export type OpenMediaFeed = ReturnType<typeof createOpenMediaFeed>;
