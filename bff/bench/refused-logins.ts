/**
 * Bench phase 10: the cost of recording refused application logins. Two product processes
 * (bench/target.ts, SQLite each): one records refused logins as shipped, the other records none
 * (`refusedLoginBufferMax: 0`: each refusal only counted). In rounds, alternating which goes first,
 * each takes a batch of accepted REST logins while a storm of 5,000 refused ones arrives at the same
 * time: each an unknown application of its own, from a client address of its own (X-Forwarded-For
 * behind a trusted loopback proxy), so 5,000 distinct rows and none folded by the per-address cap,
 * the worst case for the writes. The figure is the accepted batch's time with recording over its
 * time without (best of the rounds each): target ≤ 1.10 (recording slows accepted logins by at most
 * 10 %). Both arms pay the storm's own cost (its HTTP requests, the throttle's failure counters);
 * only the recording differs.
 */
import http from 'node:http';
import { IpcChild } from '../src/test/ipc.js';
import { ACME, LOCAL_PASSWORD, type Command } from './protocol.js';

const REST_PATH = '/mitel/oig/rest/resources/v1/sessions';

export const REFUSED_BENCH = {
  storm: 5_000,
  stormConcurrency: 20,
  accepted: 1_000,
  acceptedConcurrency: 20,
  rounds: 6,
  targetRatio: 1.1,
};

export interface RefusedLoginsFigure {
  /** Accepted batch time (ms) during the storm, best of the rounds: recording on, off. */
  withMs: number;
  withoutMs: number;
  ratio: number;
  /** Accepted batch time alone (ms, recording on), for scale. */
  aloneMs: number;
  /** Rows the recording process stored for its last storm (≤ the storm: identical refusals share one). */
  rowsLastStorm: number;
  rounds: Array<{ withMs: number; withoutMs: number }>;
  /** The rounds' own ratios (with ÷ without), and their lower median. */
  roundRatios: number[];
  medianRoundRatio: number;
}

function get(url: string, agent: http.Agent, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'GET', agent, headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

const query = (companyName: string, applicationName: string) =>
  `?${new URLSearchParams({ applicationName, companyName })}`;

/** `n` accepted REST logins, `concurrency` at a time; returns the elapsed ms (every one must be 200). */
async function accepted(base: string, agent: http.Agent, n: number, concurrency: number): Promise<number> {
  const t0 = performance.now();
  let bad = 0;
  await pool(n, concurrency, async () => {
    const status = await get(`${base}${REST_PATH}${query(ACME.companyName, ACME.applicationName)}`, agent, {
      authorization: LOCAL_PASSWORD,
      applicationinfo: ACME.applicationPassword,
    });
    if (status !== 200) bad++;
  });
  if (bad > 0) throw new Error(`${bad} of ${n} accepted logins were refused`);
  return performance.now() - t0;
}

/** The storm: `n` logins of unknown applications (names of this round), all refused (401). */
async function storm(base: string, agent: http.Agent, round: string, n: number, concurrency: number) {
  let bad = 0;
  await pool(n, concurrency, async (i) => {
    const status = await get(`${base}${REST_PATH}${query('Storm Inc', `Storm ${round} ${i}`)}`, agent, {
      authorization: 'wrong-password',
      applicationinfo: 'wrong-app-password',
      // A client of its own (10.0.0.0/8 has room for every storm): no per-address fold.
      'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    });
    if (status !== 401) bad++;
  });
  if (bad > 0) throw new Error(`${bad} of ${n} storm logins were not refused with 401`);
}

export async function refusedLoginsBench(log: (s: string) => void): Promise<RefusedLoginsFigure> {
  const c = REFUSED_BENCH;
  log(
    `\n[10] Recording refused logins: ${c.accepted} accepted REST logins during a storm of ${c.storm.toLocaleString('en-US')} refused ones, recording on vs off (${c.rounds} rounds)`,
  );
  const fork = async (refusedLoginBufferMax?: number) => {
    const child = IpcChild.fork<Command>(new URL('./target.ts', import.meta.url), {
      label: 'target',
      execArgv: process.execArgv,
    });
    await child.ready;
    const { productUrl } = await child.call<{ productUrl: string }>({
      op: 'start',
      withBare: false,
      trustLoopbackProxy: true,
      ...(refusedLoginBufferMax !== undefined ? { refusedLoginBufferMax } : {}),
    });
    return { child, url: productUrl };
  };
  const on = await fork();
  const off = await fork(0);
  const agent = new http.Agent({ keepAlive: true, maxSockets: c.acceptedConcurrency + c.stormConcurrency });
  try {
    // Warm both: the local password's one slow hash, JIT, the first transactions.
    for (const p of [on, off]) {
      await accepted(p.url, agent, 200, c.acceptedConcurrency);
      await storm(p.url, agent, 'warm', 500, c.stormConcurrency);
    }
    const aloneMs = await accepted(on.url, agent, c.accepted, c.acceptedConcurrency);
    const rounds: Array<{ withMs: number; withoutMs: number }> = [];
    for (let r = 0; r < c.rounds; r++) {
      const order = r % 2 === 0 ? [on, off] : [off, on];
      const got = new Map<string, number>();
      for (const p of order) {
        const [ms] = await Promise.all([
          accepted(p.url, agent, c.accepted, c.acceptedConcurrency),
          storm(p.url, agent, `r${r}`, c.storm, c.stormConcurrency),
        ]);
        got.set(p === on ? 'with' : 'without', ms);
      }
      const round = { withMs: got.get('with')!, withoutMs: got.get('without')! };
      rounds.push(round);
      log(
        `  round ${r + 1}: accepted batch ${round.withMs.toFixed(0)} ms with recording, ${round.withoutMs.toFixed(0)} ms without`,
      );
    }
    const rowsLastStorm = await on.child.call<number>({
      op: 'refusedRows',
      like: `Storm r${c.rounds - 1} %`,
    });
    const withMs = Math.min(...rounds.map((x) => x.withMs));
    const withoutMs = Math.min(...rounds.map((x) => x.withoutMs));
    const ratio = withMs / withoutMs;
    const roundRatios = rounds.map((x) => x.withMs / x.withoutMs);
    const medianRoundRatio = [...roundRatios].sort((a, b) => a - b)[
      Math.floor((roundRatios.length - 1) / 2)
    ]!;
    log(
      `  round ratios ${roundRatios.map((x) => x.toFixed(2)).join(', ')} (lower median ${medianRoundRatio.toFixed(3)})`,
    );
    log(
      `  best: ${withMs.toFixed(0)} ms with, ${withoutMs.toFixed(0)} ms without → ratio ${ratio.toFixed(3)} (alone ${aloneMs.toFixed(0)} ms; ${rowsLastStorm.toLocaleString('en-US')} rows stored for the last storm of ${c.storm.toLocaleString('en-US')})`,
    );
    return { withMs, withoutMs, ratio, aloneMs, rowsLastStorm, rounds, roundRatios, medianRoundRatio };
  } finally {
    agent.destroy();
    for (const p of [on, off]) {
      await p.child.call({ op: 'stop' }).catch(() => undefined);
      await p.child.close();
    }
  }
}
