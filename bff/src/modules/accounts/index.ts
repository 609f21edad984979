import type { SettingsWatcher } from '../../db/settings-store.js';
import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import { AclRegistry } from './acl-registry.js';
import { createAccountsRepo, type AccountsRepo } from './accounts.repo.js';
import { accountsRoutes } from './accounts.routes.js';
import { ACL_MCS_KEY, createAccountsService } from './accounts.service.js';

export type { AclEntry, AclRegistry, PasswordCheck } from './acl-registry.js';
export type { AccountRow } from './accounts.repo.js';
export type { AccountsService } from './accounts.service.js';
/** Its settings key (the configuration backup reads and restores it). */
export { ACL_MCS_KEY } from './accounts.service.js';

/** An application's local password and state, looked up at every application login. */
export type AccountLookup = Pick<AccountsRepo, 'find'>;

/**
 * Applications: the ACL in use (`acl`: configured, bundled or fetched from the MCS) and their
 * local passwords (`service`); `accounts` is the lookup application logins use.
 */
export function createAccountsModule(
  deps: ModuleDeps & {
    audit: AuditService;
    /** Open sessions per application (from the sessions module; called per request, not at build). */
    activeSessionsByApp: () => Promise<Map<string, number>>;
  },
) {
  const { config } = deps;
  const acl = new AclRegistry(config.acl.file, config.acl.source, config.acl.sourceKind);
  const repo = createAccountsRepo(deps.db.db);
  const service = createAccountsService({
    repo,
    acl,
    activeSessionsByApp: deps.activeSessionsByApp,
    logger: deps.logger.child({ module: 'accounts' }),
    settings: deps.settings,
    audit: deps.audit,
    config,
    now: deps.now,
  });
  const watcher: SettingsWatcher = {
    keys: [ACL_MCS_KEY],
    onChanged: (key) => service.onSettingChanged(key),
    load: () => service.init(),
  };
  const accounts: AccountLookup = { find: (company, app) => repo.find(company, app) };
  return { service, routes: accountsRoutes(service), acl, accounts, watcher };
}
