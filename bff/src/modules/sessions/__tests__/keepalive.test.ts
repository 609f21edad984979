import { connect } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';
import { loginExXml, postSoap, readReturn, sessionOpXml } from '../../../test/soap-client.js';

const SOAP_S = 10;
const GRACE_MS = 2_000;

async function historyReason(h: Harness, last4: string): Promise<string | undefined> {
  const rows = await h.ctx.db.db
    .selectFrom('session_history')
    .select(['token_last4', 'end_reason'])
    .execute();
  return rows.find((r) => r.token_last4 === last4)?.end_reason;
}

describe.each(DB_KINDS)('keep-alive expiry and restarts (%s)', (kind) => {
  let db: TestDb;
  let clock = Date.now();
  const env = {
    OIG_SOAP_KEEPALIVE_S: String(SOAP_S),
    OIG_REST_KEEPALIVE_S: '600',
    OIG_KEEPALIVE_GRACE_MS: String(GRACE_MS),
  };
  const open = () => startHarness(db, { env, context: { now: () => clock }, start: false });
  let h: Harness;

  beforeAll(async () => {
    db = freshDb(kind);
    h = await open();
    await createAccount((await signIn(h)).agent, APPS.acme);
  });
  afterAll(async () => {
    await h.close();
    await db.drop();
  });

  const soapLogin = async () =>
    readReturn(
      (await postSoap(h, loginExXml({ ...APPS.acme, localPassword: LOCAL_PASSWORD })).expect(200)).text,
    ).sessionId!;
  const soapKeepAlive = async (id: string) =>
    readReturn((await postSoap(h, sessionOpXml('resetSessionTimer', id)).expect(200)).text).result;

  it('never drops a SOAP session whose keep-alive arrived on time, and ends an idle one after its window', async () => {
    const id = await soapLogin();
    // Keep-alives exactly at the 10 s limit, for a minute, with sweeps in between.
    for (let i = 0; i < 6; i++) {
      clock += SOAP_S * 1000;
      await h.ctx.manager.sweepOnce();
      expect(await soapKeepAlive(id)).toBe('true');
    }
    // Late by less than the grace period: still alive.
    clock += SOAP_S * 1000 + GRACE_MS - 1;
    await h.ctx.manager.sweepOnce();
    expect(await soapKeepAlive(id)).toBe('true');
    // Idle well past window + grace: ended with reason keep-alive timeout.
    clock += SOAP_S * 1000 + GRACE_MS + 5_000;
    expect(await h.ctx.manager.sweepOnce()).toBe(1);
    expect(await soapKeepAlive(id)).toBe('false');
    expect(await historyReason(h, id.slice(-4))).toBe('keepalive-timeout');
  });

  it('keeps REST sessions for their own, longer window', async () => {
    const rest = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
    const soap = await soapLogin();
    clock += 60_000;
    await h.ctx.manager.sweepOnce();
    expect(await soapKeepAlive(soap)).toBe('false');
    await supertest(h.app).put(REST_PATH).set('Authorization', rest).expect(200);
    // Stored activity may lag by 1/20 of the window (30 s for REST), so expiry allows that too.
    clock += 600_000 + 30_000 + GRACE_MS - 1_000;
    await h.ctx.manager.sweepOnce();
    await supertest(h.app).put(REST_PATH).set('Authorization', rest).expect(200);
    clock += 600_000 + 30_000 + GRACE_MS + 2_000;
    await h.ctx.manager.sweepOnce();
    await supertest(h.app).put(REST_PATH).set('Authorization', rest).expect(404);
  });

  it('sessions survive a restart shorter than their window; those that expired meanwhile end as "server-shutdown"', async () => {
    const survivor = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
    const casualty = await soapLogin();
    await h.close();
    clock += 30_000; // down for 30 s: longer than SOAP's 10 s window, shorter than REST's 10 min
    h = await open();
    const ended = await h.ctx.manager.start();
    expect(ended).toBe(1);
    await supertest(h.app).put(REST_PATH).set('Authorization', survivor).expect(200);
    expect(await soapKeepAlive(casualty)).toBe('false');
    expect(await historyReason(h, casualty.slice(-4))).toBe('server-shutdown');
    await h.ctx.manager.stop();
  });
});

describe('keep-alive across an event-loop stall (real timers)', () => {
  let h: Harness;
  let server: Server;
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await h.dispose();
  });

  it('holds no stall against a session whose keep-alive came on time', async () => {
    h = await startHarness(freshDb('sqlite'), {
      env: { OIG_SOAP_KEEPALIVE_S: '2', OIG_KEEPALIVE_GRACE_MS: '100' },
      context: { sweepMs: 50 },
    });
    await createAccount((await signIn(h)).agent, APPS.acme);
    server = createServer(h.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const id = readReturn(
      (await postSoap(h, loginExXml({ ...APPS.acme, localPassword: LOCAL_PASSWORD })).expect(200)).text,
    ).sessionId!;

    // The keep-alive reaches the server's socket on time (well inside the 2 s window)...
    await new Promise((r) => setTimeout(r, 300));
    const body = sessionOpXml('resetSessionTimer', id);
    const sock = connect(port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    let answer = '';
    sock.on('data', (d: Buffer) => (answer += d.toString()));
    sock.write(
      `POST /axis2/services/SessionService HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    await new Promise((r) => setTimeout(r, 20));
    // ...and then the event loop stalls for 3.5 s, far past the window and every allowance
    // (2 s + 0.1 s grace + 0.1 s of sweeps + 0.1 s of write allowance).
    const until = Date.now() + 3_500;
    while (Date.now() < until) {
      /* busy: nothing else runs */
    }
    await new Promise<void>((r) => {
      const done = () => answer.includes('Envelope>') && r();
      sock.on('data', done);
      done();
    });
    sock.destroy();
    expect(answer).toContain('result="true"');
    // And the session is still alive for the next, regular keep-alive, several sweeps later: the
    // stalled time is not held against it, whether the keep-alive was read before or after it.
    await new Promise((r) => setTimeout(r, 300));
    expect(
      readReturn((await postSoap(h, sessionOpXml('resetSessionTimer', id)).expect(200)).text).result,
    ).toBe('true');
  });
});
