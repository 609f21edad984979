/**
 * Phase 7 of `npm run bench`: heavy console work and the gateway (issue 14, item 1). Each heavy
 * operation runs at the largest size the product accepts (bff/src/test/heavy-work/ops.ts, the same
 * operations the behaviour test runs) on SQLite and on PostgreSQL, while 20 SOAP sessions keep alive
 * from another process; reported per operation: the product's longest event-loop stall while it ran
 * (target ≤ 100 ms) and the keep-alive p99 the applications saw.
 *
 * Standalone: `node --conditions=@oig/source --import tsx bench/heavy-work.ts [sqlite|postgres]`; with
 * HEAVY_WORK_OPS=<text>, only the operations whose name contains it; BENCH_CPU_PROF=<dir> profiles the product.
 */
import { fileURLToPath } from 'node:url';
import type { DbKind } from '../src/test/harness.js';
import {
  KEEPER_SESSIONS,
  killHeavyWorkChildren,
  percentile,
  startHeavyWork,
} from '../src/test/heavy-work/driver.js';
import { HEAVY_OPS, HeavyFixtures } from '../src/test/heavy-work/ops.js';

export const HEAVY_WORK_STALL_TARGET_MS = 100;

export interface HeavyWorkFigure {
  db: DbKind;
  op: string;
  size: string;
  stallMs: number;
  keepAliveP99Ms: number;
  missed: number;
  aliveAtEnd: number;
  opMs: number;
  summary: string;
}

export async function heavyWorkBench(
  log: (s: string) => void,
  kinds: DbKind[] = ['sqlite', 'postgres'],
): Promise<HeavyWorkFigure[]> {
  const figures: HeavyWorkFigure[] = [];
  for (const kind of kinds) {
    log(
      `\n[7] Heavy console work at maximum sizes on ${kind}, ${KEEPER_SESSIONS} SOAP sessions keeping alive`,
    );
    const fx = new HeavyFixtures();
    const prof = process.env.BENCH_CPU_PROF;
    const w = await startHeavyWork(kind, await fx.startGoogle(), {
      targetExecArgv: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/heavy-work-${kind}`] : [],
    });
    try {
      // HEAVY_WORK_OPS: the ops whose name holds one of these comma-separated words.
      const only = process.env.HEAVY_WORK_OPS?.split(',');
      for (const op of HEAVY_OPS.filter((o) => !only || only.some((x) => o.name.includes(x)))) {
        await fx.prepare(w, op);
        const t0 = performance.now();
        const m = await w.measure(() => op.run(w, fx));
        const f: HeavyWorkFigure = {
          db: kind,
          op: op.name,
          size: op.size,
          stallMs: m.stallMs,
          keepAliveP99Ms: percentile(m.keepers.latenciesMs, 99),
          missed: m.keepers.missed,
          aliveAtEnd: m.keepers.aliveAtEnd,
          opMs: performance.now() - t0,
          summary: m.result,
        };
        figures.push(f);
        log(
          `  ${op.name} (${op.size}): longest stall ${f.stallMs.toFixed(1)} ms, keep-alive p99 ` +
            `${f.keepAliveP99Ms.toFixed(1)} ms, ${f.missed} missed, ${f.aliveAtEnd}/${KEEPER_SESSIONS} alive; ` +
            `${(f.opMs / 1000).toFixed(1)} s — ${f.summary}`,
        );
        if (m.keepers.reasons.length) log(`    first misses: ${m.keepers.reasons.slice(0, 3).join('; ')}`);
      }
    } finally {
      await w.close();
      await fx.close();
      killHeavyWorkChildren();
    }
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kinds = process.argv.slice(2) as DbKind[];
  heavyWorkBench(console.log, kinds.length ? kinds : undefined).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      killHeavyWorkChildren();
      process.exit(1);
    },
  );
}
