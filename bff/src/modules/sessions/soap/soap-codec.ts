/**
 * SOAP 1.1 document/literal codec for the OIG Session Management Service
 * (`/axis2/services/SessionService`).
 *
 * Requests are parsed into the bounded element tree of `lib/xml/xml-tree.ts` (saxes, strict,
 * namespace aware, DTDs refused), then matched against the Mitel wire format by namespace URI +
 * local name, so any prefixes, default namespaces and redundant declarations are accepted.
 */
import {
  decodeXmlInput,
  isNil,
  nameOf,
  parseXmlTree,
  type XmlElement,
  XmlTreeError,
} from '../../../lib/xml/xml-tree.js';
import { escapeXmlAttr, escapeXmlText } from '../../../lib/xml/xml-escape.js';

export const SESSION_SERVICE_NS = 'http://mitel.com/oig/session/SessionService';
export const SESSION_TYPES_NS = 'http://mitel.com/oig/session';
export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** Content-Type for every SOAP 1.1 response (success and fault). */
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';
/** SOAP 1.1 over HTTP requires faults to be sent with status 500. */
export const SOAP_FAULT_HTTP_STATUS = 500;

export const SESSION_OPERATIONS = [
  'loginEx',
  'authenticate',
  'resetSessionTimer',
  'logout',
  'serviceVersions',
] as const;
export type SessionOperation = (typeof SESSION_OPERATIONS)[number];
const OPERATION_SET: ReadonlySet<string> = new Set(SESSION_OPERATIONS);

/** `urn:<operation>`, the soapAction each operation is bound to in the WSDL. */
export function soapActionFor(operation: SessionOperation): string {
  return `urn:${operation}`;
}

/**
 * `Client`: the request is at fault; `Server`: processing failed on our side;
 * `VersionMismatch`: the Envelope is not in the SOAP 1.1 namespace (SOAP 1.1 §4.4.1).
 */
export type SoapFaultCode = 'Client' | 'Server' | 'VersionMismatch';

export class SoapFault extends Error {
  override readonly name = 'SoapFault';
  constructor(
    public readonly faultCode: SoapFaultCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Converts anything thrown while handling a request into a fault that is safe to send (internal
 * details are not leaked).
 */
export function toSoapFault(err: unknown, serverMessage = 'Internal server error'): SoapFault {
  return err instanceof SoapFault ? err : new SoapFault('Server', serverMessage);
}

export interface LoginExRequestFields {
  applicationName?: string;
  companyName?: string;
  applicationPassword?: string;
  localPassword?: string;
  version?: string;
  certificate?: string;
}

export type SoapRequest =
  | { operation: 'loginEx'; req: LoginExRequestFields }
  | { operation: 'authenticate'; sessionId?: string; signedAuthenticationData?: string }
  | { operation: 'resetSessionTimer' | 'logout' | 'serviceVersions'; sessionId?: string };

export interface ParseSoapOptions {
  /** Maximum UTF-8 size of the request. Default 1 MiB. */
  maxBytes?: number;
  /** Maximum element nesting depth (the Envelope is depth 1). Default 32. */
  maxDepth?: number;
  /** Maximum number of elements in the document. Default 1000. */
  maxElements?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 32;
const DEFAULT_MAX_ELEMENTS = 1000;

function clientFault(message: string): SoapFault {
  return new SoapFault('Client', message);
}

/** The tree of a request, every refusal worded as a client fault. */
function parseRequestTree(xml: string | Uint8Array, options: ParseSoapOptions): XmlElement {
  try {
    const text = decodeXmlInput(xml, options.maxBytes ?? DEFAULT_MAX_BYTES);
    return parseXmlTree(text, {
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      maxElements: options.maxElements ?? DEFAULT_MAX_ELEMENTS,
    });
  } catch (err) {
    if (!(err instanceof XmlTreeError)) throw err;
    const limit = err.kind === 'too-large' || err.kind === 'too-deep' || err.kind === 'too-many-elements';
    throw clientFault(limit ? `Request rejected: ${err.message}` : err.message);
  }
}

// ---------------------------------------------------------------------------
// SOAP / Mitel structure
// ---------------------------------------------------------------------------

/** Element children of a container; non-whitespace character data between them is a client error. */
function elementChildren(el: XmlElement): XmlElement[] {
  if (el.text.trim() !== '') {
    throw clientFault(`Unexpected text content in ${nameOf(el)}`);
  }
  return el.children;
}

/** Text of a simple-typed element; `undefined` for xsi:nil. */
function leafText(el: XmlElement): string | undefined {
  if (el.children.length > 0) throw clientFault(`Element ${nameOf(el)} must contain text only`);
  if (isNil(el)) return undefined;
  return el.text;
}

/**
 * Picks the named children of a container. The expected namespace is listed
 * first; the other namespaces are tolerated because hand-built clients often
 * put every element in one namespace or leave children unqualified. Unknown
 * children are ignored (forward compatible); a repeated field is an error.
 */
function pickChildren<K extends string>(
  parent: XmlElement,
  names: readonly K[],
  namespaces: readonly string[],
): Partial<Record<K, XmlElement>> {
  const wanted: ReadonlySet<string> = new Set(names);
  const found: Partial<Record<K, XmlElement>> = {};
  for (const child of elementChildren(parent)) {
    if (!wanted.has(child.local) || !namespaces.includes(child.uri)) continue;
    const key = child.local as K;
    if (found[key]) throw clientFault(`Duplicate element ${nameOf(child)} in ${nameOf(parent)}`);
    found[key] = child;
  }
  return found;
}

const WRAPPER_CHILD_NS = [SESSION_SERVICE_NS, '', SESSION_TYPES_NS] as const;
const TYPE_CHILD_NS = [SESSION_TYPES_NS, '', SESSION_SERVICE_NS] as const;

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** xs:long in canonical decimal form. Empty means absent; anything else that is not an xs:long is a client error. */
function parseLong(raw: string | undefined, what: string): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  if (/^[+-]?[0-9]+$/.test(trimmed)) {
    const value = BigInt(trimmed);
    if (value >= LONG_MIN && value <= LONG_MAX) return value.toString();
  }
  const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
  throw clientFault(`Invalid ${what} "${shown}": expected an xs:long`);
}

function unqualifiedAttribute(el: XmlElement, local: string): string | undefined {
  const plain = el.attributes.find((a) => a.uri === '' && a.local === local);
  if (plain) return plain.value;
  // Tolerate clients that qualify the attribute with one of the service namespaces.
  return el.attributes.find(
    (a) => a.local === local && (a.uri === SESSION_SERVICE_NS || a.uri === SESSION_TYPES_NS),
  )?.value;
}

function findBody(envelope: XmlElement): XmlElement {
  if (envelope.local !== 'Envelope') {
    throw clientFault(`Not a SOAP 1.1 Envelope: root element is ${nameOf(envelope)}`);
  }
  if (envelope.uri !== SOAP11_ENVELOPE_NS) {
    throw new SoapFault(
      'VersionMismatch',
      envelope.uri === SOAP12_ENVELOPE_NS
        ? `SOAP 1.2 is not supported by this endpoint; send a SOAP 1.1 Envelope (${SOAP11_ENVELOPE_NS})`
        : `Unsupported SOAP Envelope namespace "${envelope.uri}"; expected SOAP 1.1 (${SOAP11_ENVELOPE_NS})`,
    );
  }
  let header: XmlElement | undefined;
  let body: XmlElement | undefined;
  for (const child of elementChildren(envelope)) {
    if (child.uri !== SOAP11_ENVELOPE_NS) continue; // SOAP 1.1 §4.1.2 allows extra qualified elements; ignore them
    if (child.local === 'Header') {
      if (header || body) throw clientFault('SOAP Header must appear once, before the Body');
      header = child;
    } else if (child.local === 'Body') {
      if (body) throw clientFault('SOAP Envelope contains more than one Body');
      body = child;
    } else {
      throw clientFault(`Unexpected element ${nameOf(child)} in SOAP Envelope`);
    }
  }
  if (!body) throw clientFault('SOAP Envelope has no Body');
  return body;
}

function operationElement(body: XmlElement): XmlElement & { local: SessionOperation } {
  const children = elementChildren(body);
  const op = children[0];
  if (!op) throw clientFault('SOAP Body is empty; expected one operation element');
  if (children.length > 1) {
    throw clientFault(`SOAP Body must contain exactly one operation element, found ${children.length}`);
  }
  if (op.uri !== SESSION_SERVICE_NS || !OPERATION_SET.has(op.local)) {
    throw clientFault(`Unknown operation ${nameOf(op)}`);
  }
  return op as XmlElement & { local: SessionOperation };
}

const LOGIN_EX_FIELDS = [
  'applicationName',
  'companyName',
  'applicationPassword',
  'localPassword',
  'version',
  'certificate',
] as const satisfies readonly (keyof LoginExRequestFields)[];

/**
 * Decodes a SessionService request envelope. Missing or nil fields come back
 * as `undefined` (the service answers result=false for those); structural,
 * syntactic and security problems throw a {@link SoapFault}.
 */
export function parseSoapRequest(xml: string | Uint8Array, options: ParseSoapOptions = {}): SoapRequest {
  const envelope = parseRequestTree(xml, options);
  const op = operationElement(findBody(envelope));

  switch (op.local) {
    case 'loginEx': {
      const reqEl = pickChildren(op, ['req'], WRAPPER_CHILD_NS).req;
      const req: LoginExRequestFields = {};
      if (reqEl && !isNil(reqEl)) {
        const fields = pickChildren(reqEl, LOGIN_EX_FIELDS, TYPE_CHILD_NS);
        for (const name of LOGIN_EX_FIELDS) {
          const el = fields[name];
          const value = el && leafText(el);
          if (value !== undefined) req[name] = value;
        }
      }
      return { operation: 'loginEx', req };
    }
    case 'authenticate': {
      const reqEl = pickChildren(op, ['req'], WRAPPER_CHILD_NS).req;
      const result: { operation: 'authenticate'; sessionId?: string; signedAuthenticationData?: string } = {
        operation: 'authenticate',
      };
      if (reqEl && !isNil(reqEl)) {
        const sessionId = parseLong(unqualifiedAttribute(reqEl, 'sessionId'), 'sessionId');
        if (sessionId !== undefined) result.sessionId = sessionId;
        const dataEl = pickChildren(
          reqEl,
          ['signedAuthenticationData'],
          TYPE_CHILD_NS,
        ).signedAuthenticationData;
        const data = dataEl && leafText(dataEl);
        if (data !== undefined) result.signedAuthenticationData = data;
      }
      return result;
    }
    case 'resetSessionTimer':
    case 'logout':
    case 'serviceVersions': {
      const idEl = pickChildren(op, ['sessionId'], WRAPPER_CHILD_NS).sessionId;
      const sessionId = parseLong(idEl && leafText(idEl), 'sessionId');
      return sessionId === undefined ? { operation: op.local } : { operation: op.local, sessionId };
    }
  }
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function soapEnvelope(bodyContent: string): string {
  return (
    `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP11_ENVELOPE_NS}">` +
    `<soapenv:Body>${bodyContent}</soapenv:Body></soapenv:Envelope>`
  );
}

/** Canonical xs:long text; a value that is not an xs:long is a programming error. */
function formatLong(value: string | bigint, what: string): string {
  const text = typeof value === 'bigint' ? value.toString() : String(value).trim();
  if (/^-?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= LONG_MIN && n <= LONG_MAX) return n.toString();
  }
  throw new TypeError(`${what} must be a decimal xs:long, got ${JSON.stringify(String(value))}`);
}

type AttrList = ReadonlyArray<readonly [name: string, value: string]>;
type ChildList = ReadonlyArray<readonly [name: string, value: string | null | undefined]>;

/** `<ns:{op}Response><ns:return attrs>children in T</ns:return></ns:{op}Response>` */
function operationResponse(operation: SessionOperation, attributes: AttrList, children: ChildList): string {
  const attrs = attributes.map(([name, value]) => ` ${name}="${escapeXmlAttr(value)}"`).join('');
  const content = children
    .filter((entry): entry is readonly [string, string] => entry[1] != null)
    .map(([name, value]) => `<ax:${name}>${escapeXmlText(value)}</ax:${name}>`)
    .join('');
  const ret = content === '' ? `<ns:return${attrs}/>` : `<ns:return${attrs}>${content}</ns:return>`;
  return soapEnvelope(
    `<ns:${operation}Response xmlns:ns="${SESSION_SERVICE_NS}" xmlns:ax="${SESSION_TYPES_NS}">` +
      `${ret}</ns:${operation}Response>`,
  );
}

function bool(value: boolean): string {
  return value ? 'true' : 'false';
}

export function renderLoginExResponse(r: {
  result: boolean;
  sessionId: string | bigint;
  errorDesc?: string;
  authenticationData?: string;
}): string {
  return operationResponse(
    'loginEx',
    [
      ['result', bool(r.result)],
      ['sessionId', formatLong(r.sessionId, 'sessionId')],
    ],
    [
      ['errorDesc', r.errorDesc],
      ['authenticationData', r.authenticationData],
    ],
  );
}

export function renderAuthenticateResponse(r: {
  result: boolean;
  sessionId: string | bigint;
  errorDescription?: string;
}): string {
  return operationResponse(
    'authenticate',
    [
      ['sessionId', formatLong(r.sessionId, 'sessionId')],
      ['result', bool(r.result)],
    ],
    [['errorDescription', r.errorDescription]],
  );
}

export function renderSimpleResponse(
  op: 'resetSessionTimer' | 'logout',
  r: { result: boolean; errorDesc?: string },
): string {
  return operationResponse(op, [['result', bool(r.result)]], [['errorDesc', r.errorDesc]]);
}

export function renderServiceVersionsResponse(r: {
  result: boolean;
  sessionId: string | bigint;
  serviceVersions?: string;
  errorDesc?: string;
}): string {
  return operationResponse(
    'serviceVersions',
    [
      ['result', bool(r.result)],
      ['sessionId', formatLong(r.sessionId, 'sessionId')],
    ],
    [
      ['errorDesc', r.errorDesc],
      ['serviceVersions', r.serviceVersions],
    ],
  );
}

/** SOAP 1.1 Fault envelope; send it with HTTP status {@link SOAP_FAULT_HTTP_STATUS}. */
export function renderFault(fault: SoapFault): string {
  return soapEnvelope(
    `<soapenv:Fault><faultcode>soapenv:${fault.faultCode}</faultcode>` +
      `<faultstring>${escapeXmlText(fault.message)}</faultstring></soapenv:Fault>`,
  );
}
