import { Router } from 'express';
import { googleContactsQuerySchema, updateGoogleDirectoryRequestSchema } from '@oig/shared';
import { actorOf } from '../../../http/guards.js';
import { parseWith } from '../../../http/validate.js';
import type { DirectoryService } from './directory.service.js';

/** MiVoice tab: the Google corporate directory (settings, sync, cached contacts). */
export function directoryRoutes(service: DirectoryService): Router {
  const r = Router();
  r.get('/mivoice/google', async (_req, res) => {
    res.json(await service.get());
  });
  r.put('/mivoice/google', async (req, res) => {
    res.json(
      await service.update(
        parseWith(updateGoogleDirectoryRequestSchema, req.body, 'Google directory settings'),
        actorOf(req, res),
      ),
    );
  });
  r.post('/mivoice/google/sync', async (req, res) => {
    res.json(await service.sync(actorOf(req, res)));
  });
  r.get('/mivoice/google/contacts', async (req, res) => {
    res.json(await service.contacts(parseWith(googleContactsQuerySchema, req.query, 'Contacts query')));
  });
  return r;
}
