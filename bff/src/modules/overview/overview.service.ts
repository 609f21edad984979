import { OIG_VERSION, type LicenseFile, type LicenseType, type Overview } from '@oig/shared';
import type { AccountsService } from '../accounts/index.js';
import { isServerLicensed, type LicenseCounters } from '../licensing/index.js';
import type { NetworkElementsService } from '../network-elements/index.js';
import type { RefusedLoginsService, SessionsService } from '../sessions/index.js';

/** The Overview tab: counts asked of their owners, the licenses in use, the last day's refused logins. */
export function createOverviewService(deps: {
  accounts: Pick<AccountsService, 'count'>;
  sessions: Pick<SessionsService, 'countLive'>;
  refusedLogins: Pick<RefusedLoginsService, 'lastDay'>;
  networkElements: Pick<NetworkElementsService, 'count'>;
  licensing: Pick<LicenseCounters, 'usage'>;
  license: () => { source: string; inventory: LicenseFile };
}) {
  return {
    async get(): Promise<Overview> {
      const [applications, sessions, networkElements, used, refusedLogins] = await Promise.all([
        deps.accounts.count(),
        deps.sessions.countLive(),
        deps.networkElements.count(),
        deps.licensing.usage(),
        deps.refusedLogins.lastDay(),
      ]);
      const { source, inventory } = deps.license();
      const count = (type: LicenseType) => ({
        available: inventory[type],
        used: used[type],
        server: isServerLicensed(type, inventory[type]),
      });
      return {
        applications,
        sessions,
        networkElements,
        version: OIG_VERSION,
        licensing: {
          source,
          standardCallControl: count('standardCallControl'),
          advancedCallControl: count('advancedCallControl'),
          google: count('google'),
          salesforce: count('salesforce'),
          dataAccess: count('dataAccess'),
          virtualEnablement: inventory.virtualEnablement,
          miVoiceIntegration: inventory.miVoiceIntegration,
          trustedMode: inventory.trustedMode,
        },
        refusedLogins,
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
