import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DB_KINDS, freshDb, startHarness, type Harness } from '../../test/harness.js';

/** Sends raw bytes and returns everything the server answers until it closes (or 5 s pass). */
function rawRequest(port: number, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    sock.setTimeout(5_000, () => {
      sock.destroy();
      done();
    });
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', done);
    sock.on('close', done);
    sock.on('error', (e) => (chunks.length > 0 ? done() : reject(e)));
    sock.write(data);
  });
}

const CSP_DIRECTIVES = [
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "default-src 'self'",
  "script-src 'self'",
];

describe.each(DB_KINDS)('HTTP hardening (%s)', (kind) => {
  let h: Harness;
  let server: Server;
  let base: string;
  let port: number;
  let cookie: string;
  let csrf: string;

  const api = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init);
  const json = (path: string, body: string, headers: Record<string, string> = {}) =>
    api(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  /** The server is still serving, and correctly. */
  const stillUp = async () => {
    const res = await api('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  };

  beforeAll(async () => {
    h = await startHarness(freshDb(kind));
    server = createServer(h.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    const login = await json(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    );
    expect(login.status).toBe(200);
    cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('oig_session='))!
      .split(';')[0]!;
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await h.dispose();
  });

  it('answers malformed JSON with 400 bad_request "Malformed JSON"', async () => {
    for (const body of ['{"username":', "{'username':'admin'}", '{"a":1,}', 'undefined']) {
      const res = await json('/api/v1/auth/login', body);
      expect(res.status, body).toBe(400);
      const out = (await res.json()) as { error: { code: string; message: string } };
      expect(out.error.code).toBe('bad_request');
      expect(out.error.message).toMatch(/^Malformed JSON/);
      await stillUp();
    }
    // Same behind the auth guards.
    const authed = await json('/api/v1/accounts', '{"companyName":', { cookie, 'x-csrf-token': csrf });
    expect(authed.status).toBe(400);
    expect(((await authed.json()) as { error: { message: string } }).error.message).toMatch(
      /^Malformed JSON/,
    );
    // A charset body-parser cannot read is a 400, not a 500.
    const latin = await json('/api/v1/auth/login', '{}', {
      'content-type': 'application/json; charset=x-unknown',
    });
    expect(latin.status).toBe(400);
    await stillUp();
  });

  it('refuses a JSON body over 100 KB with 413 payload_too_large', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(101 * 1024) });
    const res = await json('/api/v1/auth/login', big);
    expect(res.status).toBe(413);
    const out = (await res.json()) as { error: { code: string; message: string } };
    expect(out.error.code).toBe('payload_too_large');
    expect(out.error.message).toMatch(/too large/i);
    await stillUp();
    // Just under the limit is read (and then validated): the limit is not lower than 100 KB.
    const under = await json(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'admin', password: 'x'.repeat(99 * 1024) }),
    );
    expect(under.status).toBe(400);
    expect(((await under.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('refuses a huge request header with 431 and keeps serving', async () => {
    const answer = await rawRequest(
      port,
      `GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: oig_session=${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    await stillUp();
    const many = await rawRequest(
      port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}`).join('\r\n')}\r\n\r\n`,
    );
    expect(many).toMatch(/^HTTP\/1\.1 431 /);
    await stillUp();
    // Garbage on the wire is a 400, not a crash.
    expect(await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    await stillUp();
  });

  it('answers unknown API paths with a JSON 404 (after sign-in; 401 before)', async () => {
    const res = await api('/api/v1/xyz', { headers: { cookie } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const out = (await res.json()) as { error: { code: string; message: string } };
    expect(out.error.code).toBe('not_found');
    expect(out.error.message).toContain('xyz');
    // Without a session the API does not reveal which paths exist.
    const anon = await api('/api/v1/xyz');
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    for (const path of ['/api/xyz', '/api/v2/overview', '/api']) {
      const r = await api(path);
      expect(r.status, path).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    await stillUp();
  });

  it('sends security headers and no x-powered-by', async () => {
    for (const [path, init] of [
      ['/healthz', {}],
      ['/api/v1/overview', { headers: { cookie } }],
      ['/api/v1/auth/me', {}],
      ['/api/v1/nope', { headers: { cookie } }],
      ['/sessions', {}],
    ] as Array<[string, RequestInit]>) {
      const res = await api(path, init);
      await res.arrayBuffer();
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const d of CSP_DIRECTIVES) expect(csp, `${path}: ${d}`).toContain(d);
      // Plain HTTP (no TLS configured): no HSTS and no upgrade-insecure-requests.
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it('serves /healthz and /readyz', async () => {
    await stillUp();
    const ready = await api('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: kind });
    h.ctx.ready = false;
    try {
      const stopping = await api('/readyz');
      expect(stopping.status).toBe(503);
      expect(await stopping.json()).toEqual({ status: 'shutting down' });
    } finally {
      h.ctx.ready = true;
    }
    expect((await api('/readyz')).status).toBe(200);
  });

  it('answers console paths with 503 and how to build, when the web console is not built', async () => {
    for (const path of ['/sessions', '/', '/accounts/new']) {
      const res = await api(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toContain('not built');
      expect(text).toContain('npm run build');
    }
    await stillUp();
  });

  it('keeps serving signed-in requests after all of the above', async () => {
    const res = await api('/api/v1/auth/me', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { username: string }).username).toBe('admin');
  });

  it('opens a second, fresh database (another instance or schema) while this one is running', async () => {
    // Several OIG instances (or test files) may share one PostgreSQL database, each in its own
    // schema. Opening a fresh one must not be confused by the other's migration tables.
    const db2 = freshDb(kind);
    let h2: Harness | undefined;
    try {
      h2 = await startHarness(db2);
      expect(await h2.ctx.db.db.selectFrom('console_users').select('username').execute()).toEqual([
        { username: 'admin' },
      ]);
    } finally {
      if (h2) await h2.dispose();
      else await db2.drop();
    }
    await stillUp();
  });
});
