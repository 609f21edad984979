import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionErrorKey } from '@oig/shared';
import type { Logger } from 'pino';
import { failureText, type Failure, type SessionManager } from './session-manager.js';

export const REST_SESSION_PATH = /^\/mitel\/oig\/rest\/resources\/v1\/sessions?\/?(?:\?|$)/;

const STATUS: Record<SessionErrorKey, number> = {
  missingParameter: 400,
  unsupportedVersion: 400,
  localPasswordInvalid: 401,
  applicationNotRegistered: 401,
  applicationPasswordInvalid: 401,
  applicationDisabled: 403,
  noLicense: 403,
  advancedNotAllowed: 403,
  certificateNotTrusted: 403,
  certificateExpired: 403,
  certificateMismatch: 403,
  authenticationFailed: 401,
  invalidSession: 404,
  tooManyAttempts: 429,
  serverBusy: 503,
};

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};
const OK_BODY = '{"result":true}';

function send(res: ServerResponse, status: number, body: string, extra?: Record<string, string>): void {
  res.writeHead(status, extra ? { ...HEADERS, ...extra } : HEADERS);
  res.end(body);
}

function sendFailure(res: ServerResponse, f: Failure): void {
  send(
    res,
    STATUS[f.error],
    JSON.stringify({ result: false, error: failureText(f) }),
    f.error === 'tooManyAttempts' ? { 'retry-after': '60' } : undefined,
  );
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The session id in Authorization (a "Bearer " prefix is tolerated; passwords are taken as sent). */
const sessionIdOf = (req: IncomingMessage) => header(req, 'authorization')?.replace(/^Bearer\s+/i, '');

/**
 * REST v1 session resource on plain node:http (no framework on this hot path: applications
 * send a keep-alive for every session every few seconds). GET logs in, PUT resets the
 * keep-alive timer, DELETE logs out.
 */
export function createRestSessionHandler(
  manager: SessionManager,
  logger: Logger,
  clientAddress: (req: IncomingMessage) => string,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const work = (async () => {
      switch (req.method) {
        case 'PUT': {
          const r = await manager.keepAlive(sessionIdOf(req));
          return r.ok ? send(res, 200, OK_BODY) : sendFailure(res, r);
        }
        case 'DELETE': {
          const r = await manager.logout(sessionIdOf(req));
          return r.ok ? send(res, 200, OK_BODY) : sendFailure(res, r);
        }
        case 'GET': {
          const q = new URL(req.url ?? '/', 'http://x').searchParams;
          const r = await manager.login({
            protocol: 'rest',
            applicationName: q.get('applicationName') ?? undefined,
            companyName: q.get('companyName') ?? undefined,
            localPassword: header(req, 'authorization'),
            applicationPassword: header(req, 'applicationinfo'),
            clientAddress: clientAddress(req),
          });
          return r.ok
            ? send(res, 200, JSON.stringify({ result: true, sessionId: r.sessionId }))
            : sendFailure(res, r);
        }
        default:
          return send(
            res,
            405,
            JSON.stringify({ result: false, error: `Method ${req.method} not allowed (GET, PUT or DELETE)` }),
            { allow: 'GET, PUT, DELETE' },
          );
      }
    })();
    work.catch((err: unknown) => {
      logger.error({ err }, 'REST session request failed');
      if (!res.headersSent) sendFailure(res, { ok: false, error: 'serverBusy' });
      else res.destroy();
    });
    // A request body is never needed here; drain it so the connection can be reused.
    req.resume();
  };
}
