import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { logsQuerySchema } from '@oig/shared';
import { parseWith } from '../../http/validate.js';
import type { LogsService } from './logs.service.js';

/** File name of a download made at `at` (ms), e.g. `oig-logs-2026-03-01T10-20-30Z.ndjson`. */
export function stampedName(prefix: string, at: number, extension: string): string {
  return `${prefix}-${new Date(at)
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/:/g, '-')}.${extension}`;
}

/** The log files: read-only for both roles. */
export function logsRoutes(logs: LogsService, now: () => number): Router {
  const r = Router();
  r.get('/logs', async (req, res) => {
    res.json(await logs.list(parseWith(logsQuerySchema, req.query, 'Logs query')));
  });
  r.get('/logs/download', async (_req, res) => {
    const body = await logs.download();
    // attachment() types by extension (.ndjson is unknown to it): the type is set after it.
    res.attachment(stampedName('oig-logs', now(), 'ndjson')).type('application/x-ndjson; charset=utf-8');
    await pipeline(body, res).catch((err: unknown) => {
      // The client closed the connection: nothing left to answer.
      if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
    });
  });
  return r;
}
