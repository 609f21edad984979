import { Router } from 'express';
import { auditQuerySchema } from '@oig/shared';
import { parseWith } from '../../http/validate.js';
import type { AuditService } from './audit.service.js';

/** The audit log: read-only for both roles. */
export function auditRoutes(audit: AuditService): Router {
  const r = Router();
  r.get('/audit', async (req, res) => {
    res.json(await audit.list(parseWith(auditQuerySchema, req.query, 'Audit query')));
  });
  return r;
}
