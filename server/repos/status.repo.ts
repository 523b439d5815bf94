import type { Db } from '../db/client';

/**
 * The next `limit` target ids after `afterId`, in id order: how the chunked status refresh walks the table
 * (keyset paging on the primary key, so each chunk costs the same however far in it is).
 */
export function targetIdsAfter(db: Db, afterId: number, limit: number): number[] {
  return db.$client
    .prepare('SELECT id FROM targets WHERE id > ? ORDER BY id LIMIT ?')
    .pluck()
    .all(afterId, limit) as number[];
}
