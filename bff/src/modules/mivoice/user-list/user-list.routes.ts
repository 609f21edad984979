import { Router, type RequestHandler } from 'express';
import { mivoiceUsersQuerySchema, USER_LIST_MAX_BYTES, userListImportQuerySchema } from '@oig/shared';
import { actorOf } from '../../../http/guards.js';
import { singleFileUpload, uploadedFile } from '../../../http/upload.js';
import { parseWith } from '../../../http/validate.js';
import type { UserListService } from './user-list.service.js';

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
    const { fileName, csv } = await service.exportCsv();
    res.type('text/csv; charset=utf-8').attachment(fileName).send(csv);
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
    const { fileName, csv, errorCount } = await service.reportCsv(uploadedFile(res));
    res
      .type('text/csv; charset=utf-8')
      .set('X-Error-Count', String(errorCount))
      .attachment(fileName)
      .send(csv);
  });
  r.post('/mivoice/users/email', async (req, res) => {
    res.status(202).json(await service.email(actorOf(req, res)));
  });
  return r;
}
