import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../modules/audit/index.js';
import type { AuthService, ConsolePrincipal } from '../modules/auth/index.js';
import { AppError } from './app-error.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      principal?: ConsolePrincipal;
    }
  }
}

export const SESSION_COOKIE = 'oig_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the console session cookie; 401 without one. */
export function requireAuth(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    const principal = await auth.resolve(
      (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
    );
    if (!principal) throw new AppError('unauthenticated', 'sign_in_required', 'Sign in to continue');
    res.locals.principal = principal;
    next();
  };
}

/** Every mutating call must carry the session's CSRF token in X-CSRF-Token. */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = res.locals.principal?.csrfToken;
  const given = req.get('x-csrf-token');
  // Digests have equal lengths whatever was sent, so the comparison never throws.
  const digest = (v: string) => createHash('sha256').update(v).digest();
  if (!expected || !given || !timingSafeEqual(digest(given), digest(expected))) {
    throw new AppError(
      'csrf_failed',
      'csrf_token_invalid',
      'Missing or invalid CSRF token (header X-CSRF-Token)',
    );
  }
  next();
};

/** Support staff are read-only: every mutating call needs the administrator role. */
export const requireAdministratorForMutations: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (res.locals.principal?.role !== 'administrator') {
    throw new AppError(
      'forbidden',
      'administrator_required',
      'This action needs the administrator role; support accounts are read-only',
    );
  }
  next();
};

export function principalOf(res: { locals: { principal?: ConsolePrincipal } }): ConsolePrincipal {
  const p = res.locals.principal;
  if (!p) throw new AppError('unauthenticated', 'sign_in_required', 'Sign in to continue');
  return p;
}

/** The signed-in user as the actor of a change (for the audit log). */
export function actorOf(req: Request, res: Response): Actor {
  const p = principalOf(res);
  return { username: p.username, role: p.role, address: req.ip ?? null };
}
