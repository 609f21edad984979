import type { Logger } from 'pino';
import type { NetworkElement } from '@oig/shared';
import type { AuditService } from '../audit/audit.service.js';
import type { SettingsRepo } from '../options/settings.repo.js';
import type { NetworkElementsRepo } from './network-elements.repo.js';
import type { Prober } from './probe.js';

// SKELETON (issue 3): the network-elements helper completes this module.
export function createNetworkElementsService(deps: { repo: NetworkElementsRepo; settings: SettingsRepo; audit: AuditService; prober: Prober; logger: Logger; now?: () => number }) {
  void deps;
  return {
    async list(): Promise<NetworkElement[]> {
      return [];
    },
  };
}
export type NetworkElementsService = ReturnType<typeof createNetworkElementsService>;
