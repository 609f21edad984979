import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { actorOf } from '../../http/guards.js';
import type { SupportService } from './support.service.js';

/** The support bundle: both roles may download it. */
export function supportRoutes(support: SupportService): Router {
  const r = Router();
  r.get('/support-bundle', async (req, res) => {
    const bundle = await support.bundle(actorOf(req, res));
    res.type('application/zip').attachment(bundle.fileName);
    await pipeline(bundle.stream, res).catch((err: unknown) => {
      // The client closed the connection: nothing left to answer.
      if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    });
  });
  return r;
}
