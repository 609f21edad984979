import { sql } from 'kysely';
import type { Db, DbKind } from '../db/db.js';

/** What a seeded session holds, by kind (Google, Salesforce standard and advanced, REST, third party). */
const MIXES = [
  '["google","miVoiceIntegration","standardCallControl"]',
  '["miVoiceIntegration","salesforce","standardCallControl"]',
  '["advancedCallControl","miVoiceIntegration","salesforce"]',
  '["dataAccess"]',
  '[]',
];
const REASONS = ['logout', 'keepalive-timeout', 'terminated', 'server-shutdown'];

export interface SeedHistoryOptions {
  /** Rows to add. */
  rows: number;
  /** Ends spread evenly over [from, to) (epoch ms). */
  from: number;
  to: number;
  /** Distinct ordinary applications (`Application 0` … of `Company 0` … `Company 4`); default 20. */
  apps?: number;
  /** Every `rareEvery`-th row is of the application `Rare Application` (default 100,000). */
  rareEvery?: number;
  /** First row number (handles are `seed-<n>`): call again with another offset to add more. */
  offset?: number;
  /** A session lasts 1 min to this long before it ends (default 8 h). */
  maxDurationMs?: number;
}

const SEED_CHUNK = 100_000;

/**
 * Fills `session_history` fast, in SQL (a recursive CTE on SQLite, generate_series on PostgreSQL):
 * 1,000,000 rows in a few seconds. Deterministic: row i ends at from + i·(to − from)/rows and began
 * 1 min + (i·7,919 mod maxDuration) before. Blocks the event loop while it runs (a test fixture).
 */
export async function seedSessionHistory(db: Db, kind: DbKind, o: SeedHistoryOptions): Promise<void> {
  const apps = o.apps ?? 20;
  const rare = o.rareEvery ?? 100_000;
  const offset = o.offset ?? 0;
  const span = o.to - o.from;
  const maxDuration = o.maxDurationMs ?? 8 * 3_600_000;
  const mix = (i: string) => `case ${i} % 5 ${MIXES.map((m, k) => `when ${k} then '${m}'`).join(' ')} end`;
  const reason = (i: string) =>
    `case ${i} % 4 ${REASONS.map((m, k) => `when ${k} then '${m}'`).join(' ')} end`;
  for (let lo = 0; lo < o.rows; lo += SEED_CHUNK) {
    const hi = Math.min(o.rows, lo + SEED_CHUNK);
    const ended = `(${o.from} + (i * ${span}) / ${o.rows})`;
    const created = `(${ended} - 60000 - (i * 7919) % ${maxDuration})`;
    const select = `select 'seed-' || (i + ${offset}), substr('000' || (i % 10000), -4, 4),
        case when i % ${rare} = ${rare - 1} then 'Rare Company' else 'Company ' || (i % ${apps} % 5) end,
        case when i % ${rare} = ${rare - 1} then 'Rare Application' else 'Application ' || (i % ${apps}) end,
        case when i % 7 = 0 then 'advanced' else 'standard' end,
        case when i % 5 = 3 then 'rest' else 'soap' end,
        '192.0.2.' || (i % 250), ${created}, ${created} + 1000, ${mix('i')}, ${ended}, ${reason('i')}`;
    const cols = `(handle, token_last4, company_name, application_name, service_type, protocol,
      client_address, created_at, last_activity_at, licenses, ended_at, end_reason)`;
    if (kind === 'sqlite') {
      await sql
        .raw(
          `insert into session_history ${cols}
           with recursive s(i) as (select ${lo} union all select i + 1 from s where i + 1 < ${hi})
           ${select} from s`,
        )
        .execute(db);
    } else {
      await sql
        .raw(
          `insert into session_history ${cols}
           ${select.replace("substr('000' || (i % 10000), -4, 4)", "lpad((i % 10000)::text, 4, '0')")}
           from generate_series(${lo}::bigint, ${hi - 1}::bigint) as s(i)`,
        )
        .execute(db);
    }
  }
  if (kind === 'postgres') await sql`analyze session_history`.execute(db);
}
