import { Router, type CookieOptions } from 'express';
import {
  changeOwnPasswordRequestSchema,
  loginRequestSchema,
  OIG_VERSION,
  type Me,
  type SessionProbe,
} from '@oig/shared';
import { principalOf, requireAuth, SESSION_COOKIE } from '../../http/guards.js';
import { parseWith } from '../../http/validate.js';
import { CONSOLE_SESSION_TTL_MS, type AuthService, type ConsolePrincipal } from './auth.service.js';

const toMe = (p: ConsolePrincipal): Me => ({
  username: p.username,
  role: p.role,
  csrfToken: p.csrfToken,
  version: OIG_VERSION,
});

/**
 * POST /auth/login, GET /auth/me and GET /auth/session: mounted before the auth guard (me and
 * session check the session themselves).
 */
export function authRoutes(auth: AuthService, opts: { secureCookie: boolean }): Router {
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

  // The console's first load: a visitor without a session is an expected state, answered 200
  // (no error in the browser's console on the sign-in page) with nothing but `signedIn: false`.
  r.get('/session', async (req, res) => {
    const principal = await auth.resolve(
      (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
    );
    const probe: SessionProbe = principal ? { signedIn: true, me: toMe(principal) } : { signedIn: false };
    res.json(probe);
  });

  return r;
}

/** Sign-out sits behind the auth and CSRF guards (mounted separately). */
export function logoutRoute(auth: AuthService, opts: { secureCookie: boolean }): Router {
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
export function ownPasswordRoute(auth: AuthService): Router {
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
