import type { NetworkElement, OpenMediaRequestView, OpenMediaServiceGroup } from '@oig/shared';
import type { MockReply } from '@/testing/mock-fetch';

export const BASE = '/api/v1/open-media';
export const AS_OF = '2026-12-07T09:00:00.000Z';

/** The MiCC element as GET /network-elements reads it back. */
export const MICC: NetworkElement = {
  id: 'ne-3',
  type: 'micc',
  ipAddress: '192.0.2.30',
  setup: 'default',
  version: null,
  status: 'reachable',
  statusDetail: null,
  statusReason: null,
  lastCheckedAt: null,
  transportProtocol: 'http',
  openMediaLogonId: 'host-admin',
  openMediaPasswordSet: true,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
};

export const GROUPS: OpenMediaServiceGroup[] = [
  { serviceGroupId: 1001, name: 'Web chat', open: true },
  { serviceGroupId: 1002, name: null, open: false },
  { serviceGroupId: 1003, name: 'E-mail', open: true },
];

export function makeRequest(id: string, status: number, extra: Partial<OpenMediaRequestView> = {}) {
  return {
    openMediaId: id,
    status,
    at: '2026-12-07T08:58:00.000Z',
    agentId: status === 2 || status === 3 ? 42 : 0,
    agentTenantId: -1,
    agentLogonId: status === 2 || status === 3 ? 'agent42' : '',
    serviceGroupId: 1001,
    queuePosition: status === 1 ? 3 : 0,
    ewt: status === 1 ? 95 : null,
    ...extra,
  } satisfies OpenMediaRequestView;
}

export const REQUESTS: OpenMediaRequestView[] = [
  makeRequest('om-queued', 1),
  makeRequest('om-allocated', 2, { serviceGroupId: 1002 }),
  makeRequest('om-handled', 3),
  makeRequest('om-completed', 4),
  makeRequest('om-failed', 5),
  makeRequest('om-cancelled', 6),
  makeRequest('om-unknown', 0),
];

/** The reads every view makes: the network elements (for the MiCC), the groups and the requests. */
export function viewRoutes(
  requests: MockReply = { body: { requests: REQUESTS, asOf: AS_OF, problem: null } },
): Record<string, MockReply> {
  return {
    'GET /api/v1/network-elements': { body: { elements: [MICC] } },
    [`GET ${BASE}/service-groups`]: { body: { tenantId: -1, groups: GROUPS } },
    [`GET ${BASE}/requests`]: requests,
  };
}

export function refused(status: number, code: string, reason: string, params: Record<string, string> = {}) {
  return {
    status,
    body: { error: { code, message: `English text for ${reason}`, reason, params } },
  } satisfies MockReply;
}
