import { Router } from 'express';
import { createAccountRequestSchema } from '@oig/shared';
import { principalOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { AccountsService } from './accounts.service.js';

export function accountsRoutes(accounts: AccountsService): Router {
  const r = Router();
  r.get('/acl', async (_req, res) => {
    res.json(await accounts.describeAcl());
  });
  r.get('/accounts', async (_req, res) => {
    res.json({ accounts: await accounts.list() });
  });
  r.post('/accounts', async (req, res) => {
    const body = parseWith(createAccountRequestSchema, req.body, 'Application account');
    res.status(201).json(await accounts.create(body, principalOf(res).username));
  });
  return r;
}
