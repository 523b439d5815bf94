import { and, eq, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowReader } from '../db/rows';
import { loginThrottle, sessions, users } from '../db/schema';
import type { UserRow } from './users.repo';

export type SessionRow = typeof sessions.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;

export function insertSession(db: Db, row: typeof sessions.$inferInsert): SessionRow {
  return db.insert(sessions).values(row).returning().get();
}

type LiveSession = { session: SessionRow; user: UserRow };

const sessionRows = rowReader(sessions);
const userRows = rowReader(users);

/** The unexpired session with this token hash and its user. Run on every request, so read without drizzle's builder. */
export function findLiveSession(db: Db, tokenHash: string, nowIso: string): LiveSession | undefined {
  const row = db.$client
    .prepare(
      `SELECT ${sessionRows.columns}, ${userRows.columns} FROM sessions JOIN users ON users.id = sessions.user_id
        WHERE sessions.token_hash = ? AND sessions.expires_at > ?`,
    )
    .raw(true)
    .get(tokenHash, nowIso) as unknown[] | undefined;
  return row === undefined
    ? undefined
    : { session: sessionRows.fromArray(row), user: userRows.fromArray(row, sessionRows.width) };
}

export function deleteSession(db: Db, id: number): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

/**
 * Ends a user's sessions, all of them or all but one (the one making the change, when a user changes their own
 * password); returns how many ended.
 */
export function deleteSessionsOfUser(db: Db, userId: number, exceptSessionId?: number): number {
  const where =
    exceptSessionId === undefined
      ? eq(sessions.userId, userId)
      : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
  return db.delete(sessions).where(where).run().changes;
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
