import { Router } from 'express';
import { updateOptionsRequestSchema } from '@oig/shared';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { OptionsService } from './options.service.js';

export function optionsRoutes(options: OptionsService): Router {
  const r = Router();
  r.get('/options', async (_req, res) => {
    res.json(await options.get());
  });
  r.put('/options', async (req, res) => {
    res.json(
      await options.update(parseWith(updateOptionsRequestSchema, req.body, 'Options'), actorOf(req, res)),
    );
  });
  return r;
}
