/**
 * Every operation and every fault of the seed, through node-soap and the peer's own WSDL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Peer, faultOf, ivr, requestsOf, startPeer, stampsIn } from './helpers.js';

let peer: Peer;
beforeAll(async () => {
  peer = await startPeer();
});
afterAll(() => peer.close());
beforeEach(() => peer.running.sim.reset());

const add = (args: Record<string, unknown>) => peer.op('AddRequest')(args);

describe('the WSDL', () => {
  it('offers the eleven operations with their seed faults', async () => {
    const description = peer.client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(description.OpenMediaService!.OpenMediaServiceSoap!).sort()).toEqual(
      [
        'AddRequest',
        'CancelRequest',
        'DivertRequest',
        'ModifyRequest',
        'SetOptions',
        'GetOpenMediaRequestStatusByID',
        'GetOpenMediaRequestHistoryByID',
        'GetOpenMediaRequestsByTime',
        'GetAllOpenMediaRequestStatus',
        'GetServiceGroupStatus',
        'GetAllOpenMediaServiceGroupStatus',
      ].sort(),
    );
    const wsdl = await (await fetch(`${peer.running.url}?wsdl`)).text();
    expect(wsdl).toContain('targetNamespace="OpenMediaService"');
    expect(wsdl).toContain('elementFormDefault="qualified"');
    const cancel = /<wsdl:operation name="CancelRequest"><wsdl:input[^]*?<\/wsdl:operation>/.exec(wsdl)![0];
    expect([...cancel.matchAll(/<wsdl:fault name="(\w+)"/g)].map((m) => m[1])).toEqual([
      'NoLicenseFault',
      'RouterDisconnectedFault',
      'InvalidOpenMediaIDFault',
      'InvalidUserFault',
      'OpenMediaRequestTerminatedFault',
    ]);
  });
});

describe('AddRequest', () => {
  it('queues at a group by ID, and the second request waits behind the first', async () => {
    const [first, raw] = await add({ ServiceGroupID: 1001, IVRInfo: ivr('Ticket', '4711') });
    expect(raw).toContain('<AddRequestResponse xmlns="OpenMediaService">');
    expect(first.AddRequestResult).toMatchObject({ RequestStatus: 0, QueuePosition: 0, EWT: 0 });
    expect(first.AddRequestResult.OpenMediaID).toMatch(/^[0-9a-f-]{36}$/);
    const [second] = await add({ ServiceGroupID: 1001, IVRInfo: ivr('Ticket', '4712') });
    // Agent 2001 is busy with the first; 2002 is not available: one in the queue, one round of 50 s.
    expect(second.AddRequestResult).toMatchObject({ RequestStatus: 0, QueuePosition: 1, EWT: 50 });
  });

  it('finds a group by TenantID and ServiceGroupName (case-insensitive); ID wins over the name', async () => {
    const [byName] = await add({ TenantID: 7, ServiceGroupName: 'acme desk', IVRInfo: ivr('a', 'b') });
    expect(byName.AddRequestResult.RequestStatus).toBe(0);
    const id = byName.AddRequestResult.OpenMediaID as string;
    expect(peer.running.sim.state().requests.find((r) => r.id === id)?.serviceGroupId).toBe(1004);
    const [both] = await add({
      ServiceGroupID: 1002,
      TenantID: 7,
      ServiceGroupName: 'Acme Desk',
      IVRInfo: ivr('a', ''),
    });
    const bothId = both.AddRequestResult.OpenMediaID as string;
    expect(peer.running.sim.state().requests.find((r) => r.id === bothId)?.serviceGroupId).toBe(1002);
  });

  it('answers RequestStatus 1 closed, 2 invalid group, 3 tenant disabled, 4 preferred agent logged off, 5 full', async () => {
    const status = async (args: Record<string, unknown>) => {
      const [r] = await add({ IVRInfo: ivr('x', 'y'), ...args });
      expect(r.AddRequestResult.OpenMediaID).toBeUndefined();
      return r.AddRequestResult.RequestStatus as number;
    };
    expect(await status({ ServiceGroupID: 1003 })).toBe(1);
    expect(await status({ ServiceGroupID: 4242 })).toBe(2);
    expect(await status({ TenantID: -1, ServiceGroupName: 'Nope' })).toBe(2);
    expect(await status({ TenantID: 99, ServiceGroupName: 'Acme Desk' })).toBe(2);
    expect(await status({ ServiceGroupID: 1005 })).toBe(3);
    expect(await status({ TenantID: 8, ServiceGroupName: 'Dormant Desk' })).toBe(3);
    peer.running.sim.setAgent(2001, { loggedOn: false });
    expect(await status({ ServiceGroupID: 1001, PreferredAgentID: 2001, ForceToPreferredAgent: true })).toBe(
      4,
    );
    expect(
      await status({ ServiceGroupID: 1001, PreferredAgentLogonID: '4001', ForceToPreferredAgent: true }),
    ).toBe(4);
    expect(peer.running.sim.state().counts.requests).toBe(0);
  });

  it('throws InvalidDataException for every data limit of the seed', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ServiceGroupID: 1001 }, /Label or Data/],
      [{ ServiceGroupID: 1001, IVRInfo: ivr('', '') }, /Label or Data/],
      [{ ServiceGroupID: 1001, IVRInfo: ivr('L'.repeat(101), '') }, /Label is longer than 100/],
      [{ ServiceGroupID: 1001, IVRInfo: ivr('', 'D'.repeat(101)) }, /Data is longer than 100/],
      [
        {
          ServiceGroupID: 1001,
          IVRInfo: { IVRInformation: [1, 2, 3, 4].map((n) => ({ Label: `L${n}`, Data: 'd' })) },
        },
        /At most 3/,
      ],
      [{ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b'), PrivateData: 'p'.repeat(256) }, /PrivateData/],
      [
        { TenantID: -1, ServiceGroupName: 'S'.repeat(21), IVRInfo: ivr('a', 'b') },
        /ServiceGroupName is longer than 20/,
      ],
      [{ TenantID: -1, IVRInfo: ivr('a', 'b') }, /ServiceGroupID, or a TenantID and a ServiceGroupName/],
      [{ ServiceGroupName: 'Sales', IVRInfo: ivr('a', 'b') }, /ServiceGroupID, or a TenantID/],
      [
        { ServiceGroupID: 1001, IVRInfo: ivr('a', 'b'), SessionPriority: 0 },
        /SessionPriority must be 1 to 100/,
      ],
      [{ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b'), SessionPriority: 101 }, /SessionPriority/],
      [{ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b'), TypeOfSession: 0 }, /TypeOfSession must be 1/],
      [
        { ServiceGroupID: 1001, IVRInfo: ivr('a', 'b'), QueueStartTime: '2026-12-07T06:00:01Z' },
        /QueueStartTime must be earlier/,
      ],
    ];
    for (const [args, message] of cases) {
      const fault = await faultOf(add(args));
      expect(fault, JSON.stringify(args).slice(0, 80)).toMatchObject({
        status: 500,
        faultcode: 'soap:Client',
        detail: 'InvalidDataException',
      });
      expect(fault.message).toMatch(message);
    }
    // Exactly at the limits is fine.
    const [ok] = await add({
      TenantID: -1,
      ServiceGroupName: 'Sales',
      IVRInfo: {
        IVRInformation: [1, 2, 3].map((n) => ({ Label: 'L'.repeat(100), Data: `${n}`.repeat(100) })),
      },
      PrivateData: 'p'.repeat(255),
      SessionPriority: 100,
      TypeOfSession: 1,
    });
    expect(ok.AddRequestResult.RequestStatus).toBe(0);
  });

  it('throws NoLicenseFault and RouterDisconnectedFault (soap:Server)', async () => {
    peer.running.sim.setLicensed(false);
    expect(await faultOf(add({ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b') }))).toMatchObject({
      faultcode: 'soap:Server',
      detail: 'NoLicenseFault',
      faultstring: 'The OpenMedia site license could not be acquired',
    });
    peer.running.sim.setLicensed(true);
    peer.running.sim.setRouterConnected(false);
    expect(await faultOf(add({ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b') }))).toMatchObject({
      faultcode: 'soap:Server',
      detail: 'RouterDisconnectedFault',
    });
  });
});

describe('status operations', () => {
  it('GetOpenMediaRequestStatusByID gives the latest event with the current queue position', async () => {
    await add({ ServiceGroupID: 1001, IVRInfo: ivr('a', '1') });
    await add({ ServiceGroupID: 1001, IVRInfo: ivr('a', '2') });
    const [third] = await add({ ServiceGroupID: 1001, IVRInfo: ivr('a', '3') });
    const id = third.AddRequestResult.OpenMediaID as string;
    expect(third.AddRequestResult.QueuePosition).toBe(2);
    const [second] = await peer.op('GetAllOpenMediaRequestStatus')();
    const secondId = requestsOf(second.GetAllOpenMediaRequestStatusResult)[1].ID as string;
    await peer.op('CancelRequest')({ OpenMediaID: secondId, CancelIfAllocated: 0, DoNotReport: 0 });
    const [now, raw] = await peer.op('GetOpenMediaRequestStatusByID')({ OpenMediaID: id });
    const [event] = requestsOf(now.GetOpenMediaRequestStatusByIDResult);
    expect(event).toMatchObject({
      ID: id,
      Status: 1,
      AgentID: 0,
      TenantID: 0,
      ServiceGroupID: 1001,
      QueuePosition: 1,
      EWT: 50,
    });
    const [answerStamp, eventStamp] = stampsIn(raw);
    expect(answerStamp).toMatch(/^2026-12-07T06:00:00\.\d{6}Z$/);
    expect(answerStamp! > eventStamp!).toBe(true);
  });

  it('GetOpenMediaRequestHistoryByID gives the events later than RetrieveLaterThan, positions as they were', async () => {
    await add({ ServiceGroupID: 1001, IVRInfo: ivr('a', '1') });
    const [r] = await add({ ServiceGroupID: 1001, IVRInfo: ivr('a', '2') });
    const id = r.AddRequestResult.OpenMediaID as string;
    peer.running.sim.advance(50_000); // the first completes, the second is allocated
    const [all, raw] = await peer.op('GetOpenMediaRequestHistoryByID')({
      OpenMediaID: id,
      RetrieveLaterThan: '2000-01-01T00:00:00',
    });
    const events = requestsOf(all.GetOpenMediaRequestHistoryByIDResult);
    expect(events.map((e) => [e.Status, e.QueuePosition, e.AgentID, e.LogonID])).toEqual([
      [1, 1, 0, ''],
      [2, 0, 2001, '4001'],
    ]);
    expect(events[0].EWT).toBe(50);
    const queuedStamp = stampsIn(raw)[1]!;
    const [later] = await peer.op('GetOpenMediaRequestHistoryByID')({
      OpenMediaID: id,
      RetrieveLaterThan: queuedStamp,
    });
    expect(requestsOf(later.GetOpenMediaRequestHistoryByIDResult).map((e) => e.Status)).toEqual([2]);
    // An offset is honoured: 07:00+01:00 is 06:00Z, before both events.
    const [offset] = await peer.op('GetOpenMediaRequestHistoryByID')({
      OpenMediaID: id,
      RetrieveLaterThan: '2026-12-07T06:59:59.999+01:00',
    });
    expect(requestsOf(offset.GetOpenMediaRequestHistoryByIDResult)).toHaveLength(2);
  });

  it('GetOpenMediaRequestsByTime and GetAllOpenMediaRequestStatus cover every cached request', async () => {
    const ids: string[] = [];
    for (const group of [1001, 1001, 1004]) {
      const [r] = await add({ ServiceGroupID: group, IVRInfo: ivr('g', String(group)) });
      ids.push(r.AddRequestResult.OpenMediaID as string);
    }
    const [byTime] = await peer.op('GetOpenMediaRequestsByTime')({
      RetrieveLaterThan: '2026-12-07T05:00:00Z',
    });
    const events = requestsOf(byTime.GetOpenMediaRequestsByTimeResult);
    expect(events.map((e) => [e.ID, e.Status])).toEqual([
      [ids[0], 1],
      [ids[0], 2],
      [ids[1], 1],
      [ids[2], 1],
      [ids[2], 2],
    ]);
    expect(events[4]).toMatchObject({ AgentID: 2004, TenantID: 7, LogonID: '4004', ServiceGroupID: 1004 });
    const [all] = await peer.op('GetAllOpenMediaRequestStatus')();
    expect(
      requestsOf(all.GetAllOpenMediaRequestStatusResult).map((e) => [e.ID, e.Status, e.QueuePosition]),
    ).toEqual([
      [ids[0], 2, 0],
      [ids[1], 1, 1],
      [ids[2], 2, 0],
    ]);
  });

  it('throws InvalidOpenMediaIDFault for an unknown ID (ByID and History)', async () => {
    for (const name of ['GetOpenMediaRequestStatusByID', 'GetOpenMediaRequestHistoryByID']) {
      const fault = await faultOf(
        peer.op(name)({ OpenMediaID: 'no-such-id', RetrieveLaterThan: '2026-01-01T00:00:00Z' }),
      );
      expect(fault).toMatchObject({ faultcode: 'soap:Client', detail: 'InvalidOpenMediaIDFault' });
      expect(fault.message).toContain('no-such-id');
    }
  });

  it('status queries need neither license nor router (their FAULTS tables list neither)', async () => {
    const [r] = await add({ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b') });
    peer.running.sim.setLicensed(false);
    peer.running.sim.setRouterConnected(false);
    const [s] = await peer.op('GetOpenMediaRequestStatusByID')({
      OpenMediaID: r.AddRequestResult.OpenMediaID,
    });
    expect(requestsOf(s.GetOpenMediaRequestStatusByIDResult)[0].Status).toBe(5);
    const [all] = await peer.op('GetAllOpenMediaRequestStatus')();
    expect(requestsOf(all.GetAllOpenMediaRequestStatusResult)).toHaveLength(1);
  });
});

describe('service group status', () => {
  it('GetServiceGroupStatus reports open/closed and the name; an unknown group is InvalidDataException', async () => {
    const [open] = await peer.op('GetServiceGroupStatus')({ serviceGroupID: 1002 });
    expect(open.GetServiceGroupStatusResult).toEqual({
      ServiceGroupID: 1002,
      Open: true,
      ServiceGroupName: 'Sales',
    });
    const [closed] = await peer.op('GetServiceGroupStatus')({ serviceGroupID: 1003 });
    expect(closed.GetServiceGroupStatusResult.Open).toBe(false);
    expect(await faultOf(peer.op('GetServiceGroupStatus')({ serviceGroupID: 9 }))).toMatchObject({
      detail: 'InvalidDataException',
      message: '9 is not an Open Media service group',
    });
  });

  it('GetAllOpenMediaServiceGroupStatus lists a tenant’s groups; a bad or disabled tenant is InvalidDataException', async () => {
    const [plain] = await peer.op('GetAllOpenMediaServiceGroupStatus')({ tenantID: -1 });
    expect(
      plain.GetAllOpenMediaServiceGroupStatusResult.Status.ServiceGroupStatus.map((g: any) => [
        g.ServiceGroupID,
        g.Open,
      ]),
    ).toEqual([
      [1001, true],
      [1002, true],
      [1003, false],
    ]);
    const [acme] = await peer.op('GetAllOpenMediaServiceGroupStatus')({ tenantID: 7 });
    expect(acme.GetAllOpenMediaServiceGroupStatusResult.Status.ServiceGroupStatus).toEqual([
      { ServiceGroupID: 1004, Open: true, ServiceGroupName: 'Acme Desk' },
    ]);
    for (const tenantID of [8, 99]) {
      expect(await faultOf(peer.op('GetAllOpenMediaServiceGroupStatus')({ tenantID }))).toMatchObject({
        detail: 'InvalidDataException',
      });
    }
  });

  it('both throw RouterDisconnectedFault but not NoLicenseFault', async () => {
    peer.running.sim.setLicensed(false);
    const [r] = await peer.op('GetServiceGroupStatus')({ serviceGroupID: 1001 });
    expect(r.GetServiceGroupStatusResult.Open).toBe(true);
    peer.running.sim.setRouterConnected(false);
    for (const [name, args] of [
      ['GetServiceGroupStatus', { serviceGroupID: 1001 }],
      ['GetAllOpenMediaServiceGroupStatus', { tenantID: -1 }],
    ] as const) {
      expect(await faultOf(peer.op(name)(args))).toMatchObject({ detail: 'RouterDisconnectedFault' });
    }
  });
});

describe('license and router faults on the request operations', () => {
  it('Cancel, Divert, Modify and SetOptions throw NoLicenseFault, then RouterDisconnectedFault', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['CancelRequest', { OpenMediaID: 'x', CancelIfAllocated: 0, DoNotReport: 0 }],
      ['DivertRequest', { OpenMediaID: 'x', ServiceGroupID: 1002 }],
      ['ModifyRequest', { OpenMediaID: 'x', IVRInfo: ivr('a', 'b') }],
      ['SetOptions', { MaxNumberOfSessions: 2 }],
    ];
    peer.running.sim.setLicensed(false);
    for (const [name, args] of calls) {
      expect(await faultOf(peer.op(name)(args)), name).toMatchObject({ detail: 'NoLicenseFault' });
    }
    peer.running.sim.setLicensed(true);
    peer.running.sim.setRouterConnected(false);
    for (const [name, args] of calls) {
      expect(await faultOf(peer.op(name)(args)), name).toMatchObject({ detail: 'RouterDisconnectedFault' });
    }
    // ByTime lists neither fault.
    const [t] = await peer.op('GetOpenMediaRequestsByTime')({ RetrieveLaterThan: '2026-12-07T00:00:00Z' });
    expect(requestsOf(t.GetOpenMediaRequestsByTimeResult)).toEqual([]);
  });
});
