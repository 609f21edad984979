import { startOpenMediaSim, type RunningOpenMediaSim } from '../../../micc-sim/server.js';
import {
  freshDb,
  signIn,
  startHarness,
  type DbKind,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';

export const OM_LOGON = 'host-admin';
export const OM_PASSWORD = 'om-secret-<&>-1';
export const API = '/api/v1/open-media';

export type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

/** Env of a product that talks to the peer: its port, every read polls (tests see each change). */
export const omEnv = (sim: RunningOpenMediaSim, extra: Record<string, string> = {}) => ({
  OIG_MICC_PORT: String(sim.port),
  OIG_MICC_TIMEOUT_MS: '2000',
  OIG_OPEN_MEDIA_POLL_MS: '0',
  OIG_PROBE_INTERVAL_S: '0',
  ...extra,
});

/**
 * The peer with authentication and a manual clock (nothing moves unless a test says so), on a port
 * of its own: test files run side by side, and two on the peer's default port would collide.
 */
export function startPeer(o: Parameters<typeof startOpenMediaSim>[0] = {}): Promise<RunningOpenMediaSim> {
  return startOpenMediaSim({
    port: 0,
    manualClock: true,
    startAt: new Date('2026-03-02T09:00:00Z'),
    auth: { logonId: OM_LOGON, password: OM_PASSWORD },
    ...o,
  });
}

/** The MiCC element at the peer's address, with the given credentials. */
export async function addMicc(
  admin: Agent,
  creds: { openMediaLogonId?: string; openMediaPassword?: string } = {
    openMediaLogonId: OM_LOGON,
    openMediaPassword: OM_PASSWORD,
  },
): Promise<string> {
  const res = await admin
    .post('/api/v1/network-elements')
    .send({ type: 'micc', setup: 'custom', transportProtocol: 'http', ipAddress: '127.0.0.1', ...creds })
    .expect(201);
  return res.body.id as string;
}

export interface Product {
  h: Harness;
  admin: Agent;
}

/** A product on a fresh database of the kind, signed in as the administrator. */
export async function startProduct(
  kind: DbKind,
  sim: RunningOpenMediaSim,
  extra: Record<string, string> = {},
  db: TestDb = freshDb(kind),
): Promise<Product> {
  const h = await startHarness(db, { env: omEnv(sim, extra) });
  return { h, admin: (await signIn(h)).agent };
}

export const IVR = [{ label: 'Ticket', data: '4711' }];
