import type { Db } from '../../db/db.js';

/** Network elements (the full tab arrives with its own issue; the gateway already needs these reads). */
export function createNetworkElementsRepo(db: Db) {
  return {
    async count(): Promise<number> {
      const r = await db.selectFrom('network_elements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Versions of the MiVoice Business elements, for serviceVersions. */
    mivbVersions(): Promise<Array<{ ipAddress: string; version: string | null }>> {
      return db.selectFrom('network_elements').select(['ip_address as ipAddress', 'version']).where('type', '=', 'mivb').orderBy('ip_address').execute();
    },
  };
}
export type NetworkElementsRepo = ReturnType<typeof createNetworkElementsRepo>;
