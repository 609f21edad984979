/**
 * Performance benchmark of the session gateway (not a test: `npm run bench`, never run by vitest).
 *
 *   1. REST keep-alive throughput of the product vs a bare node:http server (target ratio ≥ 0.6)
 *   2. keep-alive latency p99 with 25,000 live sessions (target ≤ 10 ms)
 *   3. reconnect storm: 1,500 concurrent REST logins on a fresh process (target ≤ 3 s)
 *   4. usage report: a month with 1,500 sessions a day builds in ≤ 1 s (bench/usage-report.ts)
 *   5. user-list import: 100,000 rows over HTTP ≤ 2× papaparse + one bulk SQLite insert (bench/user-list-import.ts)
 *   6. Open Media with 5,000 live requests at the MiCC: the request list p99 ≤ 50 ms, an incremental
 *      poll ≤ 5 ms of event-loop time per round (bench/open-media.ts)
 *   7. heavy console work at maximum sizes on SQLite and PostgreSQL: the longest event-loop stall
 *      while each operation runs ≤ 100 ms, and the keep-alive p99 of 20 SOAP sessions meanwhile
 *      (bench/heavy-work.ts)
 *   8. scale-out: two processes on one PostgreSQL — keep-alive throughput vs one SQLite process, a
 *      1,500-login storm ≤ 3 s, 5,000 logins for 1,500 licenses (bench/scale-out.ts)
 *   9. the console in Chromium with 25,000 live sessions: first rows of Sessions (plain and throttled
 *      link) and Overview, a refresh's main-thread time, heap, filter per keystroke (bench/browser.ts)
 *  10. recording refused logins: accepted logins during a storm of 5,000 refused ones, recording on
 *      vs off (target ratio ≤ 1.10; bench/refused-logins.ts)
 *  11. configuration backup, dry run and restore of 250 network elements, 1,500 accounts and a
 *      100,000-row user list on SQLite and PostgreSQL: times and longest stalls (bench/backup.ts)
 *
 * The servers run in a child process (bench/target.ts) so that the load generator (autocannon,
 * here) and the server each have their own event loop. Everything listens on 127.0.0.1 only,
 * every phase is bounded in count and time, and temp folders are removed at the end.
 * Prints each figure with its target and PASS/MISS, then one JSON line; exits 0 unless the
 * benchmark itself failed (exit 1).
 *
 * BENCH_CPU_PROF=<dir> writes V8 CPU profiles of each target process into <dir>/<phase>/ (the
 * largest file of a phase is its main thread; the others are the tsx loader thread).
 * BENCH_PHASES=throughput, scale-out, heavy-work, browser, refused-logins or backup runs that phase alone.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type AutocannonRequest, type Result } from 'autocannon';
import { IpcChild, killIpcChildren } from '../src/test/ipc.js';
import { ACME, LOCAL_PASSWORD, type Command } from './protocol.js';
import { backupBench, backupRows } from './backup.js';
import { browserBench, browserJson, browserRows } from './browser.js';
import { HEAVY_WORK_STALL_TARGET_MS, heavyWorkBench, type HeavyWorkFigure } from './heavy-work.js';
import { openMediaBench } from './open-media.js';
import { REFUSED_BENCH, refusedLoginsBench, type RefusedLoginsFigure } from './refused-logins.js';
import { scaleOutBench, type SummaryRow } from './scale-out.js';
import { usageReportBench } from './usage-report.js';
import { userListImportBench } from './user-list-import.js';

const REST_PATH = '/mitel/oig/rest/resources/v1/sessions';
const WATCHDOG_MS = 1_200_000;

const CFG = {
  throughput: {
    sessions: 200,
    warmupS: 2,
    durationS: 4,
    rounds: 6,
    connections: 50,
    pipelining: 1,
    target: 0.6,
  },
  latency: {
    sessions: 25_000,
    loginConcurrency: 50,
    warmupS: 2,
    durationS: 20,
    connections: 20,
    targetMs: 10,
    fixedRate: 5_000,
    fixedRateS: 8,
  },
  storm: { logins: 1_500, concurrency: 100, targetMs: 3_000, capMs: 25_000 },
  usageReport: { targetMs: 1_000 },
  userListImport: { targetRatio: 2 },
  openMedia: { listP99Ms: 50, pollLoopMs: 5, blockMs: 100 },
};

// ---- target process ------------------------------------------------------------------------

/** The product (and a bare server) in a child process: bench/target.ts. */
class Target {
  private constructor(private readonly child: IpcChild<Command>) {}

  static async fork(label: string): Promise<Target> {
    const prof = process.env.BENCH_CPU_PROF;
    const child = IpcChild.fork<Command>(new URL('./target.ts', import.meta.url), {
      label: 'target',
      execArgv: [
        ...process.execArgv,
        ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(prof, label)}`] : []),
      ],
    });
    await child.ready;
    return new Target(child);
  }

  call<T>(cmd: Command): Promise<T> {
    return this.child.call<T>(cmd);
  }

  /** Stops the servers (graceful), removes the temp folder, and lets the process exit. */
  async close(): Promise<void> {
    await this.child.call({ op: 'stop' }).catch(() => undefined);
    await this.child.close();
  }
}

// ---- HTTP helpers --------------------------------------------------------------------------

function request(
  url: string,
  opts: http.RequestOptions,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { ...opts, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const loginQuery = `?${new URLSearchParams({ applicationName: ACME.applicationName, companyName: ACME.companyName })}`;

async function restLogin(
  baseUrl: string,
  agent: http.Agent,
): Promise<{ ok: boolean; sessionId?: string; status: number; body: string }> {
  const r = await request(
    `${baseUrl}${REST_PATH}${loginQuery}`,
    {
      method: 'GET',
      agent,
      headers: { authorization: LOCAL_PASSWORD, applicationinfo: ACME.applicationPassword },
    },
    30_000,
  );
  let parsed: { result?: unknown; sessionId?: unknown } = {};
  try {
    parsed = JSON.parse(r.body) as typeof parsed;
  } catch {
    // reported below as a failure
  }
  const ok = r.status === 200 && parsed.result === true && typeof parsed.sessionId === 'string';
  return { ok, status: r.status, body: r.body, ...(ok ? { sessionId: parsed.sessionId as string } : {}) };
}

/** Runs `fn` over 0..n-1 with at most `concurrency` in flight. */
async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

// ---- autocannon ----------------------------------------------------------------------------

interface CannonRun {
  result: Result;
  /** Exact latencies (ms, float) of every response, when collected. */
  latencies?: Float64Array;
  count200: number;
}

/** PUT keep-alives for `durationS` seconds, each request carrying the next session id in turn. */
async function keepAliveLoad(
  url: string,
  ids: readonly string[],
  o: { durationS: number; connections: number; pipelining?: number; collect?: boolean; overallRate?: number },
): Promise<CannonRun> {
  let i = 0;
  const req: AutocannonRequest = {
    method: 'PUT',
    path: REST_PATH,
    setupRequest: (r) => ({ ...r, headers: { ...r.headers, authorization: ids[i++ % ids.length]! } }),
  };
  const instance = autocannon({
    url,
    connections: o.connections,
    pipelining: o.pipelining ?? 1,
    duration: o.durationS,
    timeout: 10,
    requests: [req],
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
  });
  let lat = o.collect ? new Float64Array(1 << 18) : undefined;
  let n = 0;
  let count200 = 0;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) count200++;
    if (lat) {
      if (n === lat.length) {
        const bigger = new Float64Array(lat.length * 2);
        bigger.set(lat);
        lat = bigger;
      }
      lat[n++] = ms;
    }
  });
  const result = await instance;
  return { result, count200, ...(lat ? { latencies: lat.subarray(0, n) } : {}) };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Latencies corrected for coordinated omission, as HdrHistogram's recordValueWithExpectedInterval:
 * a response that took L ms on a connection due to send every I ms stands for the requests
 * that connection would have sent meanwhile (L−I, L−2I, …).
 */
function coCorrected(raw: Float64Array, intervalMs: number): Float64Array {
  const out: number[] = [];
  for (const l of raw) {
    out.push(l);
    for (let x = l - intervalMs; x > 0; x -= intervalMs) out.push(x);
  }
  return Float64Array.from(out).sort();
}

function checkAll200(label: string, r: CannonRun): string | undefined {
  const bad = r.result.non2xx + r.result.errors + r.result.timeouts + (r.result['2xx'] - r.count200);
  if (bad === 0) return undefined;
  const w = `WARNING ${label}: non2xx=${r.result.non2xx} errors=${r.result.errors} timeouts=${r.result.timeouts} status=${JSON.stringify(r.result.statusCodeStats)}`;
  console.log(`  ${w}`);
  return w;
}

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : String(v));
const log = (s: string) => console.log(s);

// ---- scenarios -----------------------------------------------------------------------------

const warnings: string[] = [];

async function throughput() {
  const c = CFG.throughput;
  log(
    `\n[1] REST keep-alive throughput: product vs bare node:http (${c.connections} connections, pipelining ${c.pipelining}, ${c.rounds} rounds of ${c.durationS} s each)`,
  );
  const t = await Target.fork('throughput');
  try {
    const { productUrl, bareUrl } = await t.call<{ productUrl: string; bareUrl: string }>({
      op: 'start',
      withBare: true,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const ids: string[] = [];
    let failed = 0;
    // The first login verifies the local password (slow hash); the rest hit the verified cache.
    await pool(c.sessions, 20, async () => {
      const r = await restLogin(productUrl, agent);
      if (r.sessionId) ids.push(r.sessionId);
      else failed++;
    });
    agent.destroy();
    log(`  logged in ${ids.length} REST sessions over HTTP (${failed} failed)`);
    if (ids.length === 0) throw new Error('no REST session could be logged in');
    if (failed) warnings.push(`throughput: ${failed} of ${c.sessions} logins failed`);

    const cpuUs = { product: [] as number[], bare: [] as number[] };
    const run = async (label: 'product' | 'bare', url: string, durationS: number) => {
      const cpu0 = await t.call<number>({ op: 'cpu' });
      const r = await keepAliveLoad(url, ids, {
        durationS,
        connections: c.connections,
        pipelining: c.pipelining,
      });
      const cpu1 = await t.call<number>({ op: 'cpu' });
      const w = checkAll200(`${label} keep-alive`, r);
      if (w) warnings.push(w);
      // Server CPU time per response: much less sensitive to neighbours' load than req/s.
      return { ...r, cpuUsPerReq: (cpu1 - cpu0) / Math.max(1, r.result['2xx'] + r.result.non2xx) };
    };
    await run('product', productUrl, c.warmupS);
    await run('bare', bareUrl, c.warmupS);
    const rps = { product: [] as number[], bare: [] as number[] };
    const lat = { product: [] as number[], bare: [] as number[] };
    const pairRatios: number[] = [];
    // Rounds of back-to-back runs in ABBA order, so drift and neighbours' load hit both alike.
    for (let round = 0; round < c.rounds; round++) {
      const order = round % 2 === 0 ? (['product', 'bare'] as const) : (['bare', 'product'] as const);
      const got: Partial<Record<'product' | 'bare', number>> = {};
      for (const label of order) {
        const r = await run(label, label === 'product' ? productUrl : bareUrl, c.durationS);
        got[label] = r.result.requests.average;
        rps[label].push(r.result.requests.average);
        lat[label].push(r.result.latency.p99);
        cpuUs[label].push(r.cpuUsPerReq);
        log(
          `  round ${round + 1} ${label.padEnd(7)} ${fmt(r.result.requests.average, 0).padStart(7)} req/s  p50 ${r.result.latency.p50} ms  p99 ${r.result.latency.p99} ms  server CPU ${fmt(r.cpuUsPerReq, 1)} µs/req  (${r.result['2xx']} x 2xx, non2xx ${r.result.non2xx}, errors ${r.result.errors})`,
        );
      }
      pairRatios.push(got.product! / got.bare!);
    }
    const best = { product: Math.max(...rps.product), bare: Math.max(...rps.bare) };
    const ratio = best.product / best.bare;
    const medianPairRatio = [...pairRatios].sort((a, b) => a - b)[Math.floor((pairRatios.length - 1) / 2)]!;
    const cpuBest = { product: Math.min(...cpuUs.product), bare: Math.min(...cpuUs.bare) };
    const cpuRatio = cpuBest.bare / cpuBest.product;
    log(
      `  server CPU per request (best): product ${fmt(cpuBest.product, 1)} µs, bare ${fmt(cpuBest.bare, 1)} µs → CPU-efficiency ratio bare/product ${fmt(cpuRatio, 3)}`,
    );
    log(
      `  best of ${c.rounds}: product ${fmt(best.product, 0)} req/s, bare ${fmt(best.bare, 0)} req/s, ratio ${fmt(ratio, 3)} (per-round ratios ${pairRatios.map((x) => fmt(x, 2)).join(', ')}; lower median ${fmt(medianPairRatio, 3)})`,
    );
    return {
      productRps: best.product,
      bareRps: best.bare,
      ratio,
      medianPairRatio,
      pairRatios,
      cpuBest,
      cpuRatio,
      runs: rps,
      p99Ms: lat,
      sessions: ids.length,
    };
  } finally {
    await t.close();
  }
}

async function latency() {
  const c = CFG.latency;
  log(
    `\n[2] keep-alive latency with ${c.sessions} live sessions (${c.connections} connections, ${c.durationS} s)`,
  );
  const t = await Target.fork('latency');
  try {
    const { productUrl } = await t.call<{ productUrl: string }>({ op: 'start', withBare: false });
    const bulk = await t.call<{ ids: string[]; failures: number; ms: number }>({
      op: 'loginBulk',
      n: c.sessions,
      concurrency: c.loginConcurrency,
    });
    log(
      `  created ${bulk.ids.length} sessions via manager.login in ${fmt(bulk.ms / 1000, 1)} s (${bulk.failures} failed)`,
    );
    if (bulk.failures) warnings.push(`latency: ${bulk.failures} of ${c.sessions} logins failed`);
    // Shuffle so consecutive keep-alives do not follow creation order.
    const ids = bulk.ids;
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    await keepAliveLoad(productUrl, ids, { durationS: c.warmupS, connections: c.connections });
    await t.call({ op: 'loopDelay', action: 'start' });
    const r = await keepAliveLoad(productUrl, ids, {
      durationS: c.durationS,
      connections: c.connections,
      collect: true,
    });
    const loop = await t.call<{ p50Ms: number; p99Ms: number; maxMs: number }>({
      op: 'loopDelay',
      action: 'stop',
    });
    const w = checkAll200('25k keep-alive', r);
    if (w) warnings.push(w);
    const sorted = Float64Array.from(r.latencies ?? []).sort();
    const exact = {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: sorted[sorted.length - 1] ?? NaN,
    };
    log(
      `  ${fmt(r.result.requests.average, 0)} req/s; autocannon latency p50 ${r.result.latency.p50} ms, p99 ${r.result.latency.p99} ms, max ${r.result.latency.max} ms` +
        ` | exact p50 ${fmt(exact.p50, 2)} ms, p99 ${fmt(exact.p99, 2)} ms, p99.9 ${fmt(exact.p999, 2)} ms, max ${fmt(exact.max, 1)} ms`,
    );
    // Same sessions at a fixed rate (25,000 sessions sending a keep-alive every 5 s), closer to
    // production than the closed loop above; percentiles corrected for coordinated omission.
    const fr = await keepAliveLoad(productUrl, ids, {
      durationS: c.fixedRateS,
      connections: c.connections,
      collect: true,
      overallRate: c.fixedRate,
    });
    const frW = checkAll200('fixed-rate keep-alive', fr);
    if (frW) warnings.push(frW);
    const frSorted = coCorrected(fr.latencies ?? new Float64Array(), (1000 * c.connections) / c.fixedRate);
    const fixed = {
      rps: fr.result.requests.average,
      p50: percentile(frSorted, 50),
      p99: percentile(frSorted, 99),
      max: frSorted[frSorted.length - 1] ?? NaN,
    };
    log(
      `  at a fixed ${c.fixedRate} req/s for ${c.fixedRateS} s (${fmt(fixed.rps, 0)} req/s achieved): p50 ${fmt(fixed.p50, 2)} ms, p99 ${fmt(fixed.p99, 2)} ms, max ${fmt(fixed.max, 1)} ms (coordinated-omission corrected)`,
    );
    log(
      `  server event-loop stalls during the ${c.durationS} s closed-loop run: p50 ${fmt(loop.p50Ms, 1)} ms, p99 ${fmt(loop.p99Ms, 1)} ms, max ${fmt(loop.maxMs, 1)} ms`,
    );
    log(
      `  distinct sessions touched: ${Math.min(ids.length, r.result['2xx'] + r.result.non2xx)} of ${ids.length}`,
    );
    const live = await t.call<{ live: number; db: number }>({ op: 'count' });
    log(`  after the run: ${live.live} live sessions (console list), ${live.db} rows in app_sessions`);
    return {
      sessions: bulk.ids.length,
      loginMs: bulk.ms,
      rps: r.result.requests.average,
      p50Ms: r.result.latency.p50,
      p99Ms: r.result.latency.p99,
      exact,
      requests: r.result['2xx'] + r.result.non2xx,
      non2xx: r.result.non2xx,
      errors: r.result.errors,
      liveAfter: live.live,
      dbRowsAfter: live.db,
      loop,
      fixed,
    };
  } finally {
    await t.close();
  }
}

async function storm() {
  const c = CFG.storm;
  log(
    `\n[3] reconnect storm: ${c.logins} REST logins over HTTP, ${c.concurrency} at a time, fresh process (local password not yet verified)`,
  );
  const t = await Target.fork('storm');
  const agent = new http.Agent({ keepAlive: true, maxSockets: c.concurrency });
  try {
    const { productUrl } = await t.call<{ productUrl: string }>({ op: 'start', withBare: false });
    let ok = 0;
    const failures = new Map<string, number>();
    let firstMs = NaN;
    const t0 = performance.now();
    const all = Promise.all(
      Array.from({ length: c.logins }, async () => {
        try {
          const r = await restLogin(productUrl, agent);
          if (r.ok) {
            ok++;
            if (Number.isNaN(firstMs)) firstMs = performance.now() - t0;
          } else {
            const k = `${r.status} ${r.body.slice(0, 80)}`;
            failures.set(k, (failures.get(k) ?? 0) + 1);
          }
        } catch (e) {
          const k = (e as Error).message;
          failures.set(k, (failures.get(k) ?? 0) + 1);
        }
      }),
    );
    let capped = false;
    const cap = new Promise<void>((resolve) =>
      setTimeout(() => {
        capped = true;
        resolve();
      }, c.capMs).unref(),
    );
    await Promise.race([all, cap]);
    const ms = performance.now() - t0;
    if (capped) {
      agent.destroy();
      warnings.push(`storm: stopped at the ${c.capMs} ms cap`);
    }
    log(
      `  ${ok} of ${c.logins} succeeded in ${fmt(ms, 0)} ms (first success after ${fmt(firstMs, 0)} ms)${capped ? ' — CAPPED' : ''}`,
    );
    for (const [k, n] of failures) log(`  failure x${n}: ${k}`);
    if (ok !== c.logins) warnings.push(`storm: ${c.logins - ok} of ${c.logins} logins failed`);
    agent.destroy();
    const live = await t.call<{ live: number; db: number }>({ op: 'count' });
    log(`  live sessions afterwards: ${live.db}`);
    return { ms, ok, logins: c.logins, firstSuccessMs: firstMs, capped, liveAfter: live.db };
  } finally {
    agent.destroy();
    await t.close();
  }
}

/** Prints the summary table and the warnings; returns the bench's duration in seconds. */
function summary(rows: SummaryRow[], started: number): number {
  const w = [
    Math.max(6, ...rows.map((r) => r[0].length)),
    Math.max(8, ...rows.map((r) => r[1].length)),
    Math.max(6, ...rows.map((r) => r[2].length)),
  ] as const;
  log('\nSummary');
  log(`  ${'metric'.padEnd(w[0])} | ${'measured'.padEnd(w[1])} | ${'target'.padEnd(w[2])} | result`);
  log(`  ${'-'.repeat(w[0])}-+-${'-'.repeat(w[1])}-+-${'-'.repeat(w[2])}-+-------`);
  for (const [m, v, tg, pass, info] of rows) {
    const verdict = pass ? 'PASS' : 'MISS';
    log(`  ${m.padEnd(w[0])} | ${v.padEnd(w[1])} | ${tg.padEnd(w[2])} | ${info ? `(${verdict})` : verdict}`);
  }
  log('  (info rows are extra context, not one of the targets)');
  for (const x of warnings) log(`  warning: ${x}`);
  const totalS = (performance.now() - started) / 1000;
  log(`  (bench took ${fmt(totalS, 0)} s)`);
  return totalS;
}

// ---- main ----------------------------------------------------------------------------------

function throughputRow(tp: Awaited<ReturnType<typeof throughput>>): SummaryRow {
  return [
    'REST keep-alive throughput ratio (product/bare)',
    `${fmt(tp.ratio, 3)} (${fmt(tp.productRps, 0)}/${fmt(tp.bareRps, 0)} req/s)`,
    `>= ${CFG.throughput.target}`,
    tp.ratio >= CFG.throughput.target,
  ];
}

/** One summary row per heavy operation: its longest stall on each database, the keep-alive p99s. */
function heavyWorkRows(hw: HeavyWorkFigure[]): SummaryRow[] {
  const ops = [...new Set(hw.map((f) => f.op))];
  return ops.map((op) => {
    const of = hw.filter((f) => f.op === op);
    const stalls = of.map((f) => `${f.db} ${fmt(f.stallMs, 1)}`).join(', ');
    const p99 = of.map((f) => fmt(f.keepAliveP99Ms, 1)).join('/');
    return [
      `Heavy work: ${op} (${of[0]!.size}), longest stall`,
      `${stalls} ms (keep-alive p99 ${p99} ms)`,
      `<= ${HEAVY_WORK_STALL_TARGET_MS} ms`,
      of.every((f) => f.stallMs <= HEAVY_WORK_STALL_TARGET_MS && f.missed === 0),
    ];
  });
}

function refusedLoginsRow(rl: RefusedLoginsFigure): SummaryRow {
  return [
    `Accepted logins during ${REFUSED_BENCH.storm.toLocaleString('en-US')} refused ones, recording on / off`,
    `${fmt(rl.ratio, 3)}x (${fmt(rl.withMs, 0)}/${fmt(rl.withoutMs, 0)} ms; median round ${fmt(rl.medianRoundRatio, 2)}x)`,
    `<= ${REFUSED_BENCH.targetRatio}x`,
    rl.ratio <= REFUSED_BENCH.targetRatio,
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error(`bench: watchdog fired after ${WATCHDOG_MS / 1000} s; aborting`);
    killIpcChildren();
    process.exit(1);
  }, WATCHDOG_MS);

  const loadAtStart = os.loadavg();
  log(
    `OIG benchmark — node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}, 127.0.0.1 only`,
  );
  if (loadAtStart[0]! > os.cpus().length / 2)
    log(
      '  note: the machine is already busy; figures will be noisy (the ratio uses the best of several alternating runs)',
    );
  if (process.env.BENCH_PHASES) {
    // One phase alone (while working on it): throughput, scale-out, heavy-work or browser.
    const phase = process.env.BENCH_PHASES;
    if (phase === 'scale-out') {
      const so = await scaleOutBench(log, warnings);
      const totalS = summary(so.rows, started);
      log(`BENCH_JSON ${JSON.stringify({ node: process.version, scaleOut: so.json, warnings, totalS })}`);
    } else if (phase === 'heavy-work') {
      const hw = await heavyWorkBench(log);
      const totalS = summary(heavyWorkRows(hw), started);
      log(`BENCH_JSON ${JSON.stringify({ node: process.version, heavyWork: hw, warnings, totalS })}`);
    } else if (phase === 'browser') {
      const br = await browserBench(log);
      warnings.push(...br.warnings);
      const totalS = summary(browserRows(br), started);
      log(
        `BENCH_JSON ${JSON.stringify({ node: process.version, browser: browserJson(br), warnings, totalS })}`,
      );
    } else if (phase === 'backup') {
      const bk = await backupBench(log);
      const totalS = summary(backupRows(bk), started);
      log(`BENCH_JSON ${JSON.stringify({ node: process.version, backup: bk, warnings, totalS })}`);
    } else if (phase === 'throughput') {
      const tp = await throughput();
      const totalS = summary([throughputRow(tp)], started);
      log(`BENCH_JSON ${JSON.stringify({ node: process.version, throughput: tp, warnings, totalS })}`);
    } else if (phase === 'refused-logins') {
      const rl = await refusedLoginsBench(log);
      const totalS = summary([refusedLoginsRow(rl)], started);
      log(`BENCH_JSON ${JSON.stringify({ node: process.version, refusedLogins: rl, warnings, totalS })}`);
    } else
      throw new Error(
        `BENCH_PHASES=${phase}: only throughput, scale-out, heavy-work, browser, refused-logins or backup runs alone`,
      );
    return clearTimeout(watchdog);
  }
  const tp = await throughput();
  const la = await latency();
  const st = await storm();
  const ur = await usageReportBench(log);
  const ul = await userListImportBench(log);
  const om = await openMediaBench(log);
  const hw = await heavyWorkBench(log);
  const so = await scaleOutBench(log, warnings);
  const br = await browserBench(log);
  warnings.push(...br.warnings);
  const rl = await refusedLoginsBench(log);
  const bk = await backupBench(log);

  const rows: SummaryRow[] = [
    throughputRow(tp),
    [
      `Keep-alive p99 @ ${la.sessions} live sessions`,
      `${la.p99Ms} ms (exact ${fmt(la.exact.p99, 2)} ms; p50 ${la.p50Ms} ms)`,
      `<= ${CFG.latency.targetMs} ms`,
      la.p99Ms <= CFG.latency.targetMs,
    ],
    [
      `  (info) same, at a fixed ${CFG.latency.fixedRate} req/s, CO-corrected`,
      `p99 ${fmt(la.fixed.p99, 2)} ms (max ${fmt(la.fixed.max, 0)} ms)`,
      `<= ${CFG.latency.targetMs} ms`,
      la.fixed.p99 <= CFG.latency.targetMs,
      true,
    ],
    [
      'Sessions kept by the sweeper after the run',
      `${la.dbRowsAfter} / ${la.sessions}`,
      `= ${CFG.latency.sessions}`,
      la.dbRowsAfter === CFG.latency.sessions,
    ],
    [
      `Reconnect storm (${st.logins} REST logins)`,
      `${fmt(st.ms, 0)} ms, ${st.ok}/${st.logins} ok`,
      `<= ${CFG.storm.targetMs} ms, all ok`,
      st.ms <= CFG.storm.targetMs && st.ok === st.logins,
    ],
    [
      `Usage report, month of ${ur.sessions.toLocaleString('en-US')} sessions (cold)`,
      `${fmt(ur.coldMs, 0)} ms (warm ${fmt(ur.warmMs, 0)} ms)`,
      `<= ${CFG.usageReport.targetMs} ms`,
      ur.coldMs <= CFG.usageReport.targetMs,
    ],
    [
      `User-list import, ${ul.rows.toLocaleString('en-US')} rows (HTTP) / floor`,
      `${fmt(ul.ratio, 2)}x (${fmt(ul.productMs, 0)}/${fmt(ul.floorMs, 0)} ms)`,
      `<= ${CFG.userListImport.targetRatio}x`,
      ul.ratio <= CFG.userListImport.targetRatio,
    ],
    [
      `Open Media request list, ${om.live.toLocaleString('en-US')} live requests (HTTP, p99)`,
      `${om.listP99Ms} ms (p50 ${om.listP50Ms} ms, ${fmt(om.listRps, 0)} req/s, ${fmt(om.listBytes / 1024, 0)} KB)`,
      `<= ${CFG.openMedia.listP99Ms} ms`,
      om.listP99Ms <= CFG.openMedia.listP99Ms,
    ],
    [
      `Open Media incremental poll, event-loop time per round (median; ~${fmt(om.eventsPerPoll, 0)} changes)`,
      `${fmt(om.pollLoopP50Ms, 2)} ms (max ${fmt(om.pollLoopMaxMs, 2)} ms; snapshot ${fmt(om.snapshotLoopMs, 1)} ms)`,
      `<= ${CFG.openMedia.pollLoopMs} ms`,
      om.pollLoopP50Ms <= CFG.openMedia.pollLoopMs,
    ],
    [
      'Open Media, longest event-loop block (5,000: snapshot and polls)',
      `${fmt(om.longestBlockMs, 1)} ms`,
      `<= ${CFG.openMedia.blockMs} ms`,
      om.longestBlockMs <= CFG.openMedia.blockMs,
    ],
    [
      `Open Media, newest ${om.bigTracked.toLocaleString('en-US')} of a MiCC holding ${om.bigMicc.toLocaleString('en-US')}: longest block`,
      `${fmt(om.bigSnapshotLongestBlockMs, 1)} ms (snapshot ${fmt(om.bigSnapshotMs, 0)} ms)`,
      `<= ${CFG.openMedia.blockMs} ms`,
      om.bigSnapshotLongestBlockMs <= CFG.openMedia.blockMs,
    ],
    [
      `Open Media, a poll moving ${om.bigPollMoved.toLocaleString('en-US')} queued requests: longest block`,
      `${fmt(om.bigPollLongestBlockMs, 1)} ms`,
      `<= ${CFG.openMedia.blockMs} ms`,
      om.bigPollLongestBlockMs <= CFG.openMedia.blockMs,
    ],
    ...heavyWorkRows(hw),
    ...so.rows,
    ...browserRows(br),
    refusedLoginsRow(rl),
    ...backupRows(bk),
  ];
  const totalS = summary(rows, started);

  const round = (v: number, d = 2) => (Number.isFinite(v) ? Number(v.toFixed(d)) : null);
  log(
    `BENCH_JSON ${JSON.stringify({
      node: process.version,
      cpus: os.cpus().length,
      loadAvgAtStart: loadAtStart.map((x) => round(x)),
      throughput: {
        productRps: round(tp.productRps, 0),
        bareRps: round(tp.bareRps, 0),
        ratio: round(tp.ratio, 3),
        medianRoundRatio: round(tp.medianPairRatio, 3),
        roundRatios: tp.pairRatios.map((x) => round(x, 3)),
        productCpuUsPerReq: round(tp.cpuBest.product, 1),
        bareCpuUsPerReq: round(tp.cpuBest.bare, 1),
        cpuEfficiencyRatio: round(tp.cpuRatio, 3),
        target: CFG.throughput.target,
        pass: tp.ratio >= CFG.throughput.target,
        runs: tp.runs,
        p99Ms: tp.p99Ms,
        sessions: tp.sessions,
        connections: CFG.throughput.connections,
        durationS: CFG.throughput.durationS,
        rounds: CFG.throughput.rounds,
      },
      latency: {
        sessions: la.sessions,
        rps: round(la.rps, 0),
        p50Ms: la.p50Ms,
        p99Ms: la.p99Ms,
        exactP50Ms: round(la.exact.p50),
        exactP99Ms: round(la.exact.p99),
        exactP999Ms: round(la.exact.p999),
        maxMs: round(la.exact.max),
        loopDelayP99Ms: round(la.loop.p99Ms, 1),
        loopDelayMaxMs: round(la.loop.maxMs, 1),
        fixedRate: CFG.latency.fixedRate,
        fixedRateAchievedRps: round(la.fixed.rps, 0),
        fixedRateP50Ms: round(la.fixed.p50),
        fixedRateP99Ms: round(la.fixed.p99),
        fixedRateMaxMs: round(la.fixed.max),
        targetMs: CFG.latency.targetMs,
        pass: la.p99Ms <= CFG.latency.targetMs,
        requests: la.requests,
        non2xx: la.non2xx,
        bulkLoginMs: round(la.loginMs, 0),
        liveAfter: la.liveAfter,
        dbRowsAfter: la.dbRowsAfter,
        sessionsKept: la.dbRowsAfter === la.sessions,
        connections: CFG.latency.connections,
        durationS: CFG.latency.durationS,
      },
      storm: {
        logins: st.logins,
        ok: st.ok,
        ms: round(st.ms, 0),
        firstSuccessMs: round(st.firstSuccessMs, 0),
        concurrency: CFG.storm.concurrency,
        targetMs: CFG.storm.targetMs,
        pass: st.ms <= CFG.storm.targetMs && st.ok === st.logins,
        capped: st.capped,
        liveAfter: st.liveAfter,
      },
      usageReport: {
        sessions: ur.sessions,
        coldMs: round(ur.coldMs, 0),
        warmMs: round(ur.warmMs, 0),
        targetMs: CFG.usageReport.targetMs,
        pass: ur.coldMs <= CFG.usageReport.targetMs,
      },
      userListImport: {
        rows: ul.rows,
        bytes: ul.bytes,
        productMs: round(ul.productMs, 0),
        floorMs: round(ul.floorMs, 0),
        floorParseMs: round(ul.parseMs, 0),
        floorInsertMs: round(ul.insertMs, 0),
        ratio: round(ul.ratio, 3),
        productRoundsMs: ul.productRounds.map((x) => round(x, 0)),
        floorRoundsMs: ul.floorRounds.map((x) => round(x, 0)),
        intoFullListUnchangedMs: round(ul.againMs, 0),
        intoFullListRenamedMs: round(ul.renamedMs, 0),
        targetRatio: CFG.userListImport.targetRatio,
        pass: ul.ratio <= CFG.userListImport.targetRatio,
      },
      openMedia: {
        live: om.live,
        listP50Ms: om.listP50Ms,
        listP99Ms: om.listP99Ms,
        listRps: round(om.listRps, 0),
        listBytes: om.listBytes,
        non2xx: om.non2xx,
        snapshotMs: round(om.snapshotMs, 0),
        snapshotLoopMs: round(om.snapshotLoopMs, 1),
        pollLoopP50Ms: round(om.pollLoopP50Ms),
        pollLoopMaxMs: round(om.pollLoopMaxMs),
        eventsPerPoll: round(om.eventsPerPoll, 0),
        longestBlockMs: round(om.longestBlockMs, 1),
        bigMicc: om.bigMicc,
        bigTracked: om.bigTracked,
        bigSnapshotMs: round(om.bigSnapshotMs, 0),
        bigSnapshotLoopMs: round(om.bigSnapshotLoopMs, 0),
        bigSnapshotLongestBlockMs: round(om.bigSnapshotLongestBlockMs, 1),
        bigPollMoved: om.bigPollMoved,
        bigPollLongestBlockMs: round(om.bigPollLongestBlockMs, 1),
        pass:
          om.listP99Ms <= CFG.openMedia.listP99Ms &&
          om.pollLoopP50Ms <= CFG.openMedia.pollLoopMs &&
          Math.max(om.longestBlockMs, om.bigSnapshotLongestBlockMs, om.bigPollLongestBlockMs) <=
            CFG.openMedia.blockMs,
      },
      heavyWork: hw.map((f) => ({
        db: f.db,
        op: f.op,
        size: f.size,
        stallMs: round(f.stallMs, 1),
        keepAliveP99Ms: round(f.keepAliveP99Ms, 1),
        missed: f.missed,
        aliveAtEnd: f.aliveAtEnd,
        opS: round(f.opMs / 1000, 1),
        pass: f.stallMs <= HEAVY_WORK_STALL_TARGET_MS,
      })),
      scaleOut: so.json,
      refusedLogins: rl,
      browser: browserJson(br),
      backup: bk,
      warnings,
      totalS: round(totalS, 1),
    })}`,
  );
  clearTimeout(watchdog);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('bench: failed:', err);
    killIpcChildren();
    process.exit(1);
  },
);
