import { Router } from 'express';
import { outboxQuerySchema, testMailRequestSchema, updateMailSettingsRequestSchema } from '@oig/shared';
import { actorOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { MailAdminService } from './mail-admin.service.js';

const [clearSchema, serverSchema] = updateMailSettingsRequestSchema.options;

/**
 * `{ clear: true }` or a server. Parsed against the one variant the body means, so that an error
 * names the field (a union failure would only say "invalid input").
 */
const parseSettings = (body: unknown) =>
  body && typeof body === 'object' && 'clear' in body
    ? parseWith(clearSchema, body, 'Mail settings')
    : parseWith(serverSchema, body, 'Mail settings');

export function mailRoutes(mail: MailAdminService): Router {
  const r = Router();
  r.get('/mail/settings', async (_req, res) => {
    res.json(await mail.getSettings());
  });
  r.put('/mail/settings', async (req, res) => {
    res.json(await mail.updateSettings(parseSettings(req.body), actorOf(req, res)));
  });
  r.post('/mail/test', async (req, res) => {
    const { to } = parseWith(testMailRequestSchema, req.body, 'Test message');
    res.status(202).json(await mail.sendTest(to, actorOf(req, res)));
  });
  r.get('/mail/outbox', async (req, res) => {
    res.json(await mail.listOutbox(parseWith(outboxQuerySchema, req.query, 'Outbox query')));
  });
  r.post('/mail/outbox/:id/retry', async (req, res) => {
    res.json(await mail.retry(req.params.id, actorOf(req, res)));
  });
  r.post('/mail/outbox/:id/discard', async (req, res) => {
    res.json(await mail.discard(req.params.id, actorOf(req, res)));
  });
  return r;
}
