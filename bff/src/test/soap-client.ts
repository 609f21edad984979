import supertest from 'supertest';
import { SOAP_PATH } from '../modules/sessions/index.js';
import type { Harness } from './harness.js';

export { SOAP_PATH };
const S = 'http://mitel.com/oig/session/SessionService';
const T = 'http://mitel.com/oig/session';
const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Envelopes as an Axis2-generated client writes them: prefixes ns/ax, and the namespace
 * declared again on every element (redundant declarations a server must accept).
 */
export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

export function loginExXml(f: Record<string, string | undefined>): string {
  const children = [
    'applicationName',
    'companyName',
    'applicationPassword',
    'localPassword',
    'version',
    'certificate',
  ]
    .filter((k) => f[k] !== undefined)
    .map((k) => `<ax:${k} xmlns:ax="${T}">${esc(f[k]!)}</ax:${k}>`)
    .join('');
  return envelope(`<ns:loginEx xmlns:ns="${S}"><ns:req xmlns:ns="${S}">${children}</ns:req></ns:loginEx>`);
}

export function sessionOpXml(
  op: 'resetSessionTimer' | 'logout' | 'serviceVersions',
  sessionId: string,
): string {
  return envelope(`<ns:${op} xmlns:ns="${S}"><ns:sessionId>${esc(sessionId)}</ns:sessionId></ns:${op}>`);
}

export function authenticateXml(sessionId: string, signed: string): string {
  return envelope(
    `<ns:authenticate xmlns:ns="${S}"><ns:req sessionId="${esc(sessionId)}"><ax:signedAuthenticationData xmlns:ax="${T}">${esc(signed)}</ax:signedAuthenticationData></ns:req></ns:authenticate>`,
  );
}

export function postSoap(h: Harness, xml: string, action?: string) {
  const req = supertest(h.app).post(SOAP_PATH).set('Content-Type', 'text/xml; charset=utf-8');
  if (action) req.set('SOAPAction', `"urn:${action}"`);
  return req.send(xml);
}

/** Pulls `attr="…"` of the <return> element and the text of a child out of a response. */
export function readReturn(xml: string): {
  result?: string;
  sessionId?: string;
  child: (name: string) => string | undefined;
} {
  const ret = /<(?:\w+:)?return\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(ret)?.[1];
  return {
    result: attr('result'),
    sessionId: attr('sessionId'),
    child: (name) => {
      const m = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(xml);
      return m?.[1]
        ?.replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&amp;/g, '&');
    },
  };
}
