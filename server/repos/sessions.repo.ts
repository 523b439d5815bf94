import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginThrottle, sessions, users } from '../db/schema';
import type { UserRow } from './users.repo';

export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;

export function insertSession(db: Db, row: typeof sessions.$inferInsert): SessionRow {
  return db.insert(sessions).values(row).returning().get();
}

type LiveSession = { session: SessionRow; user: UserRow };

/** Run on every request, so the query is built once per database and only executed per call. */
const liveSessionQuery = new WeakMap<Db, { get: (p: { tokenHash: string; now: string }) => LiveSession | undefined }>();

/** The unexpired session with this token hash and its user. */
export function findLiveSession(db: Db, tokenHash: string, nowIso: string): LiveSession | undefined {
  let q = liveSessionQuery.get(db);
  if (!q) {
    q = db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
      .prepare();
    liveSessionQuery.set(db, q);
  }
  return q.get({ tokenHash, now: nowIso });
}

export function deleteSession(db: Db, id: number): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

/** Ends a user's sessions, all of them or all but one (the admin's own when they change themselves). */
export function deleteSessionsOfUser(db: Db, userId: number, exceptSessionId?: number): void {
  const where =
    exceptSessionId === undefined
      ? eq(sessions.userId, userId)
      : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
  db.delete(sessions).where(where).run();
}

export function deleteExpiredSessions(db: Db, nowIso: string): void {
  db.delete(sessions).where(lte(sessions.expiresAt, nowIso)).run();
}

export function getThrottle(db: Db, key: string): ThrottleRow | undefined {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

export function saveThrottle(db: Db, row: ThrottleRow): void {
  const { key, ...set } = row;
  db.insert(loginThrottle).values(row).onConflictDoUpdate({ target: loginThrottle.key, set }).run();
}

export function clearThrottle(db: Db, key: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
