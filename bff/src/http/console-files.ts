import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';
import Negotiator from 'negotiator';
import { isHashedAsset, PRECOMPRESS_EXTENSIONS, PRECOMPRESSED } from '@oig/shared/console-assets';

/** A file whose name carries its content's hash never changes: a year, and no revalidation. */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/**
 * index.html and any other file of a fixed name (a favicon, were one added) can change with every
 * release: the browser revalidates it each time (a 304 when unchanged, thanks to the ETag).
 */
export const UNHASHED_CACHE_CONTROL = 'no-cache';

const BY_PREFERENCE = PRECOMPRESSED.map((p) => p.encoding);

/** The Content-Encoding the server chose, or none. */
function chosenEncoding(res: Response) {
  return PRECOMPRESSED.find((p) => p.encoding === res.getHeader('content-encoding'));
}

/** The variants of `file` that exist (one stat each; a console's few files, not an API's traffic). */
async function variantsOf(file: string) {
  const found = await Promise.all(
    PRECOMPRESSED.map(async (p) => ((await stat(file + p.suffix).catch(() => null))?.isFile() ? p : null)),
  );
  return found.filter((p) => p !== null);
}

/**
 * The built console (web/dist), served as files:
 * - `files`: a text file with pre-compressed variants (`<file>.br`, `<file>.gz`, written by the build:
 *   @oig/shared/console-assets) is sent as the variant the client's Accept-Encoding prefers (br
 *   before gzip when equal; q-values honoured), with the original's Content-Type, the variant's
 *   length, ETag and Last-Modified (so each variant revalidates on its own), and
 *   `Vary: Accept-Encoding`. A Range request gets the uncompressed file, whose bytes a client can
 *   stitch together. No compression at run time.
 * - `index`: index.html the same way, for the console's routes (the SPA fallback), or a 503 saying
 *   the console is not built.
 * Cache-Control: hashed names under assets/ a year, immutable; everything else `no-cache`.
 */
export function consoleFiles(webDist: string): { files: RequestHandler; index: RequestHandler } {
  const root = path.resolve(webDist);
  const serve = express.static(root, {
    index: false,
    cacheControl: false,
    setHeaders: (res, file) => {
      const variant = chosenEncoding(res);
      const original = variant ? file.slice(0, -variant.suffix.length) : file;
      const relative = path.relative(root, original).split(path.sep).join('/');
      res.setHeader('cache-control', isHashedAsset(relative) ? HASHED_CACHE_CONTROL : UNHASHED_CACHE_CONTROL);
    },
  });

  const files: RequestHandler = async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      return serve(req, res, next); // serve-static answers a malformed path itself
    }
    const file = path.join(root, pathname);
    const precompressible = PRECOMPRESS_EXTENSIONS.includes(path.extname(file).toLowerCase());
    if (!precompressible || !file.startsWith(root + path.sep) || pathname.includes('\0')) {
      return serve(req, res, next);
    }
    const variants = await variantsOf(file);
    if (variants.length === 0) return serve(req, res, next);
    res.vary('Accept-Encoding');
    const encoding = req.headers.range
      ? 'identity'
      : new Negotiator(req).encoding([...variants.map((v) => v.encoding), 'identity'], {
          preferred: BY_PREFERENCE,
        });
    const variant = variants.find((v) => v.encoding === encoding);
    if (!variant) return serve(req, res, next);

    const url = req.url;
    const query = url.indexOf('?');
    req.url = query < 0 ? url + variant.suffix : url.slice(0, query) + variant.suffix + url.slice(query);
    res.type(path.extname(file)).setHeader('content-encoding', variant.encoding);
    serve(req, res, (err?: unknown) => {
      // Not sent (the variant went away, or a precondition failed): undo the choice.
      req.url = url;
      res.removeHeader('content-encoding');
      res.removeHeader('content-type');
      if (err) next(err);
      else serve(req, res, next);
    });
  };

  const indexHtml = path.join(root, 'index.html');
  const index: RequestHandler = async (req, res, next) => {
    if (!existsSync(indexHtml)) {
      res
        .status(503)
        .type('text/plain')
        .send('The console is not built. Run `npm run build` (or `npm start`).');
      return;
    }
    req.url = '/index.html';
    await files(req, res, next);
  };

  return { files, index };
}
