/**
 * Benchmark phase 8: scale-out — two product processes sharing one PostgreSQL (SPEC §2: several
 * BFF processes share sessions and license counters; §9: the reconnect storm also "on two
 * processes sharing one PostgreSQL").
 *
 * The built product (`bff/dist/index.js`) runs three times, each in its own process (all three
 * started at once), configured only by its environment and driven only over HTTP, as in
 * production: A and B on one fresh PostgreSQL schema (127.0.0.1:5432, db `test`, or PG_TEST_URL as
 * the tests, or a throwaway one when none answers there: src/test/pg-server.ts; dropped at the
 * end), and, for comparison, one process on its own SQLite file. One
 * license file with 1,500 Data Access licenses (what a REST session of the bench's application,
 * Acme Call Recorder, takes).
 *  a. REST keep-alive throughput of the pair (half the connections on each process, every session's
 *     keep-alives going to both) against the single SQLite process, same sessions and connections,
 *     best of alternating rounds: the ratio.
 *  b. Reconnect storm on the fresh pair: 1,500 REST logins, half through each, 100 at a time (as
 *     phase 3 on one process): ≤ 3 s, all ok; then the same on the fresh SQLite process, as a
 *     measure of how busy the machine is at that moment (information). Then everyone logs out.
 *  c. 5,000 logins at once (1,000 sockets, half on each) for the 1,500 licenses: exactly 1,500
 *     succeed, the other 3,500 get "No License", and both processes' Overviews (GET /api/v1/overview,
 *     signed in as an administrator) agree on the counts.
 * Everything listens on 127.0.0.1; every step is bounded in count and time; the processes are
 * stopped (SIGTERM, then SIGKILL after 15 s; also if the orchestrator exits), the schema dropped
 * and the temp folder removed. BENCH_CPU_PROF=<dir> profiles each process in <dir>/scale-out-<name>/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { DEFAULT_PG_TEST_URL, ensureTestPostgres } from '../src/test/pg-server.js';
import { ACME, LICENSE, LOCAL_PASSWORD } from './protocol.js';

const REST_PATH = '/mitel/oig/rest/resources/v1/sessions';
const ADMIN_PASSWORD = 'bench-admin-password';
const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SCALE_OUT = {
  licenses: 1_500,
  /**
   * The pair must keep at least 60 % of one process's keep-alive throughput (§9's keep-alive floor):
   * on this 2-core machine a second process brings no CPU of its own, only its costs (PostgreSQL,
   * a cache in each process).
   */
  throughput: { sessions: 200, connections: 50, warmupS: 2, durationS: 4, rounds: 4, targetRatio: 0.6 },
  storm: { logins: 1_500, concurrency: 100, targetMs: 3_000, capMs: 25_000 },
  overbook: { logins: 5_000, sockets: 1_000, capMs: 60_000 },
  logoutConcurrency: 50,
  startMs: 30_000,
  stopMs: 15_000,
  /** Lines of a process's output shown after its banner (its error-level log), at most. */
  echoLines: 20,
} as const;

// ---- the product processes ----------------------------------------------------------------

interface Product {
  name: string;
  base: string;
  child: ChildProcess;
}

async function startProduct(
  name: string,
  dir: string,
  env: Record<string, string>,
  running: Set<ChildProcess>,
): Promise<Product> {
  const prof = process.env.BENCH_CPU_PROF;
  const child = spawn(
    process.execPath,
    [
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(prof, `scale-out-${name}`)}`] : []),
      path.join(bffDir, 'dist/index.js'),
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Only what is given here: a DATABASE_URL or OIG_* of the caller's shell must not leak in.
      env: {
        PATH: process.env.PATH ?? '',
        OIG_HOST: '127.0.0.1',
        OIG_PORT: '0',
        OIG_ADMIN_PASSWORD: ADMIN_PASSWORD,
        OIG_LOG_LEVEL: 'error',
        OIG_PROBE_INTERVAL_S: '0',
        OIG_REPORT_CHECK_S: '0',
        ...env,
      },
    },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  let err = '';
  let echoed = 0;
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    err = (err + s).slice(-2_000);
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`scale-out: process ${name} did not start within ${SCALE_OUT.startMs} ms`)),
      SCALE_OUT.startMs,
    );
    let started = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      if (started) {
        // After the banner only error-level log lines come: show the first few.
        for (const line of s.split('\n').filter(Boolean))
          if (echoed++ < SCALE_OUT.echoLines) console.log(`  [${name}] ${line.slice(0, 300)}`);
        return;
      }
      out = (out + s).slice(-4_000);
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`scale-out: process ${name} exited (${signal ?? code}): ${err.trim() || out.trim()}`));
    });
  });
  return { name, base, child };
}

async function stopProduct(p: Product): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  p.child.kill('SIGTERM');
  const kill = setTimeout(() => p.child.kill('SIGKILL'), SCALE_OUT.stopMs);
  await exited;
  clearTimeout(kill);
}

/** CPU time (user + system, ms) a process has used so far, from /proc; NaN where there is none. */
const CLOCK_TICKS_PER_S = 100;
function cpuMs(p: Product): number {
  try {
    const stat = readFileSync(`/proc/${p.child.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return NaN;
  }
}

// ---- HTTP ---------------------------------------------------------------------------------

interface Console {
  product: Product;
  cookie: string;
  csrf: string;
}

async function signIn(product: Product): Promise<Console> {
  const res = await fetch(`${product.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!res.ok) throw new Error(`scale-out: signing in to ${product.name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { product, cookie, csrf: csrfToken };
}

async function createAccount(c: Console): Promise<void> {
  const res = await fetch(`${c.product.base}/api/v1/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: c.cookie, 'x-csrf-token': c.csrf },
    body: JSON.stringify({
      companyName: ACME.companyName,
      applicationName: ACME.applicationName,
      localPassword: LOCAL_PASSWORD,
    }),
  });
  if (res.status !== 201)
    throw new Error(`scale-out: account on ${c.product.name}: ${res.status} ${await res.text()}`);
}

interface Overview {
  applications: number;
  sessions: number;
  licensing: { dataAccess: { available: number; used: number } };
}

async function overview(c: Console): Promise<Overview> {
  const res = await fetch(`${c.product.base}/api/v1/overview`, { headers: { cookie: c.cookie } });
  if (!res.ok) throw new Error(`scale-out: Overview of ${c.product.name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Overview;
}

function rest(
  url: string,
  agent: http.Agent,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end();
  });
}

const loginQuery = `?${new URLSearchParams({ applicationName: ACME.applicationName, companyName: ACME.companyName })}`;

type LoginOutcome = { sessionId: string } | { failure: string };

/** One REST login; a failure is named by its status and answer (or the socket error). */
async function restLogin(p: Product, agent: http.Agent): Promise<LoginOutcome> {
  try {
    const r = await rest(`${p.base}${REST_PATH}${loginQuery}`, agent, 'GET', {
      authorization: LOCAL_PASSWORD,
      applicationinfo: ACME.applicationPassword,
    });
    const body = JSON.parse(r.body) as { result?: unknown; sessionId?: unknown; error?: unknown };
    if (r.status === 200 && body.result === true && typeof body.sessionId === 'string')
      return { sessionId: body.sessionId };
    return { failure: `${r.status} ${String(body.error)}` };
  } catch (e) {
    return { failure: (e as Error).message };
  }
}

/** Logs out every session, `concurrency` at a time, alternating between the processes. */
async function logoutAll(pair: readonly Product[], ids: readonly string[]): Promise<number> {
  const agents = pair.map(() => new http.Agent({ keepAlive: true, maxSockets: SCALE_OUT.logoutConcurrency }));
  let next = 0;
  let failed = 0;
  try {
    await Promise.all(
      Array.from({ length: SCALE_OUT.logoutConcurrency }, async () => {
        while (next < ids.length) {
          const i = next++;
          const k = i % pair.length;
          const r = await rest(`${pair[k]!.base}${REST_PATH}`, agents[k]!, 'DELETE', {
            authorization: ids[i]!,
          }).catch(() => ({ status: 0 }));
          if (r.status !== 200) failed++;
        }
      }),
    );
  } finally {
    for (const a of agents) a.destroy();
  }
  return failed;
}

/** Runs `n` logins all at once, the i-th through process i mod 2, until done or `capMs`. */
async function loginBurst(pair: readonly Product[], n: number, sockets: number, capMs: number) {
  const agents = pair.map(
    () => new http.Agent({ keepAlive: true, maxSockets: Math.ceil(sockets / pair.length) }),
  );
  const ids: string[] = [];
  const byProcess = pair.map(() => 0);
  const failures = new Map<string, number>();
  let firstMs = NaN;
  const t0 = performance.now();
  const all = Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const k = i % pair.length;
      const r = await restLogin(pair[k]!, agents[k]!);
      if ('sessionId' in r) {
        if (ids.length === 0) firstMs = performance.now() - t0;
        ids.push(r.sessionId);
        byProcess[k]!++;
      } else failures.set(r.failure, (failures.get(r.failure) ?? 0) + 1);
    }),
  );
  let capped = false;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    all,
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        capped = true;
        resolve();
      }, capMs);
    }),
  ]);
  const ms = performance.now() - t0;
  clearTimeout(timer);
  for (const a of agents) a.destroy();
  return { ms, firstMs, ids, byProcess, failures, capped };
}

/** Keep-alives (PUT) for `durationS` on `connections`, cycling through `ids` from `offset`. */
function keepAlives(
  p: Product,
  ids: readonly string[],
  offset: number,
  connections: number,
  durationS: number,
) {
  let i = offset;
  return autocannon({
    url: p.base,
    connections,
    duration: durationS,
    timeout: 10,
    requests: [
      {
        method: 'PUT',
        path: REST_PATH,
        setupRequest: (r) => ({ ...r, headers: { ...r.headers, authorization: ids[i++ % ids.length]! } }),
      },
    ],
  }) as PromiseLike<Result>;
}

// ---- the phase ----------------------------------------------------------------------------

/** A line of run.ts's summary: metric, measured, target, pass (, information only). */
export type SummaryRow = [string, string, string, boolean, boolean?];

const fmt = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : String(v));
const n = (v: number) => v.toLocaleString('en-US');
const failureList = (f: Map<string, number>) => [...f].map(([k, c]) => `${c} × ${k}`).join('; ');

export async function scaleOutBench(log: (s: string) => void, warnings: string[]) {
  const schema = `bench_scale_out_${randomBytes(5).toString('hex')}`;
  log(`\n[8] scale-out: two processes on one PostgreSQL (schema ${schema}) vs one on SQLite`);
  const server = await ensureTestPostgres(process.env.PG_TEST_URL || DEFAULT_PG_TEST_URL);
  const PG_URL = server.url;
  log(`    on ${server.description}`);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect().catch(async (e: unknown) => {
    await server.stop();
    throw new Error(`scale-out needs PostgreSQL at ${new URL(PG_URL).host}: ${(e as Error).message}`);
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'oig-bench-scale-out-'));
  const licenseFile = path.join(dir, 'license.json');
  writeFileSync(licenseFile, JSON.stringify({ ...LICENSE, dataAccess: SCALE_OUT.licenses }));
  const running = new Set<ChildProcess>();
  // If the orchestrator exits (its watchdog, a failure), the products must not linger.
  const killAll = () => {
    for (const c of running) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const products: Product[] = [];
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const onPg = (name: string) => {
      mkdirSync(path.join(dir, name));
      return {
        OIG_DATA_DIR: path.join(dir, name),
        OIG_LICENSE_FILE: licenseFile,
        DATABASE_URL: PG_URL,
        OIG_DB_SCHEMA: schema,
      };
    };
    // Both start at once on the empty schema, as a deployment may start them.
    mkdirSync(path.join(dir, 'single'));
    const onSqlite = { OIG_DATA_DIR: path.join(dir, 'single'), OIG_LICENSE_FILE: licenseFile };
    // A and B start at once on the empty schema, as a deployment may start them.
    const started = await Promise.all([
      startProduct('A', dir, onPg('A'), running),
      startProduct('B', dir, onPg('B'), running),
      startProduct('single', dir, onSqlite, running),
    ]);
    products.push(...started);
    const [a, b, single] = started;
    const pair = [a, b];
    const consoles = await Promise.all(pair.map(signIn));
    await createAccount(consoles[0]!);
    await createAccount(await signIn(single));
    log(
      `  A ${a.base} and B ${b.base} on PostgreSQL (account created through A); single ${single.base} on SQLite`,
    );

    // ---- b. reconnect storm on the fresh pair (then, for comparison, on the fresh single) ----
    const s = SCALE_OUT.storm;
    const stormOn = async (on: readonly Product[]) => {
      const cpu0 = on.map(cpuMs);
      const r = await loginBurst(on, s.logins, s.concurrency, s.capMs);
      const cpu = on.map((p, k) => cpuMs(p) - cpu0[k]!);
      log(
        `  b. storm on ${on.map((p) => p.name).join(' + ')}: ${n(r.ids.length)} of ${n(s.logins)} REST logins ok ` +
          `in ${fmt(r.ms)} ms (${s.concurrency} at a time; ${on.map((p, k) => `${p.name} ${r.byProcess[k]}`).join(', ')}; ` +
          `first after ${fmt(r.firstMs)} ms; CPU used ${on.map((p, k) => `${p.name} ${fmt(cpu[k]!)} ms`).join(', ')})` +
          `${r.capped ? ' — CAPPED' : ''}`,
      );
      if (r.failures.size) log(`     failures: ${failureList(r.failures)}`);
      if (r.ids.length !== s.logins)
        warnings.push(
          `scale-out storm on ${on.length} process(es): ${s.logins - r.ids.length} logins failed`,
        );
      const logoutFailed = await logoutAll(on, r.ids);
      if (logoutFailed) throw new Error(`scale-out: ${logoutFailed} logouts after the storm failed`);
      return r;
    };
    const storm = await stormOn(pair);
    const singleStorm = await stormOn([single]);

    // ---- a. keep-alive throughput: the pair vs one process on SQLite ----
    const t = SCALE_OUT.throughput;
    const sessions = async (on: readonly Product[]) => {
      const r = await loginBurst(on, t.sessions, 20, 30_000);
      if (r.ids.length !== t.sessions)
        throw new Error(`scale-out: ${t.sessions - r.ids.length} logins failed: ${failureList(r.failures)}`);
      return r.ids;
    };
    const pairIds = await sessions(pair);
    const singleIds = await sessions([single]);
    const bad = (r: Result) => r.non2xx + r.errors + r.timeouts;
    const run = async (which: 'single' | 'pair', durationS: number) => {
      const on = which === 'pair' ? pair : [single];
      const ids = which === 'pair' ? pairIds : singleIds;
      const cpu0 = on.reduce((sum, p) => sum + cpuMs(p), 0);
      const results = await Promise.all(
        on.map((p, k) =>
          keepAlives(p, ids, (k * ids.length) / on.length, t.connections / on.length, durationS),
        ),
      );
      const cpu = on.reduce((sum, p) => sum + cpuMs(p), 0) - cpu0;
      const answered = results.reduce((sum, r) => sum + r['2xx'] + r.non2xx, 0);
      const failed = results.reduce((sum, r) => sum + bad(r), 0);
      if (failed) warnings.push(`scale-out ${which} keep-alive: ${failed} not answered 200`);
      return {
        rps: results.reduce((sum, r) => sum + r.requests.average, 0),
        p99: Math.max(...results.map((r) => r.latency.p99)),
        cpuUsPerReq: (cpu * 1000) / Math.max(1, answered),
      };
    };
    await run('single', t.warmupS);
    await run('pair', t.warmupS);
    const rps = { single: [] as number[], pair: [] as number[] };
    const cpuUs = { single: [] as number[], pair: [] as number[] };
    const roundRatios: number[] = [];
    for (let round = 0; round < t.rounds; round++) {
      const order = round % 2 === 0 ? (['single', 'pair'] as const) : (['pair', 'single'] as const);
      const got: Partial<Record<'single' | 'pair', number>> = {};
      for (const which of order) {
        const r = await run(which, t.durationS);
        got[which] = r.rps;
        rps[which].push(r.rps);
        cpuUs[which].push(r.cpuUsPerReq);
        log(
          `  a. round ${round + 1} ${which.padEnd(6)} ${fmt(r.rps).padStart(7)} req/s  p99 ${r.p99} ms  ` +
            `server CPU ${fmt(r.cpuUsPerReq, 1)} µs/req`,
        );
      }
      roundRatios.push(got.pair! / got.single!);
    }
    await stopProduct(single);
    const best = { single: Math.max(...rps.single), pair: Math.max(...rps.pair) };
    const cpuBest = { single: Math.min(...cpuUs.single), pair: Math.min(...cpuUs.pair) };
    const ratio = best.pair / best.single;
    log(
      `  a. best of ${t.rounds}: pair ${fmt(best.pair)} req/s, single ${fmt(best.single)} req/s, ratio ${fmt(ratio, 3)} ` +
        `(rounds ${roundRatios.map((x) => fmt(x, 2)).join(', ')}); server CPU per keep-alive: pair ` +
        `${fmt(cpuBest.pair, 1)} µs, single ${fmt(cpuBest.single, 1)} µs`,
    );
    const pairLogoutFailed = await logoutAll(pair, pairIds);
    if (pairLogoutFailed)
      throw new Error(`scale-out: ${pairLogoutFailed} logouts after the keep-alives failed`);

    // ---- c. more logins than licenses ----
    const o = SCALE_OUT.overbook;
    const before = await overview(consoles[0]!);
    if (before.licensing.dataAccess.used !== 0 || before.sessions !== 0)
      throw new Error(`scale-out: ${before.sessions} sessions still live before the overbooking`);
    const over = await loginBurst(pair, o.logins, o.sockets, o.capMs);
    const noLicense = [...over.failures]
      .filter(([k]) => k === '403 No License')
      .reduce((sum, [, c]) => sum + c, 0);
    const others = new Map([...over.failures].filter(([k]) => k !== '403 No License'));
    const views = await Promise.all(consoles.map(overview));
    const counts = views.map((v) => ({ sessions: v.sessions, dataAccessUsed: v.licensing.dataAccess.used }));
    const agree = JSON.stringify(views[0]) === JSON.stringify(views[1]);
    const exact =
      over.ids.length === SCALE_OUT.licenses &&
      noLicense === o.logins - SCALE_OUT.licenses &&
      counts.every((c) => c.sessions === SCALE_OUT.licenses && c.dataAccessUsed === SCALE_OUT.licenses);
    log(
      `  c. ${n(o.logins)} logins at once (${n(o.sockets)} sockets, half on each) for ${n(SCALE_OUT.licenses)} licenses: ` +
        `${n(over.ids.length)} ok (A ${over.byProcess[0]}, B ${over.byProcess[1]}), ${n(noLicense)} No License, ` +
        `${n(o.logins - over.ids.length - noLicense)} other, in ${fmt(over.ms)} ms${over.capped ? ' — CAPPED' : ''}`,
    );
    if (others.size) log(`     other answers: ${failureList(others)}`);
    log(
      `  c. Overviews: A ${counts[0]!.sessions} sessions / ${counts[0]!.dataAccessUsed} Data Access used, ` +
        `B ${counts[1]!.sessions} / ${counts[1]!.dataAccessUsed}; ${agree ? 'identical' : 'DIFFERENT'}`,
    );
    const pass = {
      throughput: ratio >= t.targetRatio,
      storm: storm.ms <= s.targetMs && storm.ids.length === s.logins && !storm.capped,
      overbook: exact && agree && !over.capped,
    };
    const rows: SummaryRow[] = [
      [
        'Scale-out: keep-alive throughput, 2 processes on PostgreSQL / 1 on SQLite',
        `${fmt(ratio, 3)} (${fmt(best.pair)}/${fmt(best.single)} req/s)`,
        `>= ${t.targetRatio}`,
        pass.throughput,
      ],
      [
        `Scale-out: reconnect storm (${n(s.logins)} REST logins, 2 processes on PostgreSQL)`,
        `${fmt(storm.ms)} ms, ${n(storm.ids.length)}/${n(s.logins)} ok (1 on SQLite, same run: ${fmt(singleStorm.ms)} ms)`,
        `<= ${s.targetMs} ms, all ok`,
        pass.storm,
      ],
      [
        `Scale-out: ${n(o.logins)} logins for ${n(SCALE_OUT.licenses)} licenses (2 processes)`,
        `${n(over.ids.length)} ok, ${n(noLicense)} No License; Overviews ${agree ? 'agree' : 'DIFFER'}`,
        `exactly ${n(SCALE_OUT.licenses)}, agree`,
        pass.overbook,
      ],
    ];
    const round = (v: number, d = 0) => (Number.isFinite(v) ? Number(v.toFixed(d)) : null);
    const json = {
      pairRps: round(best.pair),
      singleRps: round(best.single),
      ratio: round(ratio, 3),
      roundRatios: roundRatios.map((x) => round(x, 3)),
      pairCpuUsPerReq: round(cpuBest.pair, 1),
      singleCpuUsPerReq: round(cpuBest.single, 1),
      targetRatio: t.targetRatio,
      stormMs: round(storm.ms),
      stormOk: storm.ids.length,
      singleStormMs: round(singleStorm.ms),
      stormLogins: s.logins,
      stormTargetMs: s.targetMs,
      overbookLogins: o.logins,
      overbookOk: over.ids.length,
      overbookNoLicense: noLicense,
      overbookMs: round(over.ms),
      overviews: counts,
      overviewsAgree: agree,
      pass,
    };
    return { rows, json };
  } finally {
    await Promise.all(products.map(stopProduct));
    process.removeListener('exit', killAll);
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
