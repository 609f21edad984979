import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  BackupLanguage,
  BackupSection,
  BackupSections,
  BackupUserRow,
  backupAccountSchema,
  backupConsoleUserSchema,
  backupNetworkElementSchema,
  backupOpenMediaSchema,
} from '@oig/shared';
import type { z } from 'zod';
import type { Db, DbKind } from '../../db/db.js';
import type { Database } from '../../db/schema.js';
import { holdCheckpoints, releaseCheckpoints } from '../../db/sqlite-checkpoint.js';
import { nextTurn } from '../../lib/slices.js';
import { ACL_MCS_KEY } from '../accounts/index.js';
import { MAIL_SMTP_KEY } from '../mail/index.js';
import { GOOGLE_DIRECTORY_KEY } from '../mivoice/directory/index.js';
import { MIVOICE_SETTINGS_KEY } from '../mivoice/settings/index.js';
import { DEFAULTS_KEYS } from '../network-elements/index.js';
import { OPTIONS_KEY } from '../options/index.js';

/**
 * The configuration's tables, read and written as one (docs/architecture.md, "backup"). The one
 * documented exception to "a module's tables only through that module": a restore must replace
 * every module's configuration in ONE transaction, on one connection, which no module's own
 * repo can join. The settings keys come from each module's index.ts.
 */
type Account = z.infer<typeof backupAccountSchema>;
type Element = z.infer<typeof backupNetworkElementSchema>;
type OpenMedia = z.infer<typeof backupOpenMediaSchema>;
type ConsoleUser = z.infer<typeof backupConsoleUserSchema>;

/**
 * Every table, and what a backup does with it: the section(s) it belongs to, or why it is not
 * configuration. A table added to the schema does not compile until this says which (a backup
 * that silently left out new configuration would restore an incomplete gateway).
 */
export const TABLES_IN_BACKUP: Record<
  keyof Database,
  readonly BackupSection[] | { notConfiguration: string }
> = {
  accounts: ['accounts'],
  network_elements: ['networkElements', 'openMedia'],
  console_users: ['consoleUsers'],
  mivoice_users: ['userList'],
  localization_languages: ['localization'],
  localization_strings: ['localization'],
  settings: ['acl', 'defaults', 'options', 'mail', 'mivoiceSettings'],
  console_sessions: {
    notConfiguration: 'console sign-ins; a removed or disabled user loses them on restore',
  },
  app_sessions: { notConfiguration: 'live application sessions' },
  session_history: { notConfiguration: 'session history' },
  license_usage: { notConfiguration: 'licenses in use, derived from live sessions' },
  usage_daily: { notConfiguration: 'usage figures' },
  usage_report_runs: { notConfiguration: 'which monthly reports went out' },
  audit_log: { notConfiguration: 'the audit log' },
  mail_outbox: { notConfiguration: 'the mail outbox' },
  mail_attachment_parts: { notConfiguration: 'the mail outbox' },
  google_contacts: { notConfiguration: 'a cache of the Google directory, read again by a sync' },
  throttle_counters: { notConfiguration: 'login failure counters' },
  refused_logins: { notConfiguration: 'refused application logins (a record, like history)' },
};

/** The settings a backup holds, by their place in it. */
export const SETTING_KEYS = {
  acl: ACL_MCS_KEY,
  mivb: DEFAULTS_KEYS.mivb,
  micc: DEFAULTS_KEYS.micc,
  options: OPTIONS_KEY,
  mail: MAIL_SMTP_KEY,
  mivoice: MIVOICE_SETTINGS_KEY,
  google: GOOGLE_DIRECTORY_KEY,
} as const;
export type SettingPlace = keyof typeof SETTING_KEYS;

/** The stored configuration (settings as their stored JSON text). */
export interface StoredConfig {
  accounts: Account[];
  settings: Record<SettingPlace, string | null>;
  networkElements: Element[];
  openMedia: OpenMedia[];
  consoleUsers: ConsoleUser[];
  localization: BackupLanguage[];
  /** Empty unless read for a backup. */
  userList: BackupUserRow[];
}

/** Rows per read statement, and per write statement. */
const READ_PAGE = 1_000;
const WRITE_ROWS = 500;
const n = (v: unknown) => Number(v);

/** Parses a stored setting; a value that is not JSON counts as not set. */
export const settingValue = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

async function inChunks<T>(items: readonly T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) {
    await fn(items.slice(i, i + size));
    await nextTurn();
  }
}

/** The plan a restore applies: each section's rows to delete, update and insert. */
export interface RestorePlan {
  accounts: { remove: Account[]; put: Account[] };
  settings: Partial<Record<SettingPlace, string | null>>;
  networkElements: { remove: Element[]; put: Element[] };
  /** The MiCC credentials to set, after the elements are written. */
  openMedia: OpenMedia[];
  consoleUsers: {
    remove: ConsoleUser[];
    /** `passwordChanged`: the user's sessions end (but `keepSession`), as on a password change. */
    update: (ConsoleUser & { passwordChanged: boolean })[];
    insert: ConsoleUser[];
  };
  localization: { remove: BackupLanguage[]; put: BackupLanguage[] };
  userList: { remove: string[]; put: BackupUserRow[] };
  /** The restoring administrator's session (token hash), never ended by the restore. */
  keepSession?: string | undefined;
}

export function createBackupRepo(
  db: Db,
  kind: DbKind,
  notifyChannel: string,
  /** Called after each section is written in a restore (tests: fail part-way there). */
  afterSection?: (section: string) => void | Promise<void>,
) {
  const done = async (section: string) => {
    await afterSection?.(section);
    await nextTurn();
  };
  /** The user list in pages of READ_PAGE rows (keyset on the phone key), the event loop turning between. */
  async function* userPages(exec: Db): AsyncGenerator<BackupUserRow[]> {
    let last: string | null = null;
    for (;;) {
      let q = exec.selectFrom('mivoice_users').selectAll();
      if (last !== null) q = q.where('phone_key', '>', last);
      const rows = await q.orderBy('phone_key').limit(READ_PAGE).execute();
      yield rows.map((r): BackupUserRow => [
        r.phone_key,
        r.phone_number,
        r.primary_email,
        r.email_key,
        r.full_name,
        r.given_name,
        r.family_name,
        r.phone_type,
        r.record_source,
        n(r.updated_at),
      ]);
      if (rows.length < READ_PAGE) return;
      last = rows[rows.length - 1]!.phone_key;
      await nextTurn();
    }
  }

  /**
   * The stored configuration; the user list too when asked (a backup). A restore compares the user
   * list page by page instead (`userPages`): holding both lists whole doubles the heap, and the
   * collector's pauses with it.
   */
  const read = async (exec: Db, withUserList: boolean): Promise<StoredConfig> => {
    const accounts = (await exec.selectFrom('accounts').selectAll().orderBy('company_name').execute()).map(
      (r): Account => ({
        companyName: r.company_name,
        applicationName: r.application_name,
        localPasswordHash: r.local_password_hash,
        enabled: n(r.enabled) === 1,
        createdAt: n(r.created_at),
        updatedAt: n(r.updated_at),
      }),
    );
    const keys = Object.values(SETTING_KEYS);
    const stored = await exec
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'in', keys)
      .execute();
    const byKey = new Map(stored.map((r) => [r.key, r.value]));
    const settings = Object.fromEntries(
      Object.entries(SETTING_KEYS).map(([place, key]) => [place, byKey.get(key) ?? null]),
    ) as Record<SettingPlace, string | null>;
    const elements = await exec.selectFrom('network_elements').selectAll().orderBy('ip_address').execute();
    const networkElements = elements.map((r): Element => ({
      id: r.id,
      type: r.type,
      setup: r.setup,
      ipAddress: r.ip_address,
      version: r.version,
      settings: settingValue(r.settings),
      createdAt: n(r.created_at),
      updatedAt: n(r.updated_at),
    }));
    const openMedia = elements
      .filter((r) => r.type === 'micc')
      .map((r): OpenMedia => ({
        ipAddress: r.ip_address,
        logonId: r.open_media_logon_id,
        password: r.open_media_password,
      }));
    const consoleUsers = (
      await exec.selectFrom('console_users').selectAll().orderBy('username').execute()
    ).map((r): ConsoleUser => ({
      id: r.id,
      username: r.username,
      passwordHash: r.password_hash,
      role: r.role,
      disabled: n(r.disabled) === 1,
      createdAt: n(r.created_at),
      updatedAt: n(r.updated_at),
    }));
    const languages = await exec
      .selectFrom('localization_languages')
      .selectAll()
      .orderBy('application')
      .orderBy('language')
      .execute();
    const localization: BackupLanguage[] = [];
    for (const l of languages) {
      const strings = await exec
        .selectFrom('localization_strings')
        .select(['message_key', 'value'])
        .where('application', '=', l.application)
        .where('language', '=', l.language)
        .orderBy('message_key')
        .execute();
      localization.push({
        application: l.application,
        language: l.language,
        fileName: l.file_name,
        importedAt: n(l.imported_at),
        importedBy: l.imported_by,
        strings: Object.fromEntries(strings.map((s) => [s.message_key, s.value])),
      });
      await nextTurn();
    }
    const userList: BackupUserRow[] = [];
    if (withUserList) for await (const page of userPages(exec)) for (const r of page) userList.push(r);
    return { accounts, settings, networkElements, openMedia, consoleUsers, localization, userList };
  };

  const apply = async (exec: Db, plan: RestorePlan): Promise<void> => {
    // Accounts: the removed and the changed go, the changed and the added are inserted.
    await inChunks(plan.accounts.remove.concat(plan.accounts.put), WRITE_ROWS, (chunk) =>
      exec
        .deleteFrom('accounts')
        .where((eb) =>
          eb.or(
            chunk.map((a) =>
              eb.and([
                eb('company_name', '=', a.companyName),
                eb('application_name', '=', a.applicationName),
              ]),
            ),
          ),
        )
        .execute(),
    );
    await inChunks(plan.accounts.put, WRITE_ROWS, (chunk) =>
      exec
        .insertInto('accounts')
        .values(
          chunk.map((a) => ({
            company_name: a.companyName,
            application_name: a.applicationName,
            local_password_hash: a.localPasswordHash,
            enabled: a.enabled ? 1 : 0,
            created_at: a.createdAt,
            updated_at: a.updatedAt,
          })),
        )
        .execute(),
    );

    await done('accounts');

    // Settings, each notified to the other processes in this transaction (as the settings store does).
    for (const [place, value] of Object.entries(plan.settings) as [SettingPlace, string | null][]) {
      const key = SETTING_KEYS[place];
      if (value === null) await exec.deleteFrom('settings').where('key', '=', key).execute();
      else
        await exec
          .insertInto('settings')
          .values({ key, value, updated_at: Date.now() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: Date.now() }))
          .execute();
      if (kind === 'postgres') await sql`select pg_notify(${notifyChannel}, ${key})`.execute(exec);
    }

    await done('settings');

    // Network elements (by address; a restored element keeps its id and is probed again).
    const elementGone = plan.networkElements.remove.concat(plan.networkElements.put);
    if (elementGone.length > 0)
      await exec
        .deleteFrom('network_elements')
        .where((eb) =>
          eb.or([
            eb(
              'ip_address',
              'in',
              elementGone.map((e) => e.ipAddress),
            ),
            eb(
              'id',
              'in',
              elementGone.map((e) => e.id),
            ),
          ]),
        )
        .execute();
    await inChunks(plan.networkElements.put, WRITE_ROWS, (chunk) =>
      exec
        .insertInto('network_elements')
        .values(
          chunk.map((e) => ({
            id: e.id,
            type: e.type,
            setup: e.setup,
            ip_address: e.ipAddress,
            version: e.version,
            settings: e.settings === null ? null : JSON.stringify(e.settings),
            status: 'unknown' as const,
            status_detail: null,
            status_reason: null,
            last_checked_at: null,
            created_at: e.createdAt,
            updated_at: e.updatedAt,
            open_media_logon_id: null,
            open_media_password: null,
          })),
        )
        .execute(),
    );
    for (const o of plan.openMedia)
      await exec
        .updateTable('network_elements')
        .set({ open_media_logon_id: o.logonId, open_media_password: o.password })
        .where('type', '=', 'micc')
        .where('ip_address', '=', o.ipAddress)
        .execute();

    await done('networkElements');

    // Console users: a user kept keeps its id (and so its sessions); a removed one's sessions go with it.
    const gone = plan.consoleUsers.remove.map((u) => u.id);
    if (gone.length > 0) {
      await exec.deleteFrom('console_sessions').where('user_id', 'in', gone).execute();
      await exec.deleteFrom('console_users').where('id', 'in', gone).execute();
    }
    for (const u of plan.consoleUsers.update) {
      await exec
        .updateTable('console_users')
        .set({
          username: u.username,
          password_hash: u.passwordHash,
          role: u.role,
          disabled: u.disabled ? 1 : 0,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .where('id', '=', u.id)
        .execute();
      if (u.disabled) await exec.deleteFrom('console_sessions').where('user_id', '=', u.id).execute();
      else if (u.passwordChanged) {
        let del = exec.deleteFrom('console_sessions').where('user_id', '=', u.id);
        if (plan.keepSession !== undefined) del = del.where('token_hash', '<>', plan.keepSession);
        await del.execute();
      }
    }
    for (const u of plan.consoleUsers.insert) {
      const taken = await exec
        .selectFrom('console_users')
        .select('id')
        .where('id', '=', u.id)
        .executeTakeFirst();
      await exec
        .insertInto('console_users')
        .values({
          id: taken ? randomUUID() : u.id,
          username: u.username,
          password_hash: u.passwordHash,
          role: u.role,
          disabled: u.disabled ? 1 : 0,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .execute();
    }

    await done('consoleUsers');

    // Localization: a changed language is replaced whole.
    for (const l of plan.localization.remove.concat(plan.localization.put)) {
      await exec
        .deleteFrom('localization_strings')
        .where('application', '=', l.application)
        .where('language', '=', l.language)
        .execute();
      await exec
        .deleteFrom('localization_languages')
        .where('application', '=', l.application)
        .where('language', '=', l.language)
        .execute();
    }
    for (const l of plan.localization.put) {
      await exec
        .insertInto('localization_languages')
        .values({
          application: l.application,
          language: l.language,
          file_name: l.fileName,
          imported_at: l.importedAt,
          imported_by: l.importedBy,
        })
        .execute();
      const strings = Object.entries(l.strings).map(([message_key, value]) => ({
        application: l.application,
        language: l.language,
        message_key,
        value,
      }));
      await inChunks(strings, WRITE_ROWS, (chunk) =>
        exec.insertInto('localization_strings').values(chunk).execute(),
      );
    }

    await done('localization');

    // The user list: the removed and the changed deleted, the changed and the added inserted, in
    // bounded statements with a turn of the event loop between them (as an import writes).
    const userGone = plan.userList.remove.concat(plan.userList.put.map((r) => r[0]));
    await inChunks(userGone, READ_PAGE, (chunk) =>
      exec.deleteFrom('mivoice_users').where('phone_key', 'in', chunk).execute(),
    );
    await inChunks(plan.userList.put, WRITE_ROWS, (chunk) =>
      exec
        .insertInto('mivoice_users')
        .values(
          chunk.map((r) => ({
            phone_key: r[0],
            phone_number: r[1],
            primary_email: r[2],
            email_key: r[3],
            full_name: r[4],
            given_name: r[5],
            family_name: r[6],
            phone_type: r[7],
            record_source: r[8],
            updated_at: r[9],
          })),
        )
        .execute(),
    );
    await done('userList');
  };

  return {
    /** The whole stored configuration, read outside any transaction (a backup). */
    read: () => read(db, true),

    /**
     * A dry run: the stored configuration without the user list, and the user list's pages, read
     * outside any transaction (nothing is locked).
     */
    check: <T>(fn: (stored: StoredConfig, users: () => AsyncGenerator<BackupUserRow[]>) => Promise<T>) =>
      read(db, false).then((stored) => fn(stored, () => userPages(db))),

    /**
     * Reads the stored configuration and applies `plan(stored)` to it in ONE transaction: all of
     * it or nothing. PostgreSQL: the configuration tables are locked against other writers first,
     * so what was read stays true until the commit. SQLite: BEGIN IMMEDIATE on the process's one
     * connection (its other queries wait for the commit, as for a user-list import), the event
     * loop turning between statements; the automatic checkpoint is held and run by a worker after.
     */
    async restore<T>(
      plan: (
        stored: StoredConfig,
        users: () => AsyncGenerator<BackupUserRow[]>,
      ) => Promise<{ plan: RestorePlan; result: T }>,
    ): Promise<T> {
      const run = async (exec: Db) => {
        const made = await plan(await read(exec, false), () => userPages(exec));
        await apply(exec, made.plan);
        return made.result;
      };
      if (kind === 'postgres') {
        return db.transaction().execute(async (trx) => {
          await sql`lock table accounts, settings, network_elements, console_users, localization_languages,
            localization_strings, mivoice_users in share row exclusive mode`.execute(trx);
          return run(trx);
        });
      }
      await holdCheckpoints(db);
      try {
        return await db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await run(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (err) {
            await sql`rollback`.execute(conn).catch(() => undefined);
            throw err;
          }
        });
      } finally {
        void releaseCheckpoints(db, () => undefined);
      }
    },
  };
}
export type BackupRepo = ReturnType<typeof createBackupRepo>;

export type { BackupSections };
