/**
 * The status life cycle on the manual clock, and what Cancel, Divert, Modify and SetOptions do to
 * it and to the statistics.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_REQUEST } from '../sim.js';
import { type Peer, faultOf, ivr, requestsOf, startPeer } from './helpers.js';

let peer: Peer;
beforeAll(async () => {
  peer = await startPeer();
});
afterAll(() => peer.close());
beforeEach(() => peer.running.sim.reset());

const sim = () => peer.running.sim;
async function add(args: Record<string, unknown>): Promise<string> {
  const [r] = await peer.op('AddRequest')({ IVRInfo: ivr('Ticket', '1'), ...args });
  expect(r.AddRequestResult.RequestStatus).toBe(0);
  return r.AddRequestResult.OpenMediaID as string;
}
async function statusOf(id: string): Promise<any> {
  const [r] = await peer.op('GetOpenMediaRequestStatusByID')({ OpenMediaID: id });
  return requestsOf(r.GetOpenMediaRequestStatusByIDResult)[0];
}
async function history(id: string): Promise<number[]> {
  const [r] = await peer.op('GetOpenMediaRequestHistoryByID')({
    OpenMediaID: id,
    RetrieveLaterThan: '2000-01-01T00:00:00Z',
  });
  return requestsOf(r.GetOpenMediaRequestHistoryByIDResult).map((e) => e.Status as number);
}
const cancel = async (id: string, cancelIfAllocated: 0 | 1, doNotReport: 0 | 1) =>
  (
    await peer.op('CancelRequest')({
      OpenMediaID: id,
      CancelIfAllocated: cancelIfAllocated,
      DoNotReport: doNotReport,
    })
  )[0].CancelRequestResult as boolean;
const group = (id: number) =>
  sim()
    .state()
    .groups.find((g) => g.serviceGroupId === id)!;
const agent = (id: number) =>
  sim()
    .state()
    .agents.find((a) => a.agentId === id)!;

describe('life cycle', () => {
  it('queued → allocated → handled after 5 s → completed after 45 s, then the agent takes the next', async () => {
    const first = await add({ ServiceGroupID: 1001 });
    const second = await add({ ServiceGroupID: 1001 });
    expect(await statusOf(first)).toMatchObject({ Status: 2, AgentID: 2001, LogonID: '4001', TenantID: -1 });
    expect(await statusOf(second)).toMatchObject({ Status: 1, QueuePosition: 1, AgentID: 0 });
    sim().advance(4_999);
    expect((await statusOf(first)).Status).toBe(2);
    sim().advance(1);
    expect((await statusOf(first)).Status).toBe(3);
    sim().advance(44_999);
    expect((await statusOf(first)).Status).toBe(3);
    expect((await statusOf(second)).Status).toBe(1);
    sim().advance(1);
    expect(await statusOf(first)).toMatchObject({ Status: 4, AgentID: 2001 });
    expect(await statusOf(second)).toMatchObject({ Status: 2, AgentID: 2001, QueuePosition: 0 });
    sim().advance(100_000); // both play out inside one jump
    expect(await history(first)).toEqual([1, 2, 3, 4]);
    expect(await history(second)).toEqual([1, 2, 3, 4]);
    expect(group(1001).stats).toMatchObject({ offered: 2, answered: 2, completed: 2, abandoned: 0 });
    expect(agent(2001).stats).toEqual({ offered: 2, answered: 2, offeredNotAnswered: 0, completed: 2 });
  });

  it('an agent made available picks up the queue; logging off keeps work already allocated', async () => {
    sim().setAgent(2001, { available: false });
    const id = await add({ ServiceGroupID: 1001 });
    expect((await statusOf(id)).Status).toBe(1);
    sim().setAgent(2002, { available: true });
    expect(await statusOf(id)).toMatchObject({ Status: 2, AgentID: 2002 });
  });

  it('SessionPriority orders the queue; QueueStartTime overrides it and places by queue time', async () => {
    await add({ ServiceGroupID: 1001 }); // with the agent
    const plain = await add({ ServiceGroupID: 1001 });
    const low = await add({ ServiceGroupID: 1001, SessionPriority: 50 });
    const high = await add({ ServiceGroupID: 1001, SessionPriority: 1 });
    const mid = await add({ ServiceGroupID: 1001, SessionPriority: 50 });
    // An hour ago, with priority 1 ignored: ahead of every default-rank request, behind ranked ones.
    const early = await add({
      ServiceGroupID: 1001,
      SessionPriority: 1,
      QueueStartTime: '2026-12-07T05:00:00Z',
    });
    const positions = await Promise.all(
      [high, low, mid, early, plain].map(async (id) => (await statusOf(id)).QueuePosition),
    );
    expect(positions).toEqual([1, 2, 3, 4, 5]);
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      sim().advance(50_000);
      const [all] = await peer.op('GetAllOpenMediaRequestStatus')();
      const allocated = requestsOf(all.GetAllOpenMediaRequestStatusResult).find((e) => e.Status === 2);
      order.push(allocated.ID);
    }
    expect(order).toEqual([high, low, mid, early, plain]);
  });

  it('QueueStartTime sets the queue time (state shows it)', async () => {
    sim().setAgent(2001, { available: false });
    const id = await add({ ServiceGroupID: 1001, QueueStartTime: '2026-12-07T05:30:00.5Z' });
    expect(
      sim()
        .state()
        .requests.find((r) => r.id === id)?.queueTime,
    ).toBe('2026-12-07T05:30:00.500000Z');
  });
});

describe('preferred agent', () => {
  it('waits for the preferred agent up to the group’s wait time, then goes to anyone', async () => {
    sim().setAgent(2001, { available: false });
    sim().setAgent(2002, { available: true });
    const id = await add({ ServiceGroupID: 1001, PreferredAgentID: 2001 });
    expect((await statusOf(id)).Status).toBe(1); // 2002 is free but not preferred
    sim().advance(29_999);
    expect((await statusOf(id)).Status).toBe(1);
    sim().advance(1);
    expect(await statusOf(id)).toMatchObject({ Status: 2, AgentID: 2002 });
  });

  it('goes to the preferred agent as soon as it is free; PreferredAgentID wins over the logon ID', async () => {
    sim().setAgent(2001, { available: false });
    sim().setAgent(2002, { available: true });
    const id = await add({ ServiceGroupID: 1001, PreferredAgentID: 2001, PreferredAgentLogonID: '4002' });
    sim().advance(10_000);
    sim().setAgent(2001, { available: true });
    expect(await statusOf(id)).toMatchObject({ Status: 2, AgentID: 2001 });
    const byLogon = await add({ ServiceGroupID: 1001, PreferredAgentLogonID: '4002' });
    expect(await statusOf(byLogon)).toMatchObject({ Status: 2, AgentID: 2002 });
  });

  it('forced: only that agent, Failed (5) when not available within the wait time', async () => {
    sim().setAgent(2001, { available: false });
    sim().setAgent(2002, { available: true });
    const id = await add({ ServiceGroupID: 1001, PreferredAgentID: 2001, ForceToPreferredAgent: true });
    sim().advance(30_000);
    expect(await statusOf(id)).toMatchObject({ Status: 5, QueuePosition: 0 });
    expect(await history(id)).toEqual([1, 5]);
    expect(group(1001).queued).toBe(0);
    expect(group(1001).stats.failed).toBe(1);
  });

  it('is ignored by a group without Preferred Agent configured (no RequestStatus 4 either)', async () => {
    sim().setAgent(2003, { loggedOn: true });
    const id = await add({ ServiceGroupID: 1002, PreferredAgentID: 2001, ForceToPreferredAgent: true });
    expect(await statusOf(id)).toMatchObject({ Status: 2, AgentID: 2003 });
  });
});

describe('CancelRequest', () => {
  it('queued: Cancelled (6), reported Abandoned, or Not Reported with DoNotReport=1', async () => {
    await add({ ServiceGroupID: 1001 });
    const a = await add({ ServiceGroupID: 1001 });
    const b = await add({ ServiceGroupID: 1001 });
    expect(await cancel(a, 0, 0)).toBe(true);
    expect(await cancel(b, 0, 1)).toBe(true);
    expect(await history(a)).toEqual([1, 6]);
    expect(group(1001).stats).toMatchObject({ abandoned: 1, notReported: 1, completed: 0 });
    expect(group(1001).queued).toBe(0);
  });

  it('allocated: refused (false) unless CancelIfAllocated=1, then taken from the agent and reported Abandoned', async () => {
    const id = await add({ ServiceGroupID: 1001 });
    const next = await add({ ServiceGroupID: 1001 });
    expect(await cancel(id, 0, 0)).toBe(false);
    expect((await statusOf(id)).Status).toBe(2);
    expect(await cancel(id, 1, 1)).toBe(true); // DoNotReport no longer applies
    expect(await history(id)).toEqual([1, 2, 6]);
    expect(group(1001).stats).toMatchObject({ abandoned: 1, notReported: 0 });
    expect(agent(2001).stats.offeredNotAnswered).toBe(1);
    expect(await statusOf(next)).toMatchObject({ Status: 2, AgentID: 2001 }); // the agent is free again
  });

  it('answered: reported Completed for the group; a terminated request is OpenMediaRequestTerminatedFault', async () => {
    const id = await add({ ServiceGroupID: 1001 });
    sim().advance(5_000);
    expect(await cancel(id, 0, 0)).toBe(false);
    expect(await cancel(id, 1, 0)).toBe(true);
    expect(group(1001).stats).toMatchObject({ completed: 1, abandoned: 0 });
    expect(agent(2001).stats.completed).toBe(1);
    expect(
      await faultOf(peer.op('CancelRequest')({ OpenMediaID: id, CancelIfAllocated: 1, DoNotReport: 0 })),
    ).toMatchObject({
      faultcode: 'soap:Client',
      detail: 'OpenMediaRequestTerminatedFault',
    });
    expect(
      await faultOf(peer.op('CancelRequest')({ OpenMediaID: 'nope', CancelIfAllocated: 1, DoNotReport: 0 })),
    ).toMatchObject({
      detail: 'InvalidOpenMediaIDFault',
    });
  });
});

describe('DivertRequest', () => {
  it('requeues at the new group, reported Overflowed Out and In; takes it from an agent', async () => {
    sim().setAgent(2003, { loggedOn: true, available: false });
    const id = await add({ ServiceGroupID: 1001 });
    const [r] = await peer.op('DivertRequest')({ OpenMediaID: id, ServiceGroupID: 1002 });
    expect(r.DivertRequestResult).toEqual({ RequestStatus: 0, OpenMediaID: id });
    expect(await statusOf(id)).toMatchObject({ Status: 1, ServiceGroupID: 1002, QueuePosition: 1 });
    expect(await history(id)).toEqual([1, 2, 1]);
    expect(group(1001).stats.overflowOut).toBe(1);
    expect(group(1002).stats.overflowIn).toBe(1);
    expect(agent(2001).sessions).toEqual([]);
    expect(agent(2001).stats.offeredNotAnswered).toBe(1);
    sim().setAgent(2003, { available: true });
    expect(await statusOf(id)).toMatchObject({ Status: 2, AgentID: 2003 });
  });

  it('answers 1 closed, 2 invalid, 3 tenant disabled, 5 invalid session ID; no target is InvalidDataException', async () => {
    const id = await add({ ServiceGroupID: 1001 });
    const divert = async (args: Record<string, unknown>) =>
      (await peer.op('DivertRequest')({ OpenMediaID: id, ...args }))[0].DivertRequestResult
        .RequestStatus as number;
    expect(await divert({ ServiceGroupID: 1003 })).toBe(1);
    expect(await divert({ ServiceGroupID: 77 })).toBe(2);
    expect(await divert({ TenantID: 8, ServiceGroupName: 'Dormant Desk' })).toBe(3);
    expect(await divert({ OpenMediaID: 'unknown', ServiceGroupID: 1002 })).toBe(5);
    expect((await statusOf(id)).ServiceGroupID).toBe(1001);
    expect(await faultOf(peer.op('DivertRequest')({ OpenMediaID: id, TenantID: 7 }))).toMatchObject({
      detail: 'InvalidDataException',
    });
    await cancel(id, 1, 0);
    expect(await divert({ ServiceGroupID: 1002 })).toBe(5);
  });

  it('refuses a divert once a request holds MAX_EVENTS_PER_REQUEST events: its history stays bounded', async () => {
    for (const agentId of [2001, 2002, 2003, 2004]) sim().setAgent(agentId, { available: false });
    const id = await add({ ServiceGroupID: 1001 });
    const m = sim().model;
    // Back and forth in process (the wire is slow for a thousand calls); one event per divert.
    for (let i = 1; i < MAX_EVENTS_PER_REQUEST; i++)
      expect(sim().divertRequest(id, { serviceGroupId: i % 2 ? 1002 : 1001 }).requestStatus).toBe(0);
    expect(m.requests.get(id)!.events).toHaveLength(MAX_EVENTS_PER_REQUEST);
    expect(await faultOf(peer.op('DivertRequest')({ OpenMediaID: id, ServiceGroupID: 1002 }))).toMatchObject({
      detail: 'InvalidDataException',
    });
    expect(m.requests.get(id)!.events).toHaveLength(MAX_EVENTS_PER_REQUEST);
  });
});

describe('ModifyRequest', () => {
  it('replaces a known label’s data, appends a new one, only while queued', async () => {
    await add({ ServiceGroupID: 1001 });
    const id = await add({ ServiceGroupID: 1001, IVRInfo: ivr('Ticket', '1'), PrivateData: 'old' });
    const modify = async (args: Record<string, unknown>) =>
      (await peer.op('ModifyRequest')({ OpenMediaID: id, ...args }))[0].ModifyRequestResult as boolean;
    expect(
      await modify({
        IVRInfo: {
          IVRInformation: [
            { Label: 'Ticket', Data: '2' },
            { Label: 'Mail', Data: 'a@b' },
          ],
        },
      }),
    ).toBe(true);
    const held = () =>
      sim()
        .state()
        .requests.find((r) => r.id === id)!;
    expect(held().ivr).toEqual([
      { label: 'Ticket', data: '2' },
      { label: 'Mail', data: 'a@b' },
    ]);
    expect(held().privateData).toBe('old');
    expect(await modify({ IVRInfo: ivr('Url', 'x'), PrivateData: 'new' })).toBe(true);
    expect(held().privateData).toBe('new');
    expect(
      await faultOf(peer.op('ModifyRequest')({ OpenMediaID: id, IVRInfo: ivr('Fourth', 'x') })),
    ).toMatchObject({
      detail: 'InvalidDataException',
    });
    expect(
      await faultOf(peer.op('ModifyRequest')({ OpenMediaID: 'nope', IVRInfo: ivr('a', 'b') })),
    ).toMatchObject({
      detail: 'InvalidDataException',
      message: 'The OpenMediaID "nope" is not valid',
    });
    sim().advance(50_000); // now allocated
    expect(await modify({ IVRInfo: ivr('Ticket', '3') })).toBe(false);
    expect(held().ivr[0]).toEqual({ label: 'Ticket', data: '2' });
  });
});

describe('SetOptions', () => {
  const setOptions = async (args: Record<string, unknown>) =>
    (await peer.op('SetOptions')(args))[0].SetOptionsResult as boolean;

  it('keeps options per TypeOfSession; MaxNumberOfSessions lets an agent take more at once', async () => {
    const a = await add({ ServiceGroupID: 1001, TypeOfSession: 1 });
    const b = await add({ ServiceGroupID: 1001, TypeOfSession: 1 });
    const c = await add({ ServiceGroupID: 1001, TypeOfSession: 2 });
    expect((await statusOf(b)).Status).toBe(1);
    expect(await setOptions({ TypeOfSession: 1, MaxNumberOfSessions: 2, AgentActionOptions: 2 })).toBe(true);
    expect(await statusOf(b)).toMatchObject({ Status: 2, AgentID: 2001 });
    expect((await statusOf(c)).Status).toBe(1); // type 2 falls back to the agent's own limit of 1
    expect(await setOptions({ TypeOfSession: 0, MaxNumberOfSessions: 3 })).toBe(true);
    expect((await statusOf(c)).Status).toBe(2);
    expect(sim().state().options).toEqual({
      '0': { maxNumberOfSessions: 3 },
      '1': { maxNumberOfSessions: 2, agentActionOptions: 2 },
    });
    expect(await setOptions({ TypeOfSession: 1, ResetAllOptions: 1 })).toBe(true);
    expect(sim().state().options).toEqual({ '0': { maxNumberOfSessions: 3 } });
    void a;
  });

  it('AllowDifferentTypes=1 keeps a busy agent from a session of another type', async () => {
    await setOptions({ MaxNumberOfSessions: 5 });
    await setOptions({ TypeOfSession: 2, AllowDifferentTypes: 1 });
    await add({ ServiceGroupID: 1001, TypeOfSession: 1 });
    const other = await add({ ServiceGroupID: 1001, TypeOfSession: 2 });
    const same = await add({ ServiceGroupID: 1001, TypeOfSession: 1 });
    expect((await statusOf(other)).Status).toBe(1);
    expect((await statusOf(same)).Status).toBe(2);
  });

  it('out of range is InvalidDataFault', async () => {
    const bad: Record<string, unknown>[] = [
      { AgentActionOptions: 2 },
      { AgentActionOptions: 4, TypeOfSession: 0 },
      { CloseTabOptions: 4 },
      { AgentActionOptions: 5 },
      { CloseTabOptions: 0 },
      { MaxNumberOfSessions: 0 },
      { AllowDifferentTypes: 3 },
      { SessionLinkOptions: 3 },
      { ResetAllOptions: 2 },
      { TypeOfSession: -1, MaxNumberOfSessions: 1 },
    ];
    for (const args of bad) {
      expect(await faultOf(peer.op('SetOptions')(args)), JSON.stringify(args)).toMatchObject({
        faultcode: 'soap:Client',
        detail: 'InvalidDataFault',
      });
    }
    expect(
      await setOptions({
        TypeOfSession: 3,
        AgentActionOptions: 4,
        CloseTabOptions: 4,
        SessionLinkOptions: 2,
      }),
    ).toBe(true);
  });
});

describe('router, restart and data expiration', () => {
  it('a router disconnect fails every incomplete request and removes it from routing', async () => {
    const withAgent = await add({ ServiceGroupID: 1001 });
    const queued = await add({ ServiceGroupID: 1001 });
    sim().advance(50_000);
    const done = withAgent;
    const handled = queued;
    sim().advance(5_000);
    expect((await statusOf(handled)).Status).toBe(3);
    const waiting = await add({ ServiceGroupID: 1001 });
    sim().setRouterConnected(false);
    expect((await statusOf(done)).Status).toBe(4);
    expect((await statusOf(handled)).Status).toBe(5);
    expect(await statusOf(waiting)).toMatchObject({ Status: 5, QueuePosition: 0 });
    expect(agent(2001).sessions).toEqual([]);
    sim().setRouterConnected(true);
    const fresh = await add({ ServiceGroupID: 1001 });
    expect((await statusOf(fresh)).Status).toBe(2);
  });

  it('a restart clears every request, even one being handled', async () => {
    const id = await add({ ServiceGroupID: 1001 });
    sim().advance(5_000);
    sim().restart();
    expect(await faultOf(peer.op('GetOpenMediaRequestStatusByID')({ OpenMediaID: id }))).toMatchObject({
      detail: 'InvalidOpenMediaIDFault',
    });
    const [all] = await peer.op('GetAllOpenMediaRequestStatus')();
    expect(requestsOf(all.GetAllOpenMediaRequestStatusResult)).toEqual([]);
    expect(agent(2001).sessions).toEqual([]);
    expect((await statusOf(await add({ ServiceGroupID: 1001 }))).Status).toBe(2);
  });

  it('terminated requests age out after DataExpiration; incomplete ones stay', async () => {
    const ended = await add({ ServiceGroupID: 1001 });
    const waiting = await add({ ServiceGroupID: 1002 }); // no agent logged on in Sales
    await cancel(ended, 1, 0);
    sim().advance(30 * 60_000 - 1);
    expect((await statusOf(ended)).Status).toBe(6);
    sim().advance(1);
    for (const name of ['GetOpenMediaRequestStatusByID', 'GetOpenMediaRequestHistoryByID']) {
      expect(
        await faultOf(peer.op(name)({ OpenMediaID: ended, RetrieveLaterThan: '2000-01-01T00:00:00Z' })),
      ).toMatchObject({ detail: 'InvalidOpenMediaIDFault' });
    }
    expect(
      await faultOf(peer.op('CancelRequest')({ OpenMediaID: ended, CancelIfAllocated: 0, DoNotReport: 0 })),
    ).toMatchObject({
      detail: 'InvalidOpenMediaIDFault',
    });
    const [byTime] = await peer.op('GetOpenMediaRequestsByTime')({
      RetrieveLaterThan: '2000-01-01T00:00:00Z',
    });
    expect(requestsOf(byTime.GetOpenMediaRequestsByTimeResult).map((e) => e.ID)).toEqual([waiting]);
    sim().advance(24 * 3_600_000);
    expect((await statusOf(waiting)).Status).toBe(1);
  });

  it('honours a shorter --data-expiration', async () => {
    const short = await startPeer({ dataExpirationMinutes: 1 });
    try {
      const [r] = await short.op('AddRequest')({ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b') });
      const id = r.AddRequestResult.OpenMediaID as string;
      short.running.sim.advance(50_000);
      short.running.sim.advance(60_000);
      expect(await faultOf(short.op('GetOpenMediaRequestStatusByID')({ OpenMediaID: id }))).toMatchObject({
        detail: 'InvalidOpenMediaIDFault',
      });
    } finally {
      await short.close();
    }
  });
});
