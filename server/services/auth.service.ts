import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Login, PasswordChange, SessionInfo } from '../../shared/schemas/auth';
import type { Db } from '../db/client';
import type { AuthContext } from '../lib/auth';
import { BadRequestError, ConflictError, TooManyRequestsError, UnauthorizedError } from '../lib/errors';
import { dummyHash, hashPassword, verifyPassword } from '../lib/passwords';
import {
  clearThrottle,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  getThrottle,
  insertSession,
  saveThrottle,
} from '../repos/sessions.repo';
import { findUserByUsername, getUser, updateUser } from '../repos/users.repo';
import { recordAudit } from './audit.service';

/** A session lasts one working day; after that the user logs in again. */
export const SESSION_TTL_MS = 12 * 3600_000;

/**
 * Lockout and throttling (OWASP Authentication Cheat Sheet): 5 failed logins for one username within
 * 15 minutes lock that username for 15 minutes, whatever the password; 20 failures from one IP address
 * in 15 minutes lock that address for 15 minutes, which slows a guesser spreading tries over many names.
 */
interface LoginLimit {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}
export const LOGIN_LIMITS: { user: LoginLimit; ip: LoginLimit } = {
  user: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The CSRF token is an HMAC of the session token: tied to the session, never stored, and not derivable
 * from the database (which holds only the token's hash) nor readable by another site (the cookie is HTTP-only).
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('zhibiao csrf v1').digest('base64url');
}

function lockedFor(db: Db, key: string, now: Date): number {
  const t = getThrottle(db, key);
  if (!t?.lockedUntil) return 0;
  return Math.max(0, Date.parse(t.lockedUntil) - now.getTime());
}

/** Counts a failure against a key; returns true when this failure starts a lock. */
function countFailure(db: Db, key: string, limit: LoginLimit, now: Date): boolean {
  const t = getThrottle(db, key);
  const inWindow = t && now.getTime() - Date.parse(t.windowStart) < limit.windowMs;
  const failures = inWindow ? t.failures + 1 : 1;
  const locks = failures >= limit.maxFailures;
  saveThrottle(db, {
    key,
    failures: locks ? 0 : failures,
    windowStart: inWindow ? t.windowStart : now.toISOString(),
    lockedUntil: locks ? new Date(now.getTime() + limit.lockMs).toISOString() : null,
  });
  return locks;
}

/**
 * Checks a username and password and opens a session. Every failure answers the same 401, whether the
 * name is unknown, the password wrong or the account disabled, so that answers do not reveal accounts.
 */
export async function login(
  db: Db,
  input: Login,
  ip: string,
  now: Date,
): Promise<{ token: string; info: SessionInfo; maxAgeMs: number }> {
  const userKey = `user:${input.username}`;
  const ipKey = `ip:${ip}`;
  const userLock = lockedFor(db, userKey, now);
  if (userLock > 0) {
    throw new TooManyRequestsError(
      'ACCOUNT_LOCKED',
      'Too many failed logins for this user; try again later.',
      Math.ceil(userLock / 1000),
    );
  }
  const ipLock = lockedFor(db, ipKey, now);
  if (ipLock > 0) {
    throw new TooManyRequestsError(
      'TOO_MANY_ATTEMPTS',
      'Too many failed logins from this address; try again later.',
      Math.ceil(ipLock / 1000),
    );
  }

  const user = findUserByUsername(db, input.username);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || user.disabled || !matches) {
    db.transaction(() => {
      const actor = { id: user?.id ?? null, username: input.username };
      recordAudit(db, actor, { action: 'auth.login_failed', entity: 'session', after: { ip } }, now);
      const userLocked = countFailure(db, userKey, LOGIN_LIMITS.user, now);
      const ipLocked = countFailure(db, ipKey, LOGIN_LIMITS.ip, now);
      if (userLocked || ipLocked) {
        const lock = userLocked ? LOGIN_LIMITS.user : LOGIN_LIMITS.ip;
        recordAudit(
          db,
          actor,
          {
            action: 'auth.lockout',
            entity: 'session',
            after: {
              ip,
              scope: userLocked ? 'user' : 'ip',
              until: new Date(now.getTime() + lock.lockMs).toISOString(),
            },
          },
          now,
        );
      }
    });
    throw new UnauthorizedError('The username or password is wrong.', 'INVALID_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  const session = db.transaction(() => {
    clearThrottle(db, userKey);
    deleteExpiredSessions(db, now.toISOString());
    const s = insertSession(db, {
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt,
    });
    recordAudit(db, user, { action: 'auth.login', entity: 'session', entityId: s.id, after: { ip } }, now);
    return s;
  });
  return {
    token,
    maxAgeMs: SESSION_TTL_MS,
    info: {
      user: { id: user.id, username: user.username, role: user.role },
      csrfToken: csrfTokenFor(token),
      expiresAt: session.expiresAt,
    },
  };
}

/** The session a cookie token stands for, or null when it is unknown, expired or its user disabled. */
export function authenticate(db: Db, token: string, now: Date): AuthContext | null {
  const found = findLiveSession(db, sha256(token), now.toISOString());
  if (!found || found.user.disabled) return null;
  const { session, user } = found;
  return {
    sessionId: session.id,
    user: { id: user.id, username: user.username, role: user.role },
    csrfToken: csrfTokenFor(token),
    expiresAt: session.expiresAt,
  };
}

export function logout(db: Db, ctx: AuthContext, now: Date): void {
  db.transaction(() => {
    deleteSession(db, ctx.sessionId);
    recordAudit(db, ctx.user, { action: 'auth.logout', entity: 'session', entityId: ctx.sessionId }, now);
  });
}

/**
 * A signed-in user replaces their own password; the other sessions of the user end, the one making the change
 * stays. A wrong current password counts against the same per-username throttle as a failed login (5 in 15
 * minutes lock the name for 15 minutes, login included), so a stolen session cannot guess the password any
 * faster than the login form lets anyone. The address throttle is left out: a session belongs to one user, so
 * there is no spreading of guesses over many names for it to catch.
 */
export async function changeOwnPassword(
  db: Db,
  ctx: AuthContext,
  input: PasswordChange,
  ip: string,
  now: Date,
): Promise<void> {
  const userKey = `user:${ctx.user.username}`;
  const lock = lockedFor(db, userKey, now);
  if (lock > 0) {
    throw new TooManyRequestsError(
      'ACCOUNT_LOCKED',
      'Too many wrong passwords for this user; try again later.',
      Math.ceil(lock / 1000),
    );
  }
  const user = getUser(db, ctx.user.id);
  if (!user) throw new UnauthorizedError();
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    // IMMEDIATE: countFailure reads the throttle row before it writes it, and other server processes write too.
    db.transaction(
      () => {
        recordAudit(
          db,
          ctx.user,
          { action: 'user.password_change_failed', entity: 'user', entityId: user.id, after: { ip } },
          now,
        );
        if (countFailure(db, userKey, LOGIN_LIMITS.user, now)) {
          const until = new Date(now.getTime() + LOGIN_LIMITS.user.lockMs).toISOString();
          recordAudit(
            db,
            ctx.user,
            { action: 'auth.lockout', entity: 'session', after: { ip, scope: 'user', until } },
            now,
          );
        }
      },
      { behavior: 'immediate' },
    );
    throw new BadRequestError(
      'The current password is wrong.',
      [{ path: 'currentPassword', message: 'the current password is wrong' }],
      'WRONG_PASSWORD',
    );
  }

  const passwordHash = await hashPassword(input.newPassword);
  // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
  db.transaction(
    () => {
      // Hashing took a while: if the password changed meanwhile (an admin's reset, another tab), the one just
      // verified is no longer the current one and must not authorise this change.
      if (getUser(db, user.id)?.passwordHash !== user.passwordHash) {
        throw new ConflictError('The password was changed meanwhile; sign in again with the new one.');
      }
      updateUser(db, user.id, { passwordHash, updatedAt: now.toISOString() });
      const endedSessions = deleteSessionsOfUser(db, user.id, ctx.sessionId);
      // Knowing the password clears the failures counted against the name, as a successful login does.
      clearThrottle(db, userKey);
      // Neither password nor hash goes in the log: only that it changed, from where, and what it ended.
      recordAudit(
        db,
        ctx.user,
        { action: 'user.password_change', entity: 'user', entityId: user.id, after: { ip, endedSessions } },
        now,
      );
    },
    { behavior: 'immediate' },
  );
}

export function sessionInfo(ctx: AuthContext): SessionInfo {
  return { user: ctx.user, csrfToken: ctx.csrfToken, expiresAt: ctx.expiresAt };
}
