import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '@oig/shared/console-assets';
import { COMPRESSION_THRESHOLD_BYTES, createApp } from '../../app.js';
import {
  ADMIN_PASSWORD,
  APPS,
  createAccount,
  freshDb,
  REST_PATH,
  restLogin,
  signIn,
  startHarness,
  type Harness,
} from '../../test/harness.js';
import { envelope, SOAP_PATH } from '../../test/soap-client.js';
import { seedUserList } from '../../test/user-list-data.js';
import { HASHED_CACHE_CONTROL } from '../console-files.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes on the wire, not decoded. */
  body: Buffer;
}

/** The body as the client reads it, by its Content-Encoding. */
function decoded(res: Raw): Buffer {
  const enc = res.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(res.body);
  if (enc === 'gzip') return zlib.gunzipSync(res.body);
  expect(enc).toBeUndefined();
  return res.body;
}

const varyOf = (res: Raw) =>
  String(res.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

/**
 * The console's build, in small: hashed JS and CSS under assets/, index.html, a file of a fixed
 * name under assets/, one too small to compress and an image. Pre-compressed by the build's code.
 */
function buildFixture(dir: string) {
  mkdirSync(path.join(dir, 'assets'));
  const js = Array.from(
    { length: 400 },
    (_, i) => `export function handler${i}(event) { return event.target.value + ${i}; }\n`,
  ).join('');
  const css = Array.from({ length: 200 }, (_, i) => `.row-${i} { padding: ${i % 7}px; color: #333; }\n`).join(
    '',
  );
  const files: Record<string, string | Buffer> = {
    'index.html':
      '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="UTF-8" />\n' +
      '<title>Mitel Open Integration Gateway</title>\n' +
      '<script type="module" crossorigin src="/assets/index-C6YA6rFT.js"></script>\n' +
      '<link rel="stylesheet" crossorigin href="/assets/index-Cupd-JSz.css">\n</head>\n' +
      '<body>\n<div id="root"></div>\n' +
      '<noscript>The Mitel Open Integration Gateway console needs JavaScript.</noscript>\n</body>\n</html>\n',
    'assets/index-C6YA6rFT.js': js,
    'assets/index-Cupd-JSz.css': css,
    'assets/no-hash.js': js,
    'assets/tiny-AbCd1234.js': 'export const x = 1;\n',
    'assets/logo-Zz_9-aB0.png': Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return files;
}

describe('compression and caching of text answers (HTTP layer; sqlite)', () => {
  let h: Harness;
  let server: Server;
  let port: number;
  let outside: string;
  let dist: string;
  let cookie: string;
  let fixture: Record<string, string | Buffer>;

  function request(
    target: string,
    headers: Record<string, string> = {},
    method = 'GET',
    body?: string,
  ): Promise<Raw> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  beforeAll(async () => {
    h = await startHarness(freshDb('sqlite'));
    outside = mkdtempSync(path.join(tmpdir(), 'oig-web-'));
    dist = path.join(outside, 'dist');
    mkdirSync(dist);
    fixture = buildFixture(dist);
    await precompressDir(dist);
    server = http.createServer(createApp(h.ctx, { webDist: dist }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;

    const login = await request(
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    );
    expect(login.status).toBe(200);
    cookie = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('oig_session='))!.split(';')[0]!;

    // Ended sessions for the history CSV, live ones for the JSON list, a user list to export.
    const { agent } = await signIn(h);
    await createAccount(agent, APPS.acme);
    for (let i = 0; i < 30; i++) {
      const id = (await restLogin(h, APPS.acme).expect(200)).body.sessionId as string;
      if (i % 2 === 0) await request(REST_PATH, { authorization: id }, 'DELETE');
    }
    await seedUserList(h, 3_000);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await h.dispose();
    rmSync(outside, { recursive: true, force: true });
  });

  it('the build code wrote .br and .gz beside each text file large enough, and nothing else', async () => {
    for (const name of [
      'index.html',
      'assets/index-C6YA6rFT.js',
      'assets/index-Cupd-JSz.css',
      'assets/no-hash.js',
    ]) {
      const original = readFileSync(path.join(dist, name));
      expect(zlib.brotliDecompressSync(readFileSync(path.join(dist, `${name}.br`))).equals(original)).toBe(
        true,
      );
      expect(zlib.gunzipSync(readFileSync(path.join(dist, `${name}.gz`))).equals(original)).toBe(true);
    }
    for (const name of ['assets/tiny-AbCd1234.js', 'assets/logo-Zz_9-aB0.png']) {
      expect(() => readFileSync(path.join(dist, `${name}.br`))).toThrow(/ENOENT/);
      expect(() => readFileSync(path.join(dist, `${name}.gz`))).toThrow(/ENOENT/);
    }
  });

  /** Every compressed text answer: the console's, and the strings MiVoice Integration clients read. */
  const answers: Array<{ what: string; path: string; type: RegExp; auth?: boolean; file?: string }> = [
    { what: 'JSON of the admin API', path: '/api/v1/sessions', type: /^application\/json/, auth: true },
    { what: 'CSV (session history)', path: '/api/v1/sessions/history.csv', type: /^text\/csv/, auth: true },
    {
      what: 'CSV streamed (user-list export)',
      path: '/api/v1/mivoice/users/export',
      type: /^text\/csv/,
      auth: true,
    },
    { what: 'the OpenAPI document', path: '/api/docs/openapi.json', type: /^application\/json/ },
    {
      what: 'the public localization strings',
      path: '/mitel/oig/rest/resources/v1/localization/google/en',
      type: /^application\/json/,
    },
    { what: 'index.html', path: '/index.html', type: /^text\/html/, file: 'index.html' },
    { what: 'the SPA fallback', path: '/sessions/history?x=1', type: /^text\/html/, file: 'index.html' },
    { what: 'the SPA fallback at /', path: '/', type: /^text\/html/, file: 'index.html' },
    {
      what: 'a JS asset',
      path: '/assets/index-C6YA6rFT.js',
      type: /^text\/javascript/,
      file: 'assets/index-C6YA6rFT.js',
    },
    {
      what: 'a CSS asset',
      path: '/assets/index-Cupd-JSz.css',
      type: /^text\/css/,
      file: 'assets/index-Cupd-JSz.css',
    },
  ];

  describe.each(answers)('$what ($path)', ({ path: target, type, auth, file }) => {
    const get = (acceptEncoding?: string) =>
      request(target, {
        ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
        ...(auth ? { cookie } : {}),
      });

    it('br, gzip, identity or nothing: the same bytes, with Vary and the security headers', async () => {
      const plain = await get();
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-type']).toMatch(type);
      if (file) expect(plain.body.equals(readFileSync(path.join(dist, file)))).toBe(true);
      // Over the threshold that applies: the build's for files, the run-time one for the rest.
      else expect(plain.body.length).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);

      for (const [acceptEncoding, encoding] of [
        ['br', 'br'],
        ['gzip', 'gzip'],
        ['gzip, deflate, br, zstd', 'br'], // what Chromium sends: br first when equal
        ['br;q=0.5, gzip', 'gzip'], // the client's preference wins
        ['identity', undefined],
        ['br;q=0, gzip;q=0', undefined],
      ] as const) {
        const res = await get(acceptEncoding);
        expect(res.status, acceptEncoding).toBe(200);
        expect(res.headers['content-encoding'], acceptEncoding).toBe(encoding);
        expect(res.headers['content-type'], acceptEncoding).toBe(plain.headers['content-type']);
        expect(decoded(res).equals(plain.body), acceptEncoding).toBe(true);
        expect(varyOf(res), acceptEncoding).toContain('accept-encoding');
        if (encoding) expect(res.body.length, acceptEncoding).toBeLessThan(plain.body.length);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
        if (file && encoding) {
          // The pre-compressed file itself, with its own length: nothing compressed at run time.
          const variant = readFileSync(path.join(dist, `${file}.${encoding === 'br' ? 'br' : 'gz'}`));
          expect(res.body.equals(variant)).toBe(true);
          expect(res.headers['content-length']).toBe(String(variant.length));
        }
      }
    });
  });

  describe('the console files', () => {
    const JS = '/assets/index-C6YA6rFT.js';

    it('Cache-Control: a hashed asset a year and immutable (each variant); index.html and fallback no-cache', async () => {
      for (const ae of ['br', 'gzip', 'identity']) {
        for (const p of [
          JS,
          '/assets/index-Cupd-JSz.css',
          '/assets/tiny-AbCd1234.js',
          '/assets/logo-Zz_9-aB0.png',
        ]) {
          const res = await request(p, { 'accept-encoding': ae });
          expect(res.status, p).toBe(200);
          expect(res.headers['cache-control'], `${p} ${ae}`).toBe(HASHED_CACHE_CONTROL);
        }
        for (const p of ['/index.html', '/', '/sessions', '/assets/no-hash.js']) {
          const res = await request(p, { 'accept-encoding': ae });
          expect(res.status, p).toBe(200);
          expect(res.headers['cache-control'], `${p} ${ae}`).toBe('no-cache');
        }
      }
      expect(HASHED_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
      // The admin API's answers (a signed-in user's data, or an error) are never stored.
      for (const p of ['/api/v1/overview', '/api/v1/no-such-thing']) {
        const res = await request(p, { 'accept-encoding': 'gzip', cookie });
        expect(res.headers['cache-control'], p).toBe('no-store');
      }
      expect((await request('/api/v1/overview', {})).headers['cache-control']).toBe('no-store'); // a 401
    });

    it("each variant has its own ETag and revalidates with it; HEAD gives the variant's headers only", async () => {
      const tags = new Map<string, string>();
      for (const ae of ['br', 'gzip', 'identity']) {
        const res = await request(JS, { 'accept-encoding': ae });
        const etag = res.headers.etag!;
        expect(etag).toBeTruthy();
        tags.set(ae, etag);
        const again = await request(JS, { 'accept-encoding': ae, 'if-none-match': etag });
        expect(again.status, ae).toBe(304);
        expect(again.body.length).toBe(0);

        const head = await request(JS, { 'accept-encoding': ae }, 'HEAD');
        expect(head.status).toBe(200);
        expect(head.body.length).toBe(0);
        expect(head.headers['content-length']).toBe(res.headers['content-length']);
        expect(head.headers['content-encoding']).toBe(res.headers['content-encoding']);
        expect(head.headers.etag).toBe(etag);
      }
      expect(new Set(tags.values()).size).toBe(3);
      // A br client holding the gzip variant's ETag gets the br variant, not a 304.
      const other = await request(JS, { 'accept-encoding': 'br', 'if-none-match': tags.get('gzip')! });
      expect(other.status).toBe(200);
      expect(other.headers['content-encoding']).toBe('br');
    });

    it('a Range request gets the uncompressed bytes', async () => {
      const original = Buffer.from(fixture['assets/index-C6YA6rFT.js']!);
      const res = await request(JS, { 'accept-encoding': 'gzip, br', range: 'bytes=100-299' });
      expect(res.status).toBe(206);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-range']).toBe(`bytes 100-299/${original.length}`);
      expect(res.body.equals(original.subarray(100, 300))).toBe(true);
      expect(varyOf(res)).toContain('accept-encoding');
    });

    it('files without variants are sent as they are, without Vary', async () => {
      for (const p of ['/assets/tiny-AbCd1234.js', '/assets/logo-Zz_9-aB0.png']) {
        const res = await request(p, { 'accept-encoding': 'gzip, br' });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBeUndefined();
        expect(res.body.equals(Buffer.from(fixture[p.slice(1)]!))).toBe(true);
        expect(res.headers.vary).toBeUndefined();
      }
    });

    it("the build's own files in a dot folder (.vite/manifest.json) are not served", async () => {
      mkdirSync(path.join(dist, '.vite'), { recursive: true });
      writeFileSync(path.join(dist, '.vite', 'manifest.json'), JSON.stringify({ secret: 'y'.repeat(2048) }));
      const res = await request('/.vite/manifest.json', { 'accept-encoding': 'gzip, br' });
      expect(decoded(res).toString()).not.toContain('y'.repeat(64));
    });

    it("a missing file under assets/ (an older release's chunk) is a 404, not index.html", async () => {
      for (const p of ['/assets/overview-Gone1234.js', '/assets/no-such-file.css']) {
        const res = await request(p, { 'accept-encoding': 'gzip, br' });
        expect(res.status, p).toBe(404);
        expect(res.headers['content-type'], p).not.toMatch(/^text\/html/);
      }
      // A console route that merely starts with "assets" is still the console.
      expect((await request('/assetsx', {})).headers['content-type']).toMatch(/^text\/html/);
    });

    it('a path escaping the folder is not served, nor its variants', async () => {
      const secret = JSON.stringify({ secret: 'x'.repeat(2048) });
      writeFileSync(path.join(outside, 'secret.json'), secret);
      await precompressDir(outside); // secret.json.br and .gz beside it
      for (const p of ['/..%2fsecret.json', '/assets/..%2f..%2fsecret.json', '/%2e%2e/secret.json']) {
        const res = await request(p, { 'accept-encoding': 'br, gzip' });
        expect(res.status, p).not.toBe(500);
        // (A 404 may name the path asked for; never the file's content.)
        expect(decoded(res).toString(), p).not.toContain('x'.repeat(64));
      }
    });

    it('without a build, the console routes say so (503) and nothing is compressed', async () => {
      const bare = http.createServer(createApp(h.ctx, { webDist: path.join(dist, 'missing') }));
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
      const bPort = (bare.address() as AddressInfo).port;
      const res = await new Promise<Raw>((resolve, reject) => {
        http
          .get(
            { host: '127.0.0.1', port: bPort, path: '/sessions', headers: { 'accept-encoding': 'br' } },
            (r) => {
              const parts: Buffer[] = [];
              r.on('data', (c: Buffer) => parts.push(c));
              r.on('end', () =>
                resolve({ status: r.statusCode!, headers: r.headers, body: Buffer.concat(parts) }),
              );
            },
          )
          .on('error', reject);
      });
      bare.closeAllConnections();
      await new Promise((resolve) => bare.close(resolve));
      expect(res.status).toBe(503);
      expect(res.body.toString()).toMatch(/not built/);
    });
  });

  describe('application traffic and health checks are never compressed', () => {
    const ALL = 'gzip, deflate, br';

    it('REST keep-alive and login: no Content-Encoding, no Vary (the fast path skips Express)', async () => {
      const id = (await restLogin(h, APPS.acme).set('Accept-Encoding', ALL).expect(200)).body
        .sessionId as string;
      const keep = await request(REST_PATH, { authorization: id, 'accept-encoding': ALL }, 'PUT');
      expect(keep.status).toBe(200);
      expect(JSON.parse(keep.body.toString())).toEqual({ result: true });
      expect(keep.headers['content-encoding']).toBeUndefined();
      expect(keep.headers.vary).toBeUndefined();
    });

    it('SOAP answers and the WSDL (over 1 KiB): no Content-Encoding, no Vary', async () => {
      const wsdl = await request(`${SOAP_PATH}?wsdl`, { 'accept-encoding': ALL });
      expect(wsdl.status).toBe(200);
      expect(wsdl.body.length).toBeGreaterThan(1024);
      expect(wsdl.body.toString()).toMatch(/<wsdl:definitions|<definitions/);
      const S = 'http://mitel.com/oig/session/SessionService';
      const call = await request(
        SOAP_PATH,
        { 'accept-encoding': ALL, 'content-type': 'text/xml; charset=utf-8' },
        'POST',
        envelope(`<ns:serviceVersions xmlns:ns="${S}"><ns:sessionId>1</ns:sessionId></ns:serviceVersions>`),
      );
      expect(call.headers['content-type']).toMatch(/xml/);
      for (const res of [wsdl, call]) {
        expect(res.headers['content-encoding']).toBeUndefined();
        expect(res.headers.vary).toBeUndefined();
      }
    });

    it('/healthz and /readyz: no Content-Encoding, no Vary', async () => {
      for (const p of ['/healthz', '/readyz']) {
        const res = await request(p, { 'accept-encoding': ALL });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBeUndefined();
        expect(res.headers.vary).toBeUndefined();
      }
    });
  });
});
