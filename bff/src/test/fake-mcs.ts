import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake Mitel Certificate Server answers GET requests. */
export type McsBehaviour =
  /** 200 with this value as JSON. */
  | { kind: 'json'; body: unknown }
  /** This status and raw text body. */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /** 302 to another address (which must never be fetched). */
  | { kind: 'redirect'; location: string }
  /** Accepts the connection and never answers. */
  | { kind: 'hang' }
  /** Sends the headers and a first piece of the body, then nothing more. */
  | { kind: 'stall-body' }
  /** 200, chunked (no Content-Length), streams `{"applications":[` and padding for as long as the client reads. */
  | { kind: 'endless' }
  /** 200 with a Content-Length larger than the client's cap; sends only a small part of it. */
  | { kind: 'declared-huge'; bytes: number };

export interface FakeMcs {
  url: string;
  /** Requests received so far. */
  requests: number;
  /** The Authorization header of the last request, if any. */
  lastAuthorization: string | undefined;
  /** Bytes written by the 'endless' mode so far. */
  endlessBytes: number;
  /** 'endless' answers still streaming (0 once every client has gone away). */
  endlessOpen: number;
  set(b: McsBehaviour): void;
  close(): Promise<void>;
}

/** A local fake MCS on 127.0.0.1 (random port) serving the ACL JSON at `/acl`. */
export async function startFakeMcs(
  initial: McsBehaviour = { kind: 'raw', status: 404, body: 'not set' },
): Promise<FakeMcs> {
  let behaviour = initial;
  const sockets = new Set<Socket>();
  const state = {
    requests: 0,
    endlessBytes: 0,
    endlessOpen: 0,
    lastAuthorization: undefined as string | undefined,
  };

  const endless = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"applications":[');
    const chunk = Buffer.alloc(64 * 1024, ' ');
    let stopped = false;
    state.endlessOpen++;
    res.on('close', () => {
      stopped = true;
      state.endlessOpen--;
    });
    const pump = () => {
      while (!stopped) {
        state.endlessBytes += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };

  const server: Server = createServer((req, res) => {
    state.requests++;
    state.lastAuthorization = req.headers.authorization;
    req.resume();
    const b = behaviour;
    switch (b.kind) {
      case 'json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b.body));
        return;
      case 'raw':
        res.writeHead(b.status, { 'content-type': b.contentType ?? 'application/json' });
        res.end(b.body);
        return;
      case 'redirect':
        res.writeHead(302, { location: b.location });
        res.end();
        return;
      case 'hang':
        return;
      case 'stall-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"applications":[');
        return;
      case 'endless':
        endless(res);
        return;
      case 'declared-huge':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(b.bytes) });
        res.write('{"applications":[');
        return;
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/acl`,
    get requests() {
      return state.requests;
    },
    get endlessBytes() {
      return state.endlessBytes;
    },
    get lastAuthorization() {
      return state.lastAuthorization;
    },
    get endlessOpen() {
      return state.endlessOpen;
    },
    set(b) {
      behaviour = b;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A 127.0.0.1 URL where nothing listens (a port just released): connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/acl`;
}
