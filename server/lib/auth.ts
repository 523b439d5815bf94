import { timingSafeEqual } from 'node:crypto';
import { parseCookie } from 'cookie';
import type { CookieOptions, Request, RequestHandler } from 'express';
import { type Actor, ROLES, type Role } from '../../shared/schemas/auth';
import { ForbiddenError, UnauthorizedError } from './errors';

/** A valid session as a request carries it. */
export interface AuthContext {
  sessionId: number;
  user: Actor;
  csrfToken: string;
  expiresAt: string;
}

export const SESSION_COOKIE = 'zhibiao_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * HTTP-only so page scripts cannot read it; SameSite=Lax so other sites' forms and fetches do not carry
 * it on POST/PATCH; scoped to the API; `Secure` whenever the request came over HTTPS (an intranet
 * install on plain HTTP could not log in with a Secure cookie).
 */
export function sessionCookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/api', secure: req.secure, ...(maxAgeMs && { maxAge: maxAgeMs }) };
}

const contexts = new WeakMap<Request, AuthContext>();

/** The request's session; a handler behind `requireRole` always has one. */
export function requireAuth(req: Request): AuthContext {
  const ctx = contexts.get(req);
  if (!ctx) throw new UnauthorizedError();
  return ctx;
}

/**
 * Attaches the session of the cookie, if `authenticate` finds it valid, to the request. Refuses nothing by
 * itself. (The session store is the auth service's: app.ts passes it in, so lib does not depend on services.)
 */
export function loadSession(authenticate: (token: string) => AuthContext | null): RequestHandler {
  return (req, _res, next) => {
    const token = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
    if (token) {
      const ctx = authenticate(token);
      if (ctx) contexts.set(req, ctx);
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every state-changing request must come from a session and carry that session's CSRF token in
 * `X-CSRF-Token` (synchronizer token pattern). Login is the one exception: there is no session yet.
 */
export function csrfProtection(exempt: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || exempt.includes(`${req.method} ${req.path}`)) return next();
    const ctx = contexts.get(req);
    if (!ctx) return next(new UnauthorizedError());
    const sent = req.get(CSRF_HEADER);
    if (!sent || !sameToken(sent, ctx.csrfToken)) {
      return next(
        new ForbiddenError('The X-CSRF-Token header is missing or does not match the session.', 'CSRF_TOKEN_INVALID'),
      );
    }
    next();
  };
}

/** Refuses a request without a session (401) or whose user's role is below `min` (403). */
export function requireRole(min: Role): RequestHandler {
  return (req, _res, next) => {
    const ctx = contexts.get(req);
    if (!ctx) return next(new UnauthorizedError());
    if (ROLES.indexOf(ctx.user.role) < ROLES.indexOf(min)) {
      return next(new ForbiddenError(`This needs the ${min} role; you are ${ctx.user.role}.`));
    }
    next();
  };
}
