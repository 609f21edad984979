import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import { buildOpenApiDocument } from './document.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OIG Admin Console API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// Served as a file: the CSP allows no inline script. validatorUrl null: Swagger UI would otherwise
// send the document's address to validator.swagger.io for its badge (nothing calls home).
const INIT =
  "window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui', " +
  'deepLinking: true, tryItOutEnabled: false, validatorUrl: null });\n';

/** Swagger UI styles some parts with inline style attributes; scripts stay 'self' only. */
const docsCsp: RequestHandler = (_req, res, next) => {
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
  );
  next();
};

/** The OpenAPI document at /api/docs/openapi.json and a Swagger UI reading it at /api/docs. */
export function docsRoutes(): Router {
  const r = Router();
  const document = buildOpenApiDocument();
  const uiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  r.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  r.use(docsCsp);
  r.get('/', (_req, res) => {
    res.type('html').setHeader('cache-control', 'no-cache').send(PAGE);
  });
  r.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  // Only the two files the page needs: not the package's demo pages.
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
    r.get(`/assets/${file}`, (_req, res) => {
      res.setHeader('cache-control', 'public, max-age=86400');
      res.sendFile(path.join(uiDir, file));
    });
  }
  return r;
}
