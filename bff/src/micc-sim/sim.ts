/**
 * OpenMediaSim: the operations of the Open Media Service on the routing engine (data already
 * checked by the SOAP layer), and the controls a demo or a test drives it with.
 */
import type { SimConfig } from './config.js';
import { DEFAULT_RANK } from './routing.js';
import { SimModel, emptyStats, type ModelOptions } from './model.js';
import { simSnapshot, type SimSnapshot } from './snapshot.js';
import type { Micros } from './time.js';
import {
  STATUS,
  SimFault,
  type IvrField,
  type SessionOptions,
  type SimEvent,
  type SimGroup,
  type SimRequest,
  isTerminated,
} from './types.js';

export interface GroupTarget {
  serviceGroupId?: number;
  tenantId?: number;
  serviceGroupName?: string;
}

export interface AddInput extends GroupTarget {
  ivr: IvrField[];
  privateData?: string;
  preferredAgentId?: number;
  preferredAgentLogonId?: string;
  forceToPreferredAgent?: boolean;
  typeOfSession?: number;
  /** Model time (ms) from QueueStartTime, already checked to be in the past. */
  queueStartMs?: number;
  sessionPriority?: number;
}

export interface AddResult {
  requestStatus: number;
  openMediaId?: string;
  queuePosition: number;
  ewt: number;
}

/** An event as reported: history keeps the position at the time, current status the position now. */
export type ReportedEvent = Omit<SimEvent, 'request'> & { readonly request: { readonly id: string } };

/** What a status answer lists; current-status answers override positions and waits (-1: no EWT). */
export interface EventList {
  readonly stamp: Micros;
  readonly events: readonly ReportedEvent[];
  readonly positions?: Int32Array;
  readonly ewts?: Int32Array;
}

export interface SetOptionsInput extends SessionOptions {
  typeOfSession?: number;
  resetAllOptions?: boolean;
}

export class OpenMediaSim {
  readonly model: SimModel;

  constructor(config: SimConfig, options: ModelOptions = {}) {
    this.model = new SimModel(config, options);
  }

  // ---- service operations ------------------------------------------------------------------

  /** The group a target names, or the RequestStatus that refuses it (2 invalid, 3 tenant off, 1 closed). */
  resolveGroup(target: GroupTarget): SimGroup | 1 | 2 | 3 {
    const m = this.model;
    let group: SimGroup | undefined;
    if (target.serviceGroupId !== undefined) {
      group = m.groups.get(target.serviceGroupId);
    } else {
      const name = target.serviceGroupName?.toLowerCase();
      const tenantId = target.tenantId;
      if (tenantId !== -1 && tenantId !== undefined && !m.tenants.has(tenantId)) return 2;
      for (const g of m.groups.values()) {
        if (g.tenantId === tenantId && g.name.toLowerCase() === name) group = g;
      }
    }
    if (!group) return 2;
    if (group.tenantId !== -1 && m.tenants.get(group.tenantId)?.enabled === false) return 3;
    if (!group.open) return 1;
    return group;
  }

  addRequest(input: AddInput): AddResult {
    const m = this.model;
    m.sync();
    const refused = (requestStatus: number): AddResult => ({ requestStatus, queuePosition: 0, ewt: 0 });
    const group = this.resolveGroup(input);
    if (typeof group === 'number') return refused(group);
    let preferredAgentId = 0;
    if (group.preferredAgent && (input.preferredAgentId !== undefined || input.preferredAgentLogonId)) {
      // PreferredAgentID wins over PreferredAgentLogonID.
      const agent =
        input.preferredAgentId !== undefined
          ? m.agents.get(input.preferredAgentId)
          : [...m.agents.values()].find((a) => a.logonId === input.preferredAgentLogonId);
      if (input.forceToPreferredAgent && !agent?.loggedOn) return refused(4);
      if (agent) preferredAgentId = agent.id;
    }
    if (m.requests.size >= m.maxRequests) return refused(5);
    const req = m.newRequest(group.id, {
      ivr: input.ivr.map((f) => ({ ...f })),
      privateData: input.privateData ?? '',
      typeOfSession: input.typeOfSession ?? 0,
      rank: input.queueStartMs !== undefined ? DEFAULT_RANK : (input.sessionPriority ?? DEFAULT_RANK),
      queueTimeMs: input.queueStartMs ?? m.now,
      preferredAgentId,
      forced: preferredAgentId !== 0 && input.forceToPreferredAgent === true,
      preferDeadlineMs: m.now + group.preferredWaitMs,
    });
    m.requests.set(req.id, req);
    group.stats.offered++;
    m.queue(req, group);
    m.route();
    const queuePosition = m.currentPosition(req);
    return { requestStatus: 0, openMediaId: req.id, queuePosition, ewt: m.ewt(group, queuePosition) };
  }

  /** A cached request, or InvalidOpenMediaIDFault. */
  private known(id: string): SimRequest {
    const req = this.model.requests.get(id);
    if (!req) throw new SimFault('InvalidOpenMediaIDFault', `The OpenMediaID "${id}" is not known`);
    return req;
  }

  cancelRequest(id: string, cancelIfAllocated: boolean, doNotReport: boolean): boolean {
    const m = this.model;
    m.sync();
    const req = this.known(id);
    if (isTerminated(req.status)) {
      throw new SimFault(
        'OpenMediaRequestTerminatedFault',
        `The Open Media request "${id}" has already ended`,
      );
    }
    const group = m.groups.get(req.groupId);
    if (req.status === STATUS.queued) {
      if (group) group.stats[doNotReport ? 'notReported' : 'abandoned']++;
    } else {
      if (!cancelIfAllocated) return false;
      const agent = m.agents.get(req.agentId);
      // Once with an agent the request must be reported: abandoned before the answer, completed after.
      if (req.status === STATUS.allocated) {
        if (group) group.stats.abandoned++;
        if (agent) agent.stats.offeredNotAnswered++;
      } else {
        if (group) group.stats.completed++;
        if (agent) agent.stats.completed++;
      }
    }
    m.detach(req);
    m.terminate(req, STATUS.cancelled);
    m.route();
    return true;
  }

  divertRequest(id: string, target: GroupTarget): { requestStatus: number; openMediaId: string } {
    const m = this.model;
    m.sync();
    const req = m.requests.get(id);
    if (!req || isTerminated(req.status)) return { requestStatus: 5, openMediaId: id };
    // Each divert adds events to the request's history: bounded, so no request grows without end.
    if (req.events.length >= MAX_EVENTS_PER_REQUEST) {
      throw new SimFault(
        'InvalidDataException',
        `The OpenMediaID "${id}" has been diverted too often (${MAX_EVENTS_PER_REQUEST} status events)`,
      );
    }
    const group = this.resolveGroup(target);
    if (typeof group === 'number') return { requestStatus: group, openMediaId: id };
    const from = m.groups.get(req.groupId);
    const agent = m.detach(req);
    if (agent && req.status === STATUS.allocated) agent.stats.offeredNotAnswered++;
    if (from) from.stats.overflowOut++;
    group.stats.overflowIn++;
    // A diverted request keeps its queue time and rank; a preferred agent belonged to the old group.
    req.seq = m.nextSeq();
    req.preferredAgentId = 0;
    req.forced = false;
    m.queue(req, group);
    m.route();
    return { requestStatus: 0, openMediaId: id };
  }

  modifyRequest(id: string, ivr: readonly IvrField[], privateData: string | undefined): boolean {
    const m = this.model;
    m.sync();
    const req = m.requests.get(id);
    if (!req) throw new SimFault('InvalidDataException', `The OpenMediaID "${id}" is not valid`);
    if (req.status !== STATUS.queued) return false;
    const merged = req.ivr.map((f) => ({ ...f }));
    for (const field of ivr) {
      const same = field.label !== '' ? merged.find((f) => f.label === field.label) : undefined;
      if (same) same.data = field.data;
      else merged.push({ ...field });
    }
    if (merged.length > 3) {
      throw new SimFault('InvalidDataException', 'A request holds at most 3 IVRInfo fields');
    }
    req.ivr = merged;
    if (privateData !== undefined) req.privateData = privateData;
    return true;
  }

  setOptions(input: SetOptionsInput): boolean {
    const m = this.model;
    m.sync();
    const { typeOfSession, resetAllOptions, ...options } = input;
    m.options.set(typeOfSession ?? 0, options, resetAllOptions === true);
    m.markAllDirty();
    m.route();
    return true;
  }

  /** Latest event of a request, with its position and wait as they are now. */
  private current(req: SimRequest): ReportedEvent {
    const last = req.events[req.events.length - 1]!;
    const position = this.model.currentPosition(req);
    const group = this.model.groups.get(req.groupId);
    return {
      ...last,
      queuePosition: position,
      ewt: last.status === STATUS.queued && group ? this.model.ewt(group, position) : undefined,
    };
  }

  /** Answers carry a stamp later than every event so far (see time.ts). */
  private answerStamp(): Micros {
    return this.model.stamp();
  }

  statusById(id: string): EventList {
    this.model.sync();
    const req = this.known(id);
    return { stamp: this.answerStamp(), events: [this.current(req)] };
  }

  historyById(id: string, laterThan: Micros): EventList {
    this.model.sync();
    const req = this.known(id);
    const events = req.events.filter((e) => e.stamp > laterThan);
    return { stamp: this.answerStamp(), events };
  }

  byTime(laterThan: Micros): EventList {
    this.model.sync();
    return { stamp: this.answerStamp(), events: this.model.events.laterThan(laterThan) };
  }

  /**
   * GetAll: the latest event of every cached request with its current position. Only references
   * and two typed arrays are taken here, so the snapshot is cheap even for 100,000 requests.
   */
  allStatus(): EventList {
    const m = this.model;
    m.sync();
    for (const g of m.groups.values()) {
      const queue = g.queue;
      for (let i = 0; i < queue.length; i++) queue[i]!.scratchPosition = i + 1;
    }
    const size = m.requests.size;
    const events = new Array<SimEvent>(size);
    const positions = new Int32Array(size);
    const ewts = new Int32Array(size).fill(-1);
    const ewtByGroup = new Map<number, (position: number) => number>();
    let n = 0;
    for (const req of m.requests.values()) {
      const last = req.events[req.events.length - 1]!;
      events[n] = last;
      if (req.status === STATUS.queued) {
        positions[n] = req.scratchPosition;
        const group = m.groups.get(req.groupId);
        if (group) {
          let ewt = ewtByGroup.get(group.id);
          if (!ewt) {
            ewt = (position) => m.ewt(group, position);
            ewtByGroup.set(group.id, ewt);
          }
          ewts[n] = ewt(req.scratchPosition);
        }
      }
      n++;
    }
    return { stamp: this.answerStamp(), events, positions, ewts };
  }

  /** GetServiceGroupStatus: InvalidDataException for an ID that is not an Open Media group. */
  serviceGroup(id: number): SimGroup {
    this.model.sync();
    const group = this.model.groups.get(id);
    if (!group) throw new SimFault('InvalidDataException', `${id} is not an Open Media service group`);
    return group;
  }

  /** GetAllOpenMediaServiceGroupStatus: -1 is the non-tenanted system. */
  serviceGroupsOf(tenantId: number): SimGroup[] {
    const m = this.model;
    m.sync();
    if (tenantId !== -1) {
      const tenant = m.tenants.get(tenantId);
      if (!tenant) throw new SimFault('InvalidDataException', `Tenant ${tenantId} is not valid`);
      if (!tenant.enabled) throw new SimFault('InvalidDataException', `Tenant ${tenantId} is disabled`);
    }
    return [...m.groups.values()].filter((g) => g.tenantId === tenantId);
  }

  // ---- controls ----------------------------------------------------------------------------

  get now(): number {
    return this.model.now;
  }

  get licensed(): boolean {
    return this.model.licensed;
  }

  get routerConnected(): boolean {
    return this.model.routerConnected;
  }

  /** Moves the clock forward (a manual clock moves only this way). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance takes a number of milliseconds ≥ 0');
    this.model.advance(ms);
  }

  /** Brings the model up to the real clock; the server's timer calls it. */
  tick(): void {
    this.model.sync();
  }

  setGroupOpen(serviceGroupId: number, open: boolean): void {
    const group = this.model.groups.get(serviceGroupId);
    if (!group) throw new RangeError(`There is no service group ${serviceGroupId}`);
    this.model.sync();
    group.open = open;
  }

  setAgent(agentId: number, state: { loggedOn?: boolean; available?: boolean }): void {
    const m = this.model;
    const agent = m.agents.get(agentId);
    if (!agent) throw new RangeError(`There is no agent ${agentId}`);
    m.sync();
    if (state.loggedOn !== undefined) agent.loggedOn = state.loggedOn;
    if (state.available !== undefined) agent.available = state.available;
    if (agent.loggedOn && agent.available) m.freed(agent);
    m.route();
  }

  setTenantEnabled(tenantId: number, enabled: boolean): void {
    const tenant = this.model.tenants.get(tenantId);
    if (!tenant) throw new RangeError(`There is no tenant ${tenantId}`);
    tenant.enabled = enabled;
  }

  /** Disconnecting fails every incomplete request (the seed's error handling). */
  setRouterConnected(connected: boolean): void {
    const m = this.model;
    m.sync();
    if (!connected && m.routerConnected) m.failIncomplete();
    m.routerConnected = connected;
  }

  setLicensed(licensed: boolean): void {
    this.model.licensed = licensed;
  }

  /** A service restart: every request and event is gone, even those with agents. */
  restart(): void {
    this.model.sync();
    this.model.clearRequests();
  }

  /** Back to the configured model: requests, statistics, options and states as at start. */
  reset(): void {
    this.model.clearRequests();
    this.model.loadConfig();
  }

  /** Adds `count` requests to a group at once (routed as usual); returns their IDs. */
  fill(count: number, serviceGroupId: number): string[] {
    const m = this.model;
    if (!Number.isInteger(count) || count < 1 || count > MAX_FILL) {
      throw new RangeError(`fill adds 1 to ${MAX_FILL} requests`);
    }
    const group = m.groups.get(serviceGroupId);
    if (!group) throw new RangeError(`There is no service group ${serviceGroupId}`);
    if (m.requests.size + count > m.maxRequests) {
      throw new RangeError(`fill would hold more than ${m.maxRequests} requests (${m.requests.size} held)`);
    }
    if (!m.routerConnected) throw new RangeError('The router is disconnected');
    m.sync();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const req = m.newRequest(group.id, { ivr: [{ label: 'Fill', data: String(i + 1) }] });
      m.requests.set(req.id, req);
      group.stats.offered++;
      m.queue(req, group);
      ids.push(req.id);
    }
    m.route();
    return ids;
  }

  state(): SimSnapshot {
    this.model.sync();
    return simSnapshot(this.model);
  }

  resetStatistics(): void {
    for (const g of this.model.groups.values()) Object.assign(g.stats, emptyStats());
  }
}

/** Most requests one fill adds: bounded so one call holds the event loop well under 100 ms. */
export const MAX_FILL = 5_000;
/** Most status events one request may gather (a divert refuses beyond, with InvalidDataException). */
export const MAX_EVENTS_PER_REQUEST = 1_000;
