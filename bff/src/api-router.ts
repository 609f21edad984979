import cookieParser from 'cookie-parser';
import express, { type RequestHandler, type Router } from 'express';
import type { AppContext } from './context.js';
import { AppError } from './http/app-error.js';
import { notFoundHandler } from './http/error-handler.js';
import { requireAdministratorForMutations, requireAuth, requireCsrf } from './http/guards.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import {
  adminAuthRoutes,
  adminLogoutRoute,
  consoleUsersRoutes,
  ownPasswordRoute,
} from './modules/admin-auth/admin-auth.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { mailRoutes } from './modules/mail/mail.routes.js';
import { networkElementsRoutes } from './modules/network-elements/network-elements.routes.js';
import { optionsRoutes } from './modules/options/options.routes.js';
import { overviewRoutes } from './modules/overview/overview.routes.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { usageRoutes } from './modules/usage/usage.routes.js';
import { directoryRoutes } from './modules/mivoice/directory/directory.routes.js';
import { localizationRoutes } from './modules/mivoice/localization/localization.routes.js';
import { mivoiceSettingsRoutes } from './modules/mivoice/settings/mivoice-settings.routes.js';
import { userListRoutes } from './modules/mivoice/user-list/user-list.routes.js';

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
  const secureCookie = !!ctx.config.tls;
  const api = express.Router();
  api.use(cookieParser());
  api.use(requireJsonBody());
  api.use(express.json({ limit: JSON_LIMIT, strict: true }));
  api.use('/auth', adminAuthRoutes(ctx.auth, { secureCookie }));
  api.use(requireAuth(ctx.auth), requireCsrf);
  api.use('/auth', adminLogoutRoute(ctx.auth, { secureCookie }), ownPasswordRoute(ctx.auth));
  api.use(requireAdministratorForMutations);
  api.use(overviewRoutes(ctx.overview));
  api.use(accountsRoutes(ctx.accounts));
  api.use(sessionsRoutes(ctx.sessions));
  api.use(consoleUsersRoutes(ctx.auth));
  api.use(networkElementsRoutes(ctx.networkElements));
  api.use(optionsRoutes(ctx.options));
  api.use(mailRoutes(ctx.mailAdmin));
  api.use(usageRoutes(ctx.usage));
  api.use(mivoiceSettingsRoutes(ctx.mivoiceSettings));
  api.use(directoryRoutes(ctx.directory));
  api.use(userListRoutes(ctx.userList));
  api.use(localizationRoutes(ctx.localization));
  api.use(auditRoutes(ctx.audit));
  api.use(notFoundHandler);
  return api;
}
