/**
 * The SOAP 1.1 text of the MiCC Open Media Service (docs/open-media.md): building a request
 * envelope and reading the elements of an answer. No I/O here.
 */
import { escapeXmlText } from '../../lib/xml/xml-escape.js';
import type { XmlElement } from '../../lib/xml/xml-tree.js';

export const OPEN_MEDIA_NS = 'OpenMediaService';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A parameter: a scalar (undefined = left out, as the service's optional parameters may be) or children. */
export type XmlValue = string | number | boolean | undefined | XmlChild[];
export type XmlChild = readonly [name: string, value: XmlValue];

export interface Credentials {
  logonId: string;
  password: string;
}

function render(children: readonly XmlChild[]): string {
  let out = '';
  for (const [name, value] of children) {
    if (value === undefined) continue;
    const inner = Array.isArray(value) ? render(value) : escapeXmlText(String(value));
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

/** One request: `<Op xmlns="OpenMediaService">` with its parameters, and the credential headers when given. */
export function requestEnvelope(op: string, params: readonly XmlChild[], credentials?: Credentials): string {
  const header = credentials
    ? '<soap:Header>' +
      `<LogonID xmlns="${OPEN_MEDIA_NS}">${escapeXmlText(credentials.logonId)}</LogonID>` +
      `<Password xmlns="${OPEN_MEDIA_NS}">${escapeXmlText(credentials.password)}</Password>` +
      '</soap:Header>'
    : '';
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}">${header}<soap:Body>` +
    `<${op} xmlns="${OPEN_MEDIA_NS}">${render(params)}</${op}>` +
    '</soap:Body></soap:Envelope>'
  );
}

/** An answer the product cannot read; `detail` says what was wrong (for micc_bad_answer). */
export class BadAnswer extends Error {
  override readonly name = 'BadAnswer';
}

/**
 * Children are matched by local name: the service qualifies them with its namespace, but a
 * client that insisted on it would gain nothing and could break on a harmless variation.
 */
export function childOf(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenOf(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function need(el: XmlElement, local: string): XmlElement {
  const c = childOf(el, local);
  if (!c) throw new BadAnswer(`${el.local} has no ${local}`);
  return c;
}

export function textOf(el: XmlElement, local: string): string {
  return need(el, local).text.trim();
}

export function optionalTextOf(el: XmlElement, local: string): string | undefined {
  const c = childOf(el, local);
  return c ? c.text.trim() : undefined;
}

/** An xs:int. */
export function intOf(el: XmlElement, local: string): number {
  return parseInt32(textOf(el, local), `${el.local}/${local}`);
}

export function parseInt32(text: string, what: string): number {
  if (!/^[+-]?\d{1,10}$/.test(text)) throw new BadAnswer(`${what} is not a whole number`);
  const n = Number(text);
  if (n < -2_147_483_648 || n > 2_147_483_647) throw new BadAnswer(`${what} is out of range`);
  return n;
}

/** An xs:boolean: true, false, 1 or 0. */
export function parseBoolean(text: string, what: string): boolean {
  const t = text.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new BadAnswer(`${what} is not true or false`);
}

const DATE_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/**
 * An xs:dateTime as microseconds since the epoch (the MiCC's stamps may differ below the
 * millisecond, and ordering must not lose that). One without a zone is UTC, as the service says.
 * Every stamp is compared in whole microseconds: digits beyond the sixth (.NET sends seven) are
 * dropped the same way for events and answers, so they never make an answer look older.
 */
export function parseStamp(text: string, what: string): number {
  const t = text.trim();
  const m = DATE_TIME.exec(t);
  const ms = m ? Date.parse(`${m[1]}${m[3] ?? 'Z'}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new BadAnswer(`${what} is not a date-time`);
  return ms * 1000 + Number((m[2] ?? '').slice(0, 6).padEnd(6, '0'));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `us` (microseconds since the epoch) as an xs:dateTime written the way `like` (a stamp the MiCC
 * sent) is: the same number of fraction digits (a seventh and further are 0: microseconds are all
 * the product keeps) and the same zone (none, Z, or its offset). Fewer digits than six round down,
 * which for a "later than" question only asks for a little more.
 */
export function formatStampLike(us: number, like: string): string {
  const m = DATE_TIME.exec(like.trim());
  const digits = m ? (m[2]?.length ?? 0) : 6;
  const zone = m ? (m[3] ?? '') : 'Z';
  const offsetMin =
    zone === '' || zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = us + offsetMin * 60_000_000;
  const seconds = Math.floor(local / 1_000_000);
  const d = new Date(seconds * 1000);
  const micros = pad(local - seconds * 1_000_000, 6);
  const fraction =
    digits === 0 ? '' : `.${digits <= 6 ? micros.slice(0, digits) : micros.padEnd(digits, '0')}`;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    `${fraction}${zone}`
  );
}

/** A fault as the service sends it: the detail element's name (e.g. InvalidUserFault) and its text. */
export interface SoapFault {
  /** Name of the element in `detail`, or null for a fault without one (malformed request, unknown operation). */
  name: string | null;
  code: string;
  message: string;
}

/**
 * The payload of an answer: the fault, or the `<Op>Result` element of `<Op>Response` (null when
 * the service left the result out).
 */
export function readAnswer(
  root: XmlElement,
  op: string,
): { fault: SoapFault } | { result: XmlElement | null } {
  if (root.local !== 'Envelope' || root.uri !== SOAP_ENV_NS) throw new BadAnswer('not a SOAP 1.1 envelope');
  const body = root.children.find((c) => c.local === 'Body' && c.uri === SOAP_ENV_NS);
  if (!body) throw new BadAnswer('the envelope has no Body');
  const first = body.children[0];
  if (!first) throw new BadAnswer('the Body is empty');
  if (first.local === 'Fault' && first.uri === SOAP_ENV_NS) {
    const detail = childOf(first, 'detail');
    const named = detail?.children[0];
    const message = (named && optionalTextOf(named, 'Message')) || optionalTextOf(first, 'faultstring') || '';
    return {
      fault: { name: named?.local ?? null, code: optionalTextOf(first, 'faultcode') ?? '', message },
    };
  }
  if (first.local !== `${op}Response`) throw new BadAnswer(`expected ${op}Response, got ${first.local}`);
  return { result: childOf(first, `${op}Result`) ?? null };
}
