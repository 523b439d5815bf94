import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { meta } from '../db/schema';

/** Read on every request (the status date), so built once per database rather than per call. */
const getMetaQuery = new WeakMap<Db, { get: (p: { key: string }) => { value: string } | undefined }>();

export function getMeta(db: Db, key: string): string | undefined {
  let q = getMetaQuery.get(db);
  if (!q) {
    q = db
      .select({ value: meta.value })
      .from(meta)
      .where(eq(meta.key, sql.placeholder('key')))
      .prepare();
    getMetaQuery.set(db, q);
  }
  return q.get({ key })?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}
