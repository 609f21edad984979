import { Router } from 'express';
import type { OverviewService } from './overview.service.js';

export function overviewRoutes(overview: OverviewService): Router {
  const r = Router();
  r.get('/overview', async (_req, res) => {
    res.json(await overview.get());
  });
  return r;
}
