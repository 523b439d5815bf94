import { type Actor, type NewUser, PasswordSchema, type User, type UserPatch } from '../../shared/schemas/auth';
import type { Db } from '../db/client';
import { ConflictError, NotFoundError } from '../lib/errors';
import { generatePassword, hashPassword } from '../lib/passwords';
import { deleteSessionsOfUser } from '../repos/sessions.repo';
import {
  countActiveAdmins,
  countUsers,
  findUserByUsername,
  getUser,
  insertUser,
  listUsers,
  type UserRow,
  updateUser,
} from '../repos/users.repo';
import { recordAudit } from './audit.service';

/** A user as the API shows it: never the password hash. */
export function toUser(r: UserRow): User {
  const { passwordHash: _hash, ...user } = r;
  return user;
}

export function listAllUsers(db: Db): User[] {
  return listUsers(db).map(toUser);
}

/** Creates a user; `actor` is null only for the first admin, which the server creates itself. */
export async function createUser(db: Db, actor: Actor | null, input: NewUser): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
  return db.transaction(
    () => {
      if (findUserByUsername(db, input.username)) {
        throw new ConflictError(`A user named ${input.username} already exists.`);
      }
      const row = insertUser(db, { username: input.username, passwordHash, role: input.role });
      const user = toUser(row);
      recordAudit(db, actor, { action: 'user.create', entity: 'user', entityId: row.id, after: user });
      return user;
    },
    { behavior: 'immediate' },
  );
}

/**
 * An admin changes a user's role, resets their password or disables them. A password reset or disabling
 * ends the user's sessions (all but the admin's own current one when they change themselves). The last
 * active admin cannot be demoted or disabled: nobody could manage users any more.
 */
export async function updateUserByAdmin(
  db: Db,
  actor: Actor,
  actorSessionId: number,
  id: number,
  patch: UserPatch,
): Promise<User> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
  return db.transaction(
    () => {
      const before = getUser(db, id);
      if (!before) throw new NotFoundError('User', id);
      const losesAdmin =
        before.role === 'admin' &&
        !before.disabled &&
        ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
      if (losesAdmin && countActiveAdmins(db) <= 1) {
        throw new ConflictError('This is the last active admin; make another user admin first.');
      }
      const row = updateUser(db, id, {
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(passwordHash !== undefined && { passwordHash }),
        updatedAt: new Date().toISOString(),
      });
      if (passwordHash !== undefined || patch.disabled === true) {
        deleteSessionsOfUser(db, id, id === actor.id ? actorSessionId : undefined);
      }
      const after = toUser(row);
      recordAudit(db, actor, {
        action: 'user.update',
        entity: 'user',
        entityId: id,
        before: toUser(before),
        after: passwordHash === undefined ? after : { ...after, passwordReset: true },
      });
      return after;
    },
    { behavior: 'immediate' },
  );
}

/**
 * On the first start (no users yet) creates `admin` with the configured password or, when none is
 * configured, a generated one, which is returned so it can be printed once.
 */
export async function ensureFirstAdmin(
  db: Db,
  configuredPassword: string | undefined,
): Promise<{ created: false } | { created: true; generatedPassword: string | null }> {
  if (countUsers(db) > 0) return { created: false };
  if (configuredPassword && !PasswordSchema.safeParse(configuredPassword).success) {
    throw new Error('ZHIBIAO_ADMIN_PASSWORD must have at least 10 characters.');
  }
  const password = configuredPassword || generatePassword();
  await createUser(db, null, { username: 'admin', password, role: 'admin' });
  return { created: true, generatedPassword: configuredPassword ? null : password };
}
