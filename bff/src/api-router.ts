import cookieParser from 'cookie-parser';
import express, { type RequestHandler, type Router } from 'express';
import type { AppContext } from './context.js';
import { AppError } from './http/app-error.js';
import { notFoundHandler } from './http/error-handler.js';
import { requireAdministratorForMutations, requireAuth, requireCsrf } from './http/guards.js';

const JSON_LIMIT = '100kb';
/**
 * POST /sessions/terminate may name up to TERMINATE_MAX (25,000) session handles (~1 MB of JSON):
 * its body is read with this limit, and only once the caller is known to be a signed-in administrator.
 */
const TERMINATE_PATH = '/sessions/terminate';
const TERMINATE_JSON_LIMIT = '1100kb';
/** The only routes that take a file (multipart/form-data) instead of JSON. */
const UPLOAD_PATHS = new Set([
  '/mivoice/users/import',
  '/mivoice/users/import/report',
  '/mivoice/localization/import',
  '/backup/restore',
]);

function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && UPLOAD_PATHS.has(req.path) && req.is('multipart/form-data')) {
      next();
      return;
    }
    if (hasBody && !req.is('application/json'))
      throw new AppError(
        'bad_request',
        'json_content_type_required',
        'Content-Type must be application/json',
      );
    next();
  };
}

/**
 * The admin JSON API (mounted at /api/v1). Order matters: sign-in is public; everything after
 * needs a session and (for mutations) the CSRF token; sign-out and the own-password change are
 * open to every role; every other mutation needs the administrator role. Tests list the routes
 * of this router to check the OpenAPI document and the role guard against it.
 */
export function createApiRouter(ctx: AppContext): Router {
  const api = express.Router();
  // Answers about the gateway's state, often a signed-in user's: never kept by a browser or a proxy
  // (a route may say otherwise for its own answer).
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  api.use(cookieParser());
  api.use(requireJsonBody());
  const smallJson = express.json({ limit: JSON_LIMIT, strict: true });
  api.use((req, res, next) => (req.path === TERMINATE_PATH ? next() : smallJson(req, res, next)));
  api.use('/auth', ctx.routes.signIn);
  api.use(requireAuth(ctx.auth), requireCsrf);
  api.use('/auth', ...ctx.routes.signedIn);
  api.use(requireAdministratorForMutations);
  api.use(TERMINATE_PATH, express.json({ limit: TERMINATE_JSON_LIMIT, strict: true }));
  for (const routes of ctx.routes.api) api.use(routes);
  api.use(notFoundHandler);
  return api;
}
