import { z } from 'zod';
import { reasonOf } from './status-reasons.js';

export const NE_TYPES = ['mivb', 'micc'] as const;
export type NetworkElementType = (typeof NE_TYPES)[number];
export const NE_SETUPS = ['default', 'custom'] as const;
export type NetworkElementSetup = (typeof NE_SETUPS)[number];
export const TRANSPORT_PROTOCOLS = ['http', 'https'] as const;
export type TransportProtocol = (typeof TRANSPORT_PROTOCOLS)[number];
export const NE_STATUSES = ['reachable', 'unreachable', 'unknown'] as const;
export type NetworkElementStatus = (typeof NE_STATUSES)[number];
/**
 * Why the last probe failed (`statusReason.code`). Params: `timeout` {ms}; `http_status` {status};
 * `tls_error` {code}; `other` {detail} (the system's own error code or text); the rest none.
 */
export const PROBE_REASONS = [
  'connection_refused',
  'connection_reset',
  'host_unreachable',
  'network_unreachable',
  'address_not_available',
  'connect_timeout',
  'connection_closed',
  'tls_error',
  'timeout',
  'http_status',
  'not_wsdl',
  'other',
] as const;
export type ProbeReason = (typeof PROBE_REASONS)[number];

/** At most this many MiVoice Business elements; at most one MiContact Center. */
export const MAX_MIVB_ELEMENTS = 250;
export const MAX_MICC_ELEMENTS = 1;
/** The MiCC Open Media Service port (its WSDL is probed for reachability). */
export const MICC_OPEN_MEDIA_PORT = 12620;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** IPv6 in any of its textual forms (RFC 4291 §2.2), including an embedded IPv4 tail; no zone id. */
function isIpv6(v: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(v) || v.length > 45) return false;
  let text = v;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const tail = text.slice(lastColon + 1);
    if (!IPV4.test(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (![...head, ...tail].every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const n = head.length + tail.length;
  return halves.length === 2 ? n <= 7 : n === 8;
}

export function isIpAddress(v: string): boolean {
  return IPV4.test(v) || isIpv6(v);
}

/** The canonical text of an address, so that one element cannot be added twice under two spellings. */
export function canonicalIp(v: string): string {
  if (IPV4.test(v)) return v;
  // Expand IPv6 to 8 groups, then write it the RFC 5952 way (lower case, longest zero run as ::).
  let text = v.toLowerCase();
  if (text.includes('.')) {
    const i = text.lastIndexOf(':');
    const [a, b, c, d] = text
      .slice(i + 1)
      .split('.')
      .map(Number) as [number, number, number, number];
    // The embedded IPv4 address as the last two groups.
    text = `${text.slice(0, i + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [h = '', t] = text.split('::');
  const head = h === '' ? [] : h.split(':');
  const tail = t === undefined || t === '' ? [] : t.split(':');
  const full =
    t === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  const groups = full.map((g) => parseInt(g, 16).toString(16));
  // An IPv4-mapped address (::ffff:192.0.2.10) is that IPv4 address.
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [hi, lo] = [parseInt(groups[6]!, 16), parseInt(groups[7]!, 16)];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  let best = { start: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { start: i, len: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.len).join(':')}`;
}

export const ipAddressSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'IP Address is required' : 'IP Address must be text, e.g. 192.0.2.10',
  })
  .trim()
  .min(1, 'IP Address is required')
  .max(45, 'IP Address is at most 45 characters')
  .refine(isIpAddress, 'IP Address must be an IPv4 (e.g. 192.0.2.10) or IPv6 (e.g. 2001:db8::10) address');

const digits = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} must be text made of digits` })
    .trim()
    .regex(/^\d*$/, `${label} accepts digits only`)
    .min(min, min === 1 ? `${label} is required` : `${label} must be at least ${min} digits`)
    .max(max, `${label} is at most ${max} digits`);

/** The fields of a Custom MiVoice Business element, and of the MiVB default values. */
export const mivbSettingsSchema = z
  .object({
    outsidePrefix: digits('Outside Prefix', 0, 5),
    localCountryCode: digits('Local Country Code', 1, 3),
    longDistancePrefix: digits('Long Distance Prefix', 0, 5),
    internationalPrefix: digits('International Prefix', 0, 5),
    localAreaCodes: z
      .array(digits('Local Area Code', 1, 6), { error: 'Local Area Codes must be a list of codes' })
      .max(100, 'Local Area Codes holds at most 100 codes')
      .refine((codes) => new Set(codes).size === codes.length, 'Local Area Codes lists a code twice'),
    maxExtensionLength: digits('Max Extension Length', 1, 2).refine(
      (v) => v === '' || (Number(v) >= 1 && Number(v) <= 10),
      'Max Extension Length must be between 1 and 10',
    ),
    inboundTrunkServiceDigits: digits('Inbound Trunk Service Digits', 0, 10),
  })
  .strict();
export type MivbSettings = z.infer<typeof mivbSettingsSchema>;

export const miccSettingsSchema = z
  .object({
    transportProtocol: z.enum(TRANSPORT_PROTOCOLS, { error: 'Transport Protocol must be http or https' }),
  })
  .strict();
export type MiccSettings = z.infer<typeof miccSettingsSchema>;

/** Defaults shipped with the product (Set Default Values changes them). */
export const FACTORY_MIVB_DEFAULTS: MivbSettings = {
  outsidePrefix: '9',
  localCountryCode: '1',
  longDistancePrefix: '1',
  internationalPrefix: '011',
  localAreaCodes: [],
  maxExtensionLength: '5',
  inboundTrunkServiceDigits: '',
};
export const FACTORY_MICC_DEFAULTS: MiccSettings = { transportProtocol: 'http' };

/** Longest Open Media logon ID and password stored on the MiCC element. */
export const OPEN_MEDIA_CREDENTIAL_MAX = 128;

/**
 * The Open Media Service credentials of the MiCC element (its `LogonID` and `Password` SOAP
 * headers), for Default and Custom setups alike. Absent: unchanged; an empty logon ID removes
 * both. The password is write-only: never read back, masked in the audit log.
 */
// Control characters cannot travel in a SOAP header: refused here rather than mangled on the way.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const openMediaCredentialsShape = {
  openMediaLogonId: z
    .string()
    .trim()
    .max(OPEN_MEDIA_CREDENTIAL_MAX, `Open Media logon ID is at most ${OPEN_MEDIA_CREDENTIAL_MAX} characters`)
    .regex(NO_CONTROL, 'Open Media logon ID holds no control characters')
    .optional(),
  openMediaPassword: z
    .string()
    .max(OPEN_MEDIA_CREDENTIAL_MAX, `Open Media password is at most ${OPEN_MEDIA_CREDENTIAL_MAX} characters`)
    .regex(NO_CONTROL, 'Open Media password holds no control characters')
    .optional(),
};

/**
 * Body of POST /network-elements and PUT /network-elements/{id}: only the fields of its
 * type and setup (a Default element takes its values from Set Default Values).
 */
export const networkElementInputSchema = z.discriminatedUnion('type', [
  z.discriminatedUnion('setup', [
    z.object({ type: z.literal('mivb'), setup: z.literal('default'), ipAddress: ipAddressSchema }).strict(),
    mivbSettingsSchema
      .extend({ type: z.literal('mivb'), setup: z.literal('custom'), ipAddress: ipAddressSchema })
      .strict(),
  ]),
  z.discriminatedUnion('setup', [
    z
      .object({
        type: z.literal('micc'),
        setup: z.literal('default'),
        ipAddress: ipAddressSchema,
        ...openMediaCredentialsShape,
      })
      .strict(),
    miccSettingsSchema
      .extend({
        type: z.literal('micc'),
        setup: z.literal('custom'),
        ipAddress: ipAddressSchema,
        ...openMediaCredentialsShape,
      })
      .strict(),
  ]),
]);
export type NetworkElementInput = z.infer<typeof networkElementInputSchema>;

const elementCommon = {
  id: z.string(),
  ipAddress: z.string(),
  setup: z.enum(NE_SETUPS),
  version: z.string().nullable(),
  status: z.enum(NE_STATUSES),
  /** Why the last probe failed (e.g. "connection refused"), null when reachable or not yet probed. */
  statusDetail: z.string().nullable(),
  /**
   * `statusDetail` as a code (PROBE_REASONS) and params; null with no detail, or for a result
   * written before reasons were stored (or by a server that stores none).
   */
  statusReason: reasonOf(PROBE_REASONS).nullable(),
  lastCheckedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** An element as read back: a Default element shows the effective (inherited) values. */
export const networkElementSchema = z.discriminatedUnion('type', [
  mivbSettingsSchema.extend({ ...elementCommon, type: z.literal('mivb') }),
  miccSettingsSchema.extend({
    ...elementCommon,
    type: z.literal('micc'),
    /** Null when the MiCC is used without Open Media authentication. */
    openMediaLogonId: z.string().nullable(),
    /** Whether a password is stored (it is never returned). */
    openMediaPasswordSet: z.boolean(),
  }),
]);
export type NetworkElement = z.infer<typeof networkElementSchema>;
export const networkElementListSchema = z.object({ elements: z.array(networkElementSchema) });

/** GET|PUT /network-elements/defaults/{type}. */
export const networkElementDefaultsSchema = { mivb: mivbSettingsSchema, micc: miccSettingsSchema } as const;
