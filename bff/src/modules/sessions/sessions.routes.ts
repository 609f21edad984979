import { Router } from 'express';
import { withBom } from '../../lib/csv.js';
import { sessionHistoryQuerySchema, terminateManyRequestSchema } from '@oig/shared';
import { AppError } from '../../http/app-error.js';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { SessionsService } from './sessions.service.js';

/** Admin API for application sessions (console). */
export function sessionsRoutes(sessions: SessionsService): Router {
  const r = Router();
  r.get('/sessions', async (_req, res) => {
    const list = await sessions.live();
    res.json({ sessions: list, total: list.length });
  });
  r.get('/sessions/history', async (req, res) => {
    res.json(await sessions.history(parseWith(sessionHistoryQuerySchema, req.query, 'History filter')));
  });
  r.get('/sessions/history.csv', async (req, res) => {
    const csv = await sessions.historyCsv(parseWith(sessionHistoryQuerySchema, req.query, 'History filter'));
    res.type('text/csv; charset=utf-8').attachment('oig-session-history.csv').send(withBom(csv));
  });
  r.post('/sessions/terminate', async (req, res) => {
    const { ids } = parseWith(terminateManyRequestSchema, req.body, 'Terminate request');
    res.json({ terminated: await sessions.terminate(ids, actorOf(req, res)) });
  });
  r.delete('/sessions/:id', async (req, res) => {
    const id = req.params.id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'No such session');
    const n = await sessions.terminate([id], actorOf(req, res));
    if (n === 0) throw new AppError('not_found', 'No such session (it may have ended already)');
    res.status(204).end();
  });
  return r;
}
