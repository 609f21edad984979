/**
 * One SOAP 1.1 exchange with the MiCC Open Media Service over node:http/https. Bounded in every
 * way a peer could stretch it: one deadline for connecting and answering, no redirects, an
 * answer of at most MAX_ANSWER_BYTES parsed as it arrives (so a large GetAll never holds the
 * event loop in one piece) into a tree of bounded size and depth. No retries: a failure is
 * reported at once with its reason.
 */
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import type { OpenMediaReason } from '@oig/shared';
import { XmlTreeBuilder, XmlTreeError, type XmlElement } from '../../lib/xml/xml-tree.js';
import type { AppError } from '../../http/app-error.js';
import { describeError, type MiccTarget } from '../network-elements/index.js';
import { openMediaError } from './errors.js';
import { BadAnswer, readAnswer, requestEnvelope, type XmlChild } from './soap.js';

/** Largest answer read, but for the lists of request statuses (below). */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** Element and depth bounds of an answer (the envelope is shallow). */
export const ANSWER_LIMITS = { maxElements: 500_000, maxDepth: 32 } as const;
/**
 * The lists of request statuses (GetAll, ByTime, history) are read up to what a MiCC holding
 * MICC_MAX_REQUESTS requests sends, although the product lists only the newest
 * OPEN_MEDIA_MAX_TRACKED_REQUESTS of them: a MiCC holding more than the product tracks is said as
 * too_many_requests, not as an unreadable answer. One request is 10 elements (OpenMediaRequest and
 * its 9 fields) and about 320 bytes (a GUID ID, 6-digit fractions); 100,000 of them are 1,000,000
 * elements and about 32 MB. The bounds leave room for longer IDs, namespace prefixes and fields a
 * MiCC may add: 12 elements and 640 bytes a request.
 */
export const MICC_MAX_REQUESTS = 100_000;
export const MAX_STATUS_ANSWER_BYTES = 64 * 1024 * 1024;
export const STATUS_ANSWER_LIMITS = { maxElements: MICC_MAX_REQUESTS * 12, maxDepth: 32 } as const;

/** The service's fault names (the element in the fault's detail). */
const FAULT_REASONS: Record<string, OpenMediaReason> = {
  InvalidUserFault: 'micc_invalid_user',
  NoLicenseFault: 'micc_no_license',
  RouterDisconnectedFault: 'micc_router_disconnected',
  InvalidOpenMediaIDFault: 'request_not_found',
  OpenMediaRequestTerminatedFault: 'request_terminated',
  InvalidDataException: 'micc_invalid_data',
  InvalidDataFault: 'micc_invalid_data',
};

export interface CallOptions {
  /** Values the error messages name (e.g. openMediaId, serviceGroup). */
  params?: Record<string, string>;
  /** Where an operation gives a fault another meaning (ModifyRequest: InvalidDataException = unknown ID). */
  faults?: Record<string, OpenMediaReason>;
  /** The answer is a list of request statuses: read with the larger bounds of those. */
  statusList?: boolean;
}

export interface OpenMediaClient {
  /** Sends `op` and returns its `<Op>Result` (null when absent); throws an open-media AppError. */
  call(
    target: MiccTarget,
    op: string,
    params: readonly XmlChild[],
    o?: CallOptions,
  ): Promise<XmlElement | null>;
}

export function createOpenMediaClient(cfg: {
  timeoutMs: number;
  maxAnswerBytes?: number;
  maxStatusAnswerBytes?: number;
}): OpenMediaClient {
  const exchange = (
    target: MiccTarget,
    op: string,
    body: string,
    statusList: boolean,
  ): Promise<XmlElement> => {
    const maxBytes = statusList
      ? (cfg.maxStatusAnswerBytes ?? MAX_STATUS_ANSWER_BYTES)
      : (cfg.maxAnswerBytes ?? MAX_ANSWER_BYTES);
    const address = target.url;
    return new Promise<XmlElement>((resolve, reject) => {
      let settled = false;
      let req: http.ClientRequest | undefined;
      const finish = (err: AppError | undefined, root?: XmlElement) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        // Whatever is left of the exchange goes: a failed or finished one keeps no socket.
        req?.destroy();
        if (err) reject(err);
        else resolve(root!);
      };
      const bad = (detail: string) => finish(openMediaError('micc_bad_answer', { address, detail }));
      let connected = false;
      const deadline = setTimeout(() => {
        finish(
          connected
            ? openMediaError('micc_timeout', { address, timeoutMs: String(cfg.timeoutMs) })
            : openMediaError('micc_unreachable', {
                address,
                detail: `no connection within ${cfg.timeoutMs} ms`,
              }),
        );
      }, cfg.timeoutMs);

      const onResponse = (res: http.IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          const to = res.headers.location ? ` to ${res.headers.location.slice(0, 200)}` : '';
          return bad(`a redirect (HTTP ${status}${to}), which is not followed`);
        }
        // 500 is how SOAP 1.1 sends a fault; any other status is not the service speaking.
        if (status !== 200 && status !== 500) return bad(`HTTP ${status}`);
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (declared > maxBytes) return bad(`an answer larger than ${maxBytes} bytes`);
        const decoder = new StringDecoder('utf8');
        const builder = new XmlTreeBuilder(statusList ? STATUS_ANSWER_LIMITS : ANSWER_LIMITS);
        let bytes = 0;
        let first = true;
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          bytes += chunk.length;
          if (bytes > maxBytes) return bad(`an answer larger than ${maxBytes} bytes`);
          let text = decoder.write(chunk);
          if (first && text.length > 0) {
            first = false;
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          }
          try {
            builder.write(text);
          } catch (err) {
            bad(err instanceof XmlTreeError ? err.message : 'unreadable XML');
          }
        });
        res.once('end', () => {
          if (settled) return;
          try {
            builder.write(decoder.end());
            finish(undefined, builder.close());
          } catch (err) {
            bad(err instanceof XmlTreeError ? err.message : 'unreadable XML');
          }
        });
        res.once('error', (err) =>
          finish(openMediaError('micc_unreachable', { address, detail: describeError(err) })),
        );
      };

      const url = new URL(target.url);
      const options: https.RequestOptions = {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"OpenMediaService/${op}"`,
          'content-length': Buffer.byteLength(body),
          accept: 'text/xml',
        },
      };
      try {
        // MiCC servers commonly use self-signed certificates, and the product has no way to be
        // given the MiCC's own; as for the probe, the certificate is not checked (TLS still
        // keeps the credentials from passive eavesdroppers).
        req =
          url.protocol === 'https:'
            ? https.request(url, { ...options, rejectUnauthorized: false }, onResponse)
            : http.request(url, options, onResponse);
      } catch (err) {
        return finish(openMediaError('micc_unreachable', { address, detail: describeError(err) }));
      }
      req.once('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.once('error', (err) =>
        finish(openMediaError('micc_unreachable', { address, detail: describeError(err) })),
      );
      req.end(body);
    });
  };

  return {
    async call(target, op, params, o = {}) {
      const credentials =
        target.logonId !== null ? { logonId: target.logonId, password: target.password ?? '' } : undefined;
      const root = await exchange(
        target,
        op,
        requestEnvelope(op, params, credentials),
        o.statusList === true,
      );
      const base = { address: target.url, ...o.params };
      let answer;
      try {
        answer = readAnswer(root, op);
      } catch (err) {
        if (err instanceof BadAnswer)
          throw openMediaError('micc_bad_answer', { ...base, detail: err.message });
        throw err;
      }
      if ('result' in answer) return answer.result;
      const { fault } = answer;
      const reason = (fault.name && (o.faults?.[fault.name] ?? FAULT_REASONS[fault.name])) || 'micc_fault';
      const detail = (fault.message || fault.name || fault.code || 'a fault without a message').slice(0, 500);
      throw openMediaError(reason, { ...base, ...(fault.name ? { fault: fault.name } : {}), detail });
    },
  };
}
