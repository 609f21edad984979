/**
 * Benchmark target: runs in a child process (forked by bench/run.ts) so the servers and the load
 * generator do not share one event loop. Hosts the real product (createContext + startServer
 * on 127.0.0.1:0, temp SQLite folder) and, on request, a bare node:http server answering the
 * same keep-alive response. Driven over the IPC channel; never part of the test suite.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createContext, type AppContext } from '../src/context.js';
import { startServer, type RunningServer } from '../src/server.js';
import { serveIpc } from '../src/test/ipc.js';
import { loopDelayProbe } from '../src/test/loop-delay.js';
import { seedLiveSessions, type SeededLiveSessions } from '../src/test/seed-live-sessions.js';
import { ACME, LICENSE, LOCAL_PASSWORD, type Command } from './protocol.js';

let ctx: AppContext | undefined;
let running: RunningServer | undefined;
let bare: http.Server | undefined;
let dataDir: string | undefined;
const loopDelay = loopDelayProbe();

const BARE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
const OK_BODY = '{"result":true}';

async function start(
  withBare: boolean,
  refusedLoginBufferMax?: number,
  trustLoopbackProxy = false,
): Promise<{ productUrl: string; bareUrl?: string }> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'oig-bench-'));
  const licenseFile = path.join(dataDir, 'bench-license.json');
  writeFileSync(licenseFile, JSON.stringify(LICENSE));
  const config = loadConfig({
    OIG_HOST: '127.0.0.1',
    OIG_PORT: '0',
    OIG_DATA_DIR: dataDir,
    OIG_LICENSE_FILE: licenseFile,
    OIG_LOG_LEVEL: 'error',
    // The refused-logins phase names each storm client by X-Forwarded-For (one proxy: this machine).
    ...(trustLoopbackProxy ? { OIG_TRUST_PROXY: 'loopback' } : {}),
  });
  ctx = await createContext(
    config,
    pino({ level: 'silent' }),
    refusedLoginBufferMax !== undefined ? { refusedLoginBufferMax } : {},
  );
  await ctx.accounts.create(
    { companyName: ACME.companyName, applicationName: ACME.applicationName, localPassword: LOCAL_PASSWORD },
    { username: 'bench', role: 'administrator', address: null },
  );
  running = await startServer(ctx, { webDist: path.join(dataDir, 'no-web') });

  let bareUrl: string | undefined;
  if (withBare) {
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, BARE_HEADERS);
      res.end(OK_BODY);
    });
    // Same socket settings as the product's server.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    bare = server;
    bareUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return { productUrl: running.url, ...(bareUrl ? { bareUrl } : {}) };
}

/** Creates `n` live REST sessions directly through the session manager, `concurrency` at a time. */
async function loginBulk(n: number, concurrency: number): Promise<SeededLiveSessions> {
  if (!ctx) throw new Error('not started');
  return seedLiveSessions(ctx, {
    n,
    concurrency,
    apps: [{ ...ACME, localPassword: LOCAL_PASSWORD }],
    address: () => '127.0.0.1',
  });
}

async function count(): Promise<{ live: number; db: number }> {
  if (!ctx) throw new Error('not started');
  // Let the sweeper run a full round (flush + expiry) before counting.
  await ctx.manager.sweepOnce();
  // The console list's own count (the list is paged: its `live` is the count of every live session).
  const live = (
    await ctx.sessions.live({ filter: { terms: [] }, sort: 'createdAt', order: 'desc', offset: 0, limit: 1 })
  ).live;
  const r = await sql<{ n: number }>`select count(*) as n from app_sessions`.execute(ctx.db.db);
  return { live, db: Number(r.rows[0]?.n ?? -1) };
}

async function stop(): Promise<void> {
  if (bare) {
    const b = bare;
    bare = undefined;
    const closed = new Promise<void>((resolve) => b.close(() => resolve()));
    b.closeAllConnections();
    await closed;
  }
  if (running) {
    const r = running;
    running = undefined;
    r.server.closeIdleConnections();
    await r.stop();
  }
  ctx = undefined;
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  }
}

async function handle(cmd: Command): Promise<unknown> {
  switch (cmd.op) {
    case 'start':
      return start(cmd.withBare, cmd.refusedLoginBufferMax, cmd.trustLoopbackProxy);
    case 'loginBulk':
      return loginBulk(cmd.n, cmd.concurrency);
    case 'count':
      return count();
    case 'cpu': {
      const u = process.cpuUsage();
      return u.user + u.system;
    }
    case 'loopDelay':
      // Event-loop delay of the target while under load: shows stalls (e.g. batch writes).
      if (cmd.action === 'start') {
        loopDelay.start();
        return null;
      }
      return loopDelay.stop();
    case 'refusedRows': {
      // Refused logins stored (written first) whose application name matches `like`.
      if (!ctx) throw new Error('not started');
      await ctx.flushRefusedLogins();
      const r = await ctx.db.db
        .selectFrom('refused_logins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('application_name', 'like', cmd.like)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    }
    case 'stop':
      return stop();
  }
}

// If the orchestrator goes away, do not linger.
serveIpc<Command>(handle, { onDisconnect: stop });
