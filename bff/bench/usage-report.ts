/**
 * Benchmark phase 4: building a month's usage report with 1,500 sessions a day (SPEC §9: ≤ 1 s).
 *
 * A real context on a temp SQLite file (the embedded default) holds a whole previous month of
 * ended sessions — 1,500 a day, working-day shaped, over 20 applications and every license mix —
 * plus live ones. Measured: the report built cold (nothing recorded yet: every day computed from
 * the sessions, then recorded), then warm (finished days read back), each rendered to HTML and
 * CSV as the mail carries them. In this process: the report runs no HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import type { SessionHistoryTable } from '../src/db/schema.js';
import { createCalendar } from '../src/modules/usage/calendar.js';
import { renderReportCsv, renderReportHtml } from '../src/modules/usage/usage-report.render.js';

const SESSIONS_PER_DAY = 1_500;
const APPS = 20;
const TIME_ZONE = 'Europe/Paris';
/** What a session holds, by kind: Google, Salesforce, Salesforce advanced, REST, third party. */
const MIXES = [
  ['google', 'miVoiceIntegration', 'standardCallControl'],
  ['miVoiceIntegration', 'salesforce', 'standardCallControl'],
  ['advancedCallControl', 'miVoiceIntegration', 'salesforce'],
  ['dataAccess'],
  [],
].map((m) => JSON.stringify(m));

/** A deterministic pseudo-random sequence (mulberry32), so every run builds the same month. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function usageReportBench(log: (s: string) => void) {
  log(
    `\n[4] usage report: a month with ${SESSIONS_PER_DAY.toLocaleString('en-US')} sessions a day (SQLite, ${TIME_ZONE})`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'oig-bench-usage-'));
  const config = loadConfig({
    OIG_DATA_DIR: dataDir,
    OIG_ADMIN_PASSWORD: 'bench-admin-password',
    OIG_TIME_ZONE: TIME_ZONE,
    OIG_REPORT_CHECK_S: '0',
    OIG_PROBE_INTERVAL_S: '0',
  });
  const ctx = await createContext(config, pino({ level: 'silent' }));
  try {
    const cal = createCalendar(TIME_ZONE);
    const month = cal.shiftMonth(cal.monthOf(Date.now()), -1);
    const { from, to } = cal.monthRange(month);
    const rnd = random(42);
    const rows: Array<Insertable<SessionHistoryTable>> = [];
    let n = 0;
    for (let day = from; day < to; day = cal.nextDay(day)) {
      for (let i = 0; i < SESSIONS_PER_DAY; i++) {
        // Logins between 07:00 and 10:00, sessions of 1 to 9 hours.
        const start = day + 7 * 3_600_000 + Math.floor(rnd() * 3 * 3_600_000);
        const end = start + 3_600_000 + Math.floor(rnd() * 8 * 3_600_000);
        const app = Math.floor(rnd() * APPS);
        const handle = `bench-${n++}`;
        rows.push({
          handle,
          token_last4: '0000',
          company_name: `Company ${app % 5}`,
          application_name: `Application ${app}`,
          service_type: 'standard' as const,
          protocol: app % 5 === 3 ? ('rest' as const) : ('soap' as const),
          client_address: '127.0.0.1',
          created_at: start,
          last_activity_at: end,
          licenses: MIXES[app % 5]!,
          ended_at: end,
          end_reason: 'logout',
        });
      }
    }
    const db = ctx.db.db;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 2_000)
        await trx
          .insertInto('session_history')
          .values(rows.slice(i, i + 2_000))
          .execute();
    });
    log(`  ${rows.length.toLocaleString('en-US')} sessions in ${month}`);

    const timed = async () => {
      const t0 = performance.now();
      const report = await ctx.usage.build(month, false);
      const bytes = renderReportHtml(report).length + renderReportCsv(report).length;
      return { ms: performance.now() - t0, report, bytes };
    };
    const cold = await timed();
    const warm = await timed();
    const recorded = await db
      .selectFrom('usage_daily')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_kind', '=', 'day')
      .executeTakeFirstOrThrow();
    const sessions = cold.report.applications.reduce((s, a) => s + a.sessions, 0);
    log(
      `  cold (every day computed from the sessions, then recorded): ${cold.ms.toFixed(0)} ms; warm (recorded days): ${warm.ms.toFixed(0)} ms`,
    );
    log(
      `  report: ${sessions.toLocaleString('en-US')} sessions over ${cold.report.applications.length} applications, MiVoice Integration peak ${cold.report.miVoiceIntegration.peak.peak}, ${Number(recorded.n)} days recorded, ${cold.bytes.toLocaleString('en-US')} bytes of HTML + CSV`,
    );
    if (sessions !== rows.length)
      throw new Error(`usage report counted ${sessions} sessions, expected ${rows.length}`);
    if (
      JSON.stringify({ ...warm.report, generatedAt: '' }) !==
      JSON.stringify({ ...cold.report, generatedAt: '' })
    )
      throw new Error('usage report: the warm build differs from the cold one');
    return { sessions: rows.length, coldMs: cold.ms, warmMs: warm.ms };
  } finally {
    await ctx.stop();
    await ctx.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
