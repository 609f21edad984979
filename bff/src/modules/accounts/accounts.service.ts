import type { Account, AclResponse, CreateAccountRequest } from '@oig/shared';
import type { Logger } from 'pino';
import { AppError } from '../../http/app-error.js';
import { hashPassword } from '../../lib/passwords.js';
import type { AclRegistry } from './acl-registry.js';
import type { AccountsRepo } from './accounts.repo.js';

export function createAccountsService(deps: {
  repo: AccountsRepo;
  acl: AclRegistry;
  activeSessionsByApp: () => Promise<Map<string, number>>;
  logger: Logger;
  now?: () => number;
}) {
  const { repo, acl, logger } = deps;
  const now = deps.now ?? Date.now;
  const appKey = (c: string, a: string) => `${c}\u0000${a}`;

  return {
    async describeAcl(): Promise<AclResponse> {
      const withPassword = new Set((await repo.list()).map((a) => appKey(a.companyName, a.applicationName)));
      return { ...acl.describe((e) => withPassword.has(appKey(e.companyName, e.applicationName))), mcsUrl: null, lastFetch: null };
    },

    async list(): Promise<Account[]> {
      const [rows, active] = await Promise.all([repo.list(), deps.activeSessionsByApp()]);
      return rows.map((r) => {
        const entry = acl.find(r.companyName, r.applicationName);
        // An account whose application left the ACL cannot log in; it is still listed so it can be cleaned up.
        return {
          companyName: r.companyName,
          applicationName: r.applicationName,
          serviceType: entry?.serviceType ?? 'standard',
          licenseProfile: entry?.licenseProfile ?? 'third-party',
          activeSessions: active.get(appKey(r.companyName, r.applicationName)) ?? 0,
          enabled: r.enabled,
          createdAt: new Date(r.createdAt).toISOString(),
          updatedAt: new Date(r.updatedAt).toISOString(),
        };
      });
    },

    async create(req: CreateAccountRequest, actor: string): Promise<Account> {
      const entry = acl.find(req.companyName, req.applicationName);
      if (!entry) {
        throw new AppError('validation_failed', `Application "${req.applicationName}" of "${req.companyName}" is not in the Access Control List`, {
          applicationName: 'Not in the Access Control List',
        });
      }
      const inserted = await repo.insert({ ...req, localPasswordHash: await hashPassword(req.localPassword), now: now() });
      if (!inserted) {
        throw new AppError('conflict', `Application "${req.applicationName}" already has a local password`, { applicationName: 'Already has a local password' });
      }
      logger.info({ actor, companyName: req.companyName, applicationName: req.applicationName }, 'application local password created');
      const t = new Date(now()).toISOString();
      return {
        companyName: req.companyName,
        applicationName: req.applicationName,
        serviceType: entry.serviceType,
        licenseProfile: entry.licenseProfile,
        activeSessions: 0,
        enabled: true,
        createdAt: t,
        updatedAt: t,
      };
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
