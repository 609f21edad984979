/**
 * The Open Media Service's operations, typed: the parameters of each (docs/open-media.md, the
 * seed's names exactly) and what its answer means, including the refusals that are not faults
 * (a non-zero RequestStatus, a `false` result), each mapped to its reason.
 */
import type {
  AddOpenMediaRequest,
  AddOpenMediaResult,
  CancelOpenMediaRequest,
  DivertOpenMediaRequest,
  ModifyOpenMediaRequest,
  OpenMediaEvent,
  OpenMediaOptions,
  OpenMediaReason,
  OpenMediaServiceGroup,
} from '@oig/shared';
import type { XmlElement } from '../../lib/xml/xml-tree.js';
import type { MiccTarget } from '../network-elements/index.js';
import type { OpenMediaClient } from './client.js';
import { groupParams, isOpenMediaError, openMediaError } from './errors.js';
import {
  BadAnswer,
  childOf,
  childrenOf,
  intOf,
  optionalTextOf,
  parseBoolean,
  parseInt32,
  parseStamp,
  textOf,
  type XmlChild,
} from './soap.js';

/** One status event as received; `stamp` its time in microseconds, for ordering. */
export interface WireEvent extends OpenMediaEvent {
  openMediaId: string;
  stamp: number;
  ewt: number | null;
}

/**
 * A status answer: the MiCC's TimeStamp as sent (the next question is written the same way, see
 * formatStampLike) and its events.
 */
export interface StatusAnswer {
  timeStamp: string;
  /** The TimeStamp in microseconds. */
  stamp: number;
  events: WireEvent[];
}

const ADD_REFUSALS: Record<number, OpenMediaReason> = {
  1: 'group_closed',
  2: 'group_invalid',
  3: 'tenant_disabled',
  4: 'preferred_agent_logged_off',
  5: 'general_error',
};
/** 5 is "invalid session ID": the MiCC says it of an unknown request and of one that has ended. */
const DIVERT_REFUSALS: Record<number, OpenMediaReason> = {
  1: 'group_closed',
  2: 'group_invalid',
  3: 'tenant_disabled',
  5: 'request_not_found',
};

const bit = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
const target = (t: DivertOpenMediaRequest): XmlChild[] => [
  ['ServiceGroupID', t.serviceGroupId],
  ['TenantID', t.tenantId],
  ['ServiceGroupName', t.serviceGroupName],
];
const ivr = (list: ModifyOpenMediaRequest['ivrInfo']): XmlChild => [
  'IVRInfo',
  list.map((i): XmlChild => [
    'IVRInformation',
    [
      ['Label', i.label],
      ['Data', i.data],
    ],
  ]),
];

function needResult(r: XmlElement | null, op: string): XmlElement {
  if (!r) throw new BadAnswer(`${op} gave no result`);
  return r;
}

/** Runs `read` on the result, turning an unreadable one into micc_bad_answer. */
function reading<T>(address: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof BadAnswer) throw openMediaError('micc_bad_answer', { address, detail: err.message });
    throw err;
  }
}

/** As `reading`, for a read that gives the event loop back between its slices. */
async function readingAsync<T>(address: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof BadAnswer) throw openMediaError('micc_bad_answer', { address, detail: err.message });
    throw err;
  }
}

/**
 * Most events decoded or applied in one piece of work: 2,000 take a few milliseconds, so a list
 * of the MiCC's 100,000 requests never holds the event loop for long (the product's rule: at most
 * 100 ms at the largest input).
 */
export const EVENT_SLICE = 2_000;

/** Lets the event loop run what waits (I/O, timers, other requests) before the next slice. */
export const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export function readEvent(el: XmlElement): WireEvent {
  const stamp = parseStamp(textOf(el, 'TimeStamp'), 'OpenMediaRequest/TimeStamp');
  const status = intOf(el, 'Status');
  if (status < 0 || status > 6) throw new BadAnswer(`OpenMediaRequest/Status ${status} is not 0 to 6`);
  const ewt = optionalTextOf(el, 'EWT');
  const openMediaId = textOf(el, 'ID');
  if (openMediaId === '') throw new BadAnswer('an OpenMediaRequest has an empty ID');
  return {
    openMediaId,
    status,
    at: new Date(Math.floor(stamp / 1000)).toISOString(),
    stamp,
    agentId: intOf(el, 'AgentID'),
    agentTenantId: intOf(el, 'TenantID'),
    agentLogonId: optionalTextOf(el, 'LogonID') ?? '',
    serviceGroupId: intOf(el, 'ServiceGroupID'),
    queuePosition: intOf(el, 'QueuePosition'),
    ewt: ewt === undefined || ewt === '' ? null : parseInt32(ewt, 'OpenMediaRequest/EWT'),
  };
}

/** A status answer, its events decoded EVENT_SLICE at a time. */
async function readStatus(r: XmlElement | null, op: string): Promise<StatusAnswer> {
  const result = needResult(r, op);
  const timeStamp = textOf(result, 'TimeStamp');
  const stamp = parseStamp(timeStamp, `${op}/TimeStamp`);
  const list = childOf(result, 'OpenMediaRequests');
  const events: WireEvent[] = [];
  const children = list?.children ?? [];
  for (let i = 0; i < children.length; i++) {
    if (i > 0 && i % EVENT_SLICE === 0) await yieldToLoop();
    const el = children[i]!;
    if (el.local === 'OpenMediaRequest') events.push(readEvent(el));
  }
  return { timeStamp, stamp, events };
}

/** The operations against one MiCC (the target is read by the caller at each use). */
export function openMediaOperations(client: OpenMediaClient) {
  return {
    async add(t: MiccTarget, a: AddOpenMediaRequest): Promise<AddOpenMediaResult> {
      const params = {
        ...groupParams(a),
        ...(a.preferredAgentId !== undefined || a.preferredAgentLogonId !== undefined
          ? { preferredAgent: String(a.preferredAgentId ?? a.preferredAgentLogonId) }
          : {}),
        action: 'add the request',
      };
      const r = await client.call(
        t,
        'AddRequest',
        [
          ...target(a),
          ivr(a.ivrInfo),
          ['PrivateData', a.privateData],
          ['PreferredAgentID', a.preferredAgentId],
          ['PreferredAgentLogonID', a.preferredAgentLogonId],
          ['ForceToPreferredAgent', a.forceToPreferredAgent],
          ['TypeOfSession', a.typeOfSession],
          ['QueueStartTime', a.queueStartTime && new Date(a.queueStartTime).toISOString()],
          ['SessionPriority', a.sessionPriority],
        ],
        { params },
      );
      return reading(t.url, () => {
        const result = needResult(r, 'AddRequest');
        const status = intOf(result, 'RequestStatus');
        if (status !== 0) throw openMediaError(ADD_REFUSALS[status] ?? 'general_error', params);
        const openMediaId = optionalTextOf(result, 'OpenMediaID') ?? '';
        if (openMediaId === '') throw new BadAnswer('AddRequest succeeded without an OpenMediaID');
        return {
          openMediaId,
          requestStatus: status,
          queuePosition: intOf(result, 'QueuePosition'),
          ewt: intOf(result, 'EWT'),
        };
      });
    },

    async cancel(t: MiccTarget, openMediaId: string, c: CancelOpenMediaRequest): Promise<void> {
      const params = { openMediaId };
      const r = await client.call(
        t,
        'CancelRequest',
        [
          ['OpenMediaID', openMediaId],
          ['CancelIfAllocated', bit(c.cancelIfAllocated)],
          ['DoNotReport', bit(c.doNotReport)],
        ],
        { params },
      );
      const ok = reading(t.url, () =>
        parseBoolean(needResult(r, 'CancelRequest').text, 'CancelRequestResult'),
      );
      if (!ok) throw openMediaError('cancel_refused', params);
    },

    async divert(
      t: MiccTarget,
      openMediaId: string,
      d: DivertOpenMediaRequest,
    ): Promise<{ openMediaId: string }> {
      const params = { openMediaId, ...groupParams(d), action: 'divert the request' };
      const r = await client.call(t, 'DivertRequest', [['OpenMediaID', openMediaId], ...target(d)], {
        params,
      });
      return reading(t.url, () => {
        const result = needResult(r, 'DivertRequest');
        const status = intOf(result, 'RequestStatus');
        if (status !== 0) throw openMediaError(DIVERT_REFUSALS[status] ?? 'general_error', params);
        return { openMediaId: optionalTextOf(result, 'OpenMediaID') || openMediaId };
      });
    },

    async modify(t: MiccTarget, openMediaId: string, m: ModifyOpenMediaRequest): Promise<void> {
      const params = { openMediaId };
      let r: XmlElement | null;
      try {
        r = await client.call(
          t,
          'ModifyRequest',
          [['OpenMediaID', openMediaId], ivr(m.ivrInfo), ['PrivateData', m.privateData]],
          { params },
        );
      } catch (err) {
        // ModifyRequest says InvalidDataException both for an unknown ID and for data it cannot
        // take (e.g. a fourth IVR field): asking for the request's status tells them apart.
        if (isOpenMediaError(err) && err.reason === 'micc_invalid_data') {
          await client.call(t, 'GetOpenMediaRequestStatusByID', [['OpenMediaID', openMediaId]], { params });
        }
        throw err;
      }
      const ok = reading(t.url, () =>
        parseBoolean(needResult(r, 'ModifyRequest').text, 'ModifyRequestResult'),
      );
      if (!ok) throw openMediaError('modify_refused', params);
    },

    async setOptions(t: MiccTarget, o: OpenMediaOptions): Promise<void> {
      const r = await client.call(t, 'SetOptions', [
        ['TypeOfSession', o.typeOfSession],
        ['AgentActionOptions', o.agentActionOptions],
        ['CloseTabOptions', o.closeTabOptions],
        ['MaxNumberOfSessions', o.maxNumberOfSessions],
        ['AllowDifferentTypes', o.allowDifferentTypes],
        ['SessionLinkOptions', o.sessionLinkOptions],
        ['ResetAllOptions', bit(o.resetAllOptions)],
      ]);
      const ok = reading(t.url, () => parseBoolean(needResult(r, 'SetOptions').text, 'SetOptionsResult'));
      if (!ok) throw openMediaError('options_refused');
    },

    async all(t: MiccTarget): Promise<StatusAnswer> {
      const r = await client.call(t, 'GetAllOpenMediaRequestStatus', [], { statusList: true });
      return readingAsync(t.url, () => readStatus(r, 'GetAllOpenMediaRequestStatus'));
    },

    async byTime(t: MiccTarget, retrieveLaterThan: string): Promise<StatusAnswer> {
      const r = await client.call(
        t,
        'GetOpenMediaRequestsByTime',
        [['RetrieveLaterThan', retrieveLaterThan]],
        {
          statusList: true,
        },
      );
      return readingAsync(t.url, () => readStatus(r, 'GetOpenMediaRequestsByTime'));
    },

    async history(t: MiccTarget, openMediaId: string): Promise<StatusAnswer> {
      const r = await client.call(
        t,
        'GetOpenMediaRequestHistoryByID',
        // Every event the service still holds.
        [
          ['OpenMediaID', openMediaId],
          ['RetrieveLaterThan', '1970-01-01T00:00:00Z'],
        ],
        { params: { openMediaId }, statusList: true },
      );
      return readingAsync(t.url, () => readStatus(r, 'GetOpenMediaRequestHistoryByID'));
    },

    async serviceGroups(t: MiccTarget, tenantId: number): Promise<OpenMediaServiceGroup[]> {
      const r = await client.call(t, 'GetAllOpenMediaServiceGroupStatus', [['tenantID', tenantId]], {
        params: { tenantId: String(tenantId) },
      });
      return reading(t.url, () => {
        const result = needResult(r, 'GetAllOpenMediaServiceGroupStatus');
        // `Status` wraps the ServiceGroupStatus elements; an array serialized without its wrapper
        // (each group a `Status` element) reads the same.
        const list = childrenOf(result, 'Status').flatMap((s) =>
          childOf(s, 'ServiceGroupID') ? [s] : childrenOf(s, 'ServiceGroupStatus'),
        );
        return list.map((g) => ({
          serviceGroupId: intOf(g, 'ServiceGroupID'),
          name: optionalTextOf(g, 'ServiceGroupName') || null,
          open: parseBoolean(textOf(g, 'Open'), 'ServiceGroupStatus/Open'),
        }));
      });
    },
  };
}
export type OpenMediaOperations = ReturnType<typeof openMediaOperations>;
