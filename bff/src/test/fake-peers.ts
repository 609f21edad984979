import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import forge from 'node-forge';
import { makeCa } from './certs.js';

/** Local stand-ins for the peers the gateway probes. They listen on loopback only. */

/** Resolves when `ready()` holds, re-checked whenever `poke` is called. */
function waiter() {
  const waiting: Array<{ ready: () => boolean; resolve: () => void }> = [];
  return {
    wait(ready: () => boolean): Promise<void> {
      if (ready()) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ ready, resolve }));
    },
    poke(): void {
      for (const w of [...waiting]) {
        if (w.ready()) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      }
    },
  };
}

function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Accepts TCP connections and never sends anything (a MiVB port that is open). */
export interface TcpPeer {
  port: number;
  /** Connections accepted so far. */
  connections: () => number;
  waitForConnections(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpPeer(host = '127.0.0.1'): Promise<TcpPeer> {
  const sockets = new Set<net.Socket>();
  const w = waiter();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    w.poke();
  });
  const port = await listen(server, host);
  return {
    port,
    connections: () => accepted,
    waitForConnections: (n) => w.wait(() => accepted >= n),
    close: () => closeServer(server, sockets),
  };
}

/** How the fake MiContact Center answers GET /OpenMediaService?wsdl. */
export type OpenMediaMode = 'wsdl' | 'not-found' | 'not-wsdl' | 'silent';

export const TEST_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" name="OpenMediaService" targetNamespace="http://mitel.com/openmedia">
  <wsdl:service name="OpenMediaService"/>
</wsdl:definitions>
`;

/**
 * A fake MiContact Center Open Media Service, answering HTTP and HTTPS (self-signed) on one
 * port. `silent` accepts requests and never answers. `holdMs` delays every answer.
 */
export interface OpenMediaPeer {
  port: number;
  mode: OpenMediaMode;
  holdMs: number;
  /** Paths requested, in order, and whether each came over TLS. */
  requests: Array<{ url: string; tls: boolean }>;
  /** Requests not answered yet, and the most there ever were at once. */
  pending: () => number;
  maxPending: () => number;
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

function selfSigned(): { key: string; cert: string } {
  const ca = makeCa('127.0.0.1');
  return { key: forge.pki.privateKeyToPem(ca.key), cert: ca.certPem };
}

export async function startOpenMediaPeer(
  opts: { mode?: OpenMediaMode; holdMs?: number; tls?: boolean } = {},
): Promise<OpenMediaPeer> {
  const sockets = new Set<net.Socket>();
  const w = waiter();
  let pending = 0;
  let maxPending = 0;

  const handler = (tls: boolean) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    peer.requests.push({ url: req.url ?? '', tls });
    pending++;
    maxPending = Math.max(maxPending, pending);
    res.once('close', () => pending--);
    w.poke();
    if (peer.mode === 'silent') return;
    const mode = peer.mode;
    const answer = () => {
      if (mode === 'not-found' || req.url !== '/OpenMediaService?wsdl') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      } else if (mode === 'not-wsdl') {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Service definitions are not here</body></html>');
      } else {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(TEST_WSDL);
      }
    };
    if (peer.holdMs > 0) setTimeout(answer, peer.holdMs).unref();
    else answer();
  };

  const plain = http.createServer(handler(false));
  const secure = opts.tls ? https.createServer(selfSigned(), handler(true)) : undefined;
  // One port for both: a TLS ClientHello starts with byte 0x16.
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === 0x16 && secure ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  const port = await listen(front, '127.0.0.1');

  const peer: OpenMediaPeer = {
    port,
    mode: opts.mode ?? 'wsdl',
    holdMs: opts.holdMs ?? 0,
    requests: [],
    pending: () => pending,
    maxPending: () => maxPending,
    waitForRequests: (n) => w.wait(() => peer.requests.length >= n),
    close: async () => {
      plain.closeAllConnections();
      secure?.closeAllConnections();
      await closeServer(front, sockets);
    },
  };
  return peer;
}
