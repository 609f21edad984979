/**
 * The peer's HTTP server: SOAP 1.1 at `POST /OpenMediaService`, the WSDL at
 * `GET /OpenMediaService?wsdl`, and the JSON control endpoint at `/control`. Every failure of a
 * SOAP request is answered as a SOAP fault (HTTP 500); nothing a client sends can stop the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { defaultSimConfig, type SimConfig } from './config.js';
import { applyControl } from './control.js';
import { SOAP_CONTENT_TYPE, SOAP_FAULT_STATUS, renderFault, renderSimFault } from './render.js';
import { type Credentials, handleCall } from './service.js';
import { OpenMediaSim } from './sim.js';
import { MAX_REQUEST_BYTES, ProtocolFault, parseSoapCall } from './soap.js';
import { SimFault } from './types.js';
import { OPERATION_FAULTS, openMediaWsdl } from './wsdl.js';

export { OpenMediaSim } from './sim.js';
export type { SimConfig } from './config.js';

export const SERVICE_PATH = '/OpenMediaService';
export const DEFAULT_PORT = 12620;
const MAX_CONTROL_BYTES = 64 * 1024;
/** Beyond this the connection is dropped rather than read to the end for a tidy fault. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export interface OpenMediaSimOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  auth?: Credentials;
  /** Parsed config; the default model when absent. */
  config?: SimConfig;
  manualClock?: boolean;
  startAt?: Date;
  dataExpirationMinutes?: number;
  /** Most requests held at once (default 100,000). */
  maxRequests?: number;
}

export interface RunningOpenMediaSim {
  /** e.g. http://127.0.0.1:12620/OpenMediaService */
  url: string;
  port: number;
  sim: OpenMediaSim;
  close(): Promise<void>;
}

type Body = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' };

/** Reads a body up to `limit`; a larger one is drained (up to a hard cap) and reported. */
async function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_DRAIN_BYTES) {
      req.destroy();
      return { kind: 'too-large' };
    }
    if (size <= limit) chunks.push(buf);
  }
  return size > limit ? { kind: 'too-large' } : { kind: 'ok', bytes: Buffer.concat(chunks) };
}

function sendSoapFault(res: ServerResponse, xml: string): void {
  res.writeHead(SOAP_FAULT_STATUS, { 'content-type': SOAP_CONTENT_TYPE });
  res.end(xml);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Writes the answer chunk by chunk, letting other work run in between and honouring backpressure. */
async function streamAnswer(res: ServerResponse, first: string, rest: Iterator<string>): Promise<void> {
  res.writeHead(200, { 'content-type': SOAP_CONTENT_TYPE });
  let chunk: IteratorResult<string> = { done: false, value: first };
  while (!chunk.done) {
    if (!res.write(chunk.value)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    if (res.destroyed) return;
    chunk = rest.next();
    if (!chunk.done) await yieldToLoop();
  }
  res.end();
}

function faultFor(err: unknown, operation: keyof typeof OPERATION_FAULTS | undefined): string {
  if (err instanceof SimFault && (!operation || OPERATION_FAULTS[operation].includes(err.fault))) {
    return renderSimFault(err.fault, err.message);
  }
  if (err instanceof ProtocolFault) return renderFault(err.faultCode, err.message);
  return renderFault('Server', 'The Open Media Service could not process the request');
}

async function handleSoap(req: IncomingMessage, res: ServerResponse, sim: OpenMediaSim, auth?: Credentials) {
  if (req.method !== 'POST') {
    req.resume();
    sendSoapFault(
      res,
      renderFault('Client', `${req.method} is not supported: POST a SOAP request, or GET ?wsdl`),
    );
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/xml') {
    req.resume();
    sendSoapFault(res, renderFault('Client', `Content-Type must be text/xml for SOAP 1.1 (got "${type}")`));
    return;
  }
  const body = await readBody(req, MAX_REQUEST_BYTES);
  if (body.kind === 'too-large') {
    if (!res.destroyed)
      sendSoapFault(res, renderFault('Client', `Request rejected: larger than ${MAX_REQUEST_BYTES} bytes`));
    return;
  }
  let operation: keyof typeof OPERATION_FAULTS | undefined;
  let first: IteratorResult<string>;
  let rest: Iterator<string>;
  try {
    const call = parseSoapCall(body.bytes);
    operation = call.operation;
    rest = handleCall(sim, call, auth)[Symbol.iterator]();
    first = rest.next();
  } catch (err) {
    sendSoapFault(res, faultFor(err, operation));
    return;
  }
  await streamAnswer(res, first.done ? '' : first.value, rest);
}

async function handleControl(req: IncomingMessage, res: ServerResponse, sim: OpenMediaSim, path: string) {
  if (path === '/control/state' && req.method === 'GET') {
    sendJson(res, 200, sim.state());
    return;
  }
  if (path !== '/control' || req.method !== 'POST') {
    req.resume();
    sendJson(res, 404, { ok: false, error: 'GET /control/state or POST /control {"action": …}' });
    return;
  }
  const body = await readBody(req, MAX_CONTROL_BYTES);
  if (body.kind === 'too-large') {
    if (!res.destroyed)
      sendJson(res, 400, { ok: false, error: `body is larger than ${MAX_CONTROL_BYTES} bytes` });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.bytes.toString('utf8'));
  } catch {
    sendJson(res, 400, { ok: false, error: 'body is not valid JSON' });
    return;
  }
  const outcome = applyControl(sim, json);
  sendJson(res, outcome.status, outcome.body);
}

const HOST_HEADER = /^[A-Za-z0-9.\-[\]:]{1,300}$/;

/** Starts the peer; resolves once it listens. */
export async function startOpenMediaSim(o: OpenMediaSimOptions = {}): Promise<RunningOpenMediaSim> {
  const host = o.host ?? '127.0.0.1';
  const sim = new OpenMediaSim(o.config ?? defaultSimConfig(), {
    manualClock: o.manualClock,
    startAt: o.startAt,
    dataExpirationMinutes: o.dataExpirationMinutes,
    maxRequests: o.maxRequests,
  });
  let baseUrl = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const work = async (): Promise<void> => {
      if (path.toLowerCase() === SERVICE_PATH.toLowerCase()) {
        const wantsWsdl = [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl');
        if (req.method === 'GET' && wantsWsdl) {
          const hostHeader = req.headers.host;
          const base = hostHeader && HOST_HEADER.test(hostHeader) ? `http://${hostHeader}` : baseUrl;
          res.writeHead(200, { 'content-type': SOAP_CONTENT_TYPE });
          res.end(openMediaWsdl(`${base}${SERVICE_PATH}`));
          return;
        }
        await handleSoap(req, res, sim, o.auth);
      } else if (path === '/control' || path.startsWith('/control/')) {
        await handleControl(req, res, sim, path);
      } else {
        req.resume();
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Not found. The Open Media Service is at ${SERVICE_PATH}\n`);
      }
    };
    work().catch(() => {
      if (!res.headersSent) sendSoapFault(res, renderFault('Server', 'Internal error'));
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const timer = o.manualClock
    ? undefined
    : setInterval(
        () => {
          // A failing beat must not end the peer's process: say it and carry on with the next one.
          try {
            sim.tick();
          } catch (err) {
            console.error('micc-sim: the clock beat failed:', err);
          }
        },
        (o.config ?? sim.model.config).pace.tickMs,
      );
  timer?.unref();
  let closing: Promise<void> | undefined;
  return {
    url: `${baseUrl}${SERVICE_PATH}`,
    port,
    sim,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
