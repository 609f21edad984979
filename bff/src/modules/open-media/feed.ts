/**
 * The product's view of the MiCC's Open Media requests, one per process, built only from what
 * the MiCC says: a GetAllOpenMediaRequestStatus snapshot, then the events of
 * GetOpenMediaRequestsByTime from FEED_OVERLAP_MS before the last answer's TimeStamp.
 * Two processes that polled after the same MiCC state therefore list the same requests:
 * - latest status per request, ordered by the MiCC's own stamps (newest first, then by ID);
 * - queue positions as the MiCC has them now: an event carries the position when it was queued,
 *   so each group's queue is replayed (insert at that position, leave on any other status);
 * - an ended request is dropped once its end is older than the retention (the MiCC's data
 *   expiration) on the MiCC's clock (its answer's TimeStamp), as the MiCC itself drops it;
 * - at most `maxTracked` requests: the newest (by their latest stamp, then by ID). A snapshot
 *   keeps those, and an event of a request not tracked evicts the oldest, which keeps exactly the
 *   same ones. The list says too_many_requests while it is capped; once it holds fewer than the
 *   cap (ended requests expired), only a snapshot can tell whether the MiCC still holds more, so
 *   one is taken.
 * Only `ewt` (an estimate) may differ: a snapshot gives today's, an event the one at queueing.
 * And when capped, the queue positions are the MiCC's own as last said (a snapshot's are current,
 * an event's those at queueing): renumbering over the tracked subset would say 1 of a request
 * that has untracked ones ahead of it.
 *
 * The overlap: a MiCC with several threads, or a coarse clock, may store an event stamped at or
 * before the TimeStamp of an answer it already sent. Asking from a little earlier finds it; an
 * event already applied (same request, a stamp not newer, the same content) is skipped. Only the
 * answer's own TimeStamp going backwards says the MiCC started over.
 *
 * After a gap longer than the retention between two answers, events may have expired unseen, so
 * the poll takes a snapshot instead.
 *
 * Nothing runs in the background: a read polls when the last poll is older than `pollMs`, one
 * poll at a time (concurrent reads share it). A new MiCC target (address, protocol,
 * credentials), a MiCC that went back in time, or a request the MiCC no longer knows although
 * the list has it live (a restarted MiCC) start again from a snapshot.
 *
 * The largest answer (a snapshot of a MiCC holding 100,000 requests, a poll moving 20,000) is
 * decoded and applied EVENT_SLICE events at a time, the event loop free in between; the list a
 * read returns changes only once a poll is complete.
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
import {
  EVENT_SLICE,
  yieldToLoop,
  type OpenMediaOperations,
  type StatusAnswer,
  type WireEvent,
} from './operations.js';
import { formatStampLike } from './soap.js';

const QUEUED = 1;
/**
 * A fresh snapshot at least this often: a MiCC that restarted between two polls (its clock going on,
 * its requests gone) cannot be told from the event stream, so its stale requests would stay listed.
 */
export const FEED_SNAPSHOT_EVERY_MS = 5 * 60_000;
/**
 * How far before the last answer's TimeStamp the next ByTime question starts. The interface
 * description gives the TimeStamp for exactly this ("to ensure that duplicate status events are not
 * received"), so 0; events a MiCC answers again are recognised and skipped all the same, and a
 * larger value would re-read that much of a busy MiCC's events on every poll.
 */
export const FEED_OVERLAP_MS = 0;
const ENDED = new Set(OPEN_MEDIA_ENDED_STATUSES);

interface Entry {
  /** Replaced, never changed: a list already handed out keeps its objects as they were. */
  view: OpenMediaRequestView;
  /** The MiCC's stamp of the latest event, in microseconds. */
  stamp: number;
}

/** Newest first, then by ID: a total order, so every process lists (and keeps) the same. */
const before = (a: Entry, b: Entry) =>
  a.stamp !== b.stamp ? b.stamp - a.stamp : a.view.openMediaId < b.view.openMediaId ? -1 : 1;
const newer = (x: WireEvent, y: WireEvent) =>
  x.stamp !== y.stamp ? y.stamp - x.stamp : x.openMediaId < y.openMediaId ? -1 : 1;

/** Whether an event says what the entry already says (the same event, seen again in the overlap). */
const sameEvent = (v: OpenMediaRequestView, e: WireEvent) =>
  v.status === e.status &&
  v.agentId === e.agentId &&
  v.agentTenantId === e.agentTenantId &&
  v.agentLogonId === e.agentLogonId &&
  v.serviceGroupId === e.serviceGroupId;

/**
 * One group's queue, request IDs in queue order, replayed event by event as the MiCC's own:
 * a leave only marks its slot (no shifting), an insert at the end appends; only an insert in the
 * middle (a priority) compacts and shifts, once. Renumbering reads the queue once per poll.
 */
class GroupQueue {
  private ids: (string | null)[] = [];
  /** Slot of each ID; rebuilt when an insert in the middle shifted them. */
  private slots: Map<string, number> | undefined = new Map();
  private holes = 0;

  get length(): number {
    return this.ids.length - this.holes;
  }

  leave(id: string): void {
    this.slots ??= new Map(this.ids.flatMap((x, i) => (x === null ? [] : [[x, i] as const])));
    const i = this.slots.get(id);
    if (i === undefined) return;
    this.ids[i] = null;
    this.slots.delete(id);
    this.holes++;
  }

  /** Inserts at a 1-based position as the MiCC gave it (clamped to the queue). */
  insert(id: string, position: number): void {
    const at = Math.min(Math.max(position - 1, 0), this.length);
    if (at === this.length) {
      this.slots?.set(id, this.ids.length);
      this.ids.push(id);
      return;
    }
    this.compact();
    this.ids.splice(at, 0, id);
    this.slots = undefined;
  }

  /** The IDs in queue order. */
  order(): readonly string[] {
    this.compact();
    return this.ids as string[];
  }

  private compact(): void {
    if (this.holes === 0) return;
    this.ids = this.ids.filter((x) => x !== null);
    this.holes = 0;
    this.slots = undefined;
  }
}

/** What the feed knows of one MiCC target. */
class View {
  entries = new Map<string, Entry>();
  /** Each group's queue; kept only while the list is not capped (see the top). */
  private queues = new Map<number, GroupQueue>();
  /** Entries in list order. */
  private order: Entry[] = [];
  private list: OpenMediaRequestView[] = [];
  timeStamp: string | undefined;
  stamp = 0;
  capped = false;

  constructor(
    private readonly max: number,
    private readonly retentionUs: number,
  ) {}

  /** Starts again from a snapshot (the latest status of each request the MiCC holds). */
  async load(a: StatusAnswer): Promise<void> {
    const latest = new Map<string, WireEvent>();
    const limit = a.stamp - this.retentionUs;
    for (let i = 0; i < a.events.length; i++) {
      if (i > 0 && i % EVENT_SLICE === 0) await yieldToLoop();
      const e = a.events[i]!;
      const seen = latest.get(e.openMediaId);
      if (!seen || e.stamp >= seen.stamp) latest.set(e.openMediaId, e);
    }
    // Ended longer ago than the retention: the MiCC drops them too (and an event would).
    let events: WireEvent[] = [];
    for (const e of latest.values()) if (!(e.stamp <= limit && ENDED.has(e.status))) events.push(e);
    const capped = events.length > this.max;
    if (capped) {
      events = newest(events, this.max);
      await yieldToLoop();
    }
    const entries = new Map<string, Entry>();
    const queued: WireEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      if (i > 0 && i % EVENT_SLICE === 0) await yieldToLoop();
      const e = events[i]!;
      entries.set(e.openMediaId, { view: toView(e), stamp: e.stamp });
      if (e.status === QUEUED) queued.push(e);
    }
    await yieldToLoop();
    const queues = new Map<number, GroupQueue>();
    if (!capped) {
      // A snapshot's positions are the current ones.
      queued.sort((x, y) => x.queuePosition - y.queuePosition || newer(y, x));
      for (const e of queued)
        queueOf(queues, e.serviceGroupId).insert(e.openMediaId, Number.MAX_SAFE_INTEGER);
      for (const q of queues.values()) renumber(entries, q);
    }
    const order = [...entries.values()].sort(before);
    // Nothing above changed what a read sees; now all at once.
    this.entries = entries;
    this.queues = queues;
    this.capped = capped;
    this.timeStamp = a.timeStamp;
    this.stamp = a.stamp;
    this.order = order;
    this.list = order.map((x) => x.view);
  }

  /**
   * Applies the events of an incremental answer, in the MiCC's order. False when the list is
   * capped but holds fewer than the cap: only a snapshot tells whether the MiCC still holds more.
   */
  async apply(a: StatusAnswer): Promise<boolean> {
    const changed = new Set<string>();
    const touched = new Set<GroupQueue>();
    const queues = this.capped ? undefined : this.queues;
    for (let i = 0; i < a.events.length; i++) {
      if (i > 0 && i % EVENT_SLICE === 0) await yieldToLoop();
      const e = a.events[i]!;
      const old = this.entries.get(e.openMediaId);
      // Already applied (seen again in the overlap), or older than what is.
      if (old && (e.stamp < old.stamp || (e.stamp === old.stamp && sameEvent(old.view, e)))) continue;
      if (queues && old?.view.status === QUEUED) {
        const q = queues.get(old.view.serviceGroupId);
        q?.leave(e.openMediaId);
        if (q) touched.add(q);
      }
      if (queues && e.status === QUEUED) {
        const q = queueOf(queues, e.serviceGroupId);
        q.insert(e.openMediaId, e.queuePosition);
        touched.add(q);
      }
      // A new object: the list handed out so far keeps the old one until the poll is complete.
      this.entries.set(e.openMediaId, { view: toView(e), stamp: e.stamp });
      changed.add(e.openMediaId);
    }
    await yieldToLoop();
    this.timeStamp = a.timeStamp;
    this.stamp = a.stamp;
    const expired = this.expire();
    for (const q of touched) renumber(this.entries, q);
    for (const [g, q] of this.queues) if (q.length === 0) this.queues.delete(g);
    if (changed.size === 0 && expired === 0 && touched.size === 0) return this.complete();
    // The list order: the unchanged entries keep theirs (an entry renumbered keeps its stamp),
    // the changed ones are sorted and merged in.
    const kept: Entry[] = [];
    for (const x of this.order) {
      const id = x.view.openMediaId;
      const now = this.entries.get(id);
      if (now && !changed.has(id)) kept.push(now);
    }
    const fresh: Entry[] = [];
    for (const id of changed) {
      const now = this.entries.get(id);
      if (now) fresh.push(now);
    }
    fresh.sort(before);
    let order = merge(kept, fresh);
    if (order.length > this.max) {
      // The newest `max`, as a snapshot keeps: the oldest go.
      for (let i = this.max; i < order.length; i++) this.entries.delete(order[i]!.view.openMediaId);
      order = order.slice(0, this.max);
      this.capped = true;
      this.queues.clear();
    }
    this.order = order;
    this.list = order.map((x) => x.view);
    return this.complete();
  }

  private complete(): boolean {
    return !this.capped || this.entries.size >= this.max;
  }

  /** The list as the API returns it (the same array until a poll changed something). */
  requests(): OpenMediaRequestView[] {
    return this.list;
  }

  /** Whether the list shows the request as still under way (the MiCC must know it then). */
  holdsLive(openMediaId: string): boolean {
    const e = this.entries.get(openMediaId);
    return e !== undefined && !ENDED.has(e.view.status);
  }

  /** Drops ended requests whose end is older than the retention, on the MiCC's clock. */
  private expire(): number {
    const limit = this.stamp - this.retentionUs;
    let n = 0;
    for (const [id, e] of this.entries) {
      if (e.stamp <= limit && ENDED.has(e.view.status)) {
        this.entries.delete(id);
        n++;
      }
    }
    return n;
  }
}

function queueOf(queues: Map<number, GroupQueue>, group: number): GroupQueue {
  let q = queues.get(group);
  if (!q) queues.set(group, (q = new GroupQueue()));
  return q;
}

/**
 * Sets each queued entry's position from its place in the queue, in place: a read waits for the
 * poll under way, and the list is a new array whenever a poll changed something, so no reader sees
 * a half-renumbered list (and 5,000 positions moving cost no 5,000 new objects).
 */
function renumber(entries: Map<string, Entry>, q: GroupQueue): void {
  const ids = q.order();
  for (let i = 0; i < ids.length; i++) {
    const e = entries.get(ids[i]!);
    if (e) e.view.queuePosition = i + 1;
  }
}

/**
 * The newest `max` events (latest stamp, then ID), without sorting them all: the stamps alone
 * are sorted (a typed array, fast even for 100,000), which gives the oldest stamp kept; only
 * events at exactly that stamp are ordered by ID.
 */
function newest(events: WireEvent[], max: number): WireEvent[] {
  const stamps = Float64Array.from(events, (e) => e.stamp).sort();
  const edge = stamps[stamps.length - max]!;
  const out: WireEvent[] = [];
  const tied: WireEvent[] = [];
  for (const e of events) {
    if (e.stamp > edge) out.push(e);
    else if (e.stamp === edge) tied.push(e);
  }
  tied.sort(newer);
  for (let i = 0; out.length < max && i < tied.length; i++) out.push(tied[i]!);
  return out;
}

/** Two lists in `before` order as one. */
function merge(a: Entry[], b: Entry[]): Entry[] {
  if (b.length === 0) return a;
  const out = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = before(a[i]!, b[j]!) < 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
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
  /**
   * A snapshot is due while `snapshotDone < snapshotAsked`. A restart asks for one more; a
   * snapshot marks done only what was asked when it started, so a restart signalled while one
   * was in flight (its answer may predate what the signal saw) is not lost.
   */
  let snapshotAsked = 1;
  let snapshotDone = 0;
  let lastPollAt = -Infinity;
  let snapshotAt = -Infinity;
  let lastError: AppError | undefined;
  let problem: OpenMediaProblem | null = null;
  let inFlight: Promise<void> | undefined;

  const restart = (why: string, t?: MiccTarget) => {
    logger.info({ why, url: t?.url }, 'Open Media list starts again from a snapshot');
    snapshotAsked += 1;
  };

  const snapshot = async (t: MiccTarget, mine: View): Promise<void> => {
    const asked = snapshotAsked;
    snapshotAt = deps.now();
    const a = await ops.all(t);
    if (view !== mine) return; // the target changed meanwhile: this answer is about another
    await mine.load(a);
    if (view === mine) snapshotDone = Math.max(snapshotDone, asked);
  };

  const pollOnce = async (t: MiccTarget): Promise<void> => {
    const mine = view!;
    lastPollAt = deps.now();
    try {
      if (
        snapshotDone < snapshotAsked ||
        mine.timeStamp === undefined ||
        lastPollAt - snapshotAt >= FEED_SNAPSHOT_EVERY_MS
      ) {
        await snapshot(t, mine);
      } else {
        const since = formatStampLike(mine.stamp - FEED_OVERLAP_MS * 1000, mine.timeStamp);
        const a = await ops.byTime(t, since);
        if (view !== mine) return;
        // The answer's TimeStamp only grows on a MiCC that kept its state: an older one means it
        // started over (events in the overlap are older by design and say nothing).
        // After a gap longer than the retention, a request may have ended and expired in
        // between, its events gone: only a snapshot is complete then.
        const why =
          a.stamp < mine.stamp
            ? 'the MiCC answered with a TimeStamp older than its last answer'
            : a.stamp - mine.stamp > deps.retentionMs * 1000
              ? 'longer than the data expiration since the last answer'
              : undefined;
        if (why) {
          restart(why, t);
          await snapshot(t, mine);
        } else if (!(await mine.apply(a))) {
          restart('the capped list holds fewer than the most requests tracked', t);
          await snapshot(t, mine);
        }
      }
      if (view !== mine) return;
      lastError = undefined;
      problem = mine.capped
        ? problemOf(openMediaError('too_many_requests', { max: String(max) }), deps.now(), problem)
        : null;
    } catch (err) {
      if (view !== mine) return;
      if (!isOpenMediaError(err)) throw err;
      lastError = err;
      problem = problemOf(err, deps.now(), problem);
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
    snapshotAsked = snapshotDone + 1;
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
