import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Actor } from '../audit/index.js';
import type { LogsService } from '../logs/index.js';
import { stampedName } from '../logs/index.js';
import type { MailAdminService } from '../mail/index.js';
import type { UserListService } from '../mivoice/user-list/index.js';
import type { NetworkElementsService } from '../network-elements/index.js';
import type { OptionsService } from '../options/index.js';
import type { OverviewService } from '../overview/index.js';
import type { UsersService } from '../users/index.js';
import { sanitizedConfig, supportBundleZip, versions } from './support-bundle.js';

/**
 * The support bundle (GET /support-bundle): what a vendor's support desk asks for, read through the
 * owning modules' services — never a password, key, token or full session id.
 */
export function createSupportService(deps: {
  config: Config;
  logger: Logger;
  now: () => number;
  logs: Pick<LogsService, 'files'>;
  overview: Pick<OverviewService, 'get'>;
  networkElements: Pick<NetworkElementsService, 'list'>;
  users: Pick<UsersService, 'listUsers'>;
  userList: Pick<UserListService, 'list'>;
  options: Pick<OptionsService, 'get'>;
  mail: Pick<MailAdminService, 'getSettings'>;
  maxLogBytes?: number;
}) {
  return {
    async bundle(actor: Actor): Promise<{ fileName: string; stream: Readable }> {
      const at = deps.now();
      const [overview, elements, users, userList, options, mail, files] = await Promise.all([
        deps.overview.get(),
        deps.networkElements.list(),
        deps.users.listUsers(),
        deps.userList.list({ limit: 1, offset: 0 }),
        deps.options.get(),
        deps.mail.getSettings(),
        deps.logs.files(),
      ]);
      const stream = await supportBundleZip(
        {
          versions: versions(at),
          config: sanitizedConfig(deps.config),
          settings: { options, mail },
          // As the Network Elements tab shows them (the Open Media password is never read back).
          'network-elements': elements,
          licensing: overview.licensing,
          counts: {
            liveSessions: overview.sessions,
            applications: overview.applications,
            networkElements: overview.networkElements,
            consoleUsers: users.length,
            enabledConsoleUsers: users.filter((u) => !u.disabled).length,
            userListRows: userList.total,
            // Why applications could not log in: the last 24 hours' refusals by reason.
            refusedLoginsLast24h: overview.refusedLogins,
          },
        },
        files,
        at,
        deps.maxLogBytes,
      );
      deps.logger.info(
        { actor: actor.username, role: actor.role, address: actor.address, logFiles: files.length },
        'support bundle downloaded',
      );
      return { fileName: stampedName('oig-support-bundle', at, 'zip'), stream };
    },
  };
}
export type SupportService = ReturnType<typeof createSupportService>;
