import type { IncomingMessage, RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import compression from 'compression';
import express, { type Request } from 'express';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import { createApiRouter } from './api-router.js';
import type { AppContext } from './context.js';
import { consoleFiles } from './http/console-files.js';
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

/** Answers smaller than this are sent as they are: compressing them saves next to nothing. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;
/**
 * Brotli quality for answers compressed as they are sent (JSON, CSV, the OpenAPI document): 4 is
 * about gzip's speed for a smaller result; 11 costs ~50x the CPU and is for the console's files,
 * which the build compresses once.
 */
export const RUNTIME_BROTLI_QUALITY = 4;

/**
 * gzip or brotli, by Accept-Encoding, for the dynamic text answers the console reads. zlib works on
 * libuv's thread pool, a chunk at a time, and the middleware passes backpressure through (a
 * streamed export still waits for the client). Range requests (only /api/docs' two files can get a
 * 206) are left uncompressed: a compressed slice of a body means nothing to the client.
 */
const compressAnswers = compression({
  threshold: COMPRESSION_THRESHOLD_BYTES,
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: RUNTIME_BROTLI_QUALITY } },
  filter: (req, res) => req.headers.range === undefined && compression.filter(req, res),
});

/**
 * Builds the whole product as one request listener: the REST session resource on a bare
 * fast path, everything else (SOAP, admin API, console) through Express.
 */
export function createApp(ctx: AppContext, opts: { webDist?: string } = {}): RequestListener {
  const { config } = ctx;
  // Requests, readiness and unexpected errors: module "http" (the modules log through their own child).
  const logger = ctx.logger.child({ module: 'http' });
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
  const restSessions = createRestSessionHandler(ctx.manager, ctx.logger.child({ module: 'rest' }), addressOf);

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
    soapRoutes(ctx.manager, ctx.logger.child({ module: 'soap' }), addressOf as (req: Request) => string),
  );

  // Compressed from here on; above, SOAP and the health checks (small answers) are not, and the REST
  // session resource never reaches Express.
  app.use(['/api', LOCALIZATION_PUBLIC_PATH], compressAnswers);

  // Read-only strings for MiVoice Integration clients (no console session).
  app.use(LOCALIZATION_PUBLIC_PATH, localizationPublicRoutes(ctx.localization));

  const api = createApiRouter(ctx);
  app.use('/api/v1', api);
  app.use('/api/docs', docsRoutes());
  app.use('/api', notFoundHandler);

  // The console's files, pre-compressed by the build; index.html for the console's own routes.
  const web = consoleFiles(opts.webDist ?? DEFAULT_WEB_DIST);
  app.use(web.files);
  // Console routes get index.html; a missing file under assets/ (a chunk of an older release, asked
  // for by a tab still open) is a 404, not index.html under a script's name.
  app.get(/^\/(?!api\/|axis2\/|mitel\/|assets\/).*/, web.index);
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
