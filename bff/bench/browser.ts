/**
 * Phase 9 of `npm run bench`: the console measured in a real browser (issue 15, item 4). The product
 * (the heavy-work harness's process, bff/src/test/heavy-work/target.ts) serves the built console
 * (web/dist) on a fresh SQLite database holding 25,000 live REST sessions (real logins); Chromium
 * (/usr/bin/chromium, driven by playwright-core over CDP) opens it as a signed-in administrator — a
 * fresh browser context, so a cold cache, for every page load — and measures:
 *  a. Sessions: navigation start → the first data row of the table 'Live sessions' on screen, on a
 *     plain link and on a throttled one (150 ms latency, 1.6 Mbit/s each way: CDP
 *     Network.emulateNetworkConditions, set before navigating); ≤ 1 s plain, ≤ 3 s throttled;
 *  b. Overview: navigation start → its figures on screen (the live-session count), throttled ≤ 2.5 s
 *     (plain as information);
 *  c. heap: the Sessions tab settled with 25,000 sessions, after a forced GC (CDP
 *     HeapProfiler.collectGarbage, Runtime.getHeapUsage): < 60 MB;
 *  d. one refresh with changed data (some sessions terminated over the API, new ones logged in, then
 *     the Refresh button, clicked in the page): the main thread's busy time in a 1.5 s window from the
 *     click (CDP Performance.getMetrics TaskDuration, difference; the page must have settled in it),
 *     less the idle rate measured over an equal window just before, with the long tasks of that
 *     window (PerformanceObserver 'longtask'); ≤ 50 ms;
 *  e. the filter typed one key at a time, three times: per key, the Event Timing duration of its
 *     interaction (keydown → the next frame after its handlers, as INP counts it), median of the
 *     rounds; ≤ 50 ms per key; as information, the slowest single key, when the table had settled
 *     after each key and the longest task while typing.
 * Each figure of (a) and (b) is the median of up to three loads (the first load of each page, not
 * counted, warms the server). The in-page probe is bench/browser-probe.js. SQLite only by default:
 * what is measured is the browser's side (standalone: `… bench/browser.ts postgres` for PostgreSQL).
 * Everything listens on and is fetched from 127.0.0.1; every wait has a time-out; the browser and the
 * product's process are stopped at the end (and by the watchdog).
 *
 * Standalone: `node --conditions=@oig/source --import tsx bench/browser.ts [sqlite|postgres]` (needs
 * `npm run build --workspace=@oig/web` first; `npm run bench` builds it). CHROMIUM_PATH overrides the
 * browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, type DbKind } from '../src/test/harness.js';
import { killHeavyWorkChildren, startHeavyWork, type HeavyWork } from '../src/test/heavy-work/driver.js';
import type { SummaryRow } from './scale-out.js';

/**
 * The selector contract: what the phase relies on in the console. Whoever changes these in web/
 * changes them here (the phase fails with the name of what it could not find).
 */
export const CONTRACT = {
  /** The live-session table: role table (or grid), accessible name (aria-label/-labelledby, caption). */
  sessionsTable: 'Live sessions',
  /** The label of the live-session filter field. */
  sessionsFilter: 'Filter sessions',
  /** The test id of the live-session Refresh button. */
  refreshSessions: 'refresh-sessions',
  /** The Overview's live-session count: shows a number once the overview has been read. */
  overviewFigure: '[data-testid="stat-sessions"]',
  /** The path of the live-session read (any query string). */
  sessionsApi: '/api/v1/sessions',
} as const;

export const BROWSER = {
  sessions: 25_000,
  /** Counted loads per page and link (after one warm-up load per page). */
  runs: 3,
  /** A slower load than this many times its target stops that series (the verdict cannot change). */
  giveUpFactor: 5,
  throttle: { latencyMs: 150, bitsPerS: 1_600_000 },
  /** Typed one key at a time into the filter: matches the sessions from 10.0.7.x and 10.0.70–79.x. */
  filterText: '10.0.7',
  /** Times the filter is typed (the field cleared in between); per key, the median counts. */
  filterRounds: 3,
  /** The refresh's changed data: sessions terminated over the API, and new ones logged in. */
  change: { terminate: 300, add: 200 },
  targets: {
    sessionsPlainMs: 1_000,
    sessionsThrottledMs: 3_000,
    overviewThrottledMs: 2_500,
    refreshMainThreadMs: 50,
    heapMb: 60,
    keyMs: 50,
  },
  timeouts: { loadMs: 180_000, actionMs: 30_000, settleMs: 30_000 },
  /** The page counts as settled when the DOM has not changed for this long. */
  quietMs: 400,
  /**
   * The refresh is measured over this window from the click (the page must have settled within it):
   * the main thread's busy time in it, less the idle rate measured over an equal window before.
   */
  refreshWindowMs: 1_500,
  /** Refreshes measured, each after its own change of data; the median counts. */
  refreshRounds: 3,
  /** Standalone: the whole phase stops after this long. */
  watchdogMs: 900_000,
} as const;

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const PROBE = readFileSync(new URL('./browser-probe.js', import.meta.url), 'utf8');

type Link = 'plain' | 'throttled';
type MarkName = 'sessionsRows' | 'overviewFigures' | 'refreshed';

/** What bench/browser-probe.js keeps in the page (window.__oigBench). */
interface Probe {
  marks: Partial<Record<MarkName, { dom: number; painted: number }>>;
  lastMutation: number;
  longTasks: Array<{ start: number; duration: number }>;
  events: Array<{
    name: string;
    start: number;
    duration: number;
    processingStart: number;
    processingEnd: number;
    interactionId: number;
  }>;
  keydowns: number[];
}

export interface LoadFigure {
  /** Navigation start → on screen (ms). */
  ms: number;
  /** Bytes over the wire (resource timing transferSize, navigation included). */
  bytes: number;
  /** Requests that took less than the emulated latency (0 when throttling applied to all of them). */
  unthrottled: number;
}

export interface BrowserFigures {
  db: DbKind;
  sessions: number;
  loads: Record<'sessions' | 'overview', Record<Link, LoadFigure[]>>;
  median: Record<'sessions' | 'overview', Record<Link, number>>;
  heapMb: number;
  refresh: {
    /** Main-thread busy time in the window, less the idle rate (the figure held to its target). */
    taskMs: number;
    /** taskMs of each round, in order (the figure above is their median's round). */
    roundsTaskMs?: number[];
    /** The same without subtracting the idle rate. */
    grossTaskMs: number;
    scriptMs: number;
    longTaskSumMs: number;
    longestTaskMs: number;
    /** Click → the table showing the new total (ms), when it showed. */
    shownMs: number;
    terminated: number;
    added: number;
    expectedTotal: number;
    totalShown: boolean;
    idleTaskMsPerS: number;
  };
  filter: {
    keys: number;
    rounds: number;
    /**
     * Per key, the median over the rounds of the Event Timing duration of its interaction (ms; 0 =
     * under 16 ms, which Event Timing does not report).
     */
    keyMs: number[];
    /** Per key, the median over the rounds of keydown → the last DOM change it caused (ms). */
    settledMs: number[];
    /** The slowest key of any round (ms). */
    worstSingleKeyMs: number;
    longestTaskMs: number;
    filtered: boolean;
  };
  warnings: string[];
}

const median = (xs: readonly number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  // The upper median of an even count: the slower of the two middle loads.
  return s[Math.floor(s.length / 2)]!;
};
const fmt = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : String(v));
const n = (v: number) => v.toLocaleString('en-US');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the probe's state from the page. */
const probe = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __oigBench: Probe }).__oigBench);

/** Resolves when the probe has seen `name` on screen; its `painted` time (ms since navigation start). */
async function waitForMark(page: Page, name: MarkName, timeoutMs: number, what: string): Promise<number> {
  try {
    await page.waitForFunction(
      (m) => {
        const p = (globalThis as unknown as { __oigBench?: Probe }).__oigBench?.marks[m];
        return p !== undefined && p.painted >= 0;
      },
      name,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch (err) {
    throw new Error(
      `browser: ${what} not seen within ${timeoutMs} ms (${(err as Error).message.split('\n')[0]})`,
    );
  }
  return (await probe(page)).marks[name]!.painted;
}

/**
 * Waits until the DOM has not changed for BROWSER.quietMs (at most `timeoutMs`) and, with `mark`, until
 * the probe has seen it too (giving that up after `markWithinMs`); the last change's time. One read of
 * the page per poll, so that the quiet and the mark are seen at the same moment.
 */
async function waitQuiet(
  page: Page,
  timeoutMs: number,
  opts: { mark?: MarkName; markWithinMs?: number } = {},
): Promise<{ last: number; marked: boolean }> {
  const start = performance.now();
  for (;;) {
    const [last, now, marked] = await page.evaluate((m) => {
      const b = (globalThis as unknown as { __oigBench: Probe }).__oigBench;
      return [b.lastMutation, performance.now(), m ? b.marks[m] !== undefined : true] as const;
    }, opts.mark);
    const waited = performance.now() - start;
    if (now - last >= BROWSER.quietMs && (marked || waited > (opts.markWithinMs ?? 0)))
      return { last, marked };
    if (waited > timeoutMs) throw new Error(`browser: the page did not settle within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// ---- one page load ----------------------------------------------------------------------------

interface Opened {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
}

/** A fresh context (cold cache) signed in as the administrator, its page with the probe, on `link`. */
async function openContext(browser: Browser, url: string, link: Link): Promise<Opened> {
  const context = await browser.newContext({ baseURL: url });
  try {
    context.setDefaultTimeout(BROWSER.timeouts.actionMs);
    // A returning user: the session cookie is there before the console is opened.
    const res = await context.request.post('/api/v1/auth/login', {
      data: { username: 'admin', password: ADMIN_PASSWORD },
      timeout: BROWSER.timeouts.actionMs,
    });
    if (res.status() !== 200) throw new Error(`browser: sign-in ${res.status()} ${await res.text()}`);
    const page = await context.newPage();
    await page.addInitScript({ content: `const CONTRACT = ${JSON.stringify(CONTRACT)};\n${PROBE}` });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (link === 'throttled') {
      const bytesPerS = BROWSER.throttle.bitsPerS / 8;
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: BROWSER.throttle.latencyMs,
        downloadThroughput: bytesPerS,
        uploadThroughput: bytesPerS,
      });
    }
    return { context, page, cdp };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/** Opens `path` and waits for `mark`; navigation start → on screen, and what went over the wire. */
async function measureLoad(page: Page, path: string, mark: MarkName, what: string): Promise<LoadFigure> {
  await page.goto(path, { waitUntil: 'commit', timeout: BROWSER.timeouts.loadMs });
  const ms = await waitForMark(page, mark, BROWSER.timeouts.loadMs, what);
  const wire = await page.evaluate((latencyMs) => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    return {
      bytes: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
      // A request the emulated link delayed takes at least its latency (Chromium holds the body back).
      unthrottled: entries.filter((e) => e.responseEnd > 0 && e.responseEnd - e.startTime < latencyMs * 0.9)
        .length,
    };
  }, BROWSER.throttle.latencyMs);
  return { ms, ...wire };
}

async function loadSeries(
  browser: Browser,
  url: string,
  page: 'sessions' | 'overview',
  link: Link,
  targetMs: number,
  log: (s: string) => void,
  warnings: string[],
): Promise<LoadFigure[]> {
  const mark: MarkName = page === 'sessions' ? 'sessionsRows' : 'overviewFigures';
  const what =
    page === 'sessions' ? `a data row of the table '${CONTRACT.sessionsTable}'` : 'the Overview figures';
  const loads: LoadFigure[] = [];
  for (let i = 0; i < BROWSER.runs; i++) {
    const o = await openContext(browser, url, link);
    try {
      const f = await measureLoad(o.page, `/${page}`, mark, what);
      loads.push(f);
      log(
        `  /${page} on the ${link} link, load ${i + 1}: ${fmt(f.ms)} ms to ${what} on screen ` +
          `(${fmt(f.bytes / 1024)} KB over the wire)`,
      );
      if (link === 'throttled' && f.unthrottled > 0) {
        const w = `browser: ${f.unthrottled} request(s) of /${page} answered faster than the emulated latency`;
        log(`  WARNING ${w}`);
        warnings.push(w);
      }
      if (f.ms > BROWSER.giveUpFactor * targetMs) {
        log(`  (more than ${BROWSER.giveUpFactor}× the target: no further loads of this series)`);
        break;
      }
    } finally {
      await o.context.close();
    }
  }
  return loads;
}

// ---- the Sessions tab at work: heap, a refresh, the filter ---------------------------------------

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function sessionsAtWork(
  browser: Browser,
  w: HeavyWork,
  log: (s: string) => void,
  warnings: string[],
): Promise<Pick<BrowserFigures, 'heapMb' | 'refresh' | 'filter'>> {
  const { page, cdp, context } = await openContext(browser, w.url, 'plain');
  try {
    await measureLoad(
      page,
      '/sessions',
      'sessionsRows',
      `a data row of the table '${CONTRACT.sessionsTable}'`,
    );
    await waitQuiet(page, BROWSER.timeouts.settleMs);

    // c. Heap with 25,000 sessions shown.
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const heapMb = heap.usedSize / (1024 * 1024);
    log(
      `  heap after a forced GC, Sessions tab settled: ${fmt(heapMb, 1)} MB used (${fmt(heap.totalSize / 1048576, 1)} MB allocated)`,
    );

    // d. Refreshes with changed data, BROWSER.refreshRounds of them (the median counts).
    const refreshes: BrowserFigures['refresh'][] = [];
    for (let round = 0; round < BROWSER.refreshRounds; round++) {
      const listed = await w.console.json<{ sessions: Array<{ id: string }> }>(
        CONTRACT.sessionsApi.replace('/api/v1', ''),
      );
      const ids = listed.sessions.slice(0, BROWSER.change.terminate).map((s) => s.id);
      const { terminated } = await w.console.json<{ terminated: number }>('/sessions/terminate', {
        method: 'POST',
        body: JSON.stringify({ ids }),
      });
      const added = await w.target.call<number>({
        op: 'seed',
        what: 'liveSessions',
        rows: BROWSER.change.add,
      });
      const expectedTotal = (refreshes.at(-1)?.expectedTotal ?? BROWSER.sessions) - terminated + added;
      log(
        `  data changed: ${terminated} sessions terminated over the API, ${added} logged in; ${n(expectedTotal)} live`,
      );

      // The main thread's idle cost (timers, the probe) over a window as long as the refresh's, with no
      // read of the page meanwhile: subtracted from the refresh's busy time.
      await waitQuiet(page, BROWSER.timeouts.settleMs);
      const idle0 = await metrics(cdp);
      const idleT0 = performance.now();
      await sleep(BROWSER.refreshWindowMs);
      const idle1 = await metrics(cdp);
      const idleTaskMsPerS =
        ((idle1.TaskDuration! - idle0.TaskDuration!) * 1000) / ((performance.now() - idleT0) / 1000);

      await page.evaluate((text) => {
        (
          globalThis as unknown as { __oigBench: { expectText(n: string, t: string): void } }
        ).__oigBench.expectText('refreshed', text);
      }, n(expectedTotal));
      if ((await probe(page)).marks.refreshed) {
        const msg = 'browser: an automatic refresh showed the changed data before the Refresh click';
        log(`  WARNING ${msg}`);
        warnings.push(msg);
      }
      const before = await metrics(cdp);
      const clickAt = await page.evaluate(() => performance.now());
      const answered = page.waitForResponse(
        (r) => new URL(r.url()).pathname.startsWith(CONTRACT.sessionsApi) && r.request().method() === 'GET',
        { timeout: BROWSER.timeouts.actionMs },
      );
      // The click is dispatched in the page, as a user's click arrives: Playwright's own click (scrolling
      // into view, hit tests, waiting for stable frames) costs the main thread ~40 ms by itself, which
      // is the harness's work, not the console's.
      await page.evaluate((id) => {
        const button = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
        if (!button) throw new Error(`no [data-testid="${id}"] on the page`);
        button.click();
      }, CONTRACT.refreshSessions);
      const windowT0 = performance.now();
      const res = await answered;
      if (!res.ok()) throw new Error(`browser: the refresh's read answered ${res.status()}`);
      // No read of the page during the window (each would cost the main thread): the metrics at its
      // end, then whether the page had settled within it.
      await sleep(Math.max(0, BROWSER.refreshWindowMs - (performance.now() - windowT0)));
      const after = await metrics(cdp);
      const windowMs = performance.now() - windowT0;
      const state = await probe(page);
      const lastChange = state.lastMutation;
      const totalShown = state.marks.refreshed !== undefined;
      if (lastChange > clickAt + BROWSER.refreshWindowMs - BROWSER.quietMs) {
        const msg = `browser: the page was still changing ${fmt(lastChange - clickAt)} ms after the Refresh click`;
        log(`  WARNING ${msg}`);
        warnings.push(msg);
      }
      if (!totalShown) {
        const msg = `browser: after the refresh the page never showed the new total ${n(expectedTotal)}`;
        log(`  WARNING ${msg}`);
        warnings.push(msg);
      }
      const tasks = state.longTasks.filter((t) => t.start >= clickAt && t.start <= lastChange + 1);
      const refresh = {
        taskMs: Math.max(
          0,
          (after.TaskDuration! - before.TaskDuration!) * 1000 - (idleTaskMsPerS * windowMs) / 1000,
        ),
        grossTaskMs: (after.TaskDuration! - before.TaskDuration!) * 1000,
        scriptMs: (after.ScriptDuration! - before.ScriptDuration!) * 1000,
        longTaskSumMs: tasks.reduce((s, t) => s + t.duration, 0),
        longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
        shownMs: state.marks.refreshed ? state.marks.refreshed.painted - clickAt : NaN,
        terminated,
        added,
        expectedTotal,
        totalShown,
        idleTaskMsPerS,
      };
      log(
        `  refresh (click → settled, ${fmt(lastChange - clickAt)} ms): main thread busy ${fmt(refresh.taskMs, 1)} ms ` +
          `(${fmt(refresh.grossTaskMs, 1)} ms in the ${fmt(windowMs)} ms window less the idle rate; script ${fmt(refresh.scriptMs, 1)} ms), ${tasks.length} long task(s) summing ${fmt(refresh.longTaskSumMs)} ms, ` +
          `longest ${fmt(refresh.longestTaskMs)} ms; new total on screen after ${fmt(refresh.shownMs)} ms; ` +
          `idle: ${fmt(idleTaskMsPerS, 1)} ms of tasks per second`,
      );
      refreshes.push(refresh);
    }
    const byTask = [...refreshes].sort((x, y) => x.taskMs - y.taskMs);
    const refresh = {
      ...byTask[Math.floor(byTask.length / 2)]!,
      roundsTaskMs: refreshes.map((r) => r.taskMs),
    };

    // e. The filter, one key at a time, in rounds (the field cleared between them).
    const field = page.getByLabel(CONTRACT.sessionsFilter, { exact: true });
    await field.click();
    const keys = [...BROWSER.filterText];
    const rounds: Array<{ keyMs: number[]; settledMs: number[] }> = [];
    let longestTaskMs = 0;
    for (let round = 0; round < BROWSER.filterRounds; round++) {
      if (round > 0) await field.fill('');
      await waitQuiet(page, BROWSER.timeouts.settleMs);
      const firstKey = (await probe(page)).keydowns.length;
      const settledAt: number[] = [];
      for (const ch of keys) {
        await page.keyboard.press(ch);
        settledAt.push((await waitQuiet(page, BROWSER.timeouts.settleMs)).last);
      }
      const end = await probe(page);
      const roundEnd = await page.evaluate(() => performance.now());
      const downs = end.keydowns.slice(firstKey);
      if (downs.length !== keys.length)
        throw new Error(`browser: ${downs.length} keydowns seen for ${keys.length} keys`);
      rounds.push({
        // Each key's interaction: the longest Event Timing entry from its keydown to the next key's.
        keyMs: downs.map((t, i) => {
          const until = downs[i + 1] ?? roundEnd;
          const mine = end.events.filter((e) => e.start >= t - 1 && e.start < until - 1);
          return Math.max(0, ...mine.map((e) => e.duration));
        }),
        settledMs: downs.map((t, i) => Math.max(0, settledAt[i]! - t)),
      });
      const typed = end.longTasks.filter((t) => t.start >= downs[0]! - 1 && t.start < roundEnd);
      longestTaskMs = Math.max(longestTaskMs, ...typed.map((t) => t.duration));
      log(
        `  filter '${BROWSER.filterText}', round ${round + 1}: interaction per key ` +
          `${rounds[round]!.keyMs.map((x) => (x ? fmt(x) : '<16')).join(', ')} ms; table settled after ` +
          `${rounds[round]!.settledMs.map((x) => fmt(x)).join(', ')} ms`,
      );
    }
    // Per key, the median over the rounds (one slow frame on a shared machine is not the key's cost).
    const keyMs = keys.map((_, i) => median(rounds.map((r) => r.keyMs[i]!)));
    const settledMs = keys.map((_, i) => median(rounds.map((r) => r.settledMs[i]!)));
    const worstSingleKeyMs = Math.max(...rounds.flatMap((r) => r.keyMs));
    const firstRow = await page
      .getByRole('table', { name: CONTRACT.sessionsTable })
      .getByRole('row')
      .nth(1)
      .textContent({ timeout: BROWSER.timeouts.actionMs });
    const filtered = (firstRow ?? '').includes(BROWSER.filterText);
    if (!filtered) {
      const msg = `browser: after typing '${BROWSER.filterText}' the first row does not contain it: ${firstRow}`;
      log(`  WARNING ${msg}`);
      warnings.push(msg);
    }
    log(
      `  filter per key, median of ${rounds.length} rounds: ${keyMs.map((x) => (x ? fmt(x) : '<16')).join(', ')} ms ` +
        `(slowest single key ${fmt(worstSingleKeyMs)} ms); longest task while typing ${fmt(longestTaskMs)} ms`,
    );
    return {
      heapMb,
      refresh,
      filter: {
        keys: keys.length,
        rounds: rounds.length,
        keyMs,
        settledMs,
        worstSingleKeyMs,
        longestTaskMs,
        filtered,
      },
    };
  } finally {
    await context.close();
  }
}

// ---- the phase -----------------------------------------------------------------------------------

export async function browserBench(
  log: (s: string) => void,
  kind: DbKind = 'sqlite',
): Promise<BrowserFigures> {
  log(
    `\n[9] The console in Chromium: ${n(BROWSER.sessions)} live sessions on ${kind}, plain link and ` +
      `${BROWSER.throttle.latencyMs} ms / ${BROWSER.throttle.bitsPerS / 1e6} Mbit/s; a fresh context per load`,
  );
  if (!existsSync(`${WEB_DIST}index.html`))
    throw new Error(`browser: no built console at ${WEB_DIST} (npm run build --workspace=@oig/web)`);
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `browser: no Chromium at ${CHROMIUM_PATH} (node scripts/ensure-chromium.mjs, or set CHROMIUM_PATH)`,
    );
  const warnings: string[] = [];
  const w = await startHeavyWork(
    kind,
    // The seeded sessions must outlive the phase (no keep-alives are sent).
    { OIG_REST_KEEPALIVE_S: '3600' },
    { webDist: WEB_DIST, keepers: false },
  );
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    await w.target.call({ op: 'seed', what: 'liveSessions', rows: BROWSER.sessions });
    log(`  ${n(BROWSER.sessions)} live sessions logged in (${fmt((performance.now() - t0) / 1000, 1)} s)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: BROWSER.timeouts.actionMs,
    });
    log(`  Chromium ${browser.version()}`);
    const t = BROWSER.targets;
    // Warm-up: the server's first reads, not counted.
    for (const p of ['sessions', 'overview'] as const) {
      const o = await openContext(browser, w.url, 'plain');
      try {
        const f = await measureLoad(
          o.page,
          `/${p}`,
          p === 'sessions' ? 'sessionsRows' : 'overviewFigures',
          `/${p}`,
        );
        log(`  warm-up /${p}: ${fmt(f.ms)} ms (not counted)`);
      } finally {
        await o.context.close();
      }
    }
    const loads: BrowserFigures['loads'] = {
      sessions: {
        plain: await loadSeries(browser, w.url, 'sessions', 'plain', t.sessionsPlainMs, log, warnings),
        throttled: await loadSeries(
          browser,
          w.url,
          'sessions',
          'throttled',
          t.sessionsThrottledMs,
          log,
          warnings,
        ),
      },
      overview: {
        plain: await loadSeries(browser, w.url, 'overview', 'plain', t.overviewThrottledMs, log, warnings),
        throttled: await loadSeries(
          browser,
          w.url,
          'overview',
          'throttled',
          t.overviewThrottledMs,
          log,
          warnings,
        ),
      },
    };
    const med = (l: LoadFigure[]) => median(l.map((f) => f.ms));
    const work = await sessionsAtWork(browser, w, log, warnings);
    return {
      db: kind,
      sessions: BROWSER.sessions,
      loads,
      median: {
        sessions: { plain: med(loads.sessions.plain), throttled: med(loads.sessions.throttled) },
        overview: { plain: med(loads.overview.plain), throttled: med(loads.overview.throttled) },
      },
      ...work,
      warnings,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await w.close();
  }
}

/** The phase's rows of the bench summary. */
export function browserRows(f: BrowserFigures): SummaryRow[] {
  const t = BROWSER.targets;
  const link = `${BROWSER.throttle.latencyMs} ms, ${BROWSER.throttle.bitsPerS / 1e6} Mbit/s`;
  const runs = (l: LoadFigure[]) =>
    l.length === 1 ? '1 load' : `median of ${l.length}: ${l.map((x) => fmt(x.ms)).join('/')}`;
  const kb = (l: LoadFigure[]) => `${fmt((l[0]?.bytes ?? NaN) / 1024)} KB`;
  const worstKey = Math.max(...f.filter.keyMs);
  const keyText = (x: number) => (x ? `${fmt(x)} ms` : '< 16 ms');
  const s = f.median.sessions;
  const o = f.median.overview;
  const r = f.refresh;
  return [
    [
      `Chromium: Sessions first rows, ${n(f.sessions)} sessions, plain link`,
      `${fmt(s.plain)} ms (${runs(f.loads.sessions.plain)})`,
      `<= ${t.sessionsPlainMs} ms`,
      s.plain <= t.sessionsPlainMs,
    ],
    [
      `Chromium: Sessions first rows, ${n(f.sessions)} sessions, ${link}`,
      `${fmt(s.throttled)} ms (${runs(f.loads.sessions.throttled)}; ${kb(f.loads.sessions.throttled)})`,
      `<= ${t.sessionsThrottledMs} ms`,
      s.throttled <= t.sessionsThrottledMs,
    ],
    [
      `Chromium: Overview figures on screen, ${link}`,
      `${fmt(o.throttled)} ms (${runs(f.loads.overview.throttled)}; ${kb(f.loads.overview.throttled)})`,
      `<= ${t.overviewThrottledMs} ms`,
      o.throttled <= t.overviewThrottledMs,
    ],
    [
      '  (info) same, plain link',
      `${fmt(o.plain)} ms (${runs(f.loads.overview.plain)})`,
      `<= ${t.overviewThrottledMs} ms`,
      o.plain <= t.overviewThrottledMs,
      true,
    ],
    [
      `Chromium: one Sessions refresh with changed data, main-thread busy time`,
      `${fmt(r.taskMs)} ms (median of ${(r.roundsTaskMs ?? []).length}: ${(r.roundsTaskMs ?? []).map((x) => fmt(x)).join('/')}; ${fmt(r.grossTaskMs)} ms less idle; script ${fmt(r.scriptMs)} ms; long tasks ${fmt(r.longTaskSumMs)} ms, ` +
        `longest ${fmt(r.longestTaskMs)} ms)`,
      `<= ${t.refreshMainThreadMs} ms`,
      r.taskMs <= t.refreshMainThreadMs && r.totalShown,
    ],
    [
      `Chromium: heap with ${n(f.sessions)} sessions shown (after GC)`,
      `${fmt(f.heapMb, 1)} MB`,
      `< ${t.heapMb} MB`,
      f.heapMb < t.heapMb,
    ],
    [
      `Chromium: Sessions filter, worst key of '${BROWSER.filterText}' (Event Timing, median of ${f.filter.rounds})`,
      `${keyText(worstKey)} (keys ${f.filter.keyMs.map((x) => (x ? fmt(x) : '<16')).join('/')}; ` +
        `slowest single ${keyText(f.filter.worstSingleKeyMs)}; table settled ≤ ` +
        `${fmt(Math.max(...f.filter.settledMs))} ms; longest task ${fmt(f.filter.longestTaskMs)} ms)`,
      `<= ${t.keyMs} ms`,
      worstKey <= t.keyMs && f.filter.filtered,
    ],
  ];
}

/** The phase's part of the BENCH_JSON line. */
export function browserJson(f: BrowserFigures) {
  const round = (v: number, d = 1) => (Number.isFinite(v) ? Number(v.toFixed(d)) : null);
  const t = BROWSER.targets;
  const loads = (l: LoadFigure[]) => l.map((x) => ({ ms: round(x.ms, 0), kb: round(x.bytes / 1024, 0) }));
  return {
    db: f.db,
    sessions: f.sessions,
    throttle: BROWSER.throttle,
    sessionsPlainMs: round(f.median.sessions.plain, 0),
    sessionsThrottledMs: round(f.median.sessions.throttled, 0),
    overviewPlainMs: round(f.median.overview.plain, 0),
    overviewThrottledMs: round(f.median.overview.throttled, 0),
    loads: {
      sessions: { plain: loads(f.loads.sessions.plain), throttled: loads(f.loads.sessions.throttled) },
      overview: { plain: loads(f.loads.overview.plain), throttled: loads(f.loads.overview.throttled) },
    },
    heapMb: round(f.heapMb),
    refresh: {
      taskMs: round(f.refresh.taskMs),
      roundsTaskMs: (f.refresh.roundsTaskMs ?? []).map((x) => round(x)),
      grossTaskMs: round(f.refresh.grossTaskMs),
      scriptMs: round(f.refresh.scriptMs),
      longTaskSumMs: round(f.refresh.longTaskSumMs),
      longestTaskMs: round(f.refresh.longestTaskMs),
      shownMs: round(f.refresh.shownMs, 0),
      terminated: f.refresh.terminated,
      added: f.refresh.added,
      totalShown: f.refresh.totalShown,
      idleTaskMsPerS: round(f.refresh.idleTaskMsPerS),
    },
    filter: {
      text: BROWSER.filterText,
      rounds: f.filter.rounds,
      keyMs: f.filter.keyMs.map((x) => round(x, 0)),
      worstSingleKeyMs: round(f.filter.worstSingleKeyMs, 0),
      settledMs: f.filter.settledMs.map((x) => round(x, 0)),
      longestTaskMs: round(f.filter.longestTaskMs, 0),
      filtered: f.filter.filtered,
    },
    targets: t,
    pass: browserRows(f)
      .filter((r) => !r[4])
      .every((r) => r[3]),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kind = (process.argv[2] ?? 'sqlite') as DbKind;
  const watchdog = setTimeout(() => {
    console.error(`browser: watchdog fired after ${BROWSER.watchdogMs / 1000} s; aborting`);
    killHeavyWorkChildren();
    process.exit(1);
  }, BROWSER.watchdogMs);
  browserBench(console.log, kind).then(
    (f) => {
      for (const [m, v, tg, pass, info] of browserRows(f))
        console.log(
          `  ${m} | ${v} | ${tg} | ${info ? `(${pass ? 'PASS' : 'MISS'})` : pass ? 'PASS' : 'MISS'}`,
        );
      for (const x of f.warnings) console.log(`  warning: ${x}`);
      console.log(`BENCH_JSON ${JSON.stringify({ browser: browserJson(f) })}`);
      clearTimeout(watchdog);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      killHeavyWorkChildren();
      process.exit(1);
    },
  );
}
