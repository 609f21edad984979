/**
 * Queue order and agent choice, the parts of routing that need no clock.
 *
 * A queue is kept sorted by (rank, queue time, arrival): SessionPriority 1 goes ahead of 2 … 100,
 * and within a rank the longest waiting first. A QueueStartTime overrides the priority (the seed:
 * it "will take priority"), so such a request gets the default rank and its given queue time.
 */
import type { SessionOptions, SimAgent, SimRequest } from './types.js';

/** The rank of a request without SessionPriority (the lowest, shared with priority 100). */
export const DEFAULT_RANK = 100;

function before(a: SimRequest, b: SimRequest): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.queueTimeMs !== b.queueTimeMs) return a.queueTimeMs < b.queueTimeMs;
  return a.seq < b.seq;
}

/** Index of the first entry that `req` goes before (binary search). */
function insertionPoint(queue: readonly SimRequest[], req: SimRequest): number {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(req, queue[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Inserts in service order; returns the 1-based queue position. */
export function enqueue(queue: SimRequest[], req: SimRequest): number {
  const last = queue[queue.length - 1];
  // The common case (same rank, now) appends without moving anything.
  if (!last || before(last, req)) {
    queue.push(req);
    return queue.length;
  }
  const at = insertionPoint(queue, req);
  queue.splice(at, 0, req);
  return at + 1;
}

/** 1-based position of a queued request, 0 when it is not in this queue. */
export function positionOf(queue: readonly SimRequest[], req: SimRequest): number {
  const at = insertionPoint(queue, req) - 1;
  return at >= 0 && queue[at] === req ? at + 1 : 0;
}

export function dequeue(queue: SimRequest[], req: SimRequest): void {
  const pos = positionOf(queue, req);
  if (pos > 0) queue.splice(pos - 1, 1);
}

/** SetOptions per TypeOfSession; key 0 holds the default for types without their own. */
export class OptionsStore {
  private readonly byType = new Map<number, SessionOptions>();

  set(typeOfSession: number, options: SessionOptions, resetFirst: boolean): void {
    const current = resetFirst ? {} : (this.byType.get(typeOfSession) ?? {});
    const next: SessionOptions = { ...current };
    for (const [key, value] of Object.entries(options) as [keyof SessionOptions, number | undefined][]) {
      if (value !== undefined) next[key] = value;
    }
    if (Object.keys(next).length === 0) this.byType.delete(typeOfSession);
    else this.byType.set(typeOfSession, next);
  }

  clear(): void {
    this.byType.clear();
  }

  /** The option for a type: its own setting, else the default's. */
  private lookup<K extends keyof SessionOptions>(
    type: number,
    key: K,
  ): { value: SessionOptions[K]; ownType: boolean } | undefined {
    const own = type > 0 ? this.byType.get(type)?.[key] : undefined;
    if (own !== undefined) return { value: own, ownType: true };
    const fallback = this.byType.get(0)?.[key];
    return fallback !== undefined ? { value: fallback, ownType: false } : undefined;
  }

  /** Whether the agent may take one more session of the request's type. */
  hasRoom(agent: SimAgent, req: SimRequest): boolean {
    const limit = this.lookup(req.typeOfSession, 'maxNumberOfSessions');
    if (!limit) return agent.sessions.size < agent.maxSessions;
    if (!limit.ownType) return agent.sessions.size < (limit.value ?? agent.maxSessions);
    let sameType = 0;
    for (const s of agent.sessions) if (s.typeOfSession === req.typeOfSession) sameType++;
    return sameType < (limit.value ?? agent.maxSessions);
  }

  /** AllowDifferentTypes is checked for the incoming session only, as the seed says. */
  mixAllowed(agent: SimAgent, req: SimRequest): boolean {
    if (this.lookup(req.typeOfSession, 'allowDifferentTypes')?.value !== 1) return true;
    for (const s of agent.sessions) if (s.typeOfSession !== req.typeOfSession) return false;
    return true;
  }

  snapshot(): Record<string, SessionOptions> {
    const out: Record<string, SessionOptions> = {};
    for (const [type, options] of [...this.byType].sort((a, b) => a[0] - b[0]))
      out[String(type)] = { ...options };
    return out;
  }
}

/** Logged on, available, with room for this request. */
export function canTake(agent: SimAgent, req: SimRequest, options: OptionsStore): boolean {
  return agent.loggedOn && agent.available && options.hasRoom(agent, req) && options.mixAllowed(agent, req);
}

/** Among the members who can take it: the least loaded, then the longest idle, then the lowest ID. */
export function chooseAgent(
  members: readonly SimAgent[],
  req: SimRequest,
  options: OptionsStore,
): SimAgent | undefined {
  let best: SimAgent | undefined;
  for (const agent of members) {
    if (!canTake(agent, req, options)) continue;
    if (
      !best ||
      agent.sessions.size < best.sessions.size ||
      (agent.sessions.size === best.sessions.size && agent.lastFreeMs < best.lastFreeMs)
    ) {
      best = agent;
    }
  }
  return best;
}
