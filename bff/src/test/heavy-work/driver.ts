/**
 * The driver side of the heavy-work harness (see protocol.ts): starts the product's process and the
 * keepers' process, signs in to the console, and measures one heavy operation at a time — the
 * product's longest event-loop stall and what the applications saw while it ran.
 */
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, APPS, freshDb, LOCAL_PASSWORD, type DbKind, type TestDb } from '../harness.js';
import { IpcChild, killIpcChildren } from '../ipc.js';
import {
  KEEPALIVE_WINDOW_S,
  WEB_DIST_ENV,
  type KeepersCommand,
  type KeepersReport,
  type TargetCommand,
} from './protocol.js';

const BFF_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** Kills every child still running (a driver that failed half-way). */
export const killHeavyWorkChildren = killIpcChildren;

const forkChild = <C>(file: string, label: string, env: Record<string, string>, execArgv: string[] = []) =>
  IpcChild.fork<C>(new URL(file, import.meta.url), {
    label,
    cwd: BFF_DIR,
    execArgv: ['--conditions=@oig/source', '--import', 'tsx', ...execArgv],
    env: { PATH: process.env.PATH ?? '', ...env },
  });

/** A console user signed in over HTTP (cookie + CSRF token), as the browser is. */
export interface ConsoleClient {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit & { expect?: number }): Promise<T>;
  upload(path: string, field: string, name: string, bytes: Uint8Array): Promise<Response>;
}

async function signIn(url: string): Promise<ConsoleClient> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${url}/api/v1${path}`, {
      ...init,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(init.headers as Record<string, string>) },
    });
  return {
    fetch: call,
    async json<T>(path: string, init: RequestInit & { expect?: number } = {}) {
      const r = await call(path, {
        ...init,
        headers: init.body ? { 'content-type': 'application/json' } : {},
      });
      const text = await r.text();
      if (r.status !== (init.expect ?? 200)) throw new Error(`${path}: ${r.status} ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    upload(path, field, name, bytes) {
      const form = new FormData();
      form.append(field, new Blob([new Uint8Array(bytes)]), name);
      return call(path, { method: 'POST', body: form });
    },
  };
}

export interface HeavyWork {
  kind: DbKind;
  url: string;
  console: ConsoleClient;
  target: IpcChild<TargetCommand>;
  /** Runs `op` while 20 SOAP sessions keep alive; the product's longest stall and what they saw. */
  measure<T>(op: () => Promise<T>): Promise<Measured<T>>;
  close(): Promise<void>;
}

export interface Measured<T> {
  result: T;
  /** The product's longest event-loop stall while `op` ran (ms). */
  stallMs: number;
  keepers: KeepersReport;
}

/** SOAP sessions that keep alive during each operation. */
export const KEEPER_SESSIONS = 20;
/** They keep alive four times per window; a keep-alive unanswered within the window is a miss. */
const KEEPER_INTERVAL_MS = (KEEPALIVE_WINDOW_S * 1000) / 4;

export interface StartHeavyWorkOptions {
  /** Extra node flags of the product's process (e.g. --cpu-prof). */
  targetExecArgv?: string[];
  /** The built console (web/dist) for the product to serve; by default the API alone. */
  webDist?: string;
  /** Start the keepers' process (default true); without it, `measure` cannot be used. */
  keepers?: boolean;
}

/** Starts the product on a fresh database of `kind` (with `env`), and (unless told not to) the keepers' process. */
export async function startHeavyWork(
  kind: DbKind,
  env: Record<string, string> = {},
  opts: StartHeavyWorkOptions = {},
): Promise<HeavyWork> {
  const db: TestDb = freshDb(kind);
  const target = forkChild<TargetCommand>(
    './target.ts',
    'product',
    {
      ...db.env,
      OIG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...(opts.webDist ? { [WEB_DIST_ENV]: opts.webDist } : {}),
      ...env,
    },
    opts.targetExecArgv,
  );
  const keepersChild =
    opts.keepers === false ? undefined : forkChild<KeepersCommand>('./keepers.ts', 'keepers', {});
  try {
    const { url } = (await target.ready) as { url: string };
    await keepersChild?.ready;
    const consoleClient = await signIn(url);
    await consoleClient.json('/accounts', {
      method: 'POST',
      expect: 201,
      body: JSON.stringify({
        companyName: APPS.acme.companyName,
        applicationName: APPS.acme.applicationName,
        localPassword: LOCAL_PASSWORD,
      }),
    });
    return {
      kind,
      url,
      console: consoleClient,
      target,
      async measure(op) {
        if (!keepersChild) throw new Error('measure: started without the keepers');
        await keepersChild.call({
          op: 'start',
          url,
          sessions: KEEPER_SESSIONS,
          intervalMs: KEEPER_INTERVAL_MS,
          deadlineMs: KEEPALIVE_WINDOW_S * 1000,
          app: { ...APPS.acme, localPassword: LOCAL_PASSWORD },
        });
        await target.call({ op: 'lag', action: 'start' });
        const stop = async () => ({
          lag: await target.call<{ maxMs: number }>({ op: 'lag', action: 'stop' }),
          keepers: await keepersChild.call<KeepersReport>({ op: 'stop' }),
        });
        const result = await op().catch(async (err: unknown) => {
          await stop().catch(() => undefined);
          throw err;
        });
        const { lag, keepers } = await stop();
        return { result, stallMs: lag.maxMs, keepers };
      },
      async close() {
        await keepersChild?.close();
        await target.call({ op: 'stop' }).catch(() => undefined);
        await target.close();
        await db.drop();
      },
    };
  } catch (err) {
    await keepersChild?.close();
    await target.close();
    await db.drop();
    throw err;
  }
}

/** The p-th percentile of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
