import { Router, type RequestHandler } from 'express';
import { BACKUP_MAX_BYTES, backupRequestSchema, restoreFieldsSchema, restoreQuerySchema } from '@oig/shared';
import { actorOf, principalOf } from '../../http/guards.js';
import { singleFileUpload, uploadedFile } from '../../http/upload.js';
import { parseWith } from '../../http/validate.js';
import type { BackupService } from './backup.service.js';

/** The restore's options are checked before the file is read. */
const restoreOptions: RequestHandler = (req, res, next) => {
  res.locals.restoreOptions = parseWith(restoreQuerySchema, req.query, 'Restore options');
  next();
};

/** Configuration backup and restore (administrators; the passphrase is never logged). */
export function backupRoutes(service: BackupService): Router {
  const r = Router();
  r.post('/backup', async (req, res) => {
    const { passphrase } = parseWith(backupRequestSchema, req.body, 'Backup');
    const file = await service.create(passphrase, actorOf(req, res));
    res
      .type('application/octet-stream')
      .attachment(file.fileName)
      .set('Content-Length', String(file.bytes.length))
      .end(file.bytes);
  });
  r.post(
    '/backup/restore',
    restoreOptions,
    singleFileUpload('file', BACKUP_MAX_BYTES, 1),
    async (req, res) => {
      const { dryRun } = res.locals.restoreOptions as ReturnType<typeof restoreQuerySchema.parse>;
      const { passphrase } = parseWith(restoreFieldsSchema, req.body ?? {}, 'Restore');
      const keep = principalOf(res).tokenHash;
      res.json(await service.restore(uploadedFile(res), passphrase, dryRun, actorOf(req, res), keep));
    },
  );
  return r;
}
