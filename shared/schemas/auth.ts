import { z } from 'zod';

/** Each role can do everything the ones before it can: a viewer reads and exports, an analyst also writes, an admin also manages users. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Lower-case letters, digits, `.`, `_` and `-`, so a name reads the same in a log line and a URL. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,64}$/, 'username must be 2–64 of a–z, 0–9, ".", "_" or "-"');

/** Length is what makes a password hard to guess (NIST SP 800-63B): at least 10 characters, no composition rules. */
export const PasswordSchema = z.string().min(10, 'password must have at least 10 characters').max(256);

export const LoginSchema = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();
export type Login = z.infer<typeof LoginSchema>;

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/**
 * What login and `GET /api/auth/me` return. The session itself travels in an HTTP-only cookie; the
 * client sends `csrfToken` back in the `X-CSRF-Token` header of every state-changing request.
 */
export const SessionInfoSchema = z.object({
  user: z.object({ id: z.number().int(), username: z.string(), role: RoleSchema }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const NewUserSchema = z
  .object({ username: UsernameSchema, password: PasswordSchema, role: RoleSchema })
  .strict();
export type NewUser = z.infer<typeof NewUserSchema>;

/** An admin's change to a user: a new role, a password reset, or disabling (which ends their sessions). */
export const UserPatchSchema = z
  .object({ role: RoleSchema.optional(), password: PasswordSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((p) => p.role !== undefined || p.password !== undefined || p.disabled !== undefined, {
    message: 'send at least one of role, password, disabled',
  });
export type UserPatch = z.infer<typeof UserPatchSchema>;

/**
 * A signed-in user replaces their own password (`POST /api/auth/password`). The current password is asked
 * for so that a session left open or stolen is not enough to take the account over. The new one follows the
 * rules for new users and must differ from the current one — compared after NFC normalisation, as the hash is,
 * so that the same password typed with other code points does not count as a change.
 */
export const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: PasswordSchema })
  .strict()
  .refine((p) => p.newPassword.normalize('NFC') !== p.currentPassword.normalize('NFC'), {
    path: ['newPassword'],
    message: 'the new password must differ from the current one',
  });
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** The logged-in user a service acts for; every write records it. */
export type Actor = SessionInfo['user'];
