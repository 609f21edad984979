import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APPS,
  createAccount,
  DB_KINDS,
  freshDb,
  LOCAL_PASSWORD,
  REST_PATH,
  signIn,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import {
  envelope,
  loginExXml,
  postSoap,
  readReturn,
  sessionOpXml,
  SOAP_PATH,
} from '../../../test/soap-client.js';

const loginFields = (over: Record<string, string | undefined> = {}) => ({
  applicationName: APPS.acme.applicationName,
  companyName: APPS.acme.companyName,
  applicationPassword: APPS.acme.applicationPassword,
  localPassword: LOCAL_PASSWORD,
  version: '4.0',
  ...over,
});

describe.each(DB_KINDS)('SOAP Session Management Service (%s)', (kind) => {
  let h: Harness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    const { agent } = await signIn(h);
    await createAccount(agent, APPS.acme);
    server = createServer(h.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await h.dispose();
  });

  it('serves the WSDL, and a client generated from it logs in, keeps alive, reads versions and logs out', async () => {
    const wsdl = await supertest(h.app).get(`${SOAP_PATH}?wsdl`).expect(200).expect('content-type', /xml/);
    expect(wsdl.text).toContain('targetNamespace="http://mitel.com/oig/session/SessionService"');
    const client = await soap.createClientAsync(`${base}${SOAP_PATH}?wsdl`);
    const [login] = await client.loginExAsync({ req: loginFields() });
    const ret = login.return.attributes as { result: string; sessionId: string };
    expect(ret.result).toBe('true');
    expect(ret.sessionId).toMatch(/^\d{16,19}$/);
    const [reset] = await client.resetSessionTimerAsync({ sessionId: ret.sessionId });
    expect(reset.return.attributes.result).toBe('true');
    const [versions] = await client.serviceVersionsAsync({ sessionId: ret.sessionId });
    expect(versions.return.attributes.result).toBe('true');
    expect(versions.return.serviceVersions).toMatch(/^OIG \d+\.\d+\.\d+/);
    const [out] = await client.logoutAsync({ sessionId: ret.sessionId });
    expect(out.return.attributes.result).toBe('true');
    const [after] = await client.resetSessionTimerAsync({ sessionId: ret.sessionId });
    expect(after.return.attributes.result).toBe('false');
    expect(after.return.errorDesc).toBe('Invalid session');
  });

  it('accepts the trailing-slash endpoint and Axis2-style redundant namespace declarations', async () => {
    const res = await supertest(h.app)
      .post(`${SOAP_PATH}/`)
      .set('Content-Type', 'text/xml')
      .send(loginExXml(loginFields()))
      .expect(200);
    const r = readReturn(res.text);
    expect(r.result).toBe('true');
    // Wire format: return is in the service namespace, errorDesc-like children in the types namespace.
    expect(res.text).toMatch(
      /<(\w+):loginExResponse[^>]*xmlns:\1="http:\/\/mitel\.com\/oig\/session\/SessionService"|<loginExResponse xmlns="http:\/\/mitel\.com\/oig\/session\/SessionService"/,
    );
    const id = r.sessionId!;
    const ok = await postSoap(h, sessionOpXml('resetSessionTimer', id), 'resetSessionTimer').expect(200);
    expect(readReturn(ok.text).result).toBe('true');
  });

  it('accepts .NET-style default namespaces on every element', async () => {
    const xml = envelope(
      `<loginEx xmlns="http://mitel.com/oig/session/SessionService"><req xmlns="http://mitel.com/oig/session/SessionService">` +
        `<applicationName xmlns="http://mitel.com/oig/session">${APPS.acme.applicationName}</applicationName>` +
        `<companyName xmlns="http://mitel.com/oig/session">${APPS.acme.companyName}</companyName>` +
        `<applicationPassword xmlns="http://mitel.com/oig/session">${APPS.acme.applicationPassword}</applicationPassword>` +
        `<localPassword xmlns="http://mitel.com/oig/session">${LOCAL_PASSWORD}</localPassword></req></loginEx>`,
    );
    const res = await postSoap(h, xml).expect(200);
    expect(readReturn(res.text).result).toBe('true');
  });

  it('answers bad logins with result="false", sessionId="0" and the stable error text', async () => {
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ localPassword: 'wrong-password' }, 'Local Password Invalid'],
      [{ applicationName: 'Nope' }, 'Application not registered'],
      [{ version: '5.0' }, 'Unsupported version: 5.0 (supported up to 4.0)'],
      [{ version: 'abc' }, 'Unsupported version: abc (supported up to 4.0)'],
      [{ localPassword: undefined }, 'Missing parameter: localPassword'],
    ];
    for (const [over, text] of cases) {
      const res = await postSoap(h, loginExXml(loginFields(over))).expect(200);
      const r = readReturn(res.text);
      expect(r.result).toBe('false');
      expect(r.sessionId).toBe('0');
      expect(r.child('errorDesc')).toBe(text);
    }
    for (const version of ['1.2', '2.0', '2.1', '3.0', '4.0', '']) {
      const res = await postSoap(h, loginExXml(loginFields({ version }))).expect(200);
      expect(readReturn(res.text).result).toBe('true');
    }
  });

  it('refuses unknown, expired and foreign session ids', async () => {
    const unknown = await postSoap(h, sessionOpXml('resetSessionTimer', '1234567890123456')).expect(200);
    expect(readReturn(unknown.text).child('errorDesc')).toBe('Invalid session');
    // Not a number: xs:long is violated, a Client fault.
    const nan = await postSoap(h, sessionOpXml('logout', 'abc')).expect(500);
    expect(nan.text).toContain('Fault');
    // A REST session id is a session like any other, but a logged-out one is gone for both.
    const rest = await supertest(h.app)
      .get(REST_PATH)
      .query({ applicationName: APPS.acme.applicationName, companyName: APPS.acme.companyName })
      .set('Authorization', LOCAL_PASSWORD)
      .set('ApplicationInfo', APPS.acme.applicationPassword)
      .expect(200);
    await supertest(h.app).delete(REST_PATH).set('Authorization', rest.body.sessionId).expect(200);
    const gone = await postSoap(h, sessionOpXml('serviceVersions', rest.body.sessionId)).expect(200);
    expect(readReturn(gone.text).child('errorDesc')).toBe('Invalid session');
  });

  it('answers malformed XML, DTDs, entities, unknown operations and oversized bodies with SOAP faults, and stays up', async () => {
    const bad = [
      [
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><unclosed>',
        /Malformed XML/,
      ],
      [
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${envelope('<x>&lol2;</x>')}`,
        /DTD/,
      ],
      [
        `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope('<x>&xxe;</x>')}`,
        /DTD/,
      ],
      [
        envelope('<ns:dropDatabase xmlns:ns="http://mitel.com/oig/session/SessionService"/>'),
        /Unknown operation/,
      ],
      [envelope('<ns:loginEx xmlns:ns="urn:wrong"/>'), /Unknown operation/],
      ['', /./],
    ] as const;
    for (const [xml, text] of bad) {
      const res = await postSoap(h, xml).expect(500);
      expect(res.text).toMatch(/<(\w+:)?Fault>/);
      expect(res.text).toMatch(text);
    }
    const huge = envelope(
      `<ns:logout xmlns:ns="http://mitel.com/oig/session/SessionService"><ns:sessionId>1</ns:sessionId><!--${'x'.repeat(70_000)}--></ns:logout>`,
    );
    const tooBig = await postSoap(h, huge).expect(413);
    expect(tooBig.text).toMatch(/too large/i);
    // A body that says gzip but does not inflate, and one in an encoding nobody supports.
    for (const [encoding, status] of [
      ['gzip', 400],
      ['br', 400],
      ['x-unknown', 415],
    ] as const) {
      const res = await supertest(h.app)
        .post(SOAP_PATH)
        .set('Content-Type', 'text/xml; charset=utf-8')
        .set('Content-Encoding', encoding)
        .send(Buffer.from('this is not compressed'))
        .expect(status);
      expect(res.type).toBe('text/xml');
      expect(res.text).toMatch(/<faultcode>\w+:Client<\/faultcode>/);
      expect(res.text).toMatch(encoding === 'x-unknown' ? /encoding/i : /does not decompress/);
    }
    // A real gzip body is read.
    const gz = await supertest(h.app)
      .post(SOAP_PATH)
      .set('Content-Type', 'text/xml; charset=utf-8')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(Buffer.from(loginExXml(loginFields()))))
      .expect(200);
    expect(readReturn(gz.text).result).toBe('true');
    // Still serving.
    const ok = await postSoap(h, loginExXml(loginFields())).expect(200);
    expect(readReturn(ok.text).result).toBe('true');
  });

  it('answers an internal failure with a Server fault carrying the stable text, never the internal error', async () => {
    vi.spyOn(h.ctx.manager, 'login').mockRejectedValueOnce(new Error('secret database detail'));
    const res = await postSoap(h, loginExXml(loginFields())).expect(500);
    expect(res.text).toMatch(/<faultcode>\w+:Server<\/faultcode>/);
    expect(res.text).toContain('Server busy, try again later');
    expect(res.text).not.toContain('secret');
  });

  it('escapes application-controlled text in responses (no markup injection)', async () => {
    const res = await postSoap(h, loginExXml(loginFields({ applicationName: '<evil attr="x">&' }))).expect(
      200,
    );
    expect(readReturn(res.text).child('errorDesc')).toBe('Application not registered');
    expect(res.text).not.toContain('<evil');
  });
});
