import { OIG_VERSION, type LicenseFile, type LicenseType, type Overview } from '@oig/shared';
import type { AccountsRepo } from '../accounts/accounts.repo.js';
import type { LicensingRepo } from '../licensing/licensing.repo.js';
import { isServerLicensed } from '../licensing/licensing.js';
import type { NetworkElementsRepo } from '../network-elements/network-elements.repo.js';
import type { SessionsRepo } from '../sessions/sessions.repo.js';

export function createOverviewService(deps: {
  accounts: AccountsRepo;
  sessions: SessionsRepo;
  networkElements: NetworkElementsRepo;
  licensing: LicensingRepo;
  license: () => { source: string; inventory: LicenseFile };
}) {
  return {
    async get(): Promise<Overview> {
      const [applications, sessions, networkElements, used] = await Promise.all([
        deps.accounts.count(),
        deps.sessions.countLive(),
        deps.networkElements.count(),
        deps.licensing.usage(),
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
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
