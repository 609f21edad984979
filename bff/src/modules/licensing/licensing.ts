import {
  MIVOICE_INTEGRATION_MAX_SESSIONS,
  SERVER_LICENSE_USERS,
  type LicenseFile,
  type LicenseProfile,
  type LicenseType,
  type SessionProtocol,
  USAGE_COUNTERS,
  type UsageCounter,
} from '@oig/shared';

/**
 * A counter held by a session. The five license types of the inventory, plus the MiVoice
 * Integration session capacity (Google + Salesforce sessions together, at most 1,500).
 */
export type LicenseCounter = UsageCounter;
export const LICENSE_COUNTERS: readonly LicenseCounter[] = USAGE_COUNTERS;

/**
 * What one session consumes at login (SPEC §5). Sorted, so allocation always locks in one
 * order. A Salesforce-advanced application takes an Advanced Call Control license only when it
 * logs in for advanced service (with a certificate); otherwise its session is a standard one.
 */
export function countersFor(
  profile: LicenseProfile,
  protocol: SessionProtocol,
  advanced = false,
): LicenseCounter[] {
  if (protocol === 'rest') return ['dataAccess'];
  switch (profile) {
    case 'google':
      return sortCounters(['standardCallControl', 'google', 'miVoiceIntegration']);
    case 'salesforce':
      return sortCounters(['standardCallControl', 'salesforce', 'miVoiceIntegration']);
    case 'salesforce-advanced':
      return sortCounters([
        advanced ? 'advancedCallControl' : 'standardCallControl',
        'salesforce',
        'miVoiceIntegration',
      ]);
    case 'third-party':
      return [];
  }
}

function sortCounters(c: LicenseCounter[]): LicenseCounter[] {
  return [...c].sort();
}

/** The most a counter may reach, from the inventory. */
export function capacityOf(inv: LicenseFile, counter: LicenseCounter): number {
  if (counter === 'miVoiceIntegration') return inv.miVoiceIntegration ? MIVOICE_INTEGRATION_MAX_SESSIONS : 0;
  return inv[counter];
}

const isServerLicense = (count: number) => count >= SERVER_LICENSE_USERS;

/** Whether a license type is shown as "(Server)": call control with the server-wide user count. */
export const isServerLicensed = (type: LicenseType, available: number): boolean =>
  (type === 'standardCallControl' || type === 'advancedCallControl') && isServerLicense(available);

/** License types a session holds, for display (without the internal capacity counter). */
export const visibleLicenses = (held: LicenseCounter[]): LicenseType[] =>
  held.filter((c): c is LicenseType => c !== 'miVoiceIntegration');
