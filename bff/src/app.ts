import { existsSync } from 'node:fs';
import type { IncomingMessage, RequestListener } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import type { AppContext } from './context.js';
import { AppError } from './http/app-error.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { requireAdministratorForMutations, requireAuth, requireCsrf } from './http/guards.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { adminAuthRoutes, adminLogoutRoute, consoleUsersRoutes } from './modules/admin-auth/admin-auth.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { networkElementsRoutes } from './modules/network-elements/network-elements.routes.js';
import { optionsRoutes } from './modules/options/options.routes.js';
import { overviewRoutes } from './modules/overview/overview.routes.js';
import { createRestSessionHandler, REST_SESSION_PATH } from './modules/sessions/rest-session.handler.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { SOAP_PATH, soapRoutes } from './modules/sessions/soap.routes.js';

/** The built console: web/dist beside bff/ in the repository. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const JSON_LIMIT = '100kb';

function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) throw new AppError('bad_request', 'Content-Type must be application/json');
    next();
  };
}

/**
 * Builds the whole product as one request listener: the REST session resource on a bare
 * fast path, everything else (SOAP, admin API, console) through Express.
 */
export function createApp(ctx: AppContext, opts: { webDist?: string } = {}): RequestListener {
  const { config, logger } = ctx;
  // Client addresses: the socket's, or (behind trusted proxies only) the nearest untrusted
  // X-Forwarded-For entry, computed by proxy-addr exactly as Express computes req.ip.
  const trust = config.trustProxy === false ? () => false : typeof config.trustProxy === 'number' ? config.trustProxy : proxyaddr.compile(config.trustProxy);
  const isTrusted = typeof trust === 'number' ? (_addr: string, hop: number) => hop < trust : trust;
  const addressOf = (req: IncomingMessage): string => proxyaddr(req, isTrusted).replace(/^::ffff:/, '');
  const restSessions = createRestSessionHandler(ctx.manager, logger.child({ module: 'rest' }), addressOf);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', isTrusted);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'upgrade-insecure-requests': config.tls ? [] : null,
        },
      },
      strictTransportSecurity: config.tls ? undefined : false,
    }),
  );
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      logger.debug({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 }, 'http');
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!ctx.ready) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await ctx.db.ping();
      res.json({ status: 'ready', database: ctx.db.kind });
    } catch (err) {
      logger.warn({ err }, 'readiness: database unreachable');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  app.use(SOAP_PATH, soapRoutes(ctx.manager, logger.child({ module: 'soap' }), addressOf as (req: Request) => string));

  const api = express.Router();
  api.use(cookieParser());
  api.use(requireJsonBody());
  api.use(express.json({ limit: JSON_LIMIT, strict: true }));
  api.use('/auth', adminAuthRoutes(ctx.auth, { secureCookie: !!config.tls }));
  api.use(requireAuth(ctx.auth), requireCsrf);
  // Everyone may sign out; every other mutation needs the administrator role.
  api.use('/auth', adminLogoutRoute(ctx.auth, { secureCookie: !!config.tls }));
  api.use(requireAdministratorForMutations);
  api.use(overviewRoutes(ctx.overview));
  api.use(accountsRoutes(ctx.accounts));
  api.use(sessionsRoutes(ctx.sessions));
  api.use(consoleUsersRoutes(ctx.auth));
  api.use(networkElementsRoutes(ctx.networkElements));
  api.use(optionsRoutes(ctx.options));
  api.use(auditRoutes(ctx.audit));
  api.use(notFoundHandler);
  app.use('/api/v1', api);
  app.use('/api', notFoundHandler);

  const webDist = opts.webDist ?? DEFAULT_WEB_DIST;
  const indexHtml = path.join(webDist, 'index.html');
  app.use(express.static(webDist, { index: false, maxAge: '1h', setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('cache-control', 'no-cache') }));
  app.get(/^\/(?!api\/|axis2\/|mitel\/).*/, (_req, res) => {
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The console is not built. Run `npm run build` (or `npm start`).');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  });
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  return (req, res) => {
    if (req.url && REST_SESSION_PATH.test(req.url)) {
      restSessions(req, res);
      return;
    }
    app(req, res);
  };
}
