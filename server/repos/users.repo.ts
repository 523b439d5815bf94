import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export function insertUser(db: Db, row: NewUserRow): UserRow {
  return db.insert(users).values(row).returning().get();
}

export function getUser(db: Db, id: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findUserByUsername(db: Db, username: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export function listUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
}

export function updateUser(db: Db, id: number, set: Partial<NewUserRow>): UserRow {
  const row = db.update(users).set(set).where(eq(users.id, id)).returning().get();
  if (!row) throw new Error(`user ${id} vanished during update`);
  return row;
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}

export function countActiveAdmins(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
      .get()?.n ?? 0
  );
}
