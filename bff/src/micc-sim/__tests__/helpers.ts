/**
 * Test helpers: a peer on 127.0.0.1 with a manual clock, a node-soap client built from the peer's
 * own WSDL, and readers for answers and faults.
 */
import * as soap from 'soap';
import { parseSimConfig, type SimConfigInput } from '../config.js';
import { startOpenMediaSim, type OpenMediaSimOptions, type RunningOpenMediaSim } from '../server.js';

export const START = new Date('2026-12-07T06:00:00.000Z');

export const TEST_CONFIG: SimConfigInput = {
  tenants: [
    { id: 7, name: 'Acme' },
    { id: 8, name: 'Dormant', enabled: false },
  ],
  serviceGroups: [
    { id: 1001, name: 'Support', preferredAgent: true, preferredAgentWaitSeconds: 30 },
    { id: 1002, name: 'Sales' },
    { id: 1003, name: 'Billing', open: false },
    { id: 1004, name: 'Acme Desk', tenantId: 7 },
    { id: 1005, name: 'Dormant Desk', tenantId: 8 },
  ],
  agents: [
    { id: 2001, logonId: '4001', serviceGroups: [1001] },
    { id: 2002, logonId: '4002', serviceGroups: [1001], available: false },
    { id: 2003, logonId: '4003', serviceGroups: [1002], loggedOn: false },
    { id: 2004, logonId: '4004', tenantId: 7, serviceGroups: [1004] },
  ],
  pace: { answerAfterMs: 5_000, handleMs: 45_000 },
};

export type Call = (args?: unknown) => Promise<[result: any, raw: string]>;

export interface Peer {
  running: RunningOpenMediaSim;
  client: soap.Client;
  op(name: string): Call;
  close(): Promise<void>;
}

export async function startPeer(
  options: Partial<OpenMediaSimOptions> = {},
  config: SimConfigInput = TEST_CONFIG,
): Promise<Peer> {
  const running = await startOpenMediaSim({
    host: '127.0.0.1',
    port: 0,
    manualClock: true,
    startAt: START,
    config: parseSimConfig(config),
    ...options,
  });
  const client = await soap.createClientAsync(`${running.url}?wsdl`);
  if (options.auth) addAuth(client, options.auth.logonId, options.auth.password);
  return {
    running,
    client,
    op(name) {
      const fn = (client as unknown as Record<string, (a: unknown) => Promise<[any, string]>>)[`${name}Async`];
      if (!fn) throw new Error(`client has no ${name}Async`);
      return (args: unknown = {}) => fn.call(client, args);
    },
    close: () => running.close(),
  };
}

export function addAuth(client: soap.Client, logonId: string, password: string): void {
  client.addSoapHeader({ LogonID: logonId }, '', 'tns', 'OpenMediaService');
  client.addSoapHeader({ Password: password }, '', 'tns', 'OpenMediaService');
}

export interface FaultSeen {
  status: number | undefined;
  faultcode: string;
  faultstring: string;
  /** The detail element's name, undefined when there is none. */
  detail: string | undefined;
  message: string | undefined;
}

/** The SOAP fault a call ends with; fails the test when it succeeds. */
export async function faultOf(promise: Promise<unknown>): Promise<FaultSeen> {
  let error: any;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  if (!error) throw new Error('expected a SOAP fault, the call succeeded');
  const fault = error.root?.Envelope?.Body?.Fault;
  if (!fault) throw error;
  const detailName = fault.detail ? Object.keys(fault.detail)[0] : undefined;
  return {
    status: error.response?.status,
    faultcode: fault.faultcode,
    faultstring: fault.faultstring,
    detail: detailName,
    message: detailName ? fault.detail[detailName]?.Message : undefined,
  };
}

/** The OpenMediaRequest list of a GetOpenMediaResponse, always an array. */
export function requestsOf(result: any): any[] {
  const list = result?.OpenMediaRequests?.OpenMediaRequest;
  if (list === undefined) return [];
  return Array.isArray(list) ? list : [list];
}

/** TimeStamp texts as sent (node-soap turns xs:dateTime into a Date, losing the microseconds). */
export function stampsIn(raw: string): string[] {
  return [...raw.matchAll(/<TimeStamp>([^<]+)<\/TimeStamp>/g)].map((m) => m[1]!);
}

export const ivr = (label: string, data: string) => ({ IVRInformation: [{ Label: label, Data: data }] });

export async function postXml(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' },
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

export function envelope(inner: string, header = ''): string {
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
    `${header ? `<soap:Header>${header}</soap:Header>` : ''}<soap:Body>${inner}</soap:Body></soap:Envelope>`
  );
}
