/**
 * What the server does with messages that are not right (every one a soap:Client fault, HTTP 500,
 * and the server keeps serving), authentication, and the JSON control endpoint.
 */
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Peer, addAuth, envelope, faultOf, ivr, postXml, requestsOf, startPeer } from './helpers.js';

let peer: Peer;
beforeAll(async () => {
  peer = await startPeer();
});
afterAll(() => peer.close());

const faultString = (text: string) => /<faultstring>([^<]*)<\/faultstring>/.exec(text)?.[1];

describe('malformed and hostile messages', () => {
  it('answer soap:Client faults without detail, and the server goes on', async () => {
    const cases: [string | Uint8Array, Record<string, string> | undefined, RegExp][] = [
      ['<soap:Envelope', undefined, /^Malformed XML/],
      [
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' +
          envelope('<GetAllOpenMediaRequestStatus xmlns="OpenMediaService"/>'),
        undefined,
        /DTDs are not allowed/,
      ],
      [
        envelope(
          `<AddRequest xmlns="OpenMediaService"><PrivateData>${'x'.repeat(1024 * 1024)}</PrivateData></AddRequest>`,
        ),
        undefined,
        /larger than 1048576 bytes/,
      ],
      [
        envelope('<Nope xmlns="OpenMediaService"/>'),
        undefined,
        /^Unknown operation \{OpenMediaService\}Nope$/,
      ],
      [envelope('<AddRequest xmlns="urn:other"/>'), undefined, /^Unknown operation/],
      [envelope(''), undefined, /Body is empty/],
      ['<a/>', undefined, /Not a SOAP Envelope/],
      [
        envelope(
          '<GetServiceGroupStatus xmlns="OpenMediaService"><serviceGroupID>x1</serviceGroupID></GetServiceGroupStatus>',
        ),
        undefined,
        /Invalid serviceGroupID "x1": expected an xs:int/,
      ],
      [
        envelope('<GetAllOpenMediaRequestStatus xmlns="OpenMediaService"/>'),
        { 'content-type': 'application/json' },
        /Content-Type must be text\/xml/,
      ],
      [new Uint8Array([0x3c, 0xff, 0xfe]), undefined, /neither valid UTF-8 nor UTF-16/],
    ];
    for (const [body, headers, message] of cases) {
      const res = await postXml(peer.running.url, body, headers);
      expect(res.status, String(message)).toBe(500);
      expect(res.text).toContain('<faultcode>soap:Client</faultcode>');
      expect(res.text).not.toContain('<detail>');
      expect(faultString(res.text)).toMatch(message);
    }
    const get = await fetch(peer.running.url);
    expect(get.status).toBe(500);
    expect(faultString(await get.text())).toMatch(/GET is not supported/);
    const [ok] = await peer.op('GetServiceGroupStatus')({ serviceGroupID: 1001 });
    expect(ok.GetServiceGroupStatusResult.ServiceGroupID).toBe(1001);
  });

  it('a SOAP 1.2 envelope is a VersionMismatch fault', async () => {
    const res = await postXml(
      peer.running.url,
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
    );
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:VersionMismatch</faultcode>');
  });

  it('accepts any prefixes and unqualified parameters from a hand-written client', async () => {
    const res = await postXml(
      peer.running.url,
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
        '<om:GetServiceGroupStatus xmlns:om="OpenMediaService"><serviceGroupID> 1003 </serviceGroupID>' +
        '</om:GetServiceGroupStatus></s:Body></s:Envelope>',
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('<ServiceGroupID>1003</ServiceGroupID><Open>false</Open>');
  });
});

describe('authentication', () => {
  let secured: Peer;
  beforeAll(async () => {
    secured = await startPeer({ auth: { logonId: 'host-admin', password: 's3cret' } });
  });
  afterAll(() => secured.close());

  it('accepts the LogonID and Password headers in namespace OpenMediaService', async () => {
    const [r] = await secured.op('AddRequest')({ ServiceGroupID: 1001, IVRInfo: ivr('a', 'b') });
    expect(r.AddRequestResult.RequestStatus).toBe(0);
  });

  it('throws InvalidUserFault on every operation when missing or wrong', async () => {
    const wrong = await soap.createClientAsync(`${secured.running.url}?wsdl`);
    addAuth(wrong, 'host-admin', 'guess');
    const none = await soap.createClientAsync(`${secured.running.url}?wsdl`);
    for (const client of [wrong, none]) {
      for (const name of [
        'AddRequest',
        'GetAllOpenMediaRequestStatus',
        'GetOpenMediaRequestsByTime',
        'SetOptions',
      ]) {
        const fn = (client as any)[`${name}Async`].bind(client);
        expect(await faultOf(fn({ RetrieveLaterThan: '2026-01-01T00:00:00Z' })), name).toMatchObject({
          status: 500,
          faultcode: 'soap:Client',
          detail: 'InvalidUserFault',
        });
      }
    }
    // Headers in another namespace do not count.
    const res = await postXml(
      secured.running.url,
      envelope(
        '<GetAllOpenMediaRequestStatus xmlns="OpenMediaService"/>',
        '<LogonID xmlns="urn:x">host-admin</LogonID><Password xmlns="urn:x">s3cret</Password>',
      ),
    );
    expect(res.text).toContain('<InvalidUserFault xmlns="OpenMediaService">');
  });
});

describe('control endpoint', () => {
  const control = async (body: unknown, raw?: string) => {
    const res = await fetch(peer.running.url.replace('/OpenMediaService', '/control'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const state = async () =>
    await (await fetch(peer.running.url.replace('/OpenMediaService', '/control/state'))).json();

  it('changes the model and shows it in the state', async () => {
    expect(await control({ action: 'reset' })).toEqual({ status: 200, body: { ok: true } });
    expect((await control({ action: 'setGroupOpen', serviceGroupId: 1003, open: true })).status).toBe(200);
    expect((await control({ action: 'setAgent', agentId: 2002, available: true })).status).toBe(200);
    expect((await control({ action: 'setLicensed', licensed: false })).status).toBe(200);
    const s = await state();
    expect(s.groups.find((g: any) => g.serviceGroupId === 1003).open).toBe(true);
    expect(s.agents.find((a: any) => a.agentId === 2002).available).toBe(true);
    expect(s.licensed).toBe(false);
    expect(
      await faultOf(peer.op('AddRequest')({ ServiceGroupID: 1003, IVRInfo: ivr('a', 'b') })),
    ).toMatchObject({ detail: 'NoLicenseFault' });
    await control({ action: 'setLicensed', licensed: true });
    const fill = await control({ action: 'fill', count: 50, serviceGroupId: 1003 });
    expect(fill.body.ids).toHaveLength(50);
    const after = await state();
    expect(after.counts).toMatchObject({ requests: 50, queued: 50, withAgents: 0 });
    expect(after.groups.find((g: any) => g.serviceGroupId === 1003).stats.offered).toBe(50);
    await control({ action: 'advance', ms: 1000 });
    expect((await state()).now).toBe('2026-12-07T06:00:01.000Z');
    await control({ action: 'setRouterConnected', connected: false });
    const [all] = await peer.op('GetAllOpenMediaRequestStatus')();
    expect(new Set(requestsOf(all.GetAllOpenMediaRequestStatusResult).map((e) => e.Status))).toEqual(
      new Set([5]),
    );
    await control({ action: 'restart' });
    expect((await state()).counts.requests).toBe(0);
    await control({ action: 'reset' });
    expect((await state()).routerConnected).toBe(true);
  });

  it('refuses bad bodies with 400 and a clear message', async () => {
    const cases: [unknown, string | undefined, RegExp][] = [
      [undefined, '{not json', /not valid JSON/],
      [{ action: 'explode' }, undefined, /action must be one of setGroupOpen, setAgent/],
      [{ action: 'setGroupOpen', serviceGroupId: 1003 }, undefined, /open/],
      [{ action: 'setGroupOpen', serviceGroupId: 99, open: true }, undefined, /no service group 99/],
      [{ action: 'setAgent', agentId: 2001 }, undefined, /loggedOn and\/or available/],
      [{ action: 'fill', count: 0, serviceGroupId: 1001 }, undefined, /count/],
      [{ action: 'advance', ms: -1 }, undefined, /ms/],
      [{ action: 'reset', extra: 1 }, undefined, /extra/],
    ];
    for (const [body, raw, message] of cases) {
      const res = await control(body, raw);
      expect(res.status, String(message)).toBe(400);
      expect(res.body.ok).toBe(false);
      expect(res.body.error).toMatch(message);
    }
    const notFound = await fetch(peer.running.url.replace('/OpenMediaService', '/control/nope'));
    expect(notFound.status).toBe(404);
  });

  it('fill refuses beyond the most requests held', async () => {
    const small = await startPeer({ maxRequests: 10 });
    try {
      expect(small.running.sim.fill(10, 1002)).toHaveLength(10);
      expect(() => small.running.sim.fill(1, 1002)).toThrow(/more than 10 requests/);
      const [r] = await small.op('AddRequest')({ ServiceGroupID: 1002, IVRInfo: ivr('a', 'b') });
      expect(r.AddRequestResult).toMatchObject({ RequestStatus: 5 });
    } finally {
      await small.close();
    }
  });
});
