import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  startOpenMediaPeer,
  startTcpPeer,
  type OpenMediaPeer,
  type TcpPeer,
} from '../../../test/fake-peers.js';
import type { ProbeResult, ProbeTarget } from '../network-elements.repo.js';
import {
  createProber,
  describeError,
  PROBE_CONCURRENCY,
  probeFailureOf,
  probeOpenMedia,
  probeTcp,
} from '../probe.js';

const logger = pino({ level: 'silent' });
const live = () => new AbortController().signal;

/** An in-memory stand-in for the repository: the prober's only link to the database. */
function fakeRepo(targets: ProbeTarget[]) {
  const results: ProbeResult[] = [];
  const calls = { probeTargets: 0 };
  let failList = false;
  const repo = {
    probeTargets: async () => {
      calls.probeTargets++;
      if (failList) throw new Error('database is down');
      return targets;
    },
    probeTarget: async (id: string) => targets.find((t) => t.id === id),
    recordProbe: async (r: ProbeResult) => {
      results.push(r);
      return true;
    },
  };
  return { repo, results, calls, failList: () => (failList = true) };
}

const micc = (
  id: string,
  setup: 'default' | 'custom' = 'default',
  transportProtocol?: 'http' | 'https',
): ProbeTarget => ({
  id,
  type: 'micc',
  setup,
  ipAddress: '127.0.0.1',
  settings: transportProtocol ? { transportProtocol } : null,
});

describe('reachability checks', () => {
  let tcp: TcpPeer;
  let om: OpenMediaPeer;
  beforeAll(async () => {
    tcp = await startTcpPeer('127.0.0.1');
    om = await startOpenMediaPeer({ tls: true });
  });
  afterAll(async () => {
    await tcp.close();
    await om.close();
  });

  it('MiVB: a TCP port that accepts is reachable; the same port on another loopback address refuses', async () => {
    expect(await probeTcp('127.0.0.1', tcp.port, 2000, live())).toEqual({
      status: 'reachable',
      detail: null,
      reason: null,
    });
    expect(tcp.connections()).toBeGreaterThanOrEqual(1);
    // The listener is bound to 127.0.0.1 only.
    expect(await probeTcp('::1', tcp.port, 2000, live())).toEqual({
      status: 'unreachable',
      detail: 'connection refused',
      reason: { code: 'connection_refused', params: {} },
    });
  });

  it('MiCC: 200 with a WSDL at /OpenMediaService?wsdl is reachable, over HTTP and over HTTPS with a self-signed certificate', async () => {
    om.mode = 'wsdl';
    const before = om.requests.length;
    expect(await probeOpenMedia('http', '127.0.0.1', om.port, 2000, live())).toEqual({
      status: 'reachable',
      detail: null,
      reason: null,
    });
    expect(await probeOpenMedia('https', '127.0.0.1', om.port, 2000, live())).toEqual({
      status: 'reachable',
      detail: null,
      reason: null,
    });
    expect(om.requests.slice(before)).toEqual([
      { url: '/OpenMediaService?wsdl', tls: false },
      { url: '/OpenMediaService?wsdl', tls: true },
    ]);
  });

  it('MiCC: a 404, an answer that is not a WSDL, a refused port and a silent server are unreachable with a reason', async () => {
    om.mode = 'not-found';
    expect(await probeOpenMedia('http', '127.0.0.1', om.port, 2000, live())).toEqual({
      status: 'unreachable',
      detail: 'HTTP 404',
      reason: { code: 'http_status', params: { status: 404 } },
    });
    om.mode = 'not-wsdl';
    expect(await probeOpenMedia('http', '127.0.0.1', om.port, 2000, live())).toEqual({
      status: 'unreachable',
      detail: 'not a WSDL',
      reason: { code: 'not_wsdl', params: {} },
    });
    expect(await probeOpenMedia('http', '::1', om.port, 2000, live())).toEqual({
      status: 'unreachable',
      detail: 'connection refused',
      reason: { code: 'connection_refused', params: {} },
    });
    om.mode = 'silent';
    expect(await probeOpenMedia('http', '127.0.0.1', om.port, 300, live())).toEqual({
      status: 'unreachable',
      detail: 'timed out after 300 ms',
      reason: { code: 'timeout', params: { ms: 300 } },
    });
    om.mode = 'wsdl';
  });

  it('an aborted probe is abandoned without a result', async () => {
    om.mode = 'silent';
    const ac = new AbortController();
    const n = om.requests.length;
    const p = probeOpenMedia('http', '127.0.0.1', om.port, 60_000, ac.signal);
    await om.waitForRequests(n + 1);
    ac.abort();
    expect(await p).toBeUndefined();
    expect(await probeTcp('127.0.0.1', tcp.port, 60_000, ac.signal)).toBeUndefined();
    om.mode = 'wsdl';
  });

  it('describes common connection errors briefly, each with its code and params', () => {
    expect(probeFailureOf(Object.assign(new Error('x'), { code: 'EHOSTUNREACH' }))).toEqual({
      detail: 'host unreachable',
      reason: { code: 'host_unreachable', params: {} },
    });
    expect(probeFailureOf(new Error('socket hang up'))).toEqual({
      detail: 'connection closed without an answer',
      reason: { code: 'connection_closed', params: {} },
    });
    expect(probeFailureOf(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }))).toEqual({
      detail: 'TLS error (ERR_TLS_CERT_ALTNAME_INVALID)',
      reason: { code: 'tls_error', params: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' } },
    });
    expect(probeFailureOf(Object.assign(new Error('x'), { code: 'EPROTO' }))).toEqual({
      detail: 'EPROTO',
      reason: { code: 'other', params: { detail: 'EPROTO' } },
    });
    // The English text alone (the Open Media client's messages).
    expect(describeError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('connection refused');
  });
});

describe('prober', () => {
  let om: OpenMediaPeer;
  beforeAll(async () => {
    om = await startOpenMediaPeer({ tls: true });
  });
  afterAll(() => om.close());
  const config = (over: Partial<{ intervalMs: number; timeoutMs: number }> = {}) => ({
    intervalMs: 0,
    timeoutMs: 2000,
    mivbPort: 1,
    miccPort: om.port,
    ...over,
  });

  it('does nothing before start()', async () => {
    const f = fakeRepo([micc('a')]);
    const prober = createProber({ repo: f.repo, probe: config(), logger });
    await prober.probeAll();
    await prober.probeOne('a');
    expect(f.calls.probeTargets).toBe(0);
    expect(f.results).toEqual([]);
  });

  it(`probes every element, at most ${PROBE_CONCURRENCY} at a time, and writes each result with its start time`, async () => {
    om.mode = 'wsdl';
    om.holdMs = 30;
    const targets = Array.from({ length: 40 }, (_, i) => micc(`e${i}`));
    const f = fakeRepo(targets);
    let clock = 1000;
    const prober = createProber({ repo: f.repo, probe: config(), logger, now: () => clock++ });
    prober.start();
    const before = om.requests.length;
    await prober.probeAll();
    await prober.stop();
    om.holdMs = 0;
    expect(om.requests.length - before).toBe(40);
    expect(om.maxPending()).toBeLessThanOrEqual(PROBE_CONCURRENCY);
    expect(om.maxPending()).toBeGreaterThan(1);
    expect(f.results.map((r) => r.id).sort()).toEqual(targets.map((t) => t.id).sort());
    for (const r of f.results)
      expect(r).toMatchObject({
        ipAddress: '127.0.0.1',
        type: 'micc',
        status: 'reachable',
        detail: null,
        reason: null,
        startedAt: expect.any(Number),
      });
  });

  it('never runs two rounds at once: a second probeAll during a round joins it', async () => {
    om.mode = 'wsdl';
    om.holdMs = 50;
    const f = fakeRepo([micc('only')]);
    const prober = createProber({ repo: f.repo, probe: config(), logger });
    prober.start();
    const before = om.requests.length;
    const first = prober.probeAll();
    const second = prober.probeAll();
    expect(second).toBe(first);
    await first;
    expect(om.requests.length - before).toBe(1);
    expect(f.calls.probeTargets).toBe(1);
    // After the round, a new one starts.
    await prober.probeAll();
    expect(f.calls.probeTargets).toBe(2);
    await prober.stop();
    om.holdMs = 0;
  });

  it('probes a Default MiCC over the default transport and a Custom one over its own', async () => {
    om.mode = 'wsdl';
    const f = fakeRepo([micc('d'), micc('c', 'custom', 'http')]);
    const prober = createProber({ repo: f.repo, probe: config(), logger });
    prober.useMiccDefaults(async () => ({ transportProtocol: 'https' }));
    prober.start();
    const before = om.requests.length;
    await prober.probeOne('d');
    expect(om.requests.slice(before)).toEqual([{ url: '/OpenMediaService?wsdl', tls: true }]);
    await prober.probeOne('c');
    expect(om.requests.slice(before + 1)).toEqual([{ url: '/OpenMediaService?wsdl', tls: false }]);
    await prober.probeOne('missing');
    expect(f.results.map((r) => [r.id, r.status])).toEqual([
      ['d', 'reachable'],
      ['c', 'reachable'],
    ]);
    await prober.stop();
  });

  it('stop() abandons a probe under way: it resolves while the peer is still silent, and nothing is written', async () => {
    om.mode = 'silent';
    const f = fakeRepo([micc('slow')]);
    const prober = createProber({ repo: f.repo, probe: config({ timeoutMs: 60_000 }), logger });
    prober.start();
    const before = om.requests.length;
    let roundDone = false;
    const round = prober.probeAll().then(() => (roundDone = true));
    await om.waitForRequests(before + 1);
    expect(roundDone).toBe(false);
    await prober.stop();
    await round;
    expect(f.results).toEqual([]);
    // Stopped: nothing more is probed.
    await prober.probeAll();
    expect(f.calls.probeTargets).toBe(1);
    om.mode = 'wsdl';
  });

  it('keeps its timer going when a round fails, without throwing out of it', async () => {
    const f = fakeRepo([]);
    f.failList();
    const warn = vi.fn();
    const spy = { ...logger, warn, debug: () => undefined, child: () => spy } as unknown as typeof logger;
    const prober = createProber({ repo: f.repo, probe: config({ intervalMs: 20 }), logger: spy });
    prober.start();
    await vi.waitFor(() => expect(f.calls.probeTargets).toBeGreaterThanOrEqual(3), {
      timeout: 10_000,
      interval: 20,
    });
    await prober.stop();
    const calls = f.calls.probeTargets;
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'probe round failed',
    );
    // Stopped: the timer is gone.
    await new Promise((r) => setTimeout(r, 60));
    expect(f.calls.probeTargets).toBe(calls);
  });
});
