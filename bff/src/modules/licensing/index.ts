import type { Db, DbKind } from '../../db/db.js';
import { createLicensingRepo, type LicensingRepo } from './licensing.repo.js';

export {
  capacityOf,
  countersFor,
  isServerLicensed,
  LICENSE_COUNTERS,
  visibleLicenses,
  type LicenseCounter,
} from './licensing.js';
export { NoLicenseError } from './licensing.repo.js';

/**
 * The license counters (`license_usage`): taken and released inside the caller's transaction
 * (a session's login and end), read for the Overview and the usage report.
 */
export type LicenseCounters = LicensingRepo;

export async function createLicensingModule({ db }: { db: { db: Db; kind: DbKind } }) {
  const counters: LicenseCounters = createLicensingRepo(db.db, db.kind);
  await counters.ensureCounters();
  return { counters };
}
