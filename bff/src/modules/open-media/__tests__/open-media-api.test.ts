import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addOpenMediaResultSchema,
  apiErrorSchema,
  openMediaHistorySchema,
  openMediaRequestListSchema,
  openMediaServiceGroupListSchema,
} from '@oig/shared';
import type { RunningOpenMediaSim } from '../../../micc-sim/server.js';
import { DB_KINDS, signInSupport } from '../../../test/harness.js';
import {
  addMicc,
  API,
  IVR,
  OM_LOGON,
  OM_PASSWORD,
  startPeer,
  startProduct,
  type Agent,
  type Product,
} from './helpers.js';

/** Asserts an API error: status, code, reason, and that the message says it in words. */
function expectError(
  res: { status: number; body: unknown },
  status: number,
  reason: string,
  message: RegExp,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const e = apiErrorSchema.parse(res.body).error;
  expect(e.reason).toBe(reason);
  expect(e.message).toMatch(message);
  return e;
}

describe.each(DB_KINDS)('Open Media admin API against the peer (%s)', (kind) => {
  let sim: RunningOpenMediaSim;
  let p: Product;
  let admin: Agent;
  let support: Agent;
  let elementId: string;

  const add = (body: object = { serviceGroupId: 1001, ivrInfo: IVR }) =>
    admin.post(`${API}/requests`).send(body);
  const list = async (as: Agent = admin) =>
    openMediaRequestListSchema.parse((await as.get(`${API}/requests`).expect(200)).body);
  const statusOf = async (id: string) => (await list()).requests.find((r) => r.openMediaId === id);

  beforeAll(async () => {
    sim = await startPeer();
    p = await startProduct(kind, sim);
    admin = p.admin;
    support = (await signInSupport(p.h, admin)).agent;
  });
  afterAll(async () => {
    await p.h.dispose();
    await sim.close();
  });

  it('without a MiCC element every call is a 409 micc_not_configured saying so', async () => {
    for (const res of [
      await admin.get(`${API}/requests`),
      await admin.get(`${API}/service-groups`),
      await admin.get(`${API}/requests/abc/history`),
      await add(),
      await admin.put(`${API}/options`).send({ maxNumberOfSessions: 2 }),
    ]) {
      const e = expectError(res, 409, 'micc_not_configured', /No MiContact Center is configured/);
      expect(e.code).toBe('conflict');
    }
  });

  it('a wrong password is micc_invalid_user with a message naming the element; the right one works', async () => {
    elementId = await addMicc(admin, { openMediaLogonId: OM_LOGON, openMediaPassword: 'wrong-password' });
    expectError(
      await admin.get(`${API}/service-groups`),
      409,
      'micc_invalid_user',
      /refused the Open Media user: check the LogonID and password of the MiContact Center element/,
    );
    // With no list yet, the list's failure is the API error too.
    expectError(await admin.get(`${API}/requests`), 409, 'micc_invalid_user', /LogonID and password/);
    // The password alone changes; the logon ID is kept (absent = unchanged).
    const put = await admin
      .put(`/api/v1/network-elements/${elementId}`)
      .send({
        type: 'micc',
        setup: 'custom',
        transportProtocol: 'http',
        ipAddress: '127.0.0.1',
        openMediaPassword: OM_PASSWORD,
      })
      .expect(200);
    expect(put.body).toMatchObject({ openMediaLogonId: OM_LOGON, openMediaPasswordSet: true });
    expect(JSON.stringify(put.body)).not.toContain(OM_PASSWORD);
    const groups = openMediaServiceGroupListSchema.parse(
      (await support.get(`${API}/service-groups?tenantId=-1`).expect(200)).body,
    );
    expect(groups.tenantId).toBe(-1);
    expect(groups.groups).toEqual([
      { serviceGroupId: 1001, name: 'Support', open: true },
      { serviceGroupId: 1002, name: 'Sales', open: true },
      { serviceGroupId: 1003, name: 'Billing', open: false },
    ]);
  });

  it('the password is never in any answer, and the audit log shows it masked', async () => {
    const texts = [
      (await admin.get('/api/v1/network-elements').expect(200)).text,
      (await admin.get(`/api/v1/network-elements/${elementId}`).expect(200)).text,
      (await admin.get('/api/v1/audit?limit=100').expect(200)).text,
      (await admin.get(`${API}/requests`).expect(200)).text,
    ];
    for (const t of texts) expect(t).not.toContain(OM_PASSWORD);
    for (const t of texts) expect(t).not.toContain('wrong-password');
    const audit = (await admin.get('/api/v1/audit?limit=100').expect(200)).body.entries as Array<{
      action: string;
      after: Record<string, unknown> | null;
    }>;
    const update = audit.find((e) => e.action === 'network-element.update')!;
    expect(update.after).toMatchObject({
      openMediaLogonId: OM_LOGON,
      openMediaPassword: '••••••',
      openMediaPasswordChanged: true,
    });
  });

  it('adds a request (201), lists it at once, shows its history; support may read but not act', async () => {
    const res = await add({ serviceGroupId: 1001, ivrInfo: IVR, privateData: 'from the console' });
    expect(res.status, res.text).toBe(201);
    const added = addOpenMediaResultSchema.parse(res.body);
    expect(added.requestStatus).toBe(0);
    const seen = (await list(support)).requests.find((r) => r.openMediaId === added.openMediaId);
    expect(seen).toBeDefined();
    expect(seen!.serviceGroupId).toBe(1001);
    const history = openMediaHistorySchema.parse(
      (await support.get(`${API}/requests/${added.openMediaId}/history`).expect(200)).body,
    );
    expect(history.openMediaId).toBe(added.openMediaId);
    expect(history.events.length).toBeGreaterThanOrEqual(1);
    expect(history.events[0]!.status).toBe(1);
    for (const [method, path, body] of [
      ['post', `${API}/requests`, { serviceGroupId: 1001, ivrInfo: IVR }],
      [
        'post',
        `${API}/requests/${added.openMediaId}/cancel`,
        { cancelIfAllocated: true, doNotReport: false },
      ],
      ['post', `${API}/requests/${added.openMediaId}/divert`, { serviceGroupId: 1002 }],
      ['patch', `${API}/requests/${added.openMediaId}`, { ivrInfo: IVR }],
      ['put', `${API}/options`, { maxNumberOfSessions: 2 }],
    ] as const) {
      const r = await support[method](path).send(body);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await statusOf(added.openMediaId))!.status).not.toBe(6);
  });

  it('refusals are 4xx with their reason: closed, unknown group, terminated, unknown ID', async () => {
    expectError(
      await add({ serviceGroupId: 1003, ivrInfo: IVR }),
      409,
      'group_closed',
      /Service group 1003 is closed/,
    );
    expectError(
      await add({ serviceGroupId: 4242, ivrInfo: IVR }),
      409,
      'group_invalid',
      /no Open Media service group 4242/,
    );
    expectError(
      await add({ tenantId: -1, serviceGroupName: 'Nobody', ivrInfo: IVR }),
      409,
      'group_invalid',
      /"Nobody" \(tenant -1\)/,
    );
    expectError(
      await admin
        .post(`${API}/requests/no-such-id/cancel`)
        .send({ cancelIfAllocated: true, doNotReport: false }),
      404,
      'request_not_found',
      /Open Media request no-such-id is unknown to the MiContact Center or has already ended/,
    );
    expectError(
      await admin.get(`${API}/requests/no-such-id/history`),
      404,
      'request_not_found',
      /no-such-id/,
    );
    expectError(
      await admin.post(`${API}/requests/no-such-id/divert`).send({ serviceGroupId: 1002 }),
      404,
      'request_not_found',
      /no-such-id/,
    );
    expectError(
      await admin.patch(`${API}/requests/no-such-id`).send({ ivrInfo: IVR }),
      404,
      'request_not_found',
      /no-such-id/,
    );
    const id = addOpenMediaResultSchema.parse((await add().expect(201)).body).openMediaId;
    await admin
      .post(`${API}/requests/${id}/cancel`)
      .send({ cancelIfAllocated: true, doNotReport: true })
      .expect(204);
    expectError(
      await admin.post(`${API}/requests/${id}/cancel`).send({ cancelIfAllocated: true, doNotReport: false }),
      409,
      'request_terminated',
      new RegExp(`${id} has already ended or been cancelled`),
    );
    // The list shows it ended: the MiCC's "invalid session ID" for it is no sign of a restart.
    expect((await statusOf(id))!.status).toBe(6);
    const all = vi.spyOn(sim.sim, 'allStatus');
    try {
      expectError(
        await admin.post(`${API}/requests/${id}/divert`).send({ serviceGroupId: 1002 }),
        404,
        'request_not_found',
        new RegExp(`${id} is unknown to the MiContact Center or has already ended`),
      );
      expect((await statusOf(id))!.status).toBe(6);
      expect(all).not.toHaveBeenCalled();
    } finally {
      all.mockRestore();
    }
  });

  it('bad ids and bodies are 400 naming the field; a queue start time in the future is refused', async () => {
    const bad = await admin.get(`${API}/requests/${encodeURIComponent('bad id!')}/history`).expect(400);
    expect(bad.body.error.fields).toHaveProperty('openMediaId');
    const future = await add({
      serviceGroupId: 1001,
      ivrInfo: IVR,
      queueStartTime: '2999-01-01T00:00:00Z',
    }).expect(400);
    expect(future.body.error.fields).toEqual({ queueStartTime: 'Queue start time must be in the past' });
    const noGroup = await add({ ivrInfo: IVR }).expect(400);
    expect(noGroup.body.error.fields).toHaveProperty('serviceGroupId');
    const tenant = await admin.get(`${API}/service-groups?tenantId=x`).expect(400);
    expect(tenant.body.error.fields).toHaveProperty('tenantId');
    const cancel = await admin
      .post(`${API}/requests/abc/cancel`)
      .send({ cancelIfAllocated: 'yes', doNotReport: false });
    expect(cancel.status).toBe(400);
    expect(cancel.body.error.fields).toHaveProperty('cancelIfAllocated');
  });

  it('cancel with and without cancelIfAllocated, modify only while queued, divert, options; each audited', async () => {
    // Agents of Support take requests: fill the group until one stays queued.
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push(addOpenMediaResultSchema.parse((await add().expect(201)).body).openMediaId);
    const now = await list();
    const allocated = ids.find((id) => now.requests.find((r) => r.openMediaId === id)?.status === 2)!;
    const queued = ids.filter((id) => now.requests.find((r) => r.openMediaId === id)?.status === 1);
    expect(allocated, 'an agent took one').toBeDefined();
    expect(queued.length, 'some stay queued').toBeGreaterThanOrEqual(2);

    expectError(
      await admin.patch(`${API}/requests/${allocated}`).send({ ivrInfo: IVR }),
      409,
      'modify_refused',
      /only while it is queued/,
    );
    await admin
      .patch(`${API}/requests/${queued[0]}`)
      .send({ ivrInfo: [{ label: 'Ticket', data: '4712' }] })
      .expect(204);

    expectError(
      await admin
        .post(`${API}/requests/${allocated}/cancel`)
        .send({ cancelIfAllocated: false, doNotReport: false }),
      409,
      'cancel_refused',
      /allocated to an agent\. Cancel it with "cancel if allocated"/,
    );
    await admin
      .post(`${API}/requests/${allocated}/cancel`)
      .send({ cancelIfAllocated: true, doNotReport: false })
      .expect(204);
    expect((await statusOf(allocated))!.status).toBe(6);

    const diverted = await admin
      .post(`${API}/requests/${queued[1]}/divert`)
      .send({ serviceGroupId: 1002 })
      .expect(200);
    expect(diverted.body).toEqual({ openMediaId: queued[1] });
    expect((await statusOf(queued[1]!))!.serviceGroupId).toBe(1002);
    expectError(
      await admin.post(`${API}/requests/${queued[0]}/divert`).send({ serviceGroupId: 1003 }),
      409,
      'group_closed',
      /1003 is closed/,
    );

    await admin
      .put(`${API}/options`)
      .send({ typeOfSession: 2, agentActionOptions: 4, maxNumberOfSessions: 3 })
      .expect(204);
    expect(sim.sim.state().options).toHaveProperty('2');

    const audit = (await admin.get('/api/v1/audit?limit=200').expect(200)).body.entries as Array<{
      action: string;
      target: string;
      after: Record<string, unknown> | null;
    }>;
    const of = (action: string, target: string) =>
      audit.find((e) => e.action === action && e.target === target);
    expect(of('open-media.request.cancel', allocated)!.after).toEqual({
      cancelIfAllocated: true,
      doNotReport: false,
    });
    expect(of('open-media.request.divert', queued[1]!)!.after).toEqual({ serviceGroupId: 1002 });
    expect(of('open-media.request.modify', queued[0]!)!.after).toEqual({
      ivrInfo: [{ label: 'Ticket', data: '4712' }],
    });
    expect(of('open-media.request.add', ids[0]!)!.after).toMatchObject({
      serviceGroupId: 1001,
      ivrInfo: IVR,
    });
    expect(of('open-media.options.set', 'Open Media options')!.after).toEqual({
      typeOfSession: 2,
      agentActionOptions: 4,
      maxNumberOfSessions: 3,
    });
    // Refused actions change nothing, so they are not audited.
    expect(
      audit.filter((e) => e.action === 'open-media.request.cancel' && e.target === allocated),
    ).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(OM_PASSWORD);
  });

  it('a logged-off forced preferred agent, no license and a disconnected router each say so', async () => {
    sim.sim.setAgent(2004, { loggedOn: false });
    expectError(
      await add({ serviceGroupId: 1001, ivrInfo: IVR, preferredAgentId: 2004, forceToPreferredAgent: true }),
      409,
      'preferred_agent_logged_off',
      /preferred agent 2004 is logged off/,
    );
    sim.sim.setLicensed(false);
    expectError(await add(), 409, 'micc_no_license', /Open Media site license/);
    sim.sim.setLicensed(true);
    sim.sim.setRouterConnected(false);
    const e = expectError(await add(), 502, 'micc_router_disconnected', /not connected to its router/);
    expect(e.code).toBe('upstream_failed');
    sim.sim.setRouterConnected(true);
    await add().expect(201);
  });

  it('a stored password goes only where it was given for; control characters are refused', async () => {
    const micc = { type: 'micc', setup: 'custom', transportProtocol: 'http', ipAddress: '127.0.0.1' };
    const put = (body: object) => admin.put(`/api/v1/network-elements/${elementId}`).send(body);
    for (const moved of [{ ipAddress: '127.0.0.2' }, { transportProtocol: 'https' }]) {
      const res = await put({ ...micc, ...moved }).expect(400);
      expect(res.body.error.fields.openMediaPassword).toMatch(/type its Open Media password again/);
    }
    const row = () =>
      p.h.ctx.db.db
        .selectFrom('network_elements')
        .selectAll()
        .where('id', '=', elementId)
        .executeTakeFirstOrThrow();
    expect((await row()).ip_address).toBe('127.0.0.1');
    // The same target keeps the stored password; a move with the password typed again is fine.
    expect((await put(micc).expect(200)).body).toMatchObject({ openMediaPasswordSet: true });
    await put({ ...micc, ipAddress: '127.0.0.2', openMediaPassword: OM_PASSWORD }).expect(200);
    await put({ ...micc, openMediaPassword: OM_PASSWORD }).expect(200);
    expect((await row()).open_media_password).toBe(OM_PASSWORD);
    for (const bad of [{ openMediaLogonId: 'host\nadmin' }, { openMediaPassword: 'pass\u0000word' }]) {
      const res = await put({ ...micc, ...bad }).expect(400);
      expect(Object.keys(res.body.error.fields)).toEqual([Object.keys(bad)[0]]);
    }
    expect((await list()).problem).toBeNull();
  });

  it('removing the logon ID removes the password too; the MiCC then refuses the user', async () => {
    const put = await admin
      .put(`/api/v1/network-elements/${elementId}`)
      .send({ type: 'micc', setup: 'default', ipAddress: '127.0.0.1', openMediaLogonId: '' })
      .expect(200);
    expect(put.body).toMatchObject({ openMediaLogonId: null, openMediaPasswordSet: false });
    const row = await p.h.ctx.db.db
      .selectFrom('network_elements')
      .selectAll()
      .where('id', '=', elementId)
      .executeTakeFirstOrThrow();
    expect([row.open_media_logon_id, row.open_media_password]).toEqual([null, null]);
    // The list changes target, so it starts again (the last list is not for this target).
    expectError(await admin.get(`${API}/requests`), 409, 'micc_invalid_user', /LogonID and password/);
    const noLogon = await admin
      .put(`/api/v1/network-elements/${elementId}`)
      .send({ type: 'micc', setup: 'default', ipAddress: '127.0.0.1', openMediaPassword: 'x' })
      .expect(400);
    expect(noLogon.body.error.fields).toHaveProperty('openMediaPassword');
  });
});
