import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import { conflictOf, createNetworkElementsRepo, type NetworkElementsRepo } from '../network-elements.repo.js';
import {
  addElement,
  getElement,
  listElements,
  miccDefault,
  mivbDefault,
  NE,
  resetTab,
  type Agent,
} from './helpers.js';

describe.each(DB_KINDS)('network elements storage (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let repo: NetworkElementsRepo;
  const row = (id: string, type: 'mivb' | 'micc', ip: string) => ({
    id,
    type,
    setup: 'default' as const,
    ip_address: ip,
    version: null,
    settings: null,
    status: 'unknown' as const,
    status_detail: null,
    last_checked_at: null,
    created_at: 1,
    updated_at: 1,
  });
  const rawInsertError = async (r: ReturnType<typeof row>) => {
    try {
      await h.ctx.db.db.insertInto('network_elements').values(r).execute();
    } catch (err) {
      return err;
    }
    throw new Error('the insert was not refused');
  };

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false, env: { OIG_LOG_LEVEL: 'error' } });
    admin = (await signIn(h)).agent;
    repo = createNetworkElementsRepo(h.ctx.db.db);
  });
  afterAll(() => h.dispose());
  beforeEach(() => resetTab(h));

  it('the unique indexes refuse a second MiCC and a reused address, and both map to conflicts', async () => {
    await h.ctx.db.db
      .insertInto('network_elements')
      .values(row('a', 'micc', '192.0.2.1'))
      .execute();
    expect(conflictOf(await rawInsertError(row('b', 'micc', '192.0.2.2')))).toBe('micc_exists');
    expect(conflictOf(await rawInsertError(row('c', 'mivb', '192.0.2.1')))).toBe('duplicate_ip');
    expect(conflictOf(new Error('other'))).toBeUndefined();
    expect(await repo.count()).toBe(1);
    // Several MiVB are fine: the MiCC index is partial.
    await h.ctx.db.db
      .insertInto('network_elements')
      .values([row('d', 'mivb', '192.0.2.4'), row('e', 'mivb', '192.0.2.5')])
      .execute();
    expect(await repo.count()).toBe(3);
    expect(await repo.mivbVersions()).toEqual([
      { ipAddress: '192.0.2.4', version: null },
      { ipAddress: '192.0.2.5', version: null },
    ]);
  });

  it('a repository built without the dialect finds it and enforces the rules in its writes', async () => {
    const v = { type: 'micc' as const, setup: 'default' as const, ipAddress: '192.0.2.10', settings: null };
    expect(await repo.insert('00000000-0000-4000-8000-000000000001', v, Date.now())).toBe('ok');
    expect(
      await repo.insert(
        '00000000-0000-4000-8000-000000000002',
        { ...v, ipAddress: '192.0.2.11' },
        Date.now(),
      ),
    ).toBe('micc_exists');
    expect(
      await repo.insert('00000000-0000-4000-8000-000000000003', { ...v, type: 'mivb' }, Date.now()),
    ).toBe('duplicate_ip');
    expect(await repo.count()).toBe(1);
  });

  it('a probe result is written only onto the element that was probed, and never over a newer one', async () => {
    const el = await addElement(admin, mivbDefault('192.0.2.20'));
    const t = Date.parse(el.updatedAt);
    const result = (
      startedAt: number,
      status: 'reachable' | 'unreachable',
      over: Record<string, string> = {},
    ) => ({
      id: el.id,
      ipAddress: '192.0.2.20',
      type: 'mivb' as const,
      startedAt,
      status,
      detail: status === 'reachable' ? null : 'connection refused',
      reason: status === 'reachable' ? null : { code: 'connection_refused', params: {} },
      ...over,
    });

    expect(await repo.recordProbe(result(t + 2000, 'reachable'))).toBe(true);
    // An older probe finishing late does not overwrite the newer result.
    expect(await repo.recordProbe(result(t + 1000, 'unreachable'))).toBe(false);
    expect(await getElement(admin, el.id)).toMatchObject({
      status: 'reachable',
      statusDetail: null,
      lastCheckedAt: new Date(t + 2000).toISOString(),
    });
    expect(await repo.recordProbe(result(t + 3000, 'unreachable'))).toBe(true);
    expect(await getElement(admin, el.id)).toMatchObject({
      status: 'unreachable',
      statusDetail: 'connection refused',
      statusReason: { code: 'connection_refused', params: {} },
      lastCheckedAt: new Date(t + 3000).toISOString(),
    });

    // A result for the old address or type, or from before the last edit, is dropped.
    expect(await repo.recordProbe(result(t + 4000, 'reachable', { ipAddress: '192.0.2.99' }))).toBe(false);
    expect(await repo.recordProbe(result(t + 4000, 'reachable', { type: 'micc' }))).toBe(false);
    expect(await repo.recordProbe(result(t - 1, 'reachable'))).toBe(false);
    const moved = (await admin.put(`${NE}/${el.id}`).send(mivbDefault('192.0.2.21')).expect(200)).body;
    // The target changed: the old result no longer applies.
    expect(moved).toMatchObject({
      status: 'unknown',
      statusDetail: null,
      statusReason: null,
      lastCheckedAt: null,
    });
    expect(await repo.recordProbe(result(t + 5000, 'reachable'))).toBe(false);

    // A deleted element stays deleted.
    await admin.delete(`${NE}/${el.id}`).expect(204);
    expect(
      await repo.recordProbe(result(Date.now() + 10_000, 'reachable', { ipAddress: '192.0.2.21' })),
    ).toBe(false);
    expect(await listElements(admin)).toEqual([]);
    expect(await repo.count()).toBe(0);
  });

  it('a reason is sent only while it stands for the stored detail (rows of a previous version)', async () => {
    const el = await addElement(admin, mivbDefault('192.0.2.40'));
    const t = Date.parse(el.updatedAt) + 1000;
    await repo.recordProbe({
      id: el.id,
      ipAddress: '192.0.2.40',
      type: 'mivb',
      startedAt: t,
      status: 'unreachable',
      detail: 'timed out after 3000 ms',
      reason: { code: 'timeout', params: { ms: 3000 } },
    });
    expect(await getElement(admin, el.id)).toMatchObject({
      statusDetail: 'timed out after 3000 ms',
      statusReason: { code: 'timeout', params: { ms: 3000 } },
    });
    // A process of the previous version writes the detail alone: its words are shown, not the old reason.
    await h.ctx.db.db
      .updateTable('network_elements')
      .set({ status_detail: 'connection reset' })
      .where('id', '=', el.id)
      .execute();
    expect(await getElement(admin, el.id)).toMatchObject({
      statusDetail: 'connection reset',
      statusReason: null,
    });
    // A row from before migration 0013 has no reason at all: its detail is sent alone.
    await h.ctx.db.db
      .updateTable('network_elements')
      .set({ status_detail: 'timed out after 3000 ms', status_reason: null })
      .where('id', '=', el.id)
      .execute();
    expect(await getElement(admin, el.id)).toMatchObject({
      statusDetail: 'timed out after 3000 ms',
      statusReason: null,
    });
  });

  it('an edit that keeps the probe target keeps the last result', async () => {
    const el = await addElement(admin, miccDefault('192.0.2.30'));
    const t = Date.parse(el.updatedAt) + 1000;
    expect(
      await repo.recordProbe({
        id: el.id,
        ipAddress: '192.0.2.30',
        type: 'micc',
        startedAt: t,
        status: 'reachable',
        detail: null,
        reason: null,
      }),
    ).toBe(true);
    // Custom with the default transport (http): the same target.
    const same = (
      await admin
        .put(`${NE}/${el.id}`)
        .send({ ...miccDefault('192.0.2.30'), setup: 'custom', transportProtocol: 'http' })
        .expect(200)
    ).body;
    expect(same).toMatchObject({ status: 'reachable', lastCheckedAt: new Date(t).toISOString() });
    // Another transport is another target.
    const other = (
      await admin
        .put(`${NE}/${el.id}`)
        .send({ ...miccDefault('192.0.2.30'), setup: 'custom', transportProtocol: 'https' })
        .expect(200)
    ).body;
    expect(other).toMatchObject({ status: 'unknown', lastCheckedAt: null });
  });
});
