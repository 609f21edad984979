import cookieParser from 'cookie-parser';
import express, { type RequestHandler, type Router } from 'express';
import type { AppContext } from './context.js';
import { AppError } from './http/app-error.js';
import { notFoundHandler } from './http/error-handler.js';
import { requireAdministratorForMutations, requireAuth, requireCsrf } from './http/guards.js';

const JSON_LIMIT = '100kb';
/** The only routes that take a file (multipart/form-data) instead of JSON. */
const UPLOAD_PATHS = new Set([
  '/mivoice/users/import',
  '/mivoice/users/import/report',
  '/mivoice/localization/import',
]);

function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && UPLOAD_PATHS.has(req.path) && req.is('multipart/form-data')) {
      next();
      return;
    }
    if (hasBody && !req.is('application/json'))
      throw new AppError('bad_request', 'Content-Type must be application/json');
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
  api.use(cookieParser());
  api.use(requireJsonBody());
  api.use(express.json({ limit: JSON_LIMIT, strict: true }));
  api.use('/auth', ctx.routes.signIn);
  api.use(requireAuth(ctx.auth), requireCsrf);
  api.use('/auth', ...ctx.routes.signedIn);
  api.use(requireAdministratorForMutations);
  for (const routes of ctx.routes.api) api.use(routes);
  api.use(notFoundHandler);
  return api;
}
