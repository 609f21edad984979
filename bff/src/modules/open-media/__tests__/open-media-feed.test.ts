import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  addOpenMediaResultSchema,
  OPEN_MEDIA_MAX_TRACKED_REQUESTS,
  openMediaRequestListSchema,
  type OpenMediaRequestList,
} from '@oig/shared';
import { startOpenMediaSim, type RunningOpenMediaSim } from '../../../micc-sim/server.js';
import pino from 'pino';
import type { MiccTarget } from '../../network-elements/index.js';
import { DB_KINDS, signIn, startHarness } from '../../../test/harness.js';
import { createOpenMediaClient } from '../client.js';
import { createOpenMediaFeed, FEED_SNAPSHOT_EVERY_MS } from '../feed.js';
import { openMediaOperations } from '../operations.js';
import {
  addMicc,
  API,
  IVR,
  OM_LOGON,
  OM_PASSWORD,
  omEnv,
  startPeer,
  startProduct,
  type Agent,
  type Product,
} from './helpers.js';

const read = async (a: Agent): Promise<OpenMediaRequestList> =>
  openMediaRequestListSchema.parse((await a.get(`${API}/requests`).expect(200)).body);
/** The list without the estimates (a snapshot gives today's EWT, an event the one at queueing). */
const comparable = (l: OpenMediaRequestList) => l.requests.map(({ ewt: _ewt, ...r }) => r);

describe.each(DB_KINDS)('Open Media request list (%s)', (kind) => {
  const products: Product[] = [];
  const sims: RunningOpenMediaSim[] = [];
  afterEach(async () => {
    for (const p of products.splice(0)) await p.h.close();
    for (const s of sims.splice(0)) await s.close();
  });
  afterAll(async () => {
    for (const p of products) await p.h.dispose();
  });

  it('two processes on one database, polled after the same MiCC state, list the same requests', async () => {
    const sim = await startPeer();
    sims.push(sim);
    const one = await startProduct(kind, sim);
    products.push(one);
    await addMicc(one.admin);
    expect((await read(one.admin)).requests).toEqual([]); // one starts from an empty snapshot
    const add = async (group: number) =>
      addOpenMediaResultSchema.parse(
        (await one.admin.post(`${API}/requests`).send({ serviceGroupId: group, ivrInfo: IVR }).expect(201))
          .body,
      ).openMediaId;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await add(i % 2 === 0 ? 1001 : 1002));
    sim.sim.advance(6_000); // agents answer
    await read(one.admin);
    // The second process starts now: its first read is a snapshot, the first one's are events.
    const h2 = await startHarness(one.h.db, { env: omEnv(sim) });
    const two = { h: h2, admin: (await signIn(h2)).agent };
    products.push(two);
    const [a, b] = [await read(one.admin), await read(two.admin)];
    expect(a.requests.length).toBe(7);
    expect(comparable(b)).toEqual(comparable(a));
    const queued = a.requests.filter((r) => r.status === 1);
    expect(queued.length).toBeGreaterThanOrEqual(2);
    // Leaving the head of a queue moves everyone behind it up, in both.
    const head = queued.find((r) => r.queuePosition === 1)!;
    await one.admin
      .post(`${API}/requests/${head.openMediaId}/cancel`)
      .send({ cancelIfAllocated: false, doNotReport: false })
      .expect(204);
    sim.sim.advance(50_000); // some complete
    const [c, d] = [await read(two.admin), await read(one.admin)];
    expect(comparable(d)).toEqual(comparable(c));
    expect(c.requests.some((r) => r.status === 4)).toBe(true);
    // Ended requests go once the MiCC's data expiration has passed on its clock, in both.
    sim.sim.advance(31 * 60_000);
    const [e, f] = [await read(one.admin), await read(two.admin)];
    expect(e.requests.every((r) => ![4, 5, 6].includes(r.status))).toBe(true);
    expect(comparable(f)).toEqual(comparable(e));
    // And a third process starting from a snapshot now agrees.
    const h3 = await startHarness(one.h.db, { env: omEnv(sim) });
    products.push({ h: h3, admin: (await signIn(h3)).agent });
    expect(comparable(await read(products[2]!.admin))).toEqual(comparable(e));
  });

  it('when the MiCC goes away the last list stays with the problem; it recovers when it is back', async () => {
    let sim = await startPeer();
    const port = sim.port;
    const p = await startProduct(kind, sim);
    products.push(p);
    await addMicc(p.admin);
    await p.admin.post(`${API}/requests`).send({ serviceGroupId: 1002, ivrInfo: IVR }).expect(201);
    const before = await read(p.admin);
    expect(before.requests).toHaveLength(1);
    expect(before.problem).toBeNull();
    await sim.close();
    const during = await read(p.admin);
    expect(during.requests).toEqual(before.requests);
    expect(during.problem).toMatchObject({
      reason: 'micc_unreachable',
      params: { address: `http://127.0.0.1:${port}/OpenMediaService` },
    });
    expect(during.problem!.message).toMatch(/cannot be reached \(connection refused\)/);
    // A MiCC that restarted without its requests: older stamps, so the list starts again.
    sim = await startOpenMediaSim({
      port,
      manualClock: true,
      startAt: new Date('2026-03-02T09:00:00Z'),
      auth: { logonId: OM_LOGON, password: OM_PASSWORD },
    });
    sims.push(sim);
    const after = await read(p.admin);
    expect(after.problem).toBeNull();
    expect(after.requests).toEqual([]);
  });

  it('sends one text with one tag until the list changes; If-None-Match gets 304; no two processes share a tag', async () => {
    const sim = await startPeer();
    sims.push(sim);
    const p = await startProduct(kind, sim, { OIG_OPEN_MEDIA_POLL_MS: '60000' });
    products.push(p);
    await addMicc(p.admin);
    const first = await p.admin.get(`${API}/requests`).expect(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/"om-[\w-]+-\d+"$/);
    const again = await p.admin.get(`${API}/requests`).expect(200);
    expect(again.headers.etag).toBe(tag);
    expect(again.text).toBe(first.text);
    await p.admin.get(`${API}/requests`).set('If-None-Match', tag).expect(304);
    // An action refreshes the list: a new text, a new tag.
    await p.admin.post(`${API}/requests`).send({ serviceGroupId: 1001, ivrInfo: IVR }).expect(201);
    const after = await p.admin.get(`${API}/requests`).set('If-None-Match', tag).expect(200);
    expect(after.headers.etag).not.toBe(tag);
    expect(openMediaRequestListSchema.parse(after.body).requests).toHaveLength(1);
    // Another process on the same database counts its versions from 1 too, under its own tag.
    const h2 = await startHarness(p.h.db, { env: omEnv(sim, { OIG_OPEN_MEDIA_POLL_MS: '60000' }) });
    const two = { h: h2, admin: (await signIn(h2)).agent };
    products.push(two);
    const other = await two.admin.get(`${API}/requests`).set('If-None-Match', tag).expect(200);
    expect(other.headers.etag).not.toBe(tag);
  });

  it('a restarted MiCC that forgot a live request: acting on it starts the list again', async () => {
    const sim = await startPeer();
    sims.push(sim);
    const p = await startProduct(kind, sim);
    products.push(p);
    await addMicc(p.admin);
    const ids = sim.sim.fill(6, 1002);
    const listed = await read(p.admin);
    expect(listed.requests.map((r) => r.openMediaId).sort()).toEqual([...ids].sort());
    sim.sim.restart();
    const stale = ids.find((id) => listed.requests.find((r) => r.openMediaId === id)?.status === 1)!;
    const res = await p.admin.patch(`${API}/requests/${stale}`).send({ ivrInfo: IVR });
    expect(res.status).toBe(404);
    expect(res.body.error.reason).toBe('request_not_found');
    expect((await read(p.admin)).requests).toEqual([]);
  });

  it('reads within the poll interval share the last poll; a read never waits for a poll it does not need', async () => {
    const sim = await startPeer();
    sims.push(sim);
    const p = await startProduct(kind, sim, { OIG_OPEN_MEDIA_POLL_MS: '60000' });
    products.push(p);
    await addMicc(p.admin);
    const all = vi.spyOn(sim.sim, 'allStatus');
    const byTime = vi.spyOn(sim.sim, 'byTime');
    const lists = await Promise.all([read(p.admin), read(p.admin), read(p.admin)]);
    expect(all).toHaveBeenCalledTimes(1);
    sim.sim.fill(2, 1002);
    expect((await read(p.admin)).requests).toEqual(lists[0].requests); // cached
    expect(byTime).not.toHaveBeenCalled();
    // An action refreshes the list at once, whatever the interval.
    await p.admin.post(`${API}/requests`).send({ serviceGroupId: 1002, ivrInfo: IVR }).expect(201);
    expect((await read(p.admin)).requests).toHaveLength(3);
    expect(byTime).toHaveBeenCalledTimes(1);
  });

  it('beyond the most requests tracked the list says too_many_requests', async () => {
    const sim = await startPeer();
    sims.push(sim);
    const p = await startProduct(kind, sim);
    products.push(p);
    await addMicc(p.admin);
    // The limit is the shared constant; a smaller one is set through the feed for the test.
    const { createOpenMediaFeed } = await import('../feed.js');
    const { openMediaOperations } = await import('../operations.js');
    const { createOpenMediaClient } = await import('../client.js');
    const feed = createOpenMediaFeed({
      ops: openMediaOperations(createOpenMediaClient({ timeoutMs: 2000 })),
      pollMs: 0,
      retentionMs: 30 * 60_000,
      now: Date.now,
      logger: p.h.ctx.logger,
      maxTracked: 5,
    });
    const target = (await p.h.ctx.networkElements.miccTarget())!;
    sim.sim.fill(4, 1002);
    expect((await feed.read(target)).problem).toBeNull();
    sim.sim.fill(3, 1002);
    const l = await feed.read(target);
    expect(l.requests).toHaveLength(5);
    expect(l.problem).toMatchObject({ reason: 'too_many_requests', params: { max: '5' } });
  });
});

/** The peer as the feed's target, without credentials (the peer here has no authentication). */
const simTarget = (sim: RunningOpenMediaSim): MiccTarget => ({
  elementId: 'e',
  protocol: 'http',
  ipAddress: '127.0.0.1',
  port: sim.port,
  url: sim.url,
  logonId: null,
  password: null,
  key: `test ${sim.port}`,
});

describe('Open Media feed, on its own clock', () => {
  it('a MiCC holding more than the product tracks: the newest 20,000 listed, the same in every process, at the MiCC’s positions', async () => {
    const sim = await startOpenMediaSim({ port: 0, manualClock: true });
    try {
      const target = simTarget(sim);
      sim.sim.fill(5_000, 1002);
      const newest = new Set<string>();
      for (let i = 0; i < 4; i++) for (const id of sim.sim.fill(5_000, 1002)) newest.add(id);
      const ops = openMediaOperations(createOpenMediaClient({ timeoutMs: 20_000 }));
      const feedOf = () =>
        createOpenMediaFeed({
          ops,
          pollMs: 0,
          retentionMs: 30 * 60_000,
          now: Date.now,
          logger: pino({ level: 'silent' }),
        });
      const [one, two] = [await feedOf().read(target), await feedOf().read(target)];
      expect(one.requests).toHaveLength(OPEN_MEDIA_MAX_TRACKED_REQUESTS);
      expect(one.problem).toMatchObject({
        reason: 'too_many_requests',
        params: { max: String(OPEN_MEDIA_MAX_TRACKED_REQUESTS) },
      });
      expect(new Set(one.requests.map((r) => r.openMediaId))).toEqual(newest);
      expect(two.requests).toEqual(one.requests);
      // Not renumbered over the tracked ones: 5,000 older requests are queued ahead of them.
      const micc = await ops.all(target);
      const position = new Map(micc.events.map((e) => [e.openMediaId, e.queuePosition]));
      expect(micc.events).toHaveLength(25_000);
      for (const r of one.requests) expect(r.queuePosition).toBe(position.get(r.openMediaId));
      expect(Math.min(...one.requests.map((r) => r.queuePosition))).toBeGreaterThan(4_000);
    } finally {
      await sim.close();
    }
  });

  it('takes a fresh snapshot every FEED_SNAPSHOT_EVERY_MS, so a MiCC that restarted unnoticed is not listed stale', async () => {
    const sim = await startOpenMediaSim({ port: 0, manualClock: true });
    try {
      const clock = { now: 1_000_000 };
      const feed = createOpenMediaFeed({
        ops: openMediaOperations(createOpenMediaClient({ timeoutMs: 5_000 })),
        pollMs: 0,
        retentionMs: 30 * 60_000,
        now: () => clock.now,
        logger: pino({ level: 'silent' }),
      });
      const target = simTarget(sim);
      const ids = sim.sim.fill(4, 1002);
      expect((await feed.read(target)).requests.map((r) => r.openMediaId).sort()).toEqual([...ids].sort());
      // The MiCC restarts; its clock goes on, so the events alone cannot tell.
      sim.sim.restart();
      clock.now += FEED_SNAPSHOT_EVERY_MS - 1;
      expect((await feed.read(target)).requests).toHaveLength(4);
      clock.now += 1;
      expect((await feed.read(target)).requests).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
