/**
 * Writing the Open Media Service's SOAP 1.1 answers and faults. Lists of events are produced in
 * chunks so the server can yield to the event loop between them when a cache holds 100,000
 * requests; each chunk is plain string building.
 */
import { escapeXmlText } from '../lib/xml/xml-escape.js';
import type { ReportedEvent } from './sim.js';
import { OM_NS, SOAP_ENV_NS, type Operation } from './soap.js';
import { formatMicros, type Micros } from './time.js';
import { type FaultName, faultCodeOf } from './types.js';

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';
/** SOAP 1.1 over HTTP sends faults with status 500. */
export const SOAP_FAULT_STATUS = 500;
/** Events rendered per chunk of a list answer. */
export const EVENTS_PER_CHUNK = 2_000;

const HEAD =
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}"` +
  ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
  '<soap:Body>';
const TAIL = '</soap:Body></soap:Envelope>';

function envelope(body: string): string {
  return HEAD + body + TAIL;
}

/** `<OpResponse><OpResult>content</OpResult></OpResponse>` in the service namespace. */
export function renderResult(op: Operation, content: string): string {
  return envelope(`<${op}Response xmlns="${OM_NS}"><${op}Result>${content}</${op}Result></${op}Response>`);
}

export function renderBooleanResult(op: Operation, value: boolean): string {
  return renderResult(op, value ? 'true' : 'false');
}

export function renderAddResult(r: {
  requestStatus: number;
  openMediaId?: string;
  queuePosition: number;
  ewt: number;
}): string {
  const id = r.openMediaId !== undefined ? `<OpenMediaID>${escapeXmlText(r.openMediaId)}</OpenMediaID>` : '';
  return renderResult(
    'AddRequest',
    `<RequestStatus>${r.requestStatus}</RequestStatus>${id}` +
      `<QueuePosition>${r.queuePosition}</QueuePosition><EWT>${r.ewt}</EWT>`,
  );
}

export function renderDivertResult(r: { requestStatus: number; openMediaId: string }): string {
  return renderResult(
    'DivertRequest',
    `<RequestStatus>${r.requestStatus}</RequestStatus><OpenMediaID>${escapeXmlText(r.openMediaId)}</OpenMediaID>`,
  );
}

function groupStatus(g: { id: number; open: boolean; name: string }): string {
  return (
    `<ServiceGroupID>${g.id}</ServiceGroupID><Open>${g.open ? 'true' : 'false'}</Open>` +
    `<ServiceGroupName>${escapeXmlText(g.name)}</ServiceGroupName>`
  );
}

export function renderServiceGroupStatus(g: { id: number; open: boolean; name: string }): string {
  return renderResult('GetServiceGroupStatus', groupStatus(g));
}

export function renderAllServiceGroupStatus(
  groups: readonly { id: number; open: boolean; name: string }[],
): string {
  const items = groups.map((g) => `<ServiceGroupStatus>${groupStatus(g)}</ServiceGroupStatus>`).join('');
  return renderResult('GetAllOpenMediaServiceGroupStatus', `<Status>${items}</Status>`);
}

function eventXml(e: ReportedEvent): string {
  const ewt = e.ewt !== undefined ? `<EWT>${e.ewt}</EWT>` : '';
  return (
    `<OpenMediaRequest><ID>${escapeXmlText(e.request.id)}</ID><Status>${e.status}</Status>` +
    `<TimeStamp>${formatMicros(e.stamp)}</TimeStamp><AgentID>${e.agentId}</AgentID>` +
    `<TenantID>${e.agentTenantId}</TenantID><LogonID>${escapeXmlText(e.logonId)}</LogonID>` +
    `<ServiceGroupID>${e.serviceGroupId}</ServiceGroupID><QueuePosition>${e.queuePosition}</QueuePosition>` +
    `${ewt}</OpenMediaRequest>`
  );
}

/** The chunks of a GetOpenMediaResponse: TimeStamp and OpenMediaRequests. */
export function* eventListChunks(
  op: Operation,
  stamp: Micros,
  events: readonly ReportedEvent[],
): Generator<string, void, undefined> {
  let chunk =
    `${HEAD}<${op}Response xmlns="${OM_NS}"><${op}Result>` +
    `<TimeStamp>${formatMicros(stamp)}</TimeStamp><OpenMediaRequests>`;
  for (let i = 0; i < events.length; i++) {
    chunk += eventXml(events[i]!);
    if ((i + 1) % EVENTS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</OpenMediaRequests></${op}Result></${op}Response>${TAIL}`;
}

/** A fault; with a seed fault name, `detail` holds that element with a Message. */
export function renderFault(faultCode: string, message: string, detail?: FaultName): string {
  const text = escapeXmlText(message);
  const detailXml = detail
    ? `<detail><${detail} xmlns="${OM_NS}"><Message>${text}</Message></${detail}></detail>`
    : '';
  return envelope(
    `<soap:Fault><faultcode>soap:${faultCode}</faultcode><faultstring>${text}</faultstring>${detailXml}</soap:Fault>`,
  );
}

export function renderSimFault(fault: FaultName, message: string): string {
  return renderFault(faultCodeOf(fault), message, fault);
}
