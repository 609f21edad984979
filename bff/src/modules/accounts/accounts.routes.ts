import { Router } from 'express';
import { z } from 'zod';
import {
  appNameSchema,
  changeLocalPasswordRequestSchema,
  createAccountRequestSchema,
  updateAccountRequestSchema,
} from '@oig/shared';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { AccountsService } from './accounts.service.js';

/** `/accounts/:companyName/:applicationName`: URL-encoded names, checked like the names in a body. */
const accountParamsSchema = z.object({
  companyName: appNameSchema('Company name'),
  applicationName: appNameSchema('Application name'),
});

export function accountsRoutes(accounts: AccountsService): Router {
  const r = Router();
  r.get('/acl', async (_req, res) => {
    res.json(await accounts.describeAcl());
  });
  r.post('/acl/refresh', async (req, res) => {
    res.json(await accounts.refreshAcl(actorOf(req, res)));
  });
  r.get('/accounts', async (_req, res) => {
    res.json({ accounts: await accounts.list() });
  });
  r.post('/accounts', async (req, res) => {
    const body = parseWith(createAccountRequestSchema, req.body, 'Application account');
    res.status(201).json(await accounts.create(body, actorOf(req, res)));
  });
  r.put('/accounts/:companyName/:applicationName/password', async (req, res) => {
    const { companyName, applicationName } = parseWith(accountParamsSchema, req.params, 'Application');
    const { localPassword } = parseWith(
      changeLocalPasswordRequestSchema,
      req.body ?? {},
      'Local password change',
    );
    res.json(await accounts.changePassword(companyName, applicationName, localPassword, actorOf(req, res)));
  });
  r.patch('/accounts/:companyName/:applicationName', async (req, res) => {
    const { companyName, applicationName } = parseWith(accountParamsSchema, req.params, 'Application');
    const { enabled } = parseWith(updateAccountRequestSchema, req.body ?? {}, 'Application account update');
    res.json(await accounts.setEnabled(companyName, applicationName, enabled, actorOf(req, res)));
  });
  r.delete('/accounts/:companyName/:applicationName', async (req, res) => {
    const { companyName, applicationName } = parseWith(accountParamsSchema, req.params, 'Application');
    await accounts.remove(companyName, applicationName, actorOf(req, res));
    res.status(204).end();
  });
  return r;
}
