/**
 * Benchmark phase 6: MiContact Center Open Media with 5,000 live requests at the MiCC (SPEC §9:
 * the console's request list answers in p99 ≤ 50 ms; issue 13: an incremental poll costs ≤ 5 ms
 * of event-loop time per round).
 *
 * The MiCC is the project's own Open Media Service (`npm run micc-sim`) in a child process, busy
 * like a contact centre: 50 agents answer and complete requests, new ones arrive all the time.
 * 1. The product's feed, in this process (nothing else runs here): one snapshot of the 5,000,
 *    then incremental polls; the event-loop time of each round is measured with
 *    `performance.eventLoopUtilization()` (active time between the round's start and end).
 * 2. The built product (`bff/dist/index.js`) in another child process, signed in as an
 *    administrator: `GET /api/v1/open-media/requests` under load (autocannon), p99, while its
 *    own feed polls the MiCC every second.
 * Everything listens on 127.0.0.1, every phase is bounded, temp folders are removed.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pino from 'pino';
import { createOpenMediaClient } from '../src/modules/open-media/client.js';
import { createOpenMediaFeed } from '../src/modules/open-media/feed.js';
import { openMediaOperations } from '../src/modules/open-media/operations.js';
import type { MiccTarget } from '../src/modules/network-elements/index.js';

const LIVE = 5_000;
const AGENTS = 50;
const POLL_ROUNDS = 40;
const POLL_EVERY_MS = 250;
const LOAD_S = 10;
const CONNECTIONS = 10;
const ADMIN_PASSWORD = 'bench-admin-password';
const here = path.dirname(fileURLToPath(import.meta.url));
const bffDir = path.resolve(here, '..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const waitFor = async (what: string, url: string, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${ms} ms`);
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export interface OpenMediaBenchResult {
  live: number;
  snapshotMs: number;
  snapshotLoopMs: number;
  pollLoopP50Ms: number;
  pollLoopMaxMs: number;
  eventsPerPoll: number;
  listP99Ms: number;
  listP50Ms: number;
  listRps: number;
  listBytes: number;
  non2xx: number;
}

export async function openMediaBench(log: (s: string) => void): Promise<OpenMediaBenchResult> {
  log(`\n[6] Open Media: ${LIVE.toLocaleString('en-US')} live requests at the MiCC (the project's peer)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'oig-bench-om-'));
  const children: ChildProcess[] = [];
  try {
    // ---- the MiCC, busy: 50 agents, quick pace, requests arriving ----
    const miccPort = await freePort();
    const agents = Array.from({ length: AGENTS }, (_, i) => ({
      id: 3000 + i,
      logonId: String(5000 + i),
      serviceGroups: [1001, 1002],
    }));
    const config = path.join(dir, 'micc.json');
    writeFileSync(
      config,
      JSON.stringify({
        serviceGroups: [
          { id: 1001, name: 'Support' },
          { id: 1002, name: 'Sales' },
        ],
        agents,
        pace: { answerAfterMs: 500, handleMs: 2_000, tickMs: 100 },
      }),
    );
    const micc = fork(
      path.join(bffDir, 'src/micc-sim/cli.ts'),
      ['--port', String(miccPort), '--config', config],
      {
        cwd: bffDir,
        execArgv: ['--conditions=@oig/source', '--import', 'tsx'],
        stdio: 'ignore',
      },
    );
    children.push(micc);
    const control = `http://127.0.0.1:${miccPort}/control`;
    await waitFor('the MiCC peer', `${control}/state`, 20_000);
    const fill = async (count: number, serviceGroupId: number) => {
      const res = await fetch(control, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'fill', count, serviceGroupId }),
      });
      if (!res.ok) throw new Error(`fill: ${res.status} ${await res.text()}`);
    };
    await fill(LIVE / 2, 1001);
    await fill(LIVE / 2, 1002);
    // New requests keep arriving while the list is read, 10 every 250 ms, sent from another
    // process so that this one measures only the feed.
    const arrivals = spawn(
      process.execPath,
      [
        '-e',
        `const u=${JSON.stringify(control)};const f=(g)=>fetch(u,{method:'POST',` +
          `headers:{'content-type':'application/json'},body:JSON.stringify({action:'fill',count:5,` +
          `serviceGroupId:g})}).catch(()=>{});setInterval(()=>{f(1001);f(1002)},250);`,
      ],
      { stdio: 'ignore' },
    );
    children.push(arrivals);

    // ---- 1. the feed in this process ----
    const target: MiccTarget = {
      elementId: 'bench',
      protocol: 'http',
      ipAddress: '127.0.0.1',
      port: miccPort,
      url: `http://127.0.0.1:${miccPort}/OpenMediaService`,
      logonId: null,
      password: null,
      key: `bench ${miccPort}`,
    };
    const feed = createOpenMediaFeed({
      ops: openMediaOperations(createOpenMediaClient({ timeoutMs: 10_000 })),
      pollMs: 0,
      retentionMs: 30 * 60_000,
      now: Date.now,
      logger: pino({ level: 'silent' }),
    });
    const loopTime = async <T>(work: () => Promise<T>) => {
      const before = performance.eventLoopUtilization();
      const t0 = performance.now();
      const value = await work();
      const elu = performance.eventLoopUtilization(before);
      return { value, wallMs: performance.now() - t0, loopMs: elu.active };
    };
    const snap = await loopTime(() => feed.read(target));
    if (snap.value.problem) throw new Error(`feed: ${snap.value.problem.message}`);
    const first = snap.value.requests.length;
    log(
      `  snapshot: ${first.toLocaleString('en-US')} requests in ${snap.wallMs.toFixed(0)} ms ` +
        `(${snap.loopMs.toFixed(1)} ms of event-loop time)`,
    );
    const rounds: number[] = [];
    let events = 0;
    let previous = new Map(snap.value.requests.map((r) => [r.openMediaId, r.at]));
    for (let i = 0; i < POLL_ROUNDS; i++) {
      await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
      const round = await loopTime(() => feed.read(target));
      if (round.value.problem) throw new Error(`feed: ${round.value.problem.message}`);
      rounds.push(round.loopMs);
      const now = new Map(round.value.requests.map((r) => [r.openMediaId, r.at]));
      for (const [id, at] of now) if (previous.get(id) !== at) events++;
      previous = now;
    }
    const sortedRounds = [...rounds].sort((a, b) => a - b);
    const eventsPerPoll = events / POLL_ROUNDS;
    log(
      `  ${POLL_ROUNDS} incremental polls every ${POLL_EVERY_MS} ms, ~${eventsPerPoll.toFixed(0)} changed requests ` +
        `each: event-loop time p50 ${quantile(sortedRounds, 0.5).toFixed(2)} ms, ` +
        `max ${sortedRounds.at(-1)!.toFixed(2)} ms`,
    );

    // ---- 2. the product under load ----
    const port = await freePort();
    const product = spawn(process.execPath, [path.join(bffDir, 'dist/index.js')], {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        OIG_HOST: '127.0.0.1',
        OIG_PORT: String(port),
        OIG_DATA_DIR: path.join(dir, 'data'),
        OIG_ADMIN_PASSWORD: ADMIN_PASSWORD,
        OIG_MICC_PORT: String(miccPort),
        OIG_OPEN_MEDIA_POLL_MS: '1000',
        OIG_PROBE_INTERVAL_S: '0',
        OIG_REPORT_CHECK_S: '0',
        OIG_LOG_LEVEL: 'error',
      },
    });
    children.push(product);
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the product', `${base}/readyz`, 30_000);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const add = await fetch(`${base}/api/v1/network-elements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ type: 'micc', setup: 'default', ipAddress: '127.0.0.1' }),
    });
    if (!add.ok) throw new Error(`adding the MiCC: ${add.status} ${await add.text()}`);
    const listUrl = `${base}/api/v1/open-media/requests`;
    const warm = await fetch(listUrl, { headers: { cookie } });
    const warmBody = (await warm.json()) as { requests: unknown[]; problem: unknown };
    if (!warm.ok || warmBody.problem || warmBody.requests.length < LIVE / 2)
      throw new Error(`the product's list: ${warm.status} ${JSON.stringify(warmBody.problem)}`);
    const result = await autocannon({
      url: listUrl,
      headers: { cookie },
      connections: CONNECTIONS,
      duration: LOAD_S,
    });
    arrivals.kill('SIGTERM');
    const listBytes = Math.round(result.throughput.average / Math.max(1, result.requests.average));
    log(
      `  GET /api/v1/open-media/requests, ${CONNECTIONS} connections for ${LOAD_S} s: ` +
        `${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `~${(listBytes / 1024).toFixed(0)} KB each, ${result.non2xx} non-2xx`,
    );
    return {
      live: first,
      snapshotMs: snap.wallMs,
      snapshotLoopMs: snap.loopMs,
      pollLoopP50Ms: quantile(sortedRounds, 0.5),
      pollLoopMaxMs: sortedRounds.at(-1)!,
      eventsPerPoll,
      listP99Ms: result.latency.p99,
      listP50Ms: result.latency.p50,
      listRps: result.requests.average,
      listBytes,
      non2xx: result.non2xx,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
