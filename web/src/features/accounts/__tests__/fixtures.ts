import type { Account, AclApplication, AclResponse } from '@oig/shared';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';

export function makeAccount(overrides: Partial<Account> = {}): Account {
  return {
    companyName: 'Mitel',
    applicationName: 'MiVoice Integration for Google',
    serviceType: 'standard',
    licenseProfile: 'google',
    activeSessions: 0,
    enabled: true,
    createdAt: '2025-01-02T08:00:00.000Z',
    updatedAt: '2025-01-02T08:00:00.000Z',
    ...overrides,
  };
}

export function makeAclApp(overrides: Partial<AclApplication> = {}): AclApplication {
  return {
    companyName: 'Mitel',
    applicationName: 'MiVoice Integration for Google',
    serviceType: 'standard',
    licenseProfile: 'google',
    hasLocalPassword: false,
    ...overrides,
  };
}

export const ACCOUNTS: Account[] = [
  makeAccount({ activeSessions: 12 }),
  makeAccount({
    applicationName: 'MiVoice Integration for Salesforce',
    licenseProfile: 'salesforce',
    activeSessions: 3,
    enabled: false,
  }),
  makeAccount({
    companyName: 'Acme / Labs',
    applicationName: 'Call Recorder',
    serviceType: 'advanced',
    licenseProfile: 'third-party',
    activeSessions: 1,
  }),
];

export const ACL_APPS: AclApplication[] = [
  makeAclApp({ hasLocalPassword: true }),
  makeAclApp({
    applicationName: 'MiVoice Integration for Salesforce',
    licenseProfile: 'salesforce',
    hasLocalPassword: true,
  }),
  makeAclApp({
    companyName: 'Acme / Labs',
    applicationName: 'Call Recorder',
    serviceType: 'advanced',
    licenseProfile: 'third-party',
    hasLocalPassword: true,
  }),
  makeAclApp({ companyName: 'Globex', applicationName: 'Wallboard', licenseProfile: 'third-party' }),
  makeAclApp({
    companyName: 'Initech',
    applicationName: 'Dialer Pro',
    serviceType: 'advanced',
    licenseProfile: 'third-party',
  }),
];

export function makeAcl(overrides: Partial<AclResponse> = {}): AclResponse {
  return {
    source: 'bff/assets/demo-acl.json',
    sourceKind: 'bundled',
    loadedAt: '2025-03-04T10:00:00.000Z',
    mcsUrl: 'https://mcs.example.com/acl',
    lastFetch: null,
    applications: ACL_APPS,
    ...overrides,
  };
}

type Handler = MockReply | ((request: RecordedRequest) => MockReply | Promise<MockReply>);

/** The tab's two GETs (overridable) plus any mutation routes. */
export function accountsApi(
  { acl = makeAcl(), accounts = ACCOUNTS }: { acl?: AclResponse; accounts?: Account[] } = {},
  extra: Record<string, Handler> = {},
) {
  return mockFetch({
    'GET /api/v1/acl': { body: acl },
    'GET /api/v1/accounts': { body: { accounts } },
    ...extra,
  });
}

export const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');
export const gets = (requests: RecordedRequest[], path: string) =>
  requests.filter((r) => r.method === 'GET' && r.path === path);
