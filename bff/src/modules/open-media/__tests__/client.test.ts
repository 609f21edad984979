import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../http/app-error.js';
import type { MiccTarget } from '../../network-elements/index.js';
import { createOpenMediaClient, MAX_ANSWER_BYTES } from '../client.js';
import { openMediaOperations } from '../operations.js';

/** A tiny HTTP server that answers every request with `handler`. */
async function serve(handler: http.RequestListener): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const targetAt = (port: number, creds: Partial<MiccTarget> = {}): MiccTarget => ({
  elementId: 'e',
  protocol: 'http',
  ipAddress: '127.0.0.1',
  port,
  url: `http://127.0.0.1:${port}/OpenMediaService`,
  logonId: null,
  password: null,
  key: String(port),
  ...creds,
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const GET_ALL_OK =
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  '<GetAllOpenMediaRequestStatusResponse xmlns="OpenMediaService"><GetAllOpenMediaRequestStatusResult>' +
  '<TimeStamp>2026-03-02T09:00:00.000001Z</TimeStamp><OpenMediaRequests/>' +
  '</GetAllOpenMediaRequestStatusResult></GetAllOpenMediaRequestStatusResponse></soap:Body></soap:Envelope>';

describe('Open Media client over HTTP', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });
  const ops = (timeoutMs = 2000, maxAnswerBytes?: number) =>
    openMediaOperations(
      createOpenMediaClient({ timeoutMs, maxAnswerBytes, maxStatusAnswerBytes: maxAnswerBytes }),
    );
  const start = async (handler: http.RequestListener) => {
    const s = await serve(handler);
    closers.push(s.close);
    return s.port;
  };

  it('sends SOAP 1.1 with the credential headers escaped, and reads the answer', async () => {
    let seen = '';
    let headers: http.IncomingHttpHeaders = {};
    const port = await start((req, res) => {
      headers = req.headers;
      req.setEncoding('utf8');
      req.on('data', (c: string) => (seen += c));
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml' }).end(GET_ALL_OK));
    });
    const a = await ops().all(targetAt(port, { logonId: 'admin', password: 'p<&>w' }));
    expect(a.timeStamp).toBe('2026-03-02T09:00:00.000001Z');
    expect(a.stamp % 1000).toBe(1);
    expect(headers['soapaction']).toBe('"OpenMediaService/GetAllOpenMediaRequestStatus"');
    expect(headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(seen).toContain('<LogonID xmlns="OpenMediaService">admin</LogonID>');
    expect(seen).toContain('<Password xmlns="OpenMediaService">p&lt;&amp;&gt;w</Password>');
  });

  it('refuses a redirect instead of following it', async () => {
    let calls = 0;
    const port = await start((_req, res) => {
      calls++;
      res.writeHead(302, { location: 'http://192.0.2.1/elsewhere' }).end();
    });
    const err = await failure(ops().all(targetAt(port)));
    expect(err.status).toBe(502);
    expect(err.reason).toBe('micc_bad_answer');
    expect(err.message).toMatch(
      /a redirect \(HTTP 302 to http:\/\/192\.0\.2\.1\/elsewhere\), which is not followed/,
    );
    expect(calls).toBe(1);
  });

  it(`refuses an answer larger than the cap (${MAX_ANSWER_BYTES} bytes), declared or streamed`, async () => {
    const cap = 64 * 1024;
    const declared = await start((_req, res) => {
      res.writeHead(200, { 'content-length': String(cap + 1) });
      res.write('<soap:Envelope');
    });
    const err1 = await failure(ops(2000, cap).all(targetAt(declared)));
    expect(err1.reason).toBe('micc_bad_answer');
    expect(err1.message).toContain(`larger than ${cap} bytes`);
    // Chunked, no length: well-formed XML that never ends, cut at the cap.
    const streamed = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>');
      const filler = '<x>' + 'a'.repeat(8 * 1024) + '</x>';
      const pump = () => {
        while (!res.destroyed && res.write(filler));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const err2 = await failure(ops(2000, cap).all(targetAt(streamed)));
    expect(err2.message).toContain(`larger than ${cap} bytes`);
  });

  it('a status list of a MiCC holding far more than the product tracks is read (beyond the bounds of other answers)', async () => {
    const count = 60_000; // 600,000 elements and about 18 MB: over 500,000 elements and 16 MiB
    const item = (i: number) =>
      `<OpenMediaRequest><ID>${String(i).padStart(36, '0')}</ID><Status>1</Status>` +
      `<TimeStamp>2026-03-02T09:00:00.${String(i).padStart(6, '0')}Z</TimeStamp><AgentID>0</AgentID>` +
      `<TenantID>0</TenantID><LogonID></LogonID><ServiceGroupID>1002</ServiceGroupID>` +
      `<QueuePosition>${i + 1}</QueuePosition><EWT>60</EWT></OpenMediaRequest>`;
    const body = GET_ALL_OK.replace(
      '<OpenMediaRequests/>',
      `<OpenMediaRequests>${Array.from({ length: count }, (_, i) => item(i)).join('')}</OpenMediaRequests>`,
    );
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_ANSWER_BYTES);
    const port = await start((_req, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end(body));
    const answer = await ops(20_000).all(targetAt(port));
    expect(answer.events).toHaveLength(count);
    expect(answer.events[count - 1]).toMatchObject({ queuePosition: count, ewt: 60 });
  });

  it('a silent MiCC is micc_timeout; a refused port is micc_unreachable with the address', async () => {
    const silent = await start(() => undefined);
    const err = await failure(ops(300).all(targetAt(silent)));
    expect(err.reason).toBe('micc_timeout');
    expect(err.params).toMatchObject({ timeoutMs: '300' });
    expect(err.message).toMatch(/did not answer within 300 ms/);
    const gone = await serve(() => undefined);
    await gone.close();
    const refused = await failure(ops().all(targetAt(gone.port)));
    expect(refused.reason).toBe('micc_unreachable');
    expect(refused.params).toMatchObject({ address: `http://127.0.0.1:${gone.port}/OpenMediaService` });
    expect(refused.message).toMatch(/connection refused/);
  });

  it('a connection cut mid-answer, malformed XML, a DTD, a 404 and an unknown fault are each said', async () => {
    const cut = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write(GET_ALL_OK.slice(0, 120));
      setTimeout(() => res.destroy(), 20);
    });
    expect((await failure(ops().all(targetAt(cut)))).reason).toMatch(/micc_unreachable|micc_bad_answer/);
    for (const [body, status, pattern] of [
      ['<soap:Envelope', 200, /Malformed XML/],
      ['<!DOCTYPE x [<!ENTITY a "b">]><x/>', 200, /DTDs are not allowed/],
      ['not found', 404, /HTTP 404/],
      [
        GET_ALL_OK.replace('<TimeStamp>2026-03-02T09:00:00.000001Z', '<TimeStamp>yesterday'),
        200,
        /not a date-time/,
      ],
    ] as const) {
      const port = await start((_req, res) => res.writeHead(status).end(body));
      const err = await failure(ops().all(targetAt(port)));
      expect(err.reason, body).toBe('micc_bad_answer');
      expect(err.message).toMatch(pattern);
    }
    const fault = await start((_req, res) =>
      res
        .writeHead(500, { 'content-type': 'text/xml' })
        .end(
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
            '<faultcode>soap:Server</faultcode><faultstring>Something broke</faultstring></soap:Fault></soap:Body></soap:Envelope>',
        ),
    );
    const err = await failure(ops().all(targetAt(fault)));
    expect(err.reason).toBe('micc_fault');
    expect(err.message).toBe('The MiContact Center failed: Something broke');
  });
});
