/**
 * The routing engine: a contact centre in miniature with an injected clock. Requests queue at a
 * service group, are allocated to an agent who can take them (2), answered after the pace's answer
 * time (3) and completed after its handle time (4); each change is an event in the cache.
 *
 * Time only moves in `advanceTo`: the real clock calls it a few times a second, the manual clock
 * on `advance(ms)`. Timed steps in between are taken one by one at their own time, so a jump of an
 * hour plays out exactly as an hour of ticks would.
 */
import { randomUUID } from 'node:crypto';
import type { SimConfig } from './config.js';
import { EventCache } from './events.js';
import { DEFAULT_RANK, OptionsStore, canTake, chooseAgent, dequeue, enqueue, positionOf } from './routing.js';
import { StampCounter } from './time.js';
import {
  STATUS,
  type SimAgent,
  type SimGroup,
  type SimRequest,
  type SimTenant,
  type Status,
  isTerminated,
} from './types.js';

export const DEFAULT_MAX_REQUESTS = 100_000;

export interface ModelOptions {
  manualClock?: boolean;
  /** Model time to start at (manual clock), or the real clock shifted to it. */
  startAt?: Date;
  dataExpirationMinutes?: number;
  /** Most requests held (queued, with agents, or terminated but still cached). */
  maxRequests?: number;
}

export function emptyStats(): SimGroup['stats'] {
  return {
    offered: 0,
    answered: 0,
    completed: 0,
    abandoned: 0,
    overflowOut: 0,
    overflowIn: 0,
    notReported: 0,
    failed: 0,
  };
}

export class SimModel {
  readonly manualClock: boolean;
  readonly maxRequests: number;
  readonly events = new EventCache();
  readonly stamps = new StampCounter();
  readonly options = new OptionsStore();
  readonly requests = new Map<string, SimRequest>();
  tenants = new Map<number, SimTenant>();
  groups = new Map<number, SimGroup>();
  agents = new Map<number, SimAgent>();
  /** Members of each group, for allocation. */
  members = new Map<number, SimAgent[]>();
  pace: SimConfig['pace'];
  dataExpirationMs: number;
  licensed = true;
  routerConnected = true;
  /** Model time in ms. */
  now: number;
  private realOffsetMs = 0;
  private seq = 0;
  /** Allocated or handled requests: the ones with a timed next step. */
  private readonly active = new Set<SimRequest>();
  /** Queued requests still reserved for their preferred agent. */
  private readonly preferWaiting = new Set<SimRequest>();
  /** Terminated requests in termination order, for aging out. */
  private expiry: SimRequest[] = [];
  private expiryHead = 0;
  /** Groups whose queue may now move. */
  private readonly dirty = new Set<SimGroup>();

  constructor(
    readonly config: SimConfig,
    o: ModelOptions = {},
  ) {
    this.manualClock = o.manualClock ?? false;
    this.maxRequests = o.maxRequests ?? DEFAULT_MAX_REQUESTS;
    const start = o.startAt?.getTime() ?? Date.now();
    if (!this.manualClock) this.realOffsetMs = start - Date.now();
    this.now = start;
    this.pace = config.pace;
    this.dataExpirationMs = (o.dataExpirationMinutes ?? config.dataExpirationMinutes) * 60_000;
    this.loadConfig();
  }

  /** (Re)builds tenants, groups and agents from the config; requests are left to the caller. */
  loadConfig(): void {
    const c = this.config;
    this.tenants = new Map(c.tenants.map((t) => [t.id, { id: t.id, name: t.name, enabled: t.enabled }]));
    this.groups = new Map(
      c.serviceGroups.map((g) => [
        g.id,
        {
          id: g.id,
          name: g.name,
          tenantId: g.tenantId,
          open: g.open,
          preferredAgent: g.preferredAgent,
          preferredWaitMs: g.preferredAgentWaitSeconds * 1000,
          queue: [],
          stats: emptyStats(),
        },
      ]),
    );
    this.agents = new Map(
      c.agents.map((a) => [
        a.id,
        {
          id: a.id,
          logonId: a.logonId,
          name: a.name,
          tenantId: a.tenantId,
          loggedOn: a.loggedOn,
          available: a.available,
          groups: new Set(a.serviceGroups),
          maxSessions: a.maxSessions,
          sessions: new Set(),
          lastFreeMs: 0,
          stats: { offered: 0, answered: 0, offeredNotAnswered: 0, completed: 0 },
        },
      ]),
    );
    this.members = new Map([...this.groups.keys()].map((id) => [id, [] as SimAgent[]]));
    for (const agent of this.agents.values()) {
      for (const g of agent.groups) this.members.get(g)?.push(agent);
    }
    this.licensed = c.licensed;
    this.routerConnected = c.routerConnected;
    this.options.clear();
  }

  /** What time the clock says (the model may lag until the next `sync`). */
  clockNow(): number {
    return this.manualClock ? this.now : Date.now() + this.realOffsetMs;
  }

  /** Brings the model up to the clock. */
  sync(): void {
    this.advanceTo(Math.max(this.now, this.clockNow()));
  }

  /** Moves time forward by `ms` (the real clock is shifted too). */
  advance(ms: number): void {
    if (!this.manualClock) this.realOffsetMs += ms;
    this.advanceTo(Math.max(this.now, this.clockNow()) + (this.manualClock ? ms : 0));
  }

  advanceTo(target: number): void {
    this.route();
    for (;;) {
      const next = this.nextDue();
      if (next === undefined || next > target) break;
      this.now = Math.max(this.now, next);
      this.runDue();
      this.route();
    }
    this.now = Math.max(this.now, target);
    this.ageOut();
  }

  /** A fresh stamp at the model's time, for an event or an answer. */
  stamp(): number {
    return this.stamps.next(this.now);
  }

  newRequest(groupId: number, fields: Partial<SimRequest> & Pick<SimRequest, 'ivr'>): SimRequest {
    return {
      id: randomUUID(),
      seq: ++this.seq,
      groupId,
      status: STATUS.unknown,
      agentId: 0,
      privateData: '',
      typeOfSession: 0,
      rank: DEFAULT_RANK,
      queueTimeMs: this.now,
      preferredAgentId: 0,
      forced: false,
      preferDeadlineMs: 0,
      dueMs: 0,
      terminatedAtMs: 0,
      events: [],
      removed: false,
      ...fields,
    };
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Records a status change as an event. */
  emit(req: SimRequest, status: Status, queuePosition = 0, ewt?: number): void {
    req.status = status;
    const agent = req.agentId ? this.agents.get(req.agentId) : undefined;
    const event = {
      request: req,
      status,
      stamp: this.stamp(),
      agentId: agent?.id ?? 0,
      agentTenantId: agent?.tenantId ?? 0,
      logonId: agent?.logonId ?? '',
      serviceGroupId: req.groupId,
      queuePosition,
      ewt,
    };
    req.events.push(event);
    this.events.add(event);
  }

  /** Queues a request at its group (status 1) and returns its position. */
  queue(req: SimRequest, group: SimGroup): number {
    req.groupId = group.id;
    req.agentId = 0;
    const position = enqueue(group.queue, req);
    if (req.preferredAgentId) this.preferWaiting.add(req);
    this.emit(req, STATUS.queued, position, this.ewt(group, position));
    this.dirty.add(group);
    return position;
  }

  /** Estimated wait: the rounds of service ahead of this position at the group's capacity. */
  ewt(group: SimGroup, position: number): number {
    if (position <= 0) return 0;
    let capacity = 0;
    for (const agent of this.members.get(group.id) ?? []) if (agent.loggedOn) capacity += agent.maxSessions;
    const rounds = Math.ceil(position / Math.max(1, capacity));
    return Math.ceil((rounds * (this.pace.answerAfterMs + this.pace.handleMs)) / 1000);
  }

  currentPosition(req: SimRequest): number {
    if (req.status !== STATUS.queued) return 0;
    const group = this.groups.get(req.groupId);
    return group ? positionOf(group.queue, req) : 0;
  }

  /** Takes a request out of its queue or away from its agent (it keeps its status). */
  detach(req: SimRequest): SimAgent | undefined {
    this.preferWaiting.delete(req);
    if (req.status === STATUS.queued) {
      const group = this.groups.get(req.groupId);
      if (group) dequeue(group.queue, req);
      return undefined;
    }
    this.active.delete(req);
    const agent = this.agents.get(req.agentId);
    if (agent?.sessions.delete(req)) this.freed(agent);
    return agent;
  }

  /** Ends a request with a terminal status; it ages out of the cache after DataExpiration. */
  terminate(req: SimRequest, status: Status): void {
    this.emit(req, status);
    req.terminatedAtMs = this.now;
    this.expiry.push(req);
  }

  markAllDirty(): void {
    for (const g of this.groups.values()) if (g.queue.length > 0) this.dirty.add(g);
  }

  /** An agent may take work again: its groups, and requests waiting for it, may move. */
  freed(agent: SimAgent): void {
    agent.lastFreeMs = this.now;
    for (const g of agent.groups) {
      const group = this.groups.get(g);
      if (group && group.queue.length > 0) this.dirty.add(group);
    }
    for (const req of this.preferWaiting) {
      if (req.preferredAgentId !== agent.id) continue;
      const group = this.groups.get(req.groupId);
      if (group) this.dirty.add(group);
    }
  }

  private nextDue(): number | undefined {
    let next: number | undefined;
    for (const req of this.active) if (next === undefined || req.dueMs < next) next = req.dueMs;
    for (const req of this.preferWaiting) {
      if (next === undefined || req.preferDeadlineMs < next) next = req.preferDeadlineMs;
    }
    return next;
  }

  /** Every timed step due at `now`: answers, completions, preferred-agent deadlines. */
  private runDue(): void {
    for (const req of [...this.active]) {
      if (req.dueMs > this.now) continue;
      const agent = this.agents.get(req.agentId);
      const group = this.groups.get(req.groupId);
      if (req.status === STATUS.allocated) {
        req.dueMs = this.now + this.pace.handleMs;
        if (agent) agent.stats.answered++;
        if (group) group.stats.answered++;
        this.emit(req, STATUS.handled);
      } else {
        this.active.delete(req);
        if (agent) agent.stats.completed++;
        if (group) group.stats.completed++;
        this.terminate(req, STATUS.completed);
        if (agent?.sessions.delete(req)) this.freed(agent);
      }
    }
    for (const req of [...this.preferWaiting]) {
      if (req.preferDeadlineMs > this.now) continue;
      this.preferWaiting.delete(req);
      const group = this.groups.get(req.groupId);
      if (req.forced) {
        // Forced and the preferred agent never became free in time: the request is rejected.
        if (group) {
          dequeue(group.queue, req);
          group.stats.failed++;
        }
        this.terminate(req, STATUS.failed);
      } else if (group) {
        this.dirty.add(group);
      }
    }
  }

  /** Allocates what can be allocated in every group that may have moved. */
  route(): void {
    if (!this.routerConnected) {
      this.dirty.clear();
      return;
    }
    for (const group of this.dirty) this.allocateIn(group);
    this.dirty.clear();
  }

  private allocateIn(group: SimGroup): void {
    const members = this.members.get(group.id) ?? [];
    const queue = group.queue;
    // Unreserved requests of a type no member could take: the rest of that type cannot either.
    const blockedTypes = new Set<number>();
    for (let i = 0; i < queue.length; i++) {
      const req = queue[i]!;
      let agent: SimAgent | undefined;
      if (this.preferWaiting.has(req)) {
        const preferred = this.agents.get(req.preferredAgentId);
        agent = preferred && canTake(preferred, req, this.options) ? preferred : undefined;
      } else {
        if (blockedTypes.has(req.typeOfSession)) continue;
        agent = chooseAgent(members, req, this.options);
        if (!agent) {
          blockedTypes.add(req.typeOfSession);
          continue;
        }
      }
      if (!agent) continue;
      queue.splice(i, 1);
      i--;
      this.preferWaiting.delete(req);
      this.allocate(req, agent);
    }
  }

  private allocate(req: SimRequest, agent: SimAgent): void {
    req.agentId = agent.id;
    req.dueMs = this.now + this.pace.answerAfterMs;
    agent.sessions.add(req);
    agent.stats.offered++;
    this.active.add(req);
    this.emit(req, STATUS.allocated);
  }

  /** Terminated requests older than DataExpiration leave the cache; their IDs become unknown. */
  private ageOut(): void {
    const limit = this.now - this.dataExpirationMs;
    while (this.expiryHead < this.expiry.length) {
      const req = this.expiry[this.expiryHead]!;
      if (req.terminatedAtMs > limit) break;
      this.expiryHead++;
      if (!req.removed && this.requests.get(req.id) === req) this.forget(req);
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiry.length) {
      this.expiry = this.expiry.slice(this.expiryHead);
      this.expiryHead = 0;
    }
  }

  private forget(req: SimRequest): void {
    req.removed = true;
    this.requests.delete(req.id);
    this.events.forget(req);
  }

  /** Drops every request and event (agents lose their sessions); the stamp counter keeps going. */
  clearRequests(): void {
    for (const req of this.requests.values()) req.removed = true;
    this.requests.clear();
    this.events.clear();
    this.active.clear();
    this.preferWaiting.clear();
    this.expiry = [];
    this.expiryHead = 0;
    this.dirty.clear();
    for (const g of this.groups.values()) g.queue.length = 0;
    for (const a of this.agents.values()) a.sessions.clear();
  }

  /** Every incomplete request fails (the router is gone, so nothing is routed any more). */
  failIncomplete(): void {
    for (const req of this.requests.values()) {
      if (isTerminated(req.status)) continue;
      this.detach(req);
      const group = this.groups.get(req.groupId);
      if (group) group.stats.failed++;
      this.terminate(req, STATUS.failed);
    }
    this.dirty.clear();
  }
}
