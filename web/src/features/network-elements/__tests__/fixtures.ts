import {
  FACTORY_MICC_DEFAULTS,
  FACTORY_MIVB_DEFAULTS,
  type MiccSettings,
  type MivbSettings,
  type NetworkElement,
} from '@oig/shared';
import type { MockReply, RecordedRequest } from '@/testing/mock-fetch';

export const MIVB_DEFAULTS: MivbSettings = { ...FACTORY_MIVB_DEFAULTS, localAreaCodes: ['613'] };
export const MICC_DEFAULTS: MiccSettings = { ...FACTORY_MICC_DEFAULTS };

const stamps = { createdAt: '2025-01-01T08:00:00.000Z', updatedAt: '2025-01-01T08:00:00.000Z' };

export function makeMivb(
  id: string,
  ipAddress: string,
  overrides: Partial<Extract<NetworkElement, { type: 'mivb' }>> = {},
): NetworkElement {
  return {
    id,
    type: 'mivb',
    ipAddress,
    setup: 'default',
    version: '10.1.0.12',
    status: 'reachable',
    statusDetail: null,
    statusReason: null,
    lastCheckedAt: '2025-03-04T10:15:30.000Z',
    ...MIVB_DEFAULTS,
    ...stamps,
    ...overrides,
  };
}

export function makeMicc(
  id: string,
  ipAddress: string,
  overrides: Partial<Extract<NetworkElement, { type: 'micc' }>> = {},
): NetworkElement {
  return {
    id,
    type: 'micc',
    ipAddress,
    setup: 'default',
    version: null,
    status: 'unknown',
    statusDetail: null,
    statusReason: null,
    lastCheckedAt: null,
    ...MICC_DEFAULTS,
    openMediaLogonId: null,
    openMediaPasswordSet: false,
    ...stamps,
    ...overrides,
  };
}

export const ELEMENTS: NetworkElement[] = [
  makeMivb('ne-1', '192.0.2.10'),
  makeMivb('ne-2', '192.0.2.20', {
    setup: 'custom',
    version: null,
    status: 'unreachable',
    statusDetail: 'connection refused',
    outsidePrefix: '8',
    localAreaCodes: ['819', '873'],
  }),
  makeMicc('ne-3', '2001:db8::30'),
];

export const LIST = '/api/v1/network-elements';

/** The routes every view needs: the list and both default values. */
export function baseRoutes(elements: NetworkElement[] = ELEMENTS) {
  return {
    [`GET ${LIST}`]: { body: { elements } },
    [`GET ${LIST}/defaults/mivb`]: { body: MIVB_DEFAULTS },
    [`GET ${LIST}/defaults/micc`]: { body: MICC_DEFAULTS },
  } satisfies Record<string, MockReply>;
}

export const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');

export function conflict(message: string, fields?: Record<string, string>): MockReply {
  return { status: 409, body: { error: { code: 'conflict', message, ...(fields ? { fields } : {}) } } };
}

/** Echo of a saved element, as the server reads it back (a password never, only that one is set). */
export function savedElement(id: string, body: Record<string, unknown>): NetworkElement {
  const { openMediaPassword, ...rest } = body;
  const base =
    body.type === 'micc' ? makeMicc(id, String(body.ipAddress)) : makeMivb(id, String(body.ipAddress));
  return {
    ...base,
    ...rest,
    ...(openMediaPassword === undefined ? {} : { openMediaPasswordSet: true }),
  };
}
