import { Router } from 'express';
import { withBom } from '../../lib/csv.js';
import {
  filterOfQuery,
  LIVE_SESSION_SORTS,
  LIVE_SESSIONS_OFFSET_MAX,
  LIVE_SESSIONS_PAGE_MAX,
  liveSessionsQuerySchema,
  refusedLoginsQuerySchema,
  sessionHistoryQuerySchema,
  terminateManyRequestSchema,
  type ErrorReason,
} from '@oig/shared';
import type { ZodError } from 'zod';
import { AppError, fieldProblem, type FieldProblem } from '../../http/app-error.js';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { RefusedLoginsService } from './refused-logins.service.js';
import type { SessionsService } from './sessions.service.js';

/** Admin API for application sessions (console). */
export function sessionsRoutes(sessions: SessionsService, refused: RefusedLoginsService): Router {
  const r = Router();
  r.get('/sessions/refused', async (req, res) => {
    res.json(await refused.page(parseWith(refusedLoginsQuerySchema, req.query, 'Refused logins query')));
  });
  r.get('/sessions/refused.csv', async (req, res) => {
    const csv = await refused.csv(parseWith(refusedLoginsQuerySchema, req.query, 'Refused logins query'));
    res.type('text/csv; charset=utf-8').attachment('oig-refused-logins.csv').send(withBom(csv));
  });
  r.get('/sessions', async (req, res) => {
    const q = liveSessionsQuerySchema.safeParse(req.query);
    if (!q.success) throw queryProblem(q.error, req.query);
    const { sort, order, offset, limit } = q.data;
    res.json(await sessions.live({ filter: filterOfQuery(q.data), sort, order, offset, limit }));
  });
  r.get('/sessions/history', async (req, res) => {
    res.json(await sessions.history(parseWith(sessionHistoryQuerySchema, req.query, 'History filter')));
  });
  r.get('/sessions/history.csv', async (req, res) => {
    const csv = await sessions.historyCsv(parseWith(sessionHistoryQuerySchema, req.query, 'History filter'));
    res.type('text/csv; charset=utf-8').attachment('oig-session-history.csv').send(withBom(csv));
  });
  r.post('/sessions/terminate', async (req, res) => {
    const body = parseWith(terminateManyRequestSchema, req.body, 'Terminate request');
    const actor = actorOf(req, res);
    const terminated = body.filter
      ? await sessions.terminateMatching(body.filter, actor)
      : await sessions.terminate(body.ids ?? [], actor);
    res.json({ terminated });
  });
  r.delete('/sessions/:id', async (req, res) => {
    const id = req.params.id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found', 'session_not_found', 'No such session');
    const n = await sessions.terminate([id], actorOf(req, res));
    if (n === 0)
      throw new AppError('not_found', 'session_ended', 'No such session (it may have ended already)');
    res.status(204).end();
  });
  return r;
}

/**
 * A bad live-list query: 400 `validation_failed` naming the field, with a stable reason and its
 * params (`too_many_terms` {max}, `term_too_long` {max}, `empty_term`, `unknown_code` {value},
 * `codes_too_long` {max},
 * `codes_mismatch`, `unknown_sort` {allowed}, `unknown_order` {allowed},
 * `out_of_range` {field, min, max}).
 */
function queryProblem(error: ZodError, query: Record<string, unknown>): AppError {
  const base = AppError.fromZod(error, query, 'Live sessions query');
  const issue = error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const detail = (reason: ErrorReason, params: Record<string, unknown> = {}) => {
    const strings = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
    return new AppError('validation_failed', reason, base.message, {
      params: strings,
      // The field's own words: the query's reason (the console says it under the search box too).
      // Other fields in error keep their own validation code.
      fields: Object.fromEntries(
        Object.entries(base.fields ?? {}).map(([k, m]): [string, FieldProblem] => [
          k,
          k === field
            ? fieldProblem(reason, m, strings)
            : { message: m, ...(base.fieldReasons?.[k] ?? { reason: 'invalid' }) },
        ]),
      ),
    });
  };
  const bound = issue as { maximum?: unknown; origin?: string };
  if (field === 'term') {
    if (issue.code === 'too_big')
      return bound.origin === 'array'
        ? detail('too_many_terms', { max: bound.maximum })
        : detail('term_too_long', { max: bound.maximum });
    return detail('empty_term');
  }
  if (field === 'codes') {
    if (issue.code === 'custom') return detail('codes_mismatch');
    // More codes parameters than terms can be, or one longer than any list of codes.
    if (issue.code === 'too_big')
      return bound.origin === 'array'
        ? detail('too_many_terms', { max: bound.maximum })
        : detail('codes_too_long', { max: bound.maximum });
    const [, i, j] = issue.path;
    const given = ([] as unknown[]).concat(query.codes ?? [])[Number(i)];
    const value = typeof given === 'string' ? given.split(',')[Number(j)]?.trim() : undefined;
    return detail('unknown_code', value !== undefined ? { value } : {});
  }
  if (field === 'sort') return detail('unknown_sort', { allowed: LIVE_SESSION_SORTS.join(', ') });
  if (field === 'order') return detail('unknown_order', { allowed: 'asc, desc' });
  const limits: Record<string, [number, number]> = {
    offset: [0, LIVE_SESSIONS_OFFSET_MAX],
    limit: [1, LIVE_SESSIONS_PAGE_MAX],
  };
  const range = limits[field];
  if (range) return detail('out_of_range', { field, min: range[0], max: range[1] });
  return base;
}
