import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db, DbKind } from '../../db/db.js';

/** Cross-process channel: the payload is the key of a setting that changed. */
export const SETTINGS_CHANGED_CHANNEL = 'oig_settings_changed';

/**
 * Small persisted settings as JSON values by key (Options, network-element defaults, the ACL
 * fetched from the MCS). On PostgreSQL every write notifies the other processes.
 */
export function createSettingsRepo(db: Db, kind: DbKind, changedChannel = SETTINGS_CHANGED_CHANNEL) {
  return {
    /** The stored value, or undefined when the key is unset or no longer fits the schema. */
    async get<S extends z.ZodType>(key: string, schema: S): Promise<z.infer<S> | undefined> {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      if (!row) return undefined;
      try {
        const parsed = schema.safeParse(JSON.parse(row.value));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },

    async set(key: string, value: unknown, now: number = Date.now()): Promise<void> {
      const json = JSON.stringify(value);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key, value: json, updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
          .execute();
        if (kind === 'postgres') await sql`select pg_notify(${changedChannel}, ${key})`.execute(trx);
      });
    },

    async remove(key: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('settings').where('key', '=', key).execute();
        if (kind === 'postgres') await sql`select pg_notify(${changedChannel}, ${key})`.execute(trx);
      });
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
