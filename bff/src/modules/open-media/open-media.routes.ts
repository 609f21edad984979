import { Router } from 'express';
import {
  addOpenMediaRequestSchema,
  cancelOpenMediaRequestSchema,
  divertOpenMediaRequestSchema,
  modifyOpenMediaRequestSchema,
  openMediaIdSchema,
  openMediaOptionsSchema,
  openMediaServiceGroupQuerySchema,
} from '@oig/shared';
import { z } from 'zod';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { OpenMediaService } from './open-media.service.js';

const idParam = z.object({ openMediaId: openMediaIdSchema });
const idOf = (params: unknown) => parseWith(idParam, params, 'Open Media request ID').openMediaId;

/**
 * /open-media: reads for every role, actions for administrators (the API router's guard).
 * Cancel, modify and options answer 204; add 201 with its result; divert 200 with the ID.
 */
export function openMediaRoutes(om: OpenMediaService): Router {
  const r = Router();
  r.get('/open-media/service-groups', async (req, res) => {
    const q = parseWith(openMediaServiceGroupQuerySchema, req.query, 'Query');
    res.json(await om.serviceGroups(q.tenantId));
  });
  r.get('/open-media/requests', async (_req, res) => {
    // The service's prepared text and its tag (Express answers 304 to a matching If-None-Match).
    const { json, etag } = await om.requestsJson();
    res.set('ETag', etag).type('json').send(json);
  });
  r.post('/open-media/requests', async (req, res) => {
    const body = parseWith(addOpenMediaRequestSchema, req.body, 'Open Media request');
    res.status(201).json(await om.add(body, actorOf(req, res)));
  });
  r.get('/open-media/requests/:openMediaId/history', async (req, res) => {
    res.json(await om.history(idOf(req.params)));
  });
  r.post('/open-media/requests/:openMediaId/cancel', async (req, res) => {
    const id = idOf(req.params);
    const body = parseWith(cancelOpenMediaRequestSchema, req.body, 'Cancel');
    await om.cancel(id, body, actorOf(req, res));
    res.status(204).end();
  });
  r.post('/open-media/requests/:openMediaId/divert', async (req, res) => {
    const id = idOf(req.params);
    const body = parseWith(divertOpenMediaRequestSchema, req.body, 'Divert');
    res.json(await om.divert(id, body, actorOf(req, res)));
  });
  r.patch('/open-media/requests/:openMediaId', async (req, res) => {
    const id = idOf(req.params);
    const body = parseWith(modifyOpenMediaRequestSchema, req.body, 'Modify');
    await om.modify(id, body, actorOf(req, res));
    res.status(204).end();
  });
  r.put('/open-media/options', async (req, res) => {
    const body = parseWith(openMediaOptionsSchema, req.body, 'Open Media options');
    await om.setOptions(body, actorOf(req, res));
    res.status(204).end();
  });
  return r;
}
