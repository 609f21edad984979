/** Shared by the benchmark orchestrator (run.ts) and its target process (target.ts). */

/** Bundled demo ACL application (bff/assets/demo-acl.json). */
export const ACME = {
  companyName: 'Acme',
  applicationName: 'Call Recorder',
  applicationPassword: 'demo-acme-app-password',
} as const;
export const LOCAL_PASSWORD = 'bench-local-password-1';

/** License inventory big enough for 25,000 REST (dataAccess) sessions plus the storm. */
export const LICENSE = {
  standardCallControl: 25_000,
  advancedCallControl: 25_000,
  google: 1_500,
  salesforce: 1_500,
  dataAccess: 100_000,
  virtualEnablement: false,
  miVoiceIntegration: true,
  trustedMode: false,
};

export type Command =
  | { op: 'start'; withBare: boolean; refusedLoginBufferMax?: number; trustLoopbackProxy?: boolean }
  | { op: 'loginBulk'; n: number; concurrency: number }
  | { op: 'count' }
  | { op: 'cpu' }
  | { op: 'loopDelay'; action: 'start' | 'stop' }
  | { op: 'refusedRows'; like: string }
  | { op: 'stop' };
