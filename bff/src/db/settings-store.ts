import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db, DbHandle, DbKind } from './db.js';

/** Cross-process channel: the payload is the key of a setting that changed. */
export const SETTINGS_CHANGED_CHANNEL = 'oig_settings_changed';

/**
 * Small persisted settings as JSON values by key (Options, network-element defaults, the ACL
 * fetched from the MCS). On PostgreSQL every write notifies the other processes.
 */
export function createSettingsStore(db: Db, kind: DbKind, changedChannel = SETTINGS_CHANGED_CHANNEL) {
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
export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** A module that keeps a setting in memory: re-read when it changes in another process. */
export interface SettingsWatcher {
  /** Settings another process may change, re-read after the listener lost notifications. */
  keys: readonly string[];
  onChanged(key: string): Promise<void>;
  /** The first read, at start. */
  load(): Promise<void>;
}

/**
 * Listens for settings changed by other processes (PostgreSQL), then loads each watcher's
 * settings: listen first, then read, so a change made meanwhile is not missed. Changed settings
 * are re-read one at a time, in the order the notifications came, so an older value can never
 * be applied after a newer one. After a lost listener reconnects, every watched key is re-read.
 */
export async function watchSettings(
  db: DbHandle,
  watchers: readonly SettingsWatcher[],
  onError: (err: unknown, key: string) => void,
): Promise<void> {
  let reloads = Promise.resolve();
  const onSettingChanged = (key: string) => {
    reloads = reloads
      .then(async () => {
        for (const w of watchers) await w.onChanged(key);
      })
      .catch((err: unknown) => onError(err, key));
  };
  await db.listen(SETTINGS_CHANGED_CHANNEL, onSettingChanged, () => {
    for (const key of watchers.flatMap((w) => w.keys)) onSettingChanged(key);
  });
  for (const w of watchers) await w.load();
}
