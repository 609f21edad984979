import { Router } from 'express';
import { updateMivoiceSettingsRequestSchema } from '@oig/shared';
import { actorOf } from '../../../http/guards.js';
import { parseWith } from '../../../http/validate.js';
import type { MivoiceSettingsService } from './mivoice-settings.service.js';

export function mivoiceSettingsRoutes(service: MivoiceSettingsService): Router {
  const r = Router();
  r.get('/mivoice/settings', async (_req, res) => {
    res.json(await service.get());
  });
  r.put('/mivoice/settings', async (req, res) => {
    res.json(
      await service.update(
        parseWith(updateMivoiceSettingsRequestSchema, req.body, 'MiVoice settings'),
        actorOf(req, res),
      ),
    );
  });
  return r;
}
