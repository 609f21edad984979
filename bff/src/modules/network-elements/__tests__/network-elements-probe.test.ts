import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  startOpenMediaPeer,
  startTcpPeer,
  type OpenMediaPeer,
  type TcpPeer,
} from '../../../test/fake-peers.js';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import {
  addElement,
  getElement,
  listElements,
  miccCustom,
  miccDefault,
  mivbDefault,
  NE,
  resetTab,
  type Agent,
} from './helpers.js';

// Every probe here targets 127.0.0.1 or ::1 only, on ports of the fake peers.
const quiet = { OIG_LOG_LEVEL: 'error', OIG_PROBE_INTERVAL_S: '0' };

describe.each(DB_KINDS)('network element probes (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let tcp: TcpPeer;
  let om: OpenMediaPeer;
  const idle = () => h.ctx.networkElements.probesIdle();

  beforeAll(async () => {
    tcp = await startTcpPeer('127.0.0.1');
    om = await startOpenMediaPeer({ tls: true });
    h = await startHarness(freshDb(kind), {
      env: {
        ...quiet,
        OIG_PROBE_TIMEOUT_MS: '300',
        OIG_MIVB_PROBE_PORT: String(tcp.port),
        OIG_MICC_PORT: String(om.port),
      },
    });
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h.dispose();
    await tcp.close();
    await om.close();
  });
  beforeEach(async () => {
    om.mode = 'wsdl';
    await resetTab(h);
  });

  it('MiVB: an added element is probed in the background; a refused port is unreachable; an address change probes again', async () => {
    const seen = tcp.connections();
    const el = await addElement(admin, mivbDefault('127.0.0.1'));
    await idle();
    expect(tcp.connections()).toBe(seen + 1);
    const probed = await getElement(admin, el.id);
    expect(probed).toMatchObject({ status: 'reachable', statusDetail: null });
    expect(Date.parse(probed.lastCheckedAt!)).toBeGreaterThanOrEqual(Date.parse(el.createdAt));

    // The fake MiVB listens on 127.0.0.1 only: the same port on ::1 refuses.
    await admin.put(`${NE}/${el.id}`).send(mivbDefault('::1')).expect(200);
    await idle();
    expect(await getElement(admin, el.id)).toMatchObject({
      ipAddress: '::1',
      status: 'unreachable',
      statusDetail: 'connection refused',
      statusReason: { code: 'connection_refused', params: {} },
      lastCheckedAt: expect.any(String),
    });
  });

  it('MiCC: a WSDL answer is reachable; a 404 and a page that is not a WSDL are unreachable with the reason', async () => {
    const n = om.requests.length;
    const el = await addElement(admin, miccDefault('127.0.0.1'));
    await idle();
    expect(om.requests.slice(n)).toEqual([{ url: '/OpenMediaService?wsdl', tls: false }]);
    expect(await getElement(admin, el.id)).toMatchObject({ status: 'reachable', statusDetail: null });

    for (const [mode, detail, statusReason] of [
      ['not-found', 'HTTP 404', { code: 'http_status', params: { status: 404 } }],
      ['not-wsdl', 'not a WSDL', { code: 'not_wsdl', params: {} }],
    ] as const) {
      om.mode = mode;
      expect((await admin.post(`${NE}/probe`).expect(202)).body).toEqual({ accepted: true });
      await idle();
      expect(await getElement(admin, el.id)).toMatchObject({
        status: 'unreachable',
        statusDetail: detail,
        statusReason,
      });
    }
  });

  it('MiCC over HTTPS accepts a self-signed certificate, and follows the default transport', async () => {
    const n = om.requests.length;
    const el = await addElement(admin, miccCustom('127.0.0.1', 'https'));
    await idle();
    expect(om.requests.slice(n)).toEqual([{ url: '/OpenMediaService?wsdl', tls: true }]);
    expect(await getElement(admin, el.id)).toMatchObject({ status: 'reachable', transportProtocol: 'https' });

    // Back to Default (http): the target changed, so it is probed again over http.
    await admin.put(`${NE}/${el.id}`).send(miccDefault('127.0.0.1')).expect(200);
    await idle();
    expect(om.requests.slice(n + 1)).toEqual([{ url: '/OpenMediaService?wsdl', tls: false }]);
    // Changing the default transport probes the Default MiCC again, over the new one.
    await admin.put(`${NE}/defaults/micc`).send({ transportProtocol: 'https' }).expect(200);
    await idle();
    expect(om.requests.slice(n + 2)).toEqual([{ url: '/OpenMediaService?wsdl', tls: true }]);
    expect(await getElement(admin, el.id)).toMatchObject({ status: 'reachable', transportProtocol: 'https' });
    await admin.put(`${NE}/defaults/micc`).send({ transportProtocol: 'http' }).expect(200);
  });

  it('a MiCC that accepts and never answers is unreachable after the timeout', async () => {
    om.mode = 'silent';
    const el = await addElement(admin, miccDefault('127.0.0.1'));
    await idle();
    expect(await getElement(admin, el.id)).toMatchObject({
      status: 'unreachable',
      statusDetail: 'timed out after 300 ms',
    });
  });

  it('deleting an element while it is probed does not bring it back', async () => {
    om.mode = 'silent';
    const n = om.requests.length;
    const el = await addElement(admin, miccDefault('127.0.0.1'));
    await om.waitForRequests(n + 1);
    await admin.delete(`${NE}/${el.id}`).expect(204);
    await idle();
    await admin.get(`${NE}/${el.id}`).expect(404);
    expect(await listElements(admin)).toEqual([]);
  });
});

describe.each(DB_KINDS)('a probe never holds up a request (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let om: OpenMediaPeer;

  beforeAll(async () => {
    om = await startOpenMediaPeer({ mode: 'silent' });
    // A timeout far beyond the test: only stop() can end this probe.
    h = await startHarness(freshDb(kind), {
      env: { ...quiet, OIG_PROBE_TIMEOUT_MS: '60000', OIG_MICC_PORT: String(om.port) },
    });
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h.dispose();
    await om.close();
  });

  it('answers while a probe hangs, and stop() abandons the probe without writing it', async () => {
    const el = await addElement(admin, miccDefault('127.0.0.1'));
    await om.waitForRequests(1);
    let probeSettled = false;
    const probes = h.ctx.networkElements.probesIdle().then(() => (probeSettled = true));

    expect((await listElements(admin)).map((e) => [e.id, e.status])).toEqual([[el.id, 'unknown']]);
    expect(await getElement(admin, el.id)).toMatchObject({ status: 'unknown' });
    await admin.post(`${NE}/probe`).expect(202);
    await admin
      .put(`${NE}/defaults/mivb`)
      .send({ ...(await admin.get(`${NE}/defaults/mivb`)).body, outsidePrefix: '8' })
      .expect(200);
    await admin.get('/api/v1/overview').expect(200);
    // Every request above completed while the probes were still under way.
    expect(probeSettled).toBe(false);
    expect(om.pending()).toBeGreaterThanOrEqual(1);

    await h.ctx.stop();
    await probes;
    expect(await getElement(admin, el.id)).toMatchObject({
      status: 'unknown',
      statusDetail: null,
      lastCheckedAt: null,
    });
  });
});

describe.each(DB_KINDS)('periodic probe rounds (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let tcp: TcpPeer;

  beforeAll(async () => {
    tcp = await startTcpPeer('127.0.0.1');
    h = await startHarness(freshDb(kind), {
      start: false,
      env: {
        OIG_LOG_LEVEL: 'error',
        OIG_PROBE_INTERVAL_S: '1',
        OIG_PROBE_TIMEOUT_MS: '1000',
        OIG_MIVB_PROBE_PORT: String(tcp.port),
      },
    });
    admin = (await signIn(h)).agent;
  });
  afterAll(async () => {
    await h.dispose();
    await tcp.close();
  });

  it('probes nothing before start, then every interval', async () => {
    const el = await addElement(admin, mivbDefault('127.0.0.1'));
    await h.ctx.networkElements.probesIdle();
    expect(tcp.connections()).toBe(0);
    expect(await getElement(admin, el.id)).toMatchObject({ status: 'unknown' });

    await h.ctx.start();
    await vi.waitFor(
      async () => expect(await getElement(admin, el.id)).toMatchObject({ status: 'reachable' }),
      { timeout: 15_000, interval: 100 },
    );
    // Only the timer can notice this: nothing in the API changes.
    await tcp.close();
    await vi.waitFor(
      async () =>
        expect(await getElement(admin, el.id)).toMatchObject({
          status: 'unreachable',
          statusDetail: 'connection refused',
        }),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
  });
});
