import { networkElementListSchema, networkElementSchema, type NetworkElement } from '@oig/shared';
import { expect } from 'vitest';
import type { Harness, signIn } from '../../../test/harness.js';

export type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
export const NE = '/api/v1/network-elements';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export const CUSTOM_MIVB = {
  outsidePrefix: '8',
  localCountryCode: '44',
  longDistancePrefix: '0',
  internationalPrefix: '00',
  localAreaCodes: ['20', '161'],
  maxExtensionLength: '4',
  inboundTrunkServiceDigits: '12',
};

export const mivbDefault = (ipAddress: string) => ({ type: 'mivb', setup: 'default', ipAddress });
export const mivbCustom = (ipAddress: string, over: Record<string, unknown> = {}) => ({
  type: 'mivb',
  setup: 'custom',
  ipAddress,
  ...CUSTOM_MIVB,
  ...over,
});
export const miccDefault = (ipAddress: string) => ({ type: 'micc', setup: 'default', ipAddress });
export const miccCustom = (ipAddress: string, transportProtocol = 'https') => ({
  type: 'micc',
  setup: 'custom',
  ipAddress,
  transportProtocol,
});

/** The list, checked against the shared read-back schema. */
export async function listElements(agent: Agent): Promise<NetworkElement[]> {
  const res = await agent.get(NE).expect(200);
  expect(() => networkElementListSchema.parse(res.body)).not.toThrow();
  return res.body.elements as NetworkElement[];
}

export async function getElement(agent: Agent, id: string): Promise<NetworkElement> {
  const res = await agent.get(`${NE}/${id}`).expect(200);
  expect(() => networkElementSchema.parse(res.body)).not.toThrow();
  return res.body as NetworkElement;
}

/** Adds an element through the API; 201 expected. */
export async function addElement(agent: Agent, body: Record<string, unknown>): Promise<NetworkElement> {
  const res = await agent.post(NE).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as NetworkElement;
}

/** Everything the Network Elements tab stores, as the API shows it. */
export async function tabState(agent: Agent) {
  const [elements, mivb, micc, audit] = await Promise.all([
    listElements(agent),
    agent.get(`${NE}/defaults/mivb`).expect(200),
    agent.get(`${NE}/defaults/micc`).expect(200),
    agent.get('/api/v1/audit').query({ q: 'network' }).expect(200),
  ]);
  return { elements, mivb: mivb.body, micc: micc.body, auditEntries: audit.body.total as number };
}

/** Empties the table and forgets saved defaults, straight in the database. */
export async function resetTab(h: Harness): Promise<void> {
  await h.ctx.networkElements.probesIdle();
  await h.ctx.db.db.deleteFrom('network_elements').execute();
  await h.ctx.db.db.deleteFrom('settings').where('key', 'like', 'network-elements.%').execute();
}
