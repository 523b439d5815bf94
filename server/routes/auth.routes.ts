import { Router } from 'express';
import { LoginSchema, PasswordChangeSchema } from '../../shared/schemas/auth';
import type { Db } from '../db/client';
import { requireAuth, requireRole, SESSION_COOKIE, sessionCookieOptions } from '../lib/auth';
import { route } from '../lib/validate';
import { changeOwnPassword, login, logout, sessionInfo } from '../services/auth.service';

export function authRoutes(db: Db, now: () => Date): Router {
  const r = Router();
  r.post(
    '/auth/login',
    route({ body: LoginSchema }, async ({ body }, req, res) => {
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const { token, info, maxAgeMs } = await login(db, body, ip, now());
      res.cookie(SESSION_COOKIE, token, sessionCookieOptions(req, maxAgeMs));
      res.setHeader('Cache-Control', 'no-store');
      res.json(info);
    }),
  );
  r.post(
    '/auth/logout',
    requireRole('viewer'),
    route({}, (_input, req, res) => {
      logout(db, requireAuth(req), now());
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
      res.status(204).end();
    }),
  );
  r.post(
    '/auth/password',
    requireRole('viewer'),
    route({ body: PasswordChangeSchema }, async ({ body }, req, res) => {
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      await changeOwnPassword(db, requireAuth(req), body, ip, now());
      res.status(204).end();
    }),
  );
  r.get(
    '/auth/me',
    requireRole('viewer'),
    route({}, (_input, req, res) => {
      // The client keeps the CSRF token in memory; after a reload it gets it back here.
      res.setHeader('Cache-Control', 'no-store');
      res.json(sessionInfo(requireAuth(req)));
    }),
  );
  return r;
}
