import { Router } from 'express';
import { NewUserSchema, UserPatchSchema } from '../../shared/schemas/auth';
import { IdParamSchema } from '../../shared/schemas/common';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { route } from '../lib/validate';
import { createUser, listAllUsers, updateUserByAdmin } from '../services/users.service';

/** User management: admins only. */
export function usersRoutes(db: Db): Router {
  const r = Router();
  r.get(
    '/users',
    requireRole('admin'),
    route({}, (_input, _req, res) => {
      res.json(listAllUsers(db));
    }),
  );
  r.post(
    '/users',
    requireRole('admin'),
    route({ body: NewUserSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createUser(db, requireAuth(req).user, body));
    }),
  );
  r.patch(
    '/users/:id',
    requireRole('admin'),
    route({ params: IdParamSchema, body: UserPatchSchema }, async ({ params, body }, req, res) => {
      const ctx = requireAuth(req);
      res.json(await updateUserByAdmin(db, ctx.user, ctx.sessionId, params.id, body));
    }),
  );
  return r;
}
