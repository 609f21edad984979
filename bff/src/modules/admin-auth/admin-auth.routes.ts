import { Router, type CookieOptions } from 'express';
import {
  changeOwnPasswordRequestSchema,
  createUserRequestSchema,
  loginRequestSchema,
  OIG_VERSION,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
  type Me,
} from '@oig/shared';
import { actorOf, principalOf, requireAuth, SESSION_COOKIE } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import {
  CONSOLE_SESSION_TTL_MS,
  type AdminAuthService,
  type ConsolePrincipal,
} from './admin-auth.service.js';

const toMe = (p: ConsolePrincipal): Me => ({
  username: p.username,
  role: p.role,
  csrfToken: p.csrfToken,
  version: OIG_VERSION,
});

export function adminAuthRoutes(auth: AdminAuthService, opts: { secureCookie: boolean }): Router {
  const r = Router();
  const cookie: CookieOptions = {
    httpOnly: true,
    sameSite: 'strict',
    secure: opts.secureCookie,
    path: '/',
    maxAge: CONSOLE_SESSION_TTL_MS,
  };

  r.post('/login', async (req, res) => {
    const body = parseWith(loginRequestSchema, req.body, 'Sign-in');
    const { token, principal } = await auth.login(body.username, body.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, cookie);
    res.json(toMe(principal));
  });

  r.get('/me', requireAuth(auth), (_req, res) => {
    res.json(toMe(principalOf(res)));
  });

  return r;
}

/** Sign-out sits behind the auth and CSRF guards (mounted separately). */
export function adminLogoutRoute(auth: AdminAuthService, opts: { secureCookie: boolean }): Router {
  const r = Router();
  r.post('/logout', async (req, res) => {
    await auth.logout(principalOf(res), req.ip ?? null);
    res.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secureCookie,
      path: '/',
    });
    res.status(204).end();
  });
  return r;
}

/**
 * POST /auth/password: any signed-in user (support too) changes their own password. Mounted
 * behind the auth and CSRF guards but before the administrator-only guard.
 */
export function ownPasswordRoute(auth: AdminAuthService): Router {
  const r = Router();
  r.post('/password', async (req, res) => {
    const body = parseWith(changeOwnPasswordRequestSchema, req.body, 'Password change');
    await auth.changeOwnPassword(
      principalOf(res),
      req.ip ?? 'unknown',
      body.currentPassword,
      body.newPassword,
    );
    res.status(204).end();
  });
  return r;
}

/** Console users: everyone signed in reads the list; administrators create and change them. */
export function consoleUsersRoutes(auth: AdminAuthService): Router {
  const r = Router();
  r.get('/users', async (_req, res) => {
    res.json({ users: await auth.listUsers() });
  });
  r.post('/users', async (req, res) => {
    const body = parseWith(createUserRequestSchema, req.body, 'Console user');
    res.status(201).json(await auth.createUser(body, actorOf(req, res)));
  });
  r.patch('/users/:username', async (req, res) => {
    const body = parseWith(updateUserRequestSchema, req.body, 'Console user change');
    res.json(await auth.updateUser(req.params.username, body, principalOf(res), req.ip ?? null));
  });
  r.post('/users/:username/password', async (req, res) => {
    const body = parseWith(resetPasswordRequestSchema, req.body, 'Password reset');
    await auth.resetPassword(req.params.username, body.password, actorOf(req, res));
    res.status(204).end();
  });
  return r;
}
