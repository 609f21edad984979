import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTORY_MIVB_DEFAULTS } from '@oig/shared';
import { DB_KINDS, freshDb, signIn, startHarness, type Harness } from '../../../test/harness.js';
import {
  addElement,
  miccCustom,
  miccDefault,
  mivbCustom,
  mivbDefault,
  NE,
  resetTab,
  tabState,
  type Agent,
} from './helpers.js';

const INVALID_IPS = [
  '999.1.1.1',
  '1.2.3',
  '1.2.3.4.5',
  '01.2.3.4',
  'fe80::1%eth0',
  'localhost',
  'example.com',
  '<script>alert(1)</script>',
  ' ',
  '',
  '2001:db8::1::2',
  '2001:db8:1:2:3:4:5:6:7',
  ':::1',
  '12345::1',
  '1'.repeat(46),
];

/** Accepted spellings and the canonical form that is stored. */
const VALID_IPS: Array<[string, string]> = [
  ['192.0.2.10', '192.0.2.10'],
  ['0.0.0.0', '0.0.0.0'],
  ['::1', '::1'],
  ['::', '::'],
  ['::ffff:192.0.2.1', '192.0.2.1'],
  ['FE80::1', 'fe80::1'],
  ['2001:0DB8:0000:0000:0000:FF00:0042:8329', '2001:db8::ff00:42:8329'],
  ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
];

/** A bad body, the field that must be named in `fields`, and words the message must contain. */
const BAD_BODIES: Array<{ what: string; body: unknown; field: string; says: string }> = [
  {
    what: 'number for ipAddress',
    body: { ...mivbDefault(''), ipAddress: 1921682 },
    field: 'ipAddress',
    says: 'IP Address',
  },
  {
    what: 'missing ipAddress',
    body: { type: 'mivb', setup: 'default' },
    field: 'ipAddress',
    says: 'IP Address',
  },
  {
    what: 'string for localAreaCodes',
    body: mivbCustom('192.0.2.1', { localAreaCodes: '613' }),
    field: 'localAreaCodes',
    says: 'Local Area Codes',
  },
  {
    what: 'letters in a local area code',
    body: mivbCustom('192.0.2.1', { localAreaCodes: ['61a'] }),
    field: 'localAreaCodes.0',
    says: 'Local Area Code accepts digits only',
  },
  {
    what: 'a local area code twice',
    body: mivbCustom('192.0.2.1', { localAreaCodes: ['613', '613'] }),
    field: 'localAreaCodes',
    says: 'Local Area Codes',
  },
  {
    what: 'letters in Outside Prefix',
    body: mivbCustom('192.0.2.1', { outsidePrefix: '9a' }),
    field: 'outsidePrefix',
    says: 'Outside Prefix accepts digits only',
  },
  {
    what: 'a sign in Long Distance Prefix',
    body: mivbCustom('192.0.2.1', { longDistancePrefix: '+1' }),
    field: 'longDistancePrefix',
    says: 'Long Distance Prefix',
  },
  {
    what: 'letters in International Prefix',
    body: mivbCustom('192.0.2.1', { internationalPrefix: 'OII' }),
    field: 'internationalPrefix',
    says: 'International Prefix',
  },
  {
    what: 'letters in Inbound Trunk Service Digits',
    body: mivbCustom('192.0.2.1', { inboundTrunkServiceDigits: '12#' }),
    field: 'inboundTrunkServiceDigits',
    says: 'Inbound Trunk Service Digits',
  },
  {
    what: 'country code of 4 digits',
    body: mivbCustom('192.0.2.1', { localCountryCode: '1234' }),
    field: 'localCountryCode',
    says: 'Local Country Code is at most 3 digits',
  },
  {
    what: 'empty country code',
    body: mivbCustom('192.0.2.1', { localCountryCode: '' }),
    field: 'localCountryCode',
    says: 'Local Country Code is required',
  },
  {
    what: 'max extension length 0',
    body: mivbCustom('192.0.2.1', { maxExtensionLength: '0' }),
    field: 'maxExtensionLength',
    says: 'Max Extension Length must be between 1 and 10',
  },
  {
    what: 'max extension length 11',
    body: mivbCustom('192.0.2.1', { maxExtensionLength: '11' }),
    field: 'maxExtensionLength',
    says: 'Max Extension Length must be between 1 and 10',
  },
  {
    what: 'max extension length as a number',
    body: mivbCustom('192.0.2.1', { maxExtensionLength: 5 }),
    field: 'maxExtensionLength',
    says: 'Max Extension Length',
  },
  {
    what: 'over-long Outside Prefix',
    body: mivbCustom('192.0.2.1', { outsidePrefix: '123456' }),
    field: 'outsidePrefix',
    says: 'Outside Prefix is at most 5 digits',
  },
  {
    what: 'very long Inbound Trunk Service Digits',
    body: mivbCustom('192.0.2.1', { inboundTrunkServiceDigits: '1'.repeat(10_000) }),
    field: 'inboundTrunkServiceDigits',
    says: 'at most 10 digits',
  },
  {
    what: 'a custom value on a Default MiVB',
    body: { ...mivbDefault('192.0.2.1'), outsidePrefix: '9' },
    field: 'outsidePrefix',
    says: 'outsidePrefix is not a field of a Default MiVoice Business element',
  },
  {
    what: 'a custom value on a Default MiCC',
    body: { ...miccDefault('192.0.2.1'), transportProtocol: 'http' },
    field: 'transportProtocol',
    says: 'transportProtocol',
  },
  {
    what: 'a MiCC field on a Custom MiVB',
    body: mivbCustom('192.0.2.1', { transportProtocol: 'http' }),
    field: 'transportProtocol',
    says: 'Custom MiVoice Business',
  },
  {
    what: 'an unknown field',
    body: { ...mivbDefault('192.0.2.1'), version: '9.0' },
    field: 'version',
    says: 'version',
  },
  {
    what: 'a missing custom value',
    body: (({ localCountryCode: _, ...rest }) => rest)(mivbCustom('192.0.2.1')),
    field: 'localCountryCode',
    says: 'Local Country Code',
  },
  {
    what: 'an unknown transport',
    body: miccCustom('192.0.2.1', 'ftp'),
    field: 'transportProtocol',
    says: 'Transport Protocol must be http or https',
  },
  {
    what: 'an unknown type',
    body: { ...mivbDefault('192.0.2.1'), type: 'pbx' },
    field: 'type',
    says: 'type',
  },
  { what: 'no type', body: { setup: 'default', ipAddress: '192.0.2.1' }, field: 'type', says: 'type' },
  {
    what: 'an unknown setup',
    body: { ...mivbDefault('192.0.2.1'), setup: 'auto' },
    field: 'setup',
    says: 'setup',
  },
  { what: 'an array body', body: [mivbDefault('192.0.2.1')], field: '(body)', says: 'object' },
];

describe.each(DB_KINDS)('network element validation (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let existing: string;

  beforeAll(async () => {
    h = await startHarness(freshDb(kind), { start: false, env: { OIG_LOG_LEVEL: 'error' } });
    admin = (await signIn(h)).agent;
    await resetTab(h);
    existing = (await addElement(admin, mivbCustom('198.51.100.1'))).id;
  });
  afterAll(() => h.dispose());

  /** Sends a bad request, expects a 400 and no change at all to what the tab stores. */
  const refused = async (
    send: () => Promise<{
      status: number;
      body: { error: { code: string; message: string; fields?: Record<string, string> } };
    }>,
  ) => {
    const before = await tabState(admin);
    const res = await send();
    expect(await tabState(admin)).toEqual(before);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    return res.body.error;
  };

  it.each(INVALID_IPS.map((ip) => [JSON.stringify(ip), ip]))(
    'refuses the address %s, naming "IP Address"',
    async (_label, ip) => {
      for (const send of [
        () => admin.post(NE).send(mivbDefault(ip)),
        () => admin.put(`${NE}/${existing}`).send(miccDefault(ip)),
      ]) {
        const error = await refused(send);
        expect(error.code).toBe('validation_failed');
        expect(error.message).toContain('IP Address');
        expect(error.fields?.ipAddress).toContain('IP Address');
      }
    },
  );

  it('accepts IPv4 and every IPv6 form, storing the canonical text', async () => {
    for (const [given, stored] of VALID_IPS) {
      const el = await addElement(admin, mivbDefault(given));
      expect(el.ipAddress, given).toBe(stored);
      await admin.delete(`${NE}/${el.id}`).expect(204);
    }
    const moved = await admin.put(`${NE}/${existing}`).send(mivbCustom('2001:DB8::A')).expect(200);
    expect(moved.body.ipAddress).toBe('2001:db8::a');
    await admin.put(`${NE}/${existing}`).send(mivbCustom('198.51.100.1')).expect(200);
  });

  it.each(BAD_BODIES.map((b) => [b.what, b]))(
    'refuses %s with a message naming the field',
    async (_what, { body, field, says }) => {
      for (const send of [
        () => admin.post(NE).send(body as object),
        () => admin.put(`${NE}/${existing}`).send(body as object),
      ]) {
        const error = await refused(send);
        expect(error.code).toBe('validation_failed');
        expect(error.message).toContain(says);
        expect(Object.keys(error.fields ?? {})).toContain(field);
      }
    },
  );

  it('refuses malformed JSON and bodies that are not JSON objects', async () => {
    for (const raw of ['{"type":"mivb",', '{type: mivb}', '"192.0.2.1"', 'null', '']) {
      for (const send of [
        () => admin.post(NE).set('content-type', 'application/json').send(raw),
        () => admin.put(`${NE}/${existing}`).set('content-type', 'application/json').send(raw),
      ]) {
        const error = await refused(send);
        expect(['bad_request', 'validation_failed'], raw).toContain(error.code);
      }
    }
    const malformed = await refused(() =>
      admin.post(NE).set('content-type', 'application/json').send('{"ipAddress":'),
    );
    expect(malformed).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('Malformed JSON'),
    });
    const notJson = await refused(() =>
      admin.post(NE).set('content-type', 'text/plain').send('ipAddress=192.0.2.1'),
    );
    expect(notJson.message).toContain('Content-Type');
  });

  it('refuses bad default values, naming the field, and keeps the defaults', async () => {
    const mivbDefaults = (over: Record<string, unknown>) => ({ ...FACTORY_MIVB_DEFAULTS, ...over });
    const cases: Array<[string, unknown, string, string]> = [
      [
        'mivb',
        mivbDefaults({ localCountryCode: '1234' }),
        'localCountryCode',
        'Local Country Code is at most 3 digits',
      ],
      ['mivb', mivbDefaults({ maxExtensionLength: '11' }), 'maxExtensionLength', 'Max Extension Length'],
      ['mivb', mivbDefaults({ outsidePrefix: 'x' }), 'outsidePrefix', 'Outside Prefix accepts digits only'],
      ['mivb', mivbDefaults({ localAreaCodes: '613' }), 'localAreaCodes', 'Local Area Codes'],
      [
        'mivb',
        mivbDefaults({ ipAddress: '192.0.2.1' }),
        'ipAddress',
        'ipAddress is not a field of the MiVoice Business defaults',
      ],
      ['mivb', { outsidePrefix: '9' }, 'localCountryCode', 'Local Country Code'],
      ['micc', { transportProtocol: 'ftp' }, 'transportProtocol', 'Transport Protocol must be http or https'],
      [
        'micc',
        { transportProtocol: 'https', type: 'micc' },
        'type',
        'type is not a field of the MiContact Center defaults',
      ],
    ];
    for (const [type, body, field, says] of cases) {
      const error = await refused(() => admin.put(`${NE}/defaults/${type}`).send(body as object));
      expect(error.code).toBe('validation_failed');
      expect(error.message).toContain(says);
      expect(Object.keys(error.fields ?? {})).toContain(field);
    }
  });
});
