import { Router, type CookieOptions } from 'express';
import { createUserRequestSchema, loginRequestSchema, OIG_VERSION, type Me } from '@oig/shared';
import { principalOf, requireAuth, SESSION_COOKIE } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import { CONSOLE_SESSION_TTL_MS, type AdminAuthService } from './admin-auth.service.js';

export function adminAuthRoutes(auth: AdminAuthService, opts: { secureCookie: boolean }): Router {
  const r = Router();
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'strict', secure: opts.secureCookie, path: '/', maxAge: CONSOLE_SESSION_TTL_MS };

  r.post('/login', async (req, res) => {
    const body = parseWith(loginRequestSchema, req.body, 'Sign-in');
    const { token, principal } = await auth.login(body.username, body.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, cookie);
    const me: Me = { username: principal.username, role: principal.role, csrfToken: principal.csrfToken, version: OIG_VERSION };
    res.json(me);
  });

  r.get('/me', requireAuth(auth), (_req, res) => {
    const p = principalOf(res);
    const me: Me = { username: p.username, role: p.role, csrfToken: p.csrfToken, version: OIG_VERSION };
    res.json(me);
  });

  return r;
}

/** Sign-out sits behind the auth and CSRF guards (mounted separately). */
export function adminLogoutRoute(auth: AdminAuthService, opts: { secureCookie: boolean }): Router {
  const r = Router();
  r.post('/logout', async (_req, res) => {
    await auth.logout(principalOf(res));
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: opts.secureCookie, path: '/' });
    res.status(204).end();
  });
  return r;
}

/** Console users (administrators create support and administrator accounts). */
export function consoleUsersRoutes(auth: AdminAuthService): Router {
  const r = Router();
  r.get('/users', async (_req, res) => {
    res.json({ users: await auth.listUsers() });
  });
  r.post('/users', async (req, res) => {
    const body = parseWith(createUserRequestSchema, req.body, 'Console user');
    res.status(201).json(await auth.createUser(body, principalOf(res).username));
  });
  return r;
}
