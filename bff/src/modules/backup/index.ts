import { notifyChannel } from '../../db/db.js';
import { SETTINGS_CHANGED_CHANNEL, type SettingsWatcher } from '../../db/settings-store.js';
import type { ModuleDeps } from '../../module-deps.js';
import type { AuditService } from '../audit/index.js';
import type { KdfCost } from './backup.file.js';
import { createBackupRepo, SETTING_KEYS } from './backup.repo.js';
import { backupRoutes } from './backup.routes.js';
import { createBackupService } from './backup.service.js';

export type { BackupService } from './backup.service.js';
export type { KdfCost } from './backup.file.js';

/** Configuration backup and restore (Options tab; `npm run backup` / `npm run restore`). */
export function createBackupModule(
  deps: ModuleDeps & {
    audit: AuditService;
    /** The modules that keep a setting in memory: told after a restore (PostgreSQL also NOTIFYs). */
    watchers: readonly SettingsWatcher[];
    kdf?: KdfCost | undefined;
  },
) {
  const { db, config } = deps;
  const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
  const service = createBackupService({
    repo: createBackupRepo(db.db, db.kind, notifyChannel(SETTINGS_CHANGED_CHANNEL, schema)),
    audit: deps.audit,
    logger: deps.logger.child({ module: 'backup' }),
    now: deps.now,
    kdf: deps.kdf,
    async afterRestore(places) {
      for (const place of places)
        for (const w of deps.watchers)
          if (w.keys.includes(SETTING_KEYS[place])) await w.onChanged(SETTING_KEYS[place]);
    },
  });
  return { service, routes: backupRoutes(service) };
}
