/**
 * The product's process of the heavy-work harness (see protocol.ts): the real product (createContext +
 * startServer on 127.0.0.1:0, configured by the environment the driver gives it), plus an event-loop
 * probe and direct database seeding, driven over the IPC channel. Never part of the product.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../config.js';
import { createContext, type AppContext } from '../../context.js';
import { startServer, type RunningServer } from '../../server.js';
import { seedUserList } from '../user-list-data.js';
import { seedSessionHistory } from '../seed-history.js';
import { seedLiveSessions } from '../seed-live-sessions.js';
import { APPS, LOCAL_PASSWORD } from '../harness.js';
import { serveIpc } from '../ipc.js';
import { loopDelayProbe } from '../loop-delay.js';
import { KEEPALIVE_WINDOW_S, WEB_DIST_ENV, type TargetCommand } from './protocol.js';

/** Licenses for the keepers and the history's sessions. */
const LICENSE = {
  standardCallControl: 1_000,
  advancedCallControl: 1_000,
  google: 1_000,
  salesforce: 1_000,
  // The Call Recorder's profile counts data access: the keepers plus 25,000 live sessions seeded.
  dataAccess: 30_000,
  virtualEnablement: false,
  miVoiceIntegration: true,
  trustedMode: false,
};

let ctx: AppContext | undefined;
let running: RunningServer | undefined;
const lag = loopDelayProbe();

async function seed(cmd: Extract<TargetCommand, { op: 'seed' }>): Promise<number> {
  if (!ctx) throw new Error('not started');
  const db = ctx.db.db;
  const now = Date.now();
  if (cmd.what === 'liveSessions') {
    // Real REST logins of the Call Recorder (its account is the keepers'), from spread addresses.
    const r = await seedLiveSessions(ctx, {
      n: cmd.rows,
      apps: [{ ...APPS.acme, localPassword: LOCAL_PASSWORD }],
    });
    if (r.failures > 0) throw new Error(`${r.failures} seeded logins refused: ${r.reasons.join('; ')}`);
    return r.ids.length;
  }
  if (cmd.what === 'refused') {
    // Refused logins of the last days (the most kept: OIG_REFUSED_LOGIN_MAX_ROWS at its maximum),
    // 5,000 applications, one in seven throttled.
    for (let i = 0; i < cmd.rows; i += 2_000) {
      const rows = Array.from({ length: Math.min(2_000, cmd.rows - i) }, (_, j) => {
        const k = i + j;
        return {
          id: randomUUID(),
          at: now - (cmd.rows - k) * 1_000,
          last_at: now - (cmd.rows - k) * 1_000,
          attempts: 1 + (k % 3),
          company_name: 'Heavy Inc',
          application_name: `Refused App ${k % 5_000}`,
          protocol: k % 2 ? ('soap' as const) : ('rest' as const),
          client_address: `10.1.${(k >> 8) & 255}.${k & 255}`,
          reason: k % 7 ? 'bad_local_password' : 'throttled',
          license: null,
          detail: null,
        };
      });
      await db.insertInto('refused_logins').values(rows).execute();
    }
    return cmd.rows;
  }
  if (cmd.what === 'userList') {
    // Names long enough that the full list exports as about 25 MiB (the largest file).
    await seedUserList({ ctx }, cmd.rows, { fill: 36 });
  } else {
    // Spread over the month (UTC), by default the previous one: the usage report's worst case.
    const d = new Date(now);
    const from = cmd.month
      ? Date.parse(`${cmd.month}-01T00:00:00Z`)
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
    const first = new Date(from);
    const to = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) - 60_000;
    await seedSessionHistory(db, ctx.db.kind, { rows: cmd.rows, from, to });
  }
  return cmd.rows;
}

async function start(): Promise<{ url: string }> {
  const dataDir = process.env.OIG_DATA_DIR;
  if (!dataDir) throw new Error('OIG_DATA_DIR is required');
  const licenseFile = path.join(dataDir, 'heavy-work-license.json');
  writeFileSync(licenseFile, JSON.stringify(LICENSE));
  const config = loadConfig({
    OIG_REPORT_CHECK_S: '0',
    ...process.env,
    OIG_HOST: '127.0.0.1',
    OIG_PORT: '0',
    OIG_LICENSE_FILE: licenseFile,
    OIG_SOAP_KEEPALIVE_S: String(KEEPALIVE_WINDOW_S),
  });
  ctx = await createContext(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  await ctx.auth.ensureFirstAdministrator(config.adminPassword);
  await ctx.start();
  // The API alone unless the driver serves the built console (the benchmark's browser phase).
  running = await startServer(ctx, { webDist: process.env[WEB_DIST_ENV] ?? path.join(dataDir, 'no-web') });
  return { url: running.url };
}

async function stop(): Promise<void> {
  lag.stop();
  if (running) {
    const r = running;
    running = undefined;
    r.server.closeIdleConnections();
    await r.stop();
  }
  ctx = undefined;
}

async function handle(cmd: TargetCommand): Promise<unknown> {
  switch (cmd.op) {
    case 'lag':
      if (cmd.action === 'start') {
        lag.start();
        return null;
      }
      return lag.stop();
    case 'seed':
      return seed(cmd);
    case 'stop':
      return stop();
  }
}

serveIpc<TargetCommand>(handle, { ready: start(), onDisconnect: stop });
