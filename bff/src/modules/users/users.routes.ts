import { Router } from 'express';
import { createUserRequestSchema, resetPasswordRequestSchema, updateUserRequestSchema } from '@oig/shared';
import { actorOf, principalOf } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import type { UsersService } from './users.service.js';

/** Console users: everyone signed in reads the list; administrators create and change them. */
export function usersRoutes(users: UsersService): Router {
  const r = Router();
  r.get('/users', async (_req, res) => {
    res.json({ users: await users.listUsers() });
  });
  r.post('/users', async (req, res) => {
    const body = parseWith(createUserRequestSchema, req.body, 'Console user');
    res.status(201).json(await users.createUser(body, actorOf(req, res)));
  });
  r.patch('/users/:username', async (req, res) => {
    const body = parseWith(updateUserRequestSchema, req.body, 'Console user change');
    res.json(await users.updateUser(req.params.username, body, principalOf(res), req.ip ?? null));
  });
  r.post('/users/:username/password', async (req, res) => {
    const body = parseWith(resetPasswordRequestSchema, req.body, 'Password reset');
    await users.resetPassword(req.params.username, body.password, actorOf(req, res));
    res.status(204).end();
  });
  r.post('/users/:username/unlock', async (req, res) => {
    res.json(await users.unlock(req.params.username, actorOf(req, res)));
  });
  return r;
}
