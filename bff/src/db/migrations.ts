import {
  type Kysely,
  Migrator,
  PostgresAdapter,
  sql,
  type CreateTableBuilder,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import { DatabaseStartError } from './start-error.js';

/**
 * The expression of `app_sessions_expiry_idx` as migration 0001 built it: a session's latest
 * expiry (last activity + window + the activity write allowance, 1/20 of the window, 30 s at
 * most). Frozen here, as a migration must be; the sweep's query uses the same text
 * (`sessions/activity.ts` EXPIRES_AT_SQL, checked equal by a test), or the index would not serve
 * it. Changing the formula means a new migration that rebuilds the index.
 */
export const EXPIRY_INDEX_SQL =
  'last_activity_at + keepalive_ms + ' +
  '(case when keepalive_ms / 20 < 30000 then keepalive_ms / 20 else 30000 end)';

/** Columns a live session and its history row share. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sessionColumns = (t: CreateTableBuilder<string, any>) =>
  t
    .addColumn('handle', 'text', (c) => c.primaryKey())
    .addColumn('token_last4', 'text', (c) => c.notNull())
    .addColumn('company_name', 'text', (c) => c.notNull())
    .addColumn('application_name', 'text', (c) => c.notNull())
    .addColumn('service_type', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('licenses', 'text', (c) => c.notNull());

/**
 * Migrations live in code (not files) so the bundled BFF carries them. Append only: never
 * edit a migration that has shipped; add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('console_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // User names are unique regardless of case ("Bob" and "bob" are one user).
      await db.schema
        .createIndex('console_users_username_ci')
        .unique()
        .on('console_users')
        .expression(sql`lower(username)`)
        .execute();
      await db.schema
        .createTable('console_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('console_users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('company_name', 'text', (c) => c.notNull())
        .addColumn('application_name', 'text', (c) => c.notNull())
        .addColumn('local_password_hash', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('accounts_pk', ['company_name', 'application_name'])
        .execute();
      await sessionColumns(db.schema.createTable('app_sessions'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('keepalive_ms', 'bigint', (c) => c.notNull())
        .addColumn('challenge', 'text')
        .addColumn('challenge_expires_at', 'bigint')
        .addColumn('certificate_pem', 'text')
        .execute();
      await db.schema
        .createIndex('app_sessions_expiry_idx')
        .on('app_sessions')
        .expression(sql.raw(`(${EXPIRY_INDEX_SQL})`))
        .execute();
      await db.schema
        .createIndex('app_sessions_challenge_idx')
        .on('app_sessions')
        .column('challenge_expires_at')
        .where(sql.ref('challenge'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('app_sessions_app_idx')
        .on('app_sessions')
        .columns(['company_name', 'application_name'])
        .execute();
      await sessionColumns(db.schema.createTable('session_history'))
        .addColumn('ended_at', 'bigint', (c) => c.notNull())
        .addColumn('end_reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('session_history_ended_idx')
        .on('session_history')
        .column('ended_at')
        .execute();
      await db.schema
        .createTable('license_usage')
        .addColumn('license_type', 'text', (c) => c.primaryKey())
        .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('license_usage_non_negative', sql`used >= 0`)
        .execute();
      await db.schema
        .createTable('network_elements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('setup', 'text', (c) => c.notNull())
        .addColumn('ip_address', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'text')
        .addColumn('settings', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('unknown'))
        .addColumn('last_checked_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0002_console_tabs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
      await db.schema.alterTable('network_elements').addColumn('status_detail', 'text').execute();
      // At most one MiContact Center element, even when two administrators add one at once.
      await db.schema
        .createIndex('network_elements_one_micc')
        .unique()
        .on('network_elements')
        .column('type')
        .where(sql.ref('type'), '=', 'micc')
        .execute();
    },
  },
  '0003_mail_outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('mail_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.unique())
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('to_addresses', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('html', 'text')
        .addColumn('text_body', 'text')
        .addColumn('headers', 'text')
        .addColumn('attachments', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('mail_outbox_due_idx')
        .on('mail_outbox')
        .columns(['state', 'next_attempt_at'])
        .execute();
    },
  },
  '0004_usage': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('usage_daily')
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('peak', 'integer', (c) => c.notNull())
        .addColumn('peak_at', 'bigint')
        .addColumn('sessions', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('usage_daily_pk', ['time_zone', 'day', 'subject_kind', 'subject'])
        .execute();
      await db.schema
        .createTable('usage_report_runs')
        .addColumn('month', 'text', (c) => c.primaryKey())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('mail_id', 'text')
        .addColumn('handled_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0005_mivoice': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('mivoice_users')
        .addColumn('phone_key', 'text', (c) => c.primaryKey())
        .addColumn('phone_number', 'text', (c) => c.notNull())
        .addColumn('primary_email', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('phone_type', 'text')
        .addColumn('record_source', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('mivoice_users_email_idx')
        .on('mivoice_users')
        .columns(['email_key'])
        .execute();
      await db.schema
        .createTable('google_contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('primary_email', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('phones', 'text', (c) => c.notNull())
        .addColumn('synced_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('localization_languages')
        .addColumn('application', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'bigint', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('localization_languages_pk', ['application', 'language'])
        .execute();
      await db.schema
        .createTable('localization_strings')
        .addColumn('application', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('message_key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('localization_strings_pk', ['application', 'language', 'message_key'])
        .execute();
    },
  },
  '0006_open_media_credentials': {
    async up(db: Kysely<unknown>) {
      // The MiCC element's Open Media Service credentials (its LogonID and Password SOAP headers).
      // The password must be sent as it is, so it is stored as it is, like the SMTP password.
      await db.schema.alterTable('network_elements').addColumn('open_media_logon_id', 'text').execute();
      await db.schema.alterTable('network_elements').addColumn('open_media_password', 'text').execute();
    },
  },
  '0007_throttle_counters': {
    async up(db: Kysely<unknown>) {
      // Failure counters of the sign-in throttles, shared by every process on the database and
      // kept across restarts (lib/throttle.ts, db/throttle-store.ts). One row per scope and key
      // while its window runs; expired rows are pruned.
      await db.schema
        .createTable('throttle_counters')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('throttle_counters_pk', ['scope', 'key'])
        .execute();
      await db.schema
        .createIndex('throttle_counters_expiry_idx')
        .on('throttle_counters')
        .column('expires_at')
        .execute();
      await db.schema
        .createIndex('throttle_counters_subject_idx')
        .on('throttle_counters')
        .columns(['scope', 'subject'])
        .where(sql.ref('subject'), 'is not', null)
        .execute();
    },
  },
  '0008_mail_saved_file': {
    async up(db: Kysely<unknown>) {
      // State 'saved' (an .eml file, no SMTP server) needs no change of the state column (text);
      // its file's name is kept here. Rows delivered before keep their state and a null name.
      await db.schema.alterTable('mail_outbox').addColumn('file_name', 'text').execute();
    },
  },
  // From 0009 on, a migration creates only what does not exist yet (`if not exists`), so that a test can
  // take a database back to an earlier migration's state and migrate it forward again.
  '0009_mivoice_users_order': {
    async up(db: Kysely<unknown>) {
      // The user list's one order (e-mail key, then phone key, byte order on both databases): the
      // export and the filtered list read it in bounded keyset pages, which this index serves.
      if (db.getExecutor().adapter instanceof PostgresAdapter)
        await sql`create index if not exists mivoice_users_order_idx
          on mivoice_users (email_key collate "C", phone_key collate "C")`.execute(db);
      else
        await sql`create index if not exists mivoice_users_order_idx on mivoice_users (email_key, phone_key)`.execute(
          db,
        );
    },
  },
  '0010_google_contacts_order': {
    async up(db: Kysely<unknown>) {
      // The contacts list's order: its pages and the windows a filtered list is read in
      // (mivoice/directory) walk this index instead of sorting the whole cache at each request.
      await db.schema
        .createIndex('google_contacts_order_idx')
        .ifNotExists()
        .on('google_contacts')
        .columns(['primary_email', 'id'])
        .execute();
    },
  },
  '0011_mail_attachment_parts': {
    async up(db: Kysely<unknown>) {
      // A message's attachments in parts of at most MAIL_PART_BYTES (mail.repo.ts), written and read
      // one part per statement: a 25 MiB attachment is never one value in one statement. The
      // attachments column keeps each one's name, type, size and count of parts. Rows enqueued
      // before keep their content (base64) in that JSON and are delivered from it.
      const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
      await db.schema
        .createTable('mail_attachment_parts')
        .ifNotExists()
        .addColumn('mail_id', 'text', (c) => c.notNull().references('mail_outbox.id').onDelete('cascade'))
        .addColumn('attachment', 'integer', (c) => c.notNull())
        .addColumn('part', 'integer', (c) => c.notNull())
        .addColumn('bytes', sql.raw(bytes), (c) => c.notNull())
        .addPrimaryKeyConstraint('mail_attachment_parts_pk', ['mail_id', 'attachment', 'part'])
        .execute();
    },
  },
  '0012_live_sessions_search': {
    async up(db: Kysely<unknown>) {
      // The live list is filtered, sorted and paged by the server (sessions.repo.ts livePage): each
      // session's text columns, lower-cased by JavaScript at login, so a filter term is one
      // instr()/strpos() per row and no function of the row; and the default order's index.
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      if (pg)
        await sql`alter table app_sessions add column if not exists search_text text not null default ''`.execute(
          db,
        );
      else {
        const { rows } = await sql<{ n: number }>`
          select count(*) as n from pragma_table_info('app_sessions') where name = 'search_text'`.execute(db);
        if (Number(rows[0]?.n ?? 0) === 0)
          await sql`alter table app_sessions add column search_text text not null default ''`.execute(db);
      }
      await db.schema
        .createIndex('app_sessions_created_idx')
        .ifNotExists()
        .on('app_sessions')
        .columns(['created_at', 'handle'])
        .execute();
      // Sessions open at the upgrade keep search_text '' and are matched on their columns instead
      // (sessions.repo.ts filterSql): no backfill, which on PostgreSQL would hold the table's
      // exclusive lock (taken by ALTER TABLE) for the whole migration transaction.
    },
  },
  '0013_status_reasons': {
    async up(db: Kysely<unknown>) {
      // Texts a console user reads, stored as a code and params (JSON) beside the English text, so
      // the console says them in its own language. A reason holds the English text it stands for
      // and is used only while that is still the row's text: a process of the previous version
      // (rolling upgrade) writes the text alone, and its rows show that text. Nullable, no backfill:
      // rows written before show their English text.
      // Only what does not exist yet (a test re-runs later migrations over an older database).
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      const addText = async (table: string, column: string) => {
        if (pg) {
          await sql`alter table ${sql.table(table)} add column if not exists ${sql.ref(column)} text`.execute(
            db,
          );
          return;
        }
        const { rows } = await sql<{ n: number }>`
          select count(*) as n from pragma_table_info(${table}) where name = ${column}`.execute(db);
        if (Number(rows[0]?.n ?? 0) === 0)
          await sql`alter table ${sql.table(table)} add column ${sql.ref(column)} text`.execute(db);
      };
      await addText('network_elements', 'status_reason');
      await addText('mail_outbox', 'last_error_reason');
      await addText('mail_outbox', 'subject_params');
    },
  },
  '0014_refused_logins': {
    async up(db: Kysely<unknown>) {
      // Refused application logins (sessions/refused-logins.ts): written in batches, identical
      // refusals of one write period as one row with their count; kept for a time and a number of
      // rows (both pruned by the retention job, oldest first through the time index).
      await db.schema
        .createTable('refused_logins')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('company_name', 'text', (c) => c.notNull())
        .addColumn('application_name', 'text', (c) => c.notNull())
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('client_address', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('license', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema
        .createIndex('refused_logins_at_idx')
        .ifNotExists()
        .on('refused_logins')
        .columns(['at', 'id'])
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<void> {
  // With a PostgreSQL schema, keep Kysely's bookkeeping tables in it too, so that several
  // schemas in one database migrate independently.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = (error as Error | undefined)?.message ?? 'unknown error';
    throw new DatabaseStartError(
      failed
        ? `Database migration ${failed.migrationName} failed: ${reason}`
        : `Database migrations failed: ${reason}`,
    );
  }
}
