import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isDatabaseBusy } from '../db/db.js';
import { AppError } from './app-error.js';

/** Maps body-parser and other HTTP-layer errors to clear messages. */
function fromHttpError(err: unknown): AppError | undefined {
  const e = err as { type?: string; status?: number; limit?: number; message?: string };
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError(
        'bad_request',
        'malformed_json',
        `Malformed JSON body: ${e.message ?? 'parse error'}`,
        {
          params: { detail: e.message ?? 'parse error' },
        },
      );
    case 'entity.too.large':
      return new AppError(
        'payload_too_large',
        'body_too_large',
        `Request body too large (limit ${e.limit ?? '?'} bytes)`,
        { params: { limit: String(e.limit ?? '?') } },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('bad_request', 'unsupported_encoding', e.message ?? 'Unsupported body encoding');
    case 'request.aborted':
      return new AppError('bad_request', 'request_aborted', 'Request aborted');
    default:
      if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
        return new AppError('bad_request', 'bad_request', e.message ?? 'Bad request');
      return undefined;
  }
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const busy = !(err instanceof AppError) && isDatabaseBusy(err);
    // A busy database (locked past its wait, a deadlock): say so, and when to try again. The
    // statement that met it did not run; the log keeps the database's own error.
    const appErr =
      err instanceof AppError
        ? err
        : busy
          ? new AppError('unavailable', 'database_busy', 'The database is busy: try again in a moment', {
              headers: { 'Retry-After': '2' },
            })
          : fromHttpError(err);
    if (busy) {
      logger.warn({ err, method: req.method, url: req.originalUrl }, 'database busy');
    } else if (!appErr) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    } else if (appErr.status >= 500) {
      logger.warn({ code: appErr.code, reason: appErr.reason, url: req.originalUrl }, appErr.message);
    }
    const out = appErr ?? new AppError('internal', 'internal_error', 'Internal server error');
    if (res.headersSent) return;
    if (out.headers) res.set(out.headers);
    res.status(out.status).json({
      error: {
        code: out.code,
        message: out.message,
        ...(out.fields ? { fields: out.fields } : {}),
        ...(out.fieldReasons ? { fieldReasons: out.fieldReasons } : {}),
        reason: out.reason,
        ...(out.params ? { params: out.params } : {}),
      },
    });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  const path = req.originalUrl.split('?')[0] ?? '';
  next(
    new AppError('not_found', 'endpoint_not_found', `No such endpoint: ${req.method} ${path}`, {
      params: { method: req.method, path },
    }),
  );
};
