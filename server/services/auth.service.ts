import { createHash, createHmac, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
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

/** How long to wait when the last tries allowed are still being checked (their outcome decides on a lock). */
const PENDING_RETRY_MS = 1000;

/**
 * Counts an attempt against a key before its password is checked, in the caller's IMMEDIATE transaction, and
 * returns 0; or, without counting, how many ms the caller must wait: the key is locked, or as many tries as
 * the limit allows are already counted in the window (failed, or still being hashed). Counting before the
 * ~150 ms hash is what makes the check atomic: 60 guesses sent at once cannot all pass a check that none of
 * them has yet counted against (issue 11). A try that turns out right is taken back by `settleSuccess`.
 */
function reserveAttempt(db: Db, key: string, limit: LoginLimit, now: Date): number {
  const t = getThrottle(db, key);
  const nowMs = now.getTime();
  if (t?.lockedUntil && Date.parse(t.lockedUntil) > nowMs) return Date.parse(t.lockedUntil) - nowMs;
  const inWindow = t && nowMs - Date.parse(t.windowStart) < limit.windowMs;
  const counted = inWindow ? t.failures : 0;
  if (counted >= limit.maxFailures) return PENDING_RETRY_MS;
  saveThrottle(db, {
    key,
    failures: counted + 1,
    windowStart: inWindow ? t.windowStart : now.toISOString(),
    lockedUntil: null,
  });
  return 0;
}

/**
 * A reserved try failed: it stays counted; returns true when this failure starts the lock (the limit is
 * reached and no lock is in force). It never clears a lock, whoever set it.
 */
function settleFailure(db: Db, key: string, limit: LoginLimit, now: Date): boolean {
  const t = getThrottle(db, key);
  if (!t) {
    // A right password cleared the count while this one was hashed: count it afresh.
    saveThrottle(db, { key, failures: 1, windowStart: now.toISOString(), lockedUntil: null });
    return false;
  }
  if (t.lockedUntil && Date.parse(t.lockedUntil) > now.getTime()) return false;
  if (t.failures < limit.maxFailures) return false;
  saveThrottle(db, { ...t, failures: 0, lockedUntil: new Date(now.getTime() + limit.lockMs).toISOString() });
  return true;
}

/** Takes back a reserved try that turned out right, leaving any lock as it is. */
function releaseAttempt(db: Db, key: string): void {
  const t = getThrottle(db, key);
  if (t && t.failures > 0) saveThrottle(db, { ...t, failures: t.failures - 1 });
}

const accountLocked = (ms: number) =>
  new TooManyRequestsError(
    'ACCOUNT_LOCKED',
    'Too many failed logins for this user; try again later.',
    Math.ceil(ms / 1000),
  );
const addressLocked = (ms: number) =>
  new TooManyRequestsError(
    'TOO_MANY_ATTEMPTS',
    'Too many failed logins from this address; try again later.',
    Math.ceil(ms / 1000),
  );

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
  // Checked and counted in one IMMEDIATE transaction (other requests and server processes do the same).
  db.transaction(
    () => {
      const userWait = reserveAttempt(db, userKey, LOGIN_LIMITS.user, now);
      if (userWait > 0) throw accountLocked(userWait);
      const ipWait = reserveAttempt(db, ipKey, LOGIN_LIMITS.ip, now);
      if (ipWait > 0) {
        releaseAttempt(db, userKey);
        throw addressLocked(ipWait);
      }
    },
    { behavior: 'immediate' },
  );

  const user = findUserByUsername(db, input.username);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || user.disabled || !matches) {
    db.transaction(
      () => {
        const actor = { id: user?.id ?? null, username: input.username };
        recordAudit(db, actor, { action: 'auth.login_failed', entity: 'session', after: { ip } }, now);
        const userLocked = settleFailure(db, userKey, LOGIN_LIMITS.user, now);
        const ipLocked = settleFailure(db, ipKey, LOGIN_LIMITS.ip, now);
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
      },
      { behavior: 'immediate' },
    );
    throw new UnauthorizedError('The username or password is wrong.', 'INVALID_CREDENTIALS');
  }

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  const session = db.transaction(
    () => {
      // A lock other tries set while this one was hashed holds for it too: no login succeeds during a lock.
      const userLock = lockedFor(db, userKey, now);
      if (userLock > 0) throw accountLocked(userLock);
      const ipLock = lockedFor(db, ipKey, now);
      if (ipLock > 0) throw addressLocked(ipLock);
      clearThrottle(db, userKey);
      releaseAttempt(db, ipKey);
      deleteExpiredSessions(db, now.toISOString());
      const s = insertSession(db, {
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt,
      });
      recordAudit(db, user, { action: 'auth.login', entity: 'session', entityId: s.id, after: { ip } }, now);
      return s;
    },
    { behavior: 'immediate' },
  );
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
  const derived = derivedOf(token);
  const found = findLiveSession(db, derived.hash, now.toISOString());
  if (!found || found.user.disabled) return null;
  const { session, user } = found;
  return {
    sessionId: session.id,
    user: { id: user.id, username: user.username, role: user.role },
    csrfToken: derived.csrf,
    expiresAt: session.expiresAt,
  };
}

/**
 * A token's hash and CSRF token, kept per token presented (least recently used out): both are functions of the
 * token alone, and working them out on every request (a SHA-256 and an HMAC) was a tenth of the cost of a small
 * one. Whether the session is still valid is asked of the database on every request all the same.
 */
const derived = new LRUCache<string, { hash: string; csrf: string }>({ max: 2000 });

function derivedOf(token: string): { hash: string; csrf: string } {
  let d = derived.get(token);
  if (!d) {
    d = { hash: sha256(token), csrf: csrfTokenFor(token) };
    derived.set(token, d);
  }
  return d;
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
  // Checked and counted before the hash, atomically, as a login is (see reserveAttempt).
  const wait = db.transaction(() => reserveAttempt(db, userKey, LOGIN_LIMITS.user, now), { behavior: 'immediate' });
  if (wait > 0) {
    throw new TooManyRequestsError(
      'ACCOUNT_LOCKED',
      'Too many wrong passwords for this user; try again later.',
      Math.ceil(wait / 1000),
    );
  }
  const user = getUser(db, ctx.user.id);
  if (!user) throw new UnauthorizedError();
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    db.transaction(
      () => {
        recordAudit(
          db,
          ctx.user,
          { action: 'user.password_change_failed', entity: 'user', entityId: user.id, after: { ip } },
          now,
        );
        if (settleFailure(db, userKey, LOGIN_LIMITS.user, now)) {
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
      // Wrong tries sent alongside this one locked the name while it was hashed: the lock holds for it too.
      const lock = lockedFor(db, userKey, now);
      if (lock > 0) {
        throw new TooManyRequestsError(
          'ACCOUNT_LOCKED',
          'Too many wrong passwords for this user; try again later.',
          Math.ceil(lock / 1000),
        );
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
