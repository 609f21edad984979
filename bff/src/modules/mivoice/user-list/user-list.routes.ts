import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type RequestHandler, type Response } from 'express';
import { mivoiceUsersQuerySchema, USER_LIST_MAX_BYTES, userListImportQuerySchema } from '@oig/shared';
import { actorOf } from '../../../http/guards.js';
import { singleFileUpload, uploadedFile } from '../../../http/upload.js';
import { parseWith } from '../../../http/validate.js';
import type { CsvChunks, UserListService } from './user-list.service.js';

/**
 * Sends a CSV file made of chunks: its length first, then the chunks as the client takes them
 * (backpressure; one write per chunk, not one 25 MB string). A client that goes away ends it.
 */
async function sendCsv(res: Response, file: CsvChunks): Promise<void> {
  let length = 0;
  for (const c of file.chunks) length += c.length;
  res.type('text/csv; charset=utf-8').attachment(file.fileName).set('Content-Length', String(length));
  await pipeline(Readable.from(file.chunks, { objectMode: false }), res).catch((err: unknown) => {
    // The client closed the connection: nothing left to answer.
    if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  });
}

/** The import options are checked before the file is read. */
const importOptions: RequestHandler = (req, res, next) => {
  res.locals.importOptions = parseWith(userListImportQuerySchema, req.query, 'Import options');
  next();
};

export function userListRoutes(service: UserListService): Router {
  const r = Router();
  r.get('/mivoice/users', async (req, res) => {
    res.json(await service.list(parseWith(mivoiceUsersQuerySchema, req.query, 'User list query')));
  });
  r.get('/mivoice/users/export', async (_req, res) => {
    await sendCsv(res, await service.exportCsv());
  });
  r.post(
    '/mivoice/users/import',
    importOptions,
    singleFileUpload('file', USER_LIST_MAX_BYTES),
    async (req, res) => {
      const opts = res.locals.importOptions as ReturnType<typeof userListImportQuerySchema.parse>;
      res.json(await service.import(uploadedFile(res), opts, actorOf(req, res)));
    },
  );
  // A dry run's every problem as CSV (the JSON report lists the first ones).
  r.post('/mivoice/users/import/report', singleFileUpload('file', USER_LIST_MAX_BYTES), async (_req, res) => {
    const report = await service.reportCsv(uploadedFile(res));
    res.set('X-Error-Count', String(report.errorCount));
    await sendCsv(res, report);
  });
  r.post('/mivoice/users/email', async (req, res) => {
    res.status(202).json(await service.email(actorOf(req, res)));
  });
  return r;
}
