import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import { SESSION_ERRORS } from '@oig/shared';
import type { Logger } from 'pino';
import { failureText, type SessionManager } from './session-manager.js';
import {
  parseSoapRequest,
  renderAuthenticateResponse,
  renderFault,
  renderLoginExResponse,
  renderServiceVersionsResponse,
  renderSimpleResponse,
  sessionServiceWsdl,
  SOAP_CONTENT_TYPE,
  SOAP_FAULT_HTTP_STATUS,
  SoapFault,
  toSoapFault,
} from './soap/index.js';

export const SOAP_PATH = '/axis2/services/SessionService';
/** Largest SOAP request accepted (a loginEx with a certificate is about 3 KB). */
export const SOAP_BODY_LIMIT = 64 * 1024;

/** Session Management Service over SOAP 1.1, wire-compatible with Mitel OIG clients. */
export function soapRoutes(
  manager: SessionManager,
  logger: Logger,
  clientAddress: (req: Request) => string,
): Router {
  const r = Router();
  const xml = (status: number, body: string) => ({ status, body });

  r.get(['/', ''], (req, res) => {
    if (!('wsdl' in req.query) && !('WSDL' in req.query)) {
      res
        .status(200)
        .type('text/plain')
        .send('SessionService: POST SOAP 1.1 requests here; the WSDL is at ?wsdl');
      return;
    }
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${SOAP_PATH}`;
    res.type('text/xml; charset=utf-8').send(sessionServiceWsdl(url));
  });

  r.post(['/', ''], express.raw({ type: () => true, limit: SOAP_BODY_LIMIT }), async (req, res) => {
    let out: { status: number; body: string };
    try {
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const call = parseSoapRequest(body, { maxBytes: SOAP_BODY_LIMIT });
      switch (call.operation) {
        case 'loginEx': {
          const result = await manager.login({
            protocol: 'soap',
            ...call.req,
            clientAddress: clientAddress(req),
          });
          out = xml(
            200,
            result.ok
              ? renderLoginExResponse({
                  result: true,
                  sessionId: result.sessionId,
                  ...(result.authenticationData ? { authenticationData: result.authenticationData } : {}),
                })
              : renderLoginExResponse({ result: false, sessionId: '0', errorDesc: failureText(result) }),
          );
          break;
        }
        case 'authenticate': {
          const result = await manager.authenticate(
            call.sessionId,
            call.signedAuthenticationData,
            clientAddress(req),
          );
          const sessionId = call.sessionId?.trim() || '0';
          out = xml(
            200,
            renderAuthenticateResponse(
              result.ok
                ? { result: true, sessionId }
                : { result: false, sessionId, errorDescription: failureText(result) },
            ),
          );
          break;
        }
        case 'resetSessionTimer':
        case 'logout': {
          const result =
            call.operation === 'logout'
              ? await manager.logout(call.sessionId)
              : await manager.keepAlive(call.sessionId);
          out = xml(
            200,
            renderSimpleResponse(
              call.operation,
              result.ok ? { result: true } : { result: false, errorDesc: failureText(result) },
            ),
          );
          break;
        }
        case 'serviceVersions': {
          const result = await manager.serviceVersions(call.sessionId);
          const sessionId = call.sessionId?.trim() || '0';
          out = xml(
            200,
            renderServiceVersionsResponse(
              result.ok
                ? { result: true, sessionId, serviceVersions: result.versions }
                : { result: false, sessionId, errorDesc: failureText(result) },
            ),
          );
          break;
        }
      }
    } catch (err) {
      if (err instanceof SoapFault)
        logger.warn({ fault: err.message, client: clientAddress(req) }, 'SOAP request refused');
      else logger.error({ err }, 'SOAP request failed');
      // Internal details never reach the client: a server failure is the stable "busy" text.
      out = xml(SOAP_FAULT_HTTP_STATUS, renderFault(toSoapFault(err, SESSION_ERRORS.serverBusy)));
    }
    res.status(out.status).type(SOAP_CONTENT_TYPE).send(out.body);
  });

  // Body-parser failures (too large, bad charset, a compressed body that does not inflate) are
  // answered as SOAP faults too.
  const soapErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const e = err as { type?: string; limit?: number; message?: string; status?: number };
    // Only the body parser runs before the route here: a 4xx without a type is a body that does
    // not decompress (zlib's and brotli's errors carry a status, not a type).
    const inflate = !e.type && typeof e.status === 'number' && e.status >= 400 && e.status < 500;
    if (!e.type && !inflate) return next(err);
    const message =
      e.type === 'entity.too.large'
        ? `Request too large (limit ${e.limit ?? SOAP_BODY_LIMIT} bytes)`
        : inflate
          ? `Bad request: the body does not decompress as its Content-Encoding says (${e.message ?? 'invalid data'})`
          : `Bad request: ${e.message ?? e.type}`;
    res
      .status(e.type === 'entity.too.large' ? 413 : e.type === 'encoding.unsupported' ? 415 : 400)
      .type('text/xml; charset=utf-8')
      .send(renderFault(new SoapFault('Client', message)));
  };
  r.use(soapErrors);
  return r;
}
