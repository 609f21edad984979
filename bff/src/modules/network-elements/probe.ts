import { setMaxListeners } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Logger } from 'pino';
import {
  FACTORY_MICC_DEFAULTS,
  miccSettingsSchema,
  type MiccSettings,
  type ProbeReason,
  type StatusReason,
  type TransportProtocol,
} from '@oig/shared';
import type { Config } from '../../config.js';
import type { NetworkElementsRepo, ProbeResult, ProbeTarget } from './network-elements.repo.js';

/** Probes under way at once, across rounds and single-element probes. */
export const PROBE_CONCURRENCY = 16;
/** Most of a MiCC answer read when looking for the WSDL. */
const MAX_BODY_BYTES = 512 * 1024;

/** A failed probe's reason: the English text (`detail`) and its code and params (`reason`). */
export interface ProbeFailure {
  detail: string;
  reason: StatusReason<ProbeReason>;
}
export type ProbeOutcome =
  { status: 'reachable'; detail: null; reason: null } | ({ status: 'unreachable' } & ProbeFailure);

const REACHABLE: ProbeOutcome = { status: 'reachable', detail: null, reason: null };
const failure = (code: ProbeReason, detail: string, params: StatusReason['params'] = {}): ProbeFailure => ({
  detail,
  reason: { code, params },
});
const unreachable = (f: ProbeFailure): ProbeOutcome => ({ status: 'unreachable', ...f });
type ProbeConfig = Config['probe'];

/** The transport a MiContact Center element is probed with: its own, or the current default. */
export function miccProtocolOf(
  t: Pick<ProbeTarget, 'type' | 'setup' | 'settings'>,
  defaults: MiccSettings,
): TransportProtocol {
  if (t.setup === 'custom') {
    const own = miccSettingsSchema.safeParse(t.settings);
    if (own.success) return own.data.transportProtocol;
  }
  return defaults.transportProtocol;
}

/** What a probe connects to; when it changes, the last result no longer describes the element. */
export function probeTargetKey(
  t: Pick<ProbeTarget, 'type' | 'setup' | 'settings' | 'ipAddress'>,
  miccDefaults: MiccSettings,
): string {
  return t.type === 'mivb' ? `mivb ${t.ipAddress}` : `micc ${miccProtocolOf(t, miccDefaults)} ${t.ipAddress}`;
}

/** A short reason for a failed connection ("connection refused"), in English. */
export const describeError = (err: unknown): string => probeFailureOf(err).detail;

/** A short reason for a failed connection ("connection refused"), with its code and params. */
export function probeFailureOf(err: unknown): ProbeFailure {
  const e = (err ?? {}) as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return failure('connection_refused', 'connection refused');
    case 'ECONNRESET':
      return failure('connection_reset', 'connection reset');
    case 'EHOSTUNREACH':
      return failure('host_unreachable', 'host unreachable');
    case 'ENETUNREACH':
      return failure('network_unreachable', 'network unreachable');
    case 'EADDRNOTAVAIL':
      return failure('address_not_available', 'address not available');
    case 'ETIMEDOUT':
      return failure('connect_timeout', 'connection timed out');
    default: {
      if (e.message === 'socket hang up')
        return failure('connection_closed', 'connection closed without an answer');
      if (typeof e.code === 'string' && /CERT|TLS|SSL/.test(e.code))
        return failure('tls_error', `TLS error (${e.code})`, { code: e.code });
      const detail = (e.code ?? e.message ?? 'probe failed').slice(0, 200);
      return failure('other', detail, { detail });
    }
  }
}

/**
 * Runs one probe with a deadline and an abort signal. `attempt` gets `done` to call once with
 * the outcome and returns its clean-up. Resolves undefined when aborted (the probe is abandoned).
 */
function withDeadline(
  timeoutMs: number,
  signal: AbortSignal,
  attempt: (done: (o: ProbeOutcome) => void) => () => void,
): Promise<ProbeOutcome | undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(undefined);
    let cleanup: () => void = () => undefined;
    let settled = false;
    const finish = (o: ProbeOutcome | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      cleanup();
      resolve(o);
    };
    const onAbort = () => finish(undefined);
    const timer = setTimeout(
      () => finish(unreachable(failure('timeout', `timed out after ${timeoutMs} ms`, { ms: timeoutMs }))),
      timeoutMs,
    );
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      cleanup = attempt(finish);
    } catch (err) {
      finish(unreachable(probeFailureOf(err)));
    }
  });
}

/** MiVoice Business: a TCP connection to ip:port is accepted. */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ProbeOutcome | undefined> {
  return withDeadline(timeoutMs, signal, (done) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => done(REACHABLE));
    socket.once('error', (err) => done(unreachable(probeFailureOf(err))));
    return () => socket.destroy();
  });
}

const WSDL_ROOT = /<(?:[A-Za-z_][\w.-]*:)?definitions[\s>/]/;

/** MiContact Center: its Open Media Service answers 200 with a WSDL at ?wsdl. */
export function probeOpenMedia(
  protocol: TransportProtocol,
  host: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ProbeOutcome | undefined> {
  const url = new URL(
    `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}/OpenMediaService?wsdl`,
  );
  return withDeadline(timeoutMs, signal, (done) => {
    const options = { agent: false as const, headers: { accept: 'text/xml, application/xml, */*' } };
    const onResponse = (res: http.IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        const status = res.statusCode ?? '?';
        return done(unreachable(failure('http_status', `HTTP ${status}`, { status })));
      }
      let body = '';
      const decide = () =>
        done(WSDL_ROOT.test(body) ? REACHABLE : unreachable(failure('not_wsdl', 'not a WSDL')));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length >= MAX_BODY_BYTES) decide();
      });
      res.once('end', decide);
      res.once('error', (err) => done(unreachable(probeFailureOf(err))));
    };
    // This is a reachability probe, not a trust decision: nothing is sent to or believed from
    // the peer, and MiCC servers commonly use self-signed certificates, so an untrusted
    // certificate still counts as reachable.
    const req =
      protocol === 'https'
        ? https.get(url, { ...options, rejectUnauthorized: false }, onResponse)
        : http.get(url, options, onResponse);
    req.once('error', (err) => done(unreachable(probeFailureOf(err))));
    return () => req.destroy();
  });
}

/** A counting semaphore: at most `n` tasks run at once, the rest wait in order. */
function limiter(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/**
 * Reachability of the network elements, in the background. A round probes every element
 * (PROBE_CONCURRENCY at a time) and never overlaps the previous one; the timer (unref'd) starts
 * the next round `intervalMs` after one ends (0 = no timer). Nothing runs until start();
 * stop() abandons probes under way (their results are not written) and waits for the
 * database writes already started. Nothing here throws: failures are logged.
 */
export function createProber(deps: {
  repo: Pick<NetworkElementsRepo, 'probeTargets' | 'probeTarget' | 'recordProbe'>;
  probe: ProbeConfig;
  logger: Logger;
  now?: () => number;
}) {
  const { repo, probe: cfg, logger } = deps;
  const now = deps.now ?? Date.now;
  const limit = limiter(PROBE_CONCURRENCY);
  let miccDefaults: () => Promise<MiccSettings> = async () => FACTORY_MICC_DEFAULTS;
  let started = false;
  let abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();

  const track = (p: Promise<void>): Promise<void> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  /** Probes one element and writes the result; never rejects. */
  const probeTarget = (t: ProbeTarget, protocol: TransportProtocol, signal: AbortSignal): Promise<void> =>
    limit(async () => {
      if (signal.aborted) return;
      const startedAt = now();
      const outcome =
        t.type === 'mivb'
          ? await probeTcp(t.ipAddress, cfg.mivbPort, cfg.timeoutMs, signal)
          : await probeOpenMedia(protocol, t.ipAddress, cfg.miccPort, cfg.timeoutMs, signal);
      if (!outcome || signal.aborted) return;
      const result: ProbeResult = { id: t.id, ipAddress: t.ipAddress, type: t.type, startedAt, ...outcome };
      const written = await repo.recordProbe(result);
      logger.debug({ ...result, written }, 'network element probed');
    }).catch((err: unknown) => logger.warn({ err, id: t.id }, 'network element probe failed'));

  const runRound = async (signal: AbortSignal): Promise<void> => {
    try {
      const [targets, defaults] = await Promise.all([repo.probeTargets(), miccDefaults()]);
      await Promise.all(targets.map((t) => probeTarget(t, miccProtocolOf(t, defaults), signal)));
      logger.debug({ elements: targets.length }, 'probe round done');
    } catch (err) {
      logger.warn({ err }, 'probe round failed');
    }
  };

  const schedule = (delayMs: number) => {
    if (!started || cfg.intervalMs <= 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void prober.probeAll().finally(() => schedule(cfg.intervalMs));
    }, delayMs);
    timer.unref();
  };

  const prober = {
    /** Where the current MiCC defaults come from (the service sets it; factory defaults until then). */
    useMiccDefaults(source: () => Promise<MiccSettings>): void {
      miccDefaults = source;
    },

    start(): void {
      if (started) return;
      started = true;
      abort = new AbortController();
      // Up to PROBE_CONCURRENCY probes listen to one signal at a time.
      setMaxListeners(PROBE_CONCURRENCY * 4, abort.signal);
      schedule(0);
    },

    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      abort.abort();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /** Probes every element now; while a round runs, returns that round (never two at once). */
    probeAll(): Promise<void> {
      if (!started) return Promise.resolve();
      if (!round) {
        const signal = abort.signal;
        round = track(runRound(signal).finally(() => (round = undefined)));
      }
      return round;
    },

    /** Probes one element now (after it was added or its target changed); never rejects. */
    probeOne(id: string): Promise<void> {
      if (!started) return Promise.resolve();
      const signal = abort.signal;
      return track(
        (async () => {
          try {
            const t = await repo.probeTarget(id);
            if (!t || signal.aborted) return;
            await probeTarget(t, miccProtocolOf(t, await miccDefaults()), signal);
          } catch (err) {
            logger.warn({ err, id }, 'network element probe failed');
          }
        })(),
      );
    },

    /** Resolves once no probe is under way (tests and shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  return prober;
}
export type Prober = ReturnType<typeof createProber>;
