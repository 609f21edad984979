import { FACTORY_MICC_DEFAULTS, FACTORY_MIVB_DEFAULTS, MAX_MIVB_ELEMENTS } from '@oig/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  restLogin,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import { postSoap, readReturn, sessionOpXml } from '../../../test/soap-client.js';
import {
  addElement,
  CUSTOM_MIVB,
  getElement,
  ISO,
  listElements,
  miccCustom,
  miccDefault,
  mivbCustom,
  mivbDefault,
  NE,
  resetTab,
  tabState,
  UUID,
  type Agent,
} from './helpers.js';

const NEW_MIVB_DEFAULTS = {
  ...FACTORY_MIVB_DEFAULTS,
  outsidePrefix: '7',
  localCountryCode: '33',
  localAreaCodes: ['1', '2'],
  maxExtensionLength: '6',
};

describe.each(DB_KINDS)('network elements API (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;

  beforeAll(async () => {
    // No probes here: the addresses below are documentation ranges, never contacted.
    h = await startHarness(freshDb(kind), { start: false, env: { OIG_LOG_LEVEL: 'error' } });
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());
  beforeEach(() => resetTab(h));

  it('adds, reads, edits and deletes an element', async () => {
    expect(await listElements(admin)).toEqual([]);
    const created = await addElement(admin, mivbCustom('192.0.2.10'));
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      type: 'mivb',
      setup: 'custom',
      ipAddress: '192.0.2.10',
      ...CUSTOM_MIVB,
      version: null,
      status: 'unknown',
      statusDetail: null,
      statusReason: null,
      lastCheckedAt: null,
      createdAt: expect.stringMatching(ISO),
      updatedAt: created.createdAt,
    });
    expect(await getElement(admin, created.id)).toEqual(created);
    expect(await listElements(admin)).toEqual([created]);

    const res = await admin
      .put(`${NE}/${created.id}`)
      .send(mivbCustom('192.0.2.11', { outsidePrefix: '', localAreaCodes: [] }))
      .expect(200);
    expect(res.body).toEqual({
      ...created,
      ipAddress: '192.0.2.11',
      outsidePrefix: '',
      localAreaCodes: [],
      updatedAt: expect.stringMatching(ISO),
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.createdAt));
    expect(await getElement(admin, created.id)).toEqual(res.body);

    await admin.delete(`${NE}/${created.id}`).expect(204);
    expect(await listElements(admin)).toEqual([]);
    expect((await admin.get(`${NE}/${created.id}`).expect(404)).body.error.code).toBe('not_found');
    expect((await admin.delete(`${NE}/${created.id}`).expect(404)).body.error.code).toBe('not_found');
    expect(
      (await admin.put(`${NE}/${created.id}`).send(mivbDefault('192.0.2.11')).expect(404)).body.error.code,
    ).toBe('not_found');
  });

  it('lists by type, then by address value (IPv4 before IPv6)', async () => {
    for (const ip of ['10.0.0.2', '2001:db8::1', '9.0.0.1', '::1']) await addElement(admin, mivbDefault(ip));
    await addElement(admin, miccDefault('10.0.0.1'));
    expect((await listElements(admin)).map((e) => `${e.type} ${e.ipAddress}`)).toEqual([
      'micc 10.0.0.1',
      'mivb 9.0.0.1',
      'mivb 10.0.0.2',
      'mivb ::1',
      'mivb 2001:db8::1',
    ]);
  });

  it('Default elements show the current defaults and follow later changes; Custom elements keep their own', async () => {
    expect((await admin.get(`${NE}/defaults/mivb`).expect(200)).body).toEqual(FACTORY_MIVB_DEFAULTS);
    expect((await admin.get(`${NE}/defaults/micc`).expect(200)).body).toEqual(FACTORY_MICC_DEFAULTS);
    const dflt = await addElement(admin, mivbDefault('192.0.2.20'));
    const custom = await addElement(admin, mivbCustom('192.0.2.21'));
    const micc = await addElement(admin, miccDefault('192.0.2.22'));
    expect(dflt).toMatchObject({ setup: 'default', ...FACTORY_MIVB_DEFAULTS });
    expect(micc).toMatchObject({ setup: 'default', ...FACTORY_MICC_DEFAULTS });
    // A Default element stores no values of its own.
    const stored = await h.ctx.db.db.selectFrom('network_elements').select(['id', 'settings']).execute();
    expect(stored.find((r) => r.id === dflt.id)?.settings).toBeNull();
    expect(stored.find((r) => r.id === micc.id)?.settings).toBeNull();

    expect((await admin.put(`${NE}/defaults/mivb`).send(NEW_MIVB_DEFAULTS).expect(200)).body).toEqual(
      NEW_MIVB_DEFAULTS,
    );
    expect(
      (await admin.put(`${NE}/defaults/micc`).send({ transportProtocol: 'https' }).expect(200)).body,
    ).toEqual({ transportProtocol: 'https' });
    expect((await admin.get(`${NE}/defaults/mivb`).expect(200)).body).toEqual(NEW_MIVB_DEFAULTS);
    expect(await getElement(admin, dflt.id)).toEqual({ ...dflt, ...NEW_MIVB_DEFAULTS });
    expect(await getElement(admin, custom.id)).toEqual(custom);
    expect(await getElement(admin, micc.id)).toEqual({ ...micc, transportProtocol: 'https' });
    const listed = await listElements(admin);
    expect(listed.find((e) => e.id === dflt.id)).toMatchObject(NEW_MIVB_DEFAULTS);
    expect(listed.find((e) => e.id === custom.id)).toMatchObject(CUSTOM_MIVB);
  });

  it('an edit may switch setup and type; a Default element then drops its own values', async () => {
    const el = await addElement(admin, mivbCustom('192.0.2.30'));
    let res = await admin.put(`${NE}/${el.id}`).send(mivbDefault('192.0.2.30')).expect(200);
    expect(res.body).toMatchObject({ id: el.id, setup: 'default', ...FACTORY_MIVB_DEFAULTS });
    const row = await h.ctx.db.db
      .selectFrom('network_elements')
      .selectAll()
      .where('id', '=', el.id)
      .executeTakeFirstOrThrow();
    expect(row.settings).toBeNull();

    res = await admin.put(`${NE}/${el.id}`).send(miccCustom('192.0.2.30', 'https')).expect(200);
    expect(res.body).toMatchObject({ id: el.id, type: 'micc', setup: 'custom', transportProtocol: 'https' });
    expect(Object.keys(res.body)).not.toContain('outsidePrefix');

    res = await admin
      .put(`${NE}/${el.id}`)
      .send(mivbCustom('192.0.2.30', { localCountryCode: '49' }))
      .expect(200);
    expect(res.body).toMatchObject({
      id: el.id,
      type: 'mivb',
      setup: 'custom',
      ...CUSTOM_MIVB,
      localCountryCode: '49',
    });
    expect(Object.keys(res.body)).not.toContain('transportProtocol');
    expect(await listElements(admin)).toHaveLength(1);
  });

  it('keeps one element per address, whatever its spelling', async () => {
    const v6 = await addElement(admin, mivbDefault('2001:DB8::1'));
    expect(v6.ipAddress).toBe('2001:db8::1');
    const v4 = await addElement(admin, miccDefault('192.0.2.40'));
    const before = await tabState(admin);

    for (const [body, ip] of [
      [mivbDefault('2001:db8:0:0:0:0:0:1'), '2001:db8::1'],
      [mivbCustom('2001:0DB8::0001'), '2001:db8::1'],
      [mivbDefault('192.0.2.40'), '192.0.2.40'],
      [mivbDefault(' 192.0.2.40 '), '192.0.2.40'],
    ] as const) {
      const res = await admin.post(NE).send(body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error).toEqual({
        code: 'conflict',
        message: `IP Address ${ip} is already used by another network element`,
        reason: 'ip_address_in_use',
        params: { ipAddress: ip },
        fields: { ipAddress: 'Already used by another network element' },
        fieldReasons: { ipAddress: { reason: 'ip_address_taken' } },
      });
    }
    const moved = await admin.put(`${NE}/${v4.id}`).send(miccDefault('2001:db8:0000::1')).expect(409);
    expect(moved.body.error.fields).toEqual({ ipAddress: 'Already used by another network element' });
    expect(await tabState(admin)).toEqual(before);
    // Its own address is no conflict.
    await admin.put(`${NE}/${v6.id}`).send(mivbCustom('2001:db8::0:1')).expect(200);
  });

  it('allows one MiContact Center only, also when two are added at once', async () => {
    const micc = await addElement(admin, miccDefault('192.0.2.50'));
    const mivb = await addElement(admin, mivbDefault('192.0.2.51'));
    const before = await tabState(admin);
    const message = 'Only one MiContact Center network element is allowed';
    const second = await admin.post(NE).send(miccCustom('192.0.2.52')).expect(409);
    expect(second.body.error).toEqual({
      code: 'conflict',
      message,
      reason: 'micc_exists',
      fields: { type: message },
      fieldReasons: { type: { reason: 'micc_exists' } },
    });
    const switched = await admin.put(`${NE}/${mivb.id}`).send(miccDefault('192.0.2.51')).expect(409);
    expect(switched.body.error.fields).toEqual({ type: message });
    expect(await tabState(admin)).toEqual(before);
    // Editing the MiCC itself is fine.
    await admin.put(`${NE}/${micc.id}`).send(miccCustom('192.0.2.53', 'http')).expect(200);

    for (let round = 0; round < 5; round++) {
      await resetTab(h);
      const results = await Promise.all([
        admin.post(NE).send(miccDefault('192.0.2.60')),
        admin.post(NE).send(miccDefault('192.0.2.61')),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.fields).toEqual({ type: message });
      expect((await listElements(admin)).filter((e) => e.type === 'micc')).toHaveLength(1);
    }
  });

  it(`allows at most ${MAX_MIVB_ELEMENTS} MiVoice Business elements`, async () => {
    const t = Date.now();
    const rows = Array.from({ length: MAX_MIVB_ELEMENTS - 1 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'mivb' as const,
      setup: 'default' as const,
      ip_address: `10.0.${i >> 8}.${i & 255}`,
      version: null,
      settings: null,
      status: 'unknown' as const,
      status_detail: null,
      last_checked_at: null,
      created_at: t,
      updated_at: t,
    }));
    await h.ctx.db.db.insertInto('network_elements').values(rows).execute();
    // The last place, asked for four times at once: exactly one gets it.
    const racing = await Promise.all(
      ['192.0.2.70', '192.0.2.73', '192.0.2.74', '192.0.2.75'].map((ip) =>
        admin.post(NE).send(mivbDefault(ip)),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const micc = await addElement(admin, miccDefault('192.0.2.71'));
    const before = await tabState(admin);
    expect(before.elements).toHaveLength(MAX_MIVB_ELEMENTS + 1);

    const message = `At most ${MAX_MIVB_ELEMENTS} MiVoice Business network elements are allowed`;
    const res = await admin.post(NE).send(mivbDefault('192.0.2.72')).expect(409);
    expect(res.body.error).toEqual({
      code: 'conflict',
      message,
      reason: 'mivb_limit',
      params: { max: String(MAX_MIVB_ELEMENTS) },
      fields: { type: message },
      fieldReasons: { type: { reason: 'mivb_limit', params: { max: String(MAX_MIVB_ELEMENTS) } } },
    });
    await admin.put(`${NE}/${micc.id}`).send(mivbDefault('192.0.2.71')).expect(409);
    expect(await tabState(admin)).toEqual(before);
    // Editing one of the 250 is fine, and a deletion makes room.
    await admin.put(`${NE}/${rows[0]!.id}`).send(mivbCustom('10.0.0.0')).expect(200);
    await admin.delete(`${NE}/${rows[1]!.id}`).expect(204);
    await addElement(admin, mivbDefault('192.0.2.72'));
    expect((await admin.get('/api/v1/overview').expect(200)).body.networkElements).toBe(
      MAX_MIVB_ELEMENTS + 1,
    );
  });

  it('answers 404 for unknown elements and unknown default types', async () => {
    await addElement(admin, mivbDefault('192.0.2.80'));
    for (const id of [
      '00000000-0000-4000-8000-000000000000',
      'not-an-id',
      encodeURIComponent("' OR 1=1 --"),
      '%00',
      'defaults',
    ]) {
      for (const res of [
        await admin.get(`${NE}/${id}`),
        await admin.put(`${NE}/${id}`).send(mivbDefault('192.0.2.81')),
        await admin.delete(`${NE}/${id}`),
      ]) {
        expect(res.status, id).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
    for (const res of [
      await admin.get(`${NE}/defaults/pbx`),
      await admin.put(`${NE}/defaults/pbx`).send({ transportProtocol: 'http' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'not_found', fields: { type: 'Must be mivb or micc' } });
      expect(res.body.error.message).toContain('"pbx"');
    }
    expect(await listElements(admin)).toHaveLength(1);
  });

  it('audits every change with before and after', async () => {
    type Entry = Record<string, unknown>;
    const audit = async (action: string, target: string) => {
      const entries = (await admin.get('/api/v1/audit').query({ action }).expect(200)).body
        .entries as Entry[];
      return entries.filter((e) => e.target === target);
    };
    const el = await addElement(admin, mivbCustom('192.0.2.90'));
    const [created] = await audit('network-element.create', '192.0.2.90');
    expect(created).toMatchObject({
      actor: 'admin',
      actorRole: 'administrator',
      target: '192.0.2.90',
      before: null,
      after: { type: 'mivb', setup: 'custom', ipAddress: '192.0.2.90', ...CUSTOM_MIVB },
    });

    await admin.put(`${NE}/${el.id}`).send(mivbDefault('192.0.2.91')).expect(200);
    const [updated] = await audit('network-element.update', '192.0.2.91');
    expect(updated).toMatchObject({
      target: '192.0.2.91',
      before: { setup: 'custom', ipAddress: '192.0.2.90', ...CUSTOM_MIVB },
      after: { type: 'mivb', setup: 'default', ipAddress: '192.0.2.91' },
    });
    expect(updated!.after).not.toHaveProperty('outsidePrefix');

    await admin.put(`${NE}/defaults/mivb`).send(NEW_MIVB_DEFAULTS).expect(200);
    const [defaults] = await audit('network-element.defaults.update', 'MiVoice Business defaults');
    expect(defaults).toMatchObject({
      target: 'MiVoice Business defaults',
      before: FACTORY_MIVB_DEFAULTS,
      after: NEW_MIVB_DEFAULTS,
    });

    await admin.delete(`${NE}/${el.id}`).expect(204);
    const [deleted] = await audit('network-element.delete', '192.0.2.91');
    expect(deleted).toMatchObject({
      target: '192.0.2.91',
      before: { type: 'mivb', setup: 'default', ipAddress: '192.0.2.91' },
      after: null,
    });

    expect((await admin.post(`${NE}/probe`).expect(202)).body).toEqual({ accepted: true });
    const [probe] = await audit('network-element.probe', 'All network elements');
    expect(probe).toMatchObject({ actor: 'admin', target: 'All network elements' });
  });

  it('support users read everything and change nothing (403)', async () => {
    const support = (await signInSupport(h, admin)).agent;
    const el = await addElement(admin, mivbDefault('192.0.2.100'));
    const before = await tabState(admin);
    for (const path of [NE, `${NE}/${el.id}`, `${NE}/defaults/mivb`, `${NE}/defaults/micc`])
      await support.get(path).expect(200);
    const attempts = {
      'POST /network-elements': () => support.post(NE).send(mivbDefault('192.0.2.101')),
      'PUT /network-elements/:id': () => support.put(`${NE}/${el.id}`).send(mivbCustom('192.0.2.100')),
      'DELETE /network-elements/:id': () => support.delete(`${NE}/${el.id}`),
      'PUT /network-elements/defaults/mivb': () => support.put(`${NE}/defaults/mivb`).send(NEW_MIVB_DEFAULTS),
      'PUT /network-elements/defaults/micc': () =>
        support.put(`${NE}/defaults/micc`).send({ transportProtocol: 'https' }),
      'POST /network-elements/probe': () => support.post(`${NE}/probe`),
    };
    for (const [route, attempt] of Object.entries(attempts)) {
      const res = await attempt();
      expect(res.status, route).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await tabState(admin)).toEqual(before);
  });

  it('the Overview counts the elements', async () => {
    const count = async () =>
      (await admin.get('/api/v1/overview').expect(200)).body.networkElements as number;
    expect(await count()).toBe(0);
    const a = await addElement(admin, mivbDefault('192.0.2.110'));
    await addElement(admin, miccDefault('192.0.2.111'));
    expect(await count()).toBe(2);
    await admin.delete(`${NE}/${a.id}`).expect(204);
    expect(await count()).toBe(1);
  });

  it('serviceVersions names the MiVoice Business elements (and no MiContact Center)', async () => {
    await createAccount(admin, APPS.acme);
    const sessionId = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
    const versions = async () =>
      readReturn((await postSoap(h, sessionOpXml('serviceVersions', sessionId)).expect(200)).text).child(
        'serviceVersions',
      );
    expect(await versions()).toMatch(/^OIG \d+\.\d+\.\d+$/);
    const a = await addElement(admin, mivbDefault('192.0.2.120'));
    await addElement(admin, mivbCustom('2001:DB8::7'));
    await addElement(admin, miccDefault('192.0.2.122'));
    const text = await versions();
    expect(text).toContain('MiVB unknown (192.0.2.120)');
    expect(text).toContain('MiVB unknown (2001:db8::7)');
    expect(text).not.toContain('192.0.2.122');
    await admin.delete(`${NE}/${a.id}`).expect(204);
    expect(await versions()).not.toContain('192.0.2.120');
  });
});
