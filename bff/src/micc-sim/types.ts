/**
 * The peer's data: requests, groups, agents, status events and the faults the seed defines.
 */
import type { Micros } from './time.js';

/** The seed's status life cycle: 0 Unknown … 6 Cancelled. */
export const STATUS = {
  unknown: 0,
  queued: 1,
  allocated: 2,
  handled: 3,
  completed: 4,
  failed: 5,
  cancelled: 6,
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];

export function isTerminated(status: Status): boolean {
  return status === STATUS.completed || status === STATUS.failed || status === STATUS.cancelled;
}

export interface IvrField {
  label: string;
  data: string;
}

/** One status change, as GetOpenMediaRequestHistoryByID and …ByTime report it. */
export interface SimEvent {
  readonly request: SimRequest;
  readonly status: Status;
  readonly stamp: Micros;
  readonly agentId: number;
  /** The agent's tenant when AgentID is not 0, else 0. */
  readonly agentTenantId: number;
  readonly logonId: string;
  readonly serviceGroupId: number;
  /** The position when the event happened (0 when not queued). */
  readonly queuePosition: number;
  /** Estimated wait in seconds, only on a Queued event. */
  readonly ewt: number | undefined;
}

export interface SimRequest {
  readonly id: string;
  /** Arrival order, the last tie-break in a queue (renewed when diverted). */
  seq: number;
  groupId: number;
  status: Status;
  /** 0 while no agent holds it. */
  agentId: number;
  ivr: IvrField[];
  privateData: string;
  /** 0 when the request has no TypeOfSession. */
  typeOfSession: number;
  /** Queue rank: 1 is served first; SessionPriority, or the default when absent or overridden. */
  rank: number;
  /** Model time the request counts as queued since (QueueStartTime when given). */
  queueTimeMs: number;
  /** The preferred agent, when the group honours one; 0 otherwise. */
  preferredAgentId: number;
  forced: boolean;
  /** Until then only the preferred agent may take it; then anyone (or, when forced, it fails). */
  preferDeadlineMs: number;
  /** Model time of the next timed step while allocated (answer) or handled (completion). */
  dueMs: number;
  terminatedAtMs: number;
  readonly events: SimEvent[];
  /** Aged out or cleared: its events no longer count. */
  removed: boolean;
  /** Scratch space for one pass over the queues (positions for a list answer); stale otherwise. */
  scratchPosition: number;
}

export interface GroupStats {
  offered: number;
  answered: number;
  completed: number;
  abandoned: number;
  overflowOut: number;
  overflowIn: number;
  notReported: number;
  failed: number;
}

export interface SimGroup {
  readonly id: number;
  readonly name: string;
  readonly tenantId: number;
  open: boolean;
  readonly preferredAgent: boolean;
  readonly preferredWaitMs: number;
  /** Queued requests in service order. */
  readonly queue: SimRequest[];
  readonly stats: GroupStats;
}

export interface AgentStats {
  offered: number;
  answered: number;
  offeredNotAnswered: number;
  completed: number;
}

export interface SimAgent {
  readonly id: number;
  readonly logonId: string;
  readonly name: string;
  readonly tenantId: number;
  loggedOn: boolean;
  available: boolean;
  readonly groups: ReadonlySet<number>;
  readonly maxSessions: number;
  readonly sessions: Set<SimRequest>;
  /** When it last became free, so the longest-idle agent is chosen first. */
  lastFreeMs: number;
  readonly stats: AgentStats;
}

export interface SimTenant {
  readonly id: number;
  readonly name: string;
  enabled: boolean;
}

/** SetOptions for one TypeOfSession (0: every type without its own). */
export interface SessionOptions {
  agentActionOptions?: number;
  closeTabOptions?: number;
  maxNumberOfSessions?: number;
  allowDifferentTypes?: number;
  sessionLinkOptions?: number;
}

export const FAULT_NAMES = [
  'InvalidDataException',
  'InvalidDataFault',
  'NoLicenseFault',
  'RouterDisconnectedFault',
  'InvalidUserFault',
  'InvalidOpenMediaIDFault',
  'OpenMediaRequestTerminatedFault',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

/** One of the seed's faults; the SOAP layer renders it with its detail element. */
export class SimFault extends Error {
  override readonly name = 'SimFault';
  constructor(
    readonly fault: FaultName,
    message: string,
  ) {
    super(message);
  }
}

/** The caller's mistakes are soap:Client; a license or router problem is the service's (soap:Server). */
export function faultCodeOf(fault: FaultName): 'Client' | 'Server' {
  return fault === 'NoLicenseFault' || fault === 'RouterDisconnectedFault' ? 'Server' : 'Client';
}
