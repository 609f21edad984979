/**
 * The control endpoint's view of the model (`GET /control/state`): groups with their queues and
 * statistics, agents with their sessions, and the requests held (the newest ones when many).
 */
import type { SimModel } from './model.js';
import { formatMicros } from './time.js';
import type { AgentStats, GroupStats, IvrField, SessionOptions } from './types.js';

/** More requests than this are summarised by count only; the newest are listed. */
export const SNAPSHOT_MAX_REQUESTS = 2_000;

export interface RequestSnapshot {
  id: string;
  status: number;
  serviceGroupId: number;
  agentId: number;
  queuePosition: number;
  typeOfSession: number;
  rank: number;
  queueTime: string;
  preferredAgentId: number;
  forced: boolean;
  ivr: IvrField[];
  privateData: string;
  events: number;
}

export interface SimSnapshot {
  now: string;
  manualClock: boolean;
  licensed: boolean;
  routerConnected: boolean;
  dataExpirationMinutes: number;
  pace: { answerAfterMs: number; handleMs: number; tickMs: number };
  tenants: { id: number; name: string; enabled: boolean }[];
  groups: {
    serviceGroupId: number;
    name: string;
    tenantId: number;
    open: boolean;
    preferredAgent: boolean;
    preferredAgentWaitSeconds: number;
    queued: number;
    stats: GroupStats;
  }[];
  agents: {
    agentId: number;
    logonId: string;
    name: string;
    tenantId: number;
    loggedOn: boolean;
    available: boolean;
    serviceGroups: number[];
    maxSessions: number;
    sessions: string[];
    stats: AgentStats;
  }[];
  options: Record<string, SessionOptions>;
  counts: { requests: number; queued: number; withAgents: number; terminated: number; events: number };
  requests: RequestSnapshot[];
  requestsTruncated: boolean;
}

export function simSnapshot(m: SimModel): SimSnapshot {
  const positions = new Map<string, number>();
  let queued = 0;
  for (const g of m.groups.values()) {
    queued += g.queue.length;
    g.queue.forEach((r, i) => positions.set(r.id, i + 1));
  }
  let withAgents = 0;
  for (const a of m.agents.values()) withAgents += a.sessions.size;
  const all = [...m.requests.values()];
  const listed = all.length > SNAPSHOT_MAX_REQUESTS ? all.slice(all.length - SNAPSHOT_MAX_REQUESTS) : all;
  return {
    now: new Date(m.now).toISOString(),
    manualClock: m.manualClock,
    licensed: m.licensed,
    routerConnected: m.routerConnected,
    dataExpirationMinutes: m.dataExpirationMs / 60_000,
    pace: { ...m.pace },
    tenants: [...m.tenants.values()].map((t) => ({ ...t })),
    groups: [...m.groups.values()].map((g) => ({
      serviceGroupId: g.id,
      name: g.name,
      tenantId: g.tenantId,
      open: g.open,
      preferredAgent: g.preferredAgent,
      preferredAgentWaitSeconds: g.preferredWaitMs / 1000,
      queued: g.queue.length,
      stats: { ...g.stats },
    })),
    agents: [...m.agents.values()].map((a) => ({
      agentId: a.id,
      logonId: a.logonId,
      name: a.name,
      tenantId: a.tenantId,
      loggedOn: a.loggedOn,
      available: a.available,
      serviceGroups: [...a.groups],
      maxSessions: a.maxSessions,
      sessions: [...a.sessions].map((r) => r.id),
      stats: { ...a.stats },
    })),
    options: m.options.snapshot(),
    counts: {
      requests: all.length,
      queued,
      withAgents,
      terminated: all.length - queued - withAgents,
      events: m.events.size,
    },
    requests: listed.map((r) => ({
      id: r.id,
      status: r.status,
      serviceGroupId: r.groupId,
      agentId: r.agentId,
      queuePosition: positions.get(r.id) ?? 0,
      typeOfSession: r.typeOfSession,
      rank: r.rank,
      queueTime: formatMicros(r.queueTimeMs * 1000),
      preferredAgentId: r.preferredAgentId,
      forced: r.forced,
      ivr: r.ivr.map((f) => ({ ...f })),
      privateData: r.privateData,
      events: r.events.length,
    })),
    requestsTruncated: listed.length < all.length,
  };
}
