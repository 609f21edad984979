import { Router } from 'express';
import type { NetworkElementsService } from './network-elements.service.js';

// SKELETON (issue 3): the network-elements helper completes this module.
export function networkElementsRoutes(elements: NetworkElementsService): Router {
  const r = Router();
  r.get('/network-elements', async (_req, res) => {
    res.json({ elements: await elements.list() });
  });
  return r;
}
