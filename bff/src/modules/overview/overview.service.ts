import { OIG_VERSION, type LicenseFile, type Overview } from '@oig/shared';
import type { AccountsRepo } from '../accounts/accounts.repo.js';
import type { LicensingRepo } from '../licensing/licensing.repo.js';
import { isServerLicense } from '../licensing/licensing.js';
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
      const count = (available: number, u: number, callControl = false) => ({ available, used: u, server: callControl && isServerLicense(available) });
      return {
        applications,
        sessions,
        networkElements,
        version: OIG_VERSION,
        licensing: {
          source,
          standardCallControl: count(inventory.standardCallControl, used.standardCallControl, true),
          advancedCallControl: count(inventory.advancedCallControl, used.advancedCallControl, true),
          google: count(inventory.google, used.google),
          salesforce: count(inventory.salesforce, used.salesforce),
          dataAccess: count(inventory.dataAccess, used.dataAccess),
          virtualEnablement: inventory.virtualEnablement,
          miVoiceIntegration: inventory.miVoiceIntegration,
          trustedMode: inventory.trustedMode,
        },
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
