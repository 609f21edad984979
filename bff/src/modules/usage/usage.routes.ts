import { Router } from 'express';
import { sendUsageReportRequestSchema, usageDailyQuerySchema, usageReportQuerySchema } from '@oig/shared';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { UsageService } from './usage.service.js';

export function usageRoutes(usage: UsageService): Router {
  const r = Router();
  r.get('/usage/daily', async (req, res) => {
    res.json(await usage.daily(parseWith(usageDailyQuerySchema, req.query, 'Usage query').days));
  });
  r.get('/usage-report', async (_req, res) => {
    res.json(await usage.status());
  });
  r.get('/usage-report/report', async (req, res) => {
    res.json(await usage.report(parseWith(usageReportQuerySchema, req.query, 'Report query').month));
  });
  r.get('/usage-report/report.csv', async (req, res) => {
    const report = await usage.report(parseWith(usageReportQuerySchema, req.query, 'Report query').month);
    res.type('text/csv; charset=utf-8').attachment(usage.fileName(report)).send(usage.csv(report));
  });
  r.post('/usage-report/send', async (req, res) => {
    const { month } = parseWith(sendUsageReportRequestSchema, req.body ?? {}, 'Usage report request');
    res.status(202).json(await usage.sendNow(actorOf(req, res), month));
  });
  return r;
}
