/**
 * Round trip through a real node-soap client: WSDL loading, request
 * serialisation (parsed by parseSoapRequest) and response decoding.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SaxesParser } from 'saxes';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SESSION_SERVICE_NS as S,
  SESSION_TYPES_NS as T,
  SOAP_CONTENT_TYPE,
  SOAP_FAULT_HTTP_STATUS,
  SoapFault,
  type SoapRequest,
  parseSoapRequest,
  renderAuthenticateResponse,
  renderFault,
  renderLoginExResponse,
  renderServiceVersionsResponse,
  renderSimpleResponse,
  sessionServiceWsdl,
  toSoapFault,
} from './index.js';

const SERVICE_PATH = '/axis2/services/SessionService';
const BIG_ID = '9007199254740993'; // 2^53 + 1: not representable as a JS number
const MAX_ID = '9223372036854775807';
const PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nQ2VydGlmaWNhdGUrLz0=\n-----END CERTIFICATE-----';

interface Exchange {
  soapAction: string | undefined;
  request: SoapRequest;
}

let server: Server;
let baseUrl: string;
const exchanges: Exchange[] = [];

function respond(request: SoapRequest): string {
  switch (request.operation) {
    case 'loginEx':
      if (request.req.applicationName === 'fail') {
        return renderLoginExResponse({
          result: false,
          sessionId: '0',
          errorDesc: 'Unknown application <fail> & "co"',
        });
      }
      if (request.req.applicationName === 'crash') throw new Error('boom');
      return renderLoginExResponse({
        result: true,
        sessionId: MAX_ID,
        authenticationData: '[1,-2,3,"x"&<y>]',
      });
    case 'authenticate':
      return renderAuthenticateResponse({
        result: false,
        sessionId: request.sessionId ?? '0',
        errorDescription: 'Bad signature',
      });
    case 'resetSessionTimer':
      return renderSimpleResponse('resetSessionTimer', { result: true });
    case 'logout':
      return renderSimpleResponse('logout', { result: false, errorDesc: 'Invalid session id' });
    case 'serviceVersions':
      return renderServiceVersionsResponse({
        result: true,
        sessionId: request.sessionId ?? '0',
        serviceVersions: 'SessionService=1.0',
      });
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', baseUrl);
  if (req.method === 'GET' && url.pathname === SERVICE_PATH && url.searchParams.has('wsdl')) {
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(sessionServiceWsdl(`${baseUrl}${SERVICE_PATH}`));
    return;
  }
  if (req.method !== 'POST' || url.pathname !== SERVICE_PATH) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let status = 200;
  let payload: string;
  try {
    const request = parseSoapRequest(Buffer.concat(chunks));
    exchanges.push({ soapAction: req.headers.soapaction as string | undefined, request });
    payload = respond(request);
  } catch (err) {
    status = SOAP_FAULT_HTTP_STATUS;
    payload = renderFault(toSoapFault(err));
  }
  res.writeHead(status, { 'content-type': SOAP_CONTENT_TYPE });
  res.end(payload);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

function lastExchange(): Exchange {
  const last = exchanges[exchanges.length - 1];
  if (!last) throw new Error('server saw no request');
  return last;
}

/**
 * `{uri}local` of every element, in document order: checks the client used the exact namespaces
 * (not the parser's tolerance).
 */
function elementNames(xml: string): string[] {
  const names: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => void names.push(`{${tag.uri}}${tag.local}`));
  parser.write(xml).close();
  return names;
}

// node-soap's typings describe generated methods loosely; keep the calls typed locally.
type AsyncOp = (
  args: unknown,
) => Promise<[result: any, rawResponse: string, soapHeader: unknown, rawRequest: string]>;
function op(client: soap.Client, name: string): AsyncOp {
  const fn = (client as unknown as Record<string, AsyncOp>)[`${name}Async`];
  if (!fn) throw new Error(`client has no ${name}Async`);
  return fn.bind(client);
}

describe('node-soap client round trip', () => {
  let client: soap.Client;

  beforeAll(async () => {
    client = await soap.createClientAsync(`${baseUrl}${SERVICE_PATH}?wsdl`);
  });

  it('exposes the five operations on SessionService/SessionServiceHttpSoap11Endpoint', () => {
    const description = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(description)).toEqual(['SessionService']);
    expect(Object.keys(description.SessionService!.SessionServiceHttpSoap11Endpoint!).sort()).toEqual(
      ['authenticate', 'loginEx', 'logout', 'resetSessionTimer', 'serviceVersions'].sort(),
    );
  });

  it('loginEx: all request fields arrive, success response decodes', async () => {
    const req = {
      applicationName: `App <One> & "Two" 'Three'`,
      companyName: 'Société & Co',
      applicationPassword: 'p<a>ss&word',
      localPassword: 'local',
      version: '1.0',
      certificate: PEM,
    };
    const [result, , , rawRequest] = await op(client, 'loginEx')({ req });
    expect(elementNames(rawRequest).slice(2)).toEqual([
      `{${S}}loginEx`,
      `{${S}}req`,
      ...[
        'applicationName',
        'companyName',
        'applicationPassword',
        'localPassword',
        'version',
        'certificate',
      ].map((n) => `{${T}}${n}`),
    ]);
    expect(lastExchange().request).toStrictEqual({ operation: 'loginEx', req });
    expect(lastExchange().soapAction?.replace(/"/g, '')).toBe('urn:loginEx');
    expect(result.return.attributes).toEqual({ result: 'true', sessionId: MAX_ID });
    expect(typeof result.return.attributes.sessionId).toBe('string');
    expect(result.return.authenticationData).toBe('[1,-2,3,"x"&<y>]');
    expect(result.return.errorDesc).toBeUndefined();
  });

  it('loginEx: failure response decodes errorDesc with escaped characters; omitted fields arrive undefined', async () => {
    const [result] = await op(client, 'loginEx')({ req: { applicationName: 'fail', version: '1.0' } });
    expect(lastExchange().request).toStrictEqual({
      operation: 'loginEx',
      req: { applicationName: 'fail', version: '1.0' },
    });
    expect(result.return.attributes).toEqual({ result: 'false', sessionId: '0' });
    expect(result.return.errorDesc).toBe('Unknown application <fail> & "co"');
    expect(result.return.authenticationData).toBeUndefined();
  });

  it('authenticate: sessionId attribute above 2^53 and signed data arrive intact', async () => {
    const [result, , , rawRequest] = await op(
      client,
      'authenticate',
    )({
      req: { attributes: { sessionId: BIG_ID }, signedAuthenticationData: '[13,-24,0,127,-128]' },
    });
    expect(elementNames(rawRequest).slice(2)).toEqual([
      `{${S}}authenticate`,
      `{${S}}req`,
      `{${T}}signedAuthenticationData`,
    ]);
    expect(lastExchange().request).toStrictEqual({
      operation: 'authenticate',
      sessionId: BIG_ID,
      signedAuthenticationData: '[13,-24,0,127,-128]',
    });
    expect(result.return.attributes).toEqual({ sessionId: BIG_ID, result: 'false' });
    expect(result.return.errorDescription).toBe('Bad signature');
  });

  it('resetSessionTimer / logout / serviceVersions carry the sessionId element', async () => {
    const [reset, , , rawRequest] = await op(client, 'resetSessionTimer')({ sessionId: BIG_ID });
    expect(elementNames(rawRequest).slice(2)).toEqual([`{${S}}resetSessionTimer`, `{${S}}sessionId`]);
    expect(lastExchange().request).toStrictEqual({ operation: 'resetSessionTimer', sessionId: BIG_ID });
    expect(reset.return.attributes).toEqual({ result: 'true' });

    const [logout] = await op(client, 'logout')({ sessionId: MAX_ID });
    expect(lastExchange().request).toStrictEqual({ operation: 'logout', sessionId: MAX_ID });
    expect(logout.return.attributes).toEqual({ result: 'false' });
    expect(logout.return.errorDesc).toBe('Invalid session id');

    const [versions] = await op(client, 'serviceVersions')({ sessionId: BIG_ID });
    expect(lastExchange().request).toStrictEqual({ operation: 'serviceVersions', sessionId: BIG_ID });
    expect(versions.return.attributes).toEqual({ result: 'true', sessionId: BIG_ID });
    expect(versions.return.serviceVersions).toBe('SessionService=1.0');
  });

  it('delivers faults to the client as SOAP 1.1 faults', async () => {
    const error = await op(
      client,
      'loginEx',
    )({ req: { applicationName: 'crash' } }).then(
      () => undefined,
      (err: unknown) => err as { root?: any; response?: { status?: number } },
    );
    expect(error?.response?.status).toBe(500);
    expect(error?.root?.Envelope?.Body?.Fault).toMatchObject({
      faultcode: 'soapenv:Server',
      faultstring: 'Internal server error',
    });
  });

  it('answers a hand-written unknown operation with a Client fault', async () => {
    const res = await fetch(`${baseUrl}${SERVICE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:nope"' },
      body:
        `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
        `<ns:nope xmlns:ns="http://mitel.com/oig/session/SessionService"/></soapenv:Body></soapenv:Envelope>`,
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toContain('<faultcode>soapenv:Client</faultcode>');
    expect(text).toContain(
      '<faultstring>Unknown operation {http://mitel.com/oig/session/SessionService}nope</faultstring>',
    );
    expect(new SoapFault('Client', 'x')).toBeInstanceOf(Error);
  });
});
