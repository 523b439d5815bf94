import type { Db } from '../db/client';
import { meta } from '../db/schema';

/** Read on every request (the status date): a plain prepared read, without drizzle's row mapping. */
export function getMeta(db: Db, key: string): string | undefined {
  return db.$client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}
