import { existsSync } from 'node:fs';
import type { IncomingMessage, RequestListener } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request } from 'express';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import { createApiRouter } from './api-router.js';
import type { AppContext } from './context.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { docsRoutes } from './openapi/docs.routes.js';
import { LOCALIZATION_PUBLIC_PATH, localizationPublicRoutes } from './modules/mivoice/localization/index.js';
import {
  createRestSessionHandler,
  REST_SESSION_PATH,
  SOAP_PATH,
  soapRoutes,
} from './modules/sessions/index.js';

/** The built console: web/dist beside bff/ in the repository. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Builds the whole product as one request listener: the REST session resource on a bare
 * fast path, everything else (SOAP, admin API, console) through Express.
 */
export function createApp(ctx: AppContext, opts: { webDist?: string } = {}): RequestListener {
  const { config, logger } = ctx;
  // Client addresses: the socket's, or (behind trusted proxies only) the nearest untrusted
  // X-Forwarded-For entry, computed by proxy-addr exactly as Express computes req.ip.
  const trust =
    config.trustProxy === false
      ? () => false
      : typeof config.trustProxy === 'number'
        ? config.trustProxy
        : proxyaddr.compile(config.trustProxy);
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
      logger.debug(
        {
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - start) / 1e6,
        },
        'http',
      );
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

  app.use(
    SOAP_PATH,
    soapRoutes(ctx.manager, logger.child({ module: 'soap' }), addressOf as (req: Request) => string),
  );

  // Read-only strings for MiVoice Integration clients (no console session).
  app.use(LOCALIZATION_PUBLIC_PATH, localizationPublicRoutes(ctx.localization));

  const api = createApiRouter(ctx);
  app.use('/api/v1', api);
  app.use('/api/docs', docsRoutes());
  app.use('/api', notFoundHandler);

  const webDist = opts.webDist ?? DEFAULT_WEB_DIST;
  const indexHtml = path.join(webDist, 'index.html');
  app.use(
    express.static(webDist, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => file.endsWith('.html') && res.setHeader('cache-control', 'no-cache'),
    }),
  );
  app.get(/^\/(?!api\/|axis2\/|mitel\/).*/, (_req, res) => {
    if (!existsSync(indexHtml)) {
      res
        .status(503)
        .type('text/plain')
        .send('The console is not built. Run `npm run build` (or `npm start`).');
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
