/**
 * Reading the Open Media Service's SOAP 1.1 requests: the envelope, the authentication headers and
 * the operation's parameters, matched by namespace URI and local name (prefixes are free).
 * Structural problems are {@link ProtocolFault}s (soap:Client without detail), as for our session
 * service; the seed's own faults are {@link SimFault}s raised by the operations.
 */
import {
  decodeXmlInput,
  isNil,
  nameOf,
  parseXmlTree,
  type XmlElement,
  XmlTreeError,
} from '../lib/xml/xml-tree.js';
import { parseDateTime, type Micros } from './time.js';

export const OM_NS = 'OpenMediaService';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_ELEMENTS = 2000;
const MAX_DEPTH = 32;

export const OPERATIONS = [
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
] as const;
export type Operation = (typeof OPERATIONS)[number];
const OPERATION_SET: ReadonlySet<string> = new Set(OPERATIONS);

/** A fault about the message itself: malformed, too large, unknown operation, a bad value. */
export class ProtocolFault extends Error {
  override readonly name = 'ProtocolFault';
  constructor(
    readonly faultCode: 'Client' | 'Server' | 'VersionMismatch',
    message: string,
  ) {
    super(message);
  }
}

const clientFault = (message: string): ProtocolFault => new ProtocolFault('Client', message);

export interface SoapCall {
  operation: Operation;
  params: Params;
  logonId: string | undefined;
  password: string | undefined;
}

function children(el: XmlElement): XmlElement[] {
  if (el.text.trim() !== '') throw clientFault(`Unexpected text content in ${nameOf(el)}`);
  return el.children;
}

/** The elements of a wrapper or complex value, by local name, in OpenMediaService or unqualified. */
export class Params {
  private readonly byName = new Map<string, XmlElement[]>();

  constructor(readonly element: XmlElement) {
    for (const child of children(element)) {
      if (child.uri !== OM_NS && child.uri !== '') continue;
      const list = this.byName.get(child.local);
      if (list) list.push(child);
      else this.byName.set(child.local, [child]);
    }
  }

  /** The one element of that name (a repeat is a client error); undefined when absent or nil. */
  one(name: string): XmlElement | undefined {
    const list = this.byName.get(name);
    if (!list) return undefined;
    if (list.length > 1) throw clientFault(`Element ${name} appears more than once in ${this.element.local}`);
    const el = list[0]!;
    return isNil(el) ? undefined : el;
  }

  all(name: string): XmlElement[] {
    return this.byName.get(name) ?? [];
  }

  string(name: string): string | undefined {
    const el = this.one(name);
    if (!el) return undefined;
    if (el.children.length > 0) throw clientFault(`Element ${name} must contain text only`);
    return el.text;
  }

  /** xs:int; empty text counts as absent, anything else that is not an xs:int is a client error. */
  int(name: string): number | undefined {
    const raw = this.string(name)?.trim();
    if (raw === undefined || raw === '') return undefined;
    if (/^[+-]?\d{1,10}$/.test(raw)) {
      const n = Number(raw);
      if (n >= -2_147_483_648 && n <= 2_147_483_647) return n;
    }
    throw clientFault(`Invalid ${name} "${shorten(raw)}": expected an xs:int`);
  }

  bool(name: string): boolean | undefined {
    const raw = this.string(name)?.trim();
    if (raw === undefined || raw === '') return undefined;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw clientFault(`Invalid ${name} "${shorten(raw)}": expected an xs:boolean`);
  }

  dateTime(name: string): Micros | undefined {
    const raw = this.string(name)?.trim();
    if (raw === undefined || raw === '') return undefined;
    const us = parseDateTime(raw);
    if (us === undefined) throw clientFault(`Invalid ${name} "${shorten(raw)}": expected an xs:dateTime`);
    return us;
  }

  nested(name: string): Params | undefined {
    const el = this.one(name);
    return el ? new Params(el) : undefined;
  }
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function parseTree(body: Uint8Array | string): XmlElement {
  try {
    const text = decodeXmlInput(body, MAX_REQUEST_BYTES);
    return parseXmlTree(text, { maxElements: MAX_ELEMENTS, maxDepth: MAX_DEPTH });
  } catch (err) {
    if (!(err instanceof XmlTreeError)) throw err;
    const limit = err.kind === 'too-large' || err.kind === 'too-deep' || err.kind === 'too-many-elements';
    throw clientFault(limit ? `Request rejected: ${err.message}` : err.message);
  }
}

function headerValue(header: XmlElement | undefined, local: string): string | undefined {
  if (!header) return undefined;
  const el = header.children.find((c) => c.uri === OM_NS && c.local === local);
  if (!el || isNil(el)) return undefined;
  if (el.children.length > 0) throw clientFault(`SOAP header ${local} must contain text only`);
  return el.text;
}

/** Decodes a request envelope into the operation, its parameters and the authentication headers. */
export function parseSoapCall(body: Uint8Array | string): SoapCall {
  const envelope = parseTree(body);
  if (envelope.local !== 'Envelope')
    throw clientFault(`Not a SOAP Envelope: root element is ${nameOf(envelope)}`);
  if (envelope.uri !== SOAP_ENV_NS) {
    throw new ProtocolFault('VersionMismatch', `Only SOAP 1.1 is supported (Envelope in ${SOAP_ENV_NS})`);
  }
  let header: XmlElement | undefined;
  let soapBody: XmlElement | undefined;
  for (const child of children(envelope)) {
    if (child.uri !== SOAP_ENV_NS) continue;
    if (child.local === 'Header' && !header && !soapBody) header = child;
    else if (child.local === 'Body' && !soapBody) soapBody = child;
    else throw clientFault(`Unexpected element ${nameOf(child)} in SOAP Envelope`);
  }
  if (!soapBody) throw clientFault('SOAP Envelope has no Body');
  const ops = children(soapBody);
  const op = ops[0];
  if (!op) throw clientFault('SOAP Body is empty; expected one operation element');
  if (ops.length > 1) throw clientFault(`SOAP Body must hold one operation element, found ${ops.length}`);
  if (op.uri !== OM_NS || !OPERATION_SET.has(op.local)) throw clientFault(`Unknown operation ${nameOf(op)}`);
  return {
    operation: op.local as Operation,
    params: new Params(op),
    logonId: headerValue(header, 'LogonID'),
    password: headerValue(header, 'Password'),
  };
}
