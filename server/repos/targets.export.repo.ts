import type { TargetFilters, TargetListQuery } from '../../shared/schemas/target';
import { type Db, openReader } from '../db/client';
import { targets } from '../db/schema';
import { INDEXED_SORTS, orderBy, targetWhere } from './targets.where';

// The CSV export's columns and the cursor that reads them.

/** A targets CSV export: each column's header and what it reads, in order — the one list both come from. */
export const EXPORT_COLUMNS = [
  { header: 'id', column: targets.id },
  { header: 'region', column: targets.region },
  { header: 'region code', column: targets.regionCode },
  { header: 'theme', column: targets.theme },
  { header: 'metric', column: targets.metric },
  { header: 'comparator', column: targets.comparator },
  { header: 'value', column: targets.value },
  { header: 'value max', column: targets.valueMax },
  { header: 'unit', column: targets.unit },
  { header: 'deadline', column: targets.deadline },
  { header: 'latest actual', column: targets.latestActualValue },
  { header: 'as-of', column: targets.latestActualAsOf },
  { header: 'progress %', column: targets.progress },
  { header: 'status', column: targets.status },
  { header: 'review status', column: targets.review },
  { header: 'document', column: targets.sourceFile },
  { header: 'line', column: targets.line },
  { header: 'quote', column: targets.quote },
] as const;

/**
 * Every filtered row as an array of the EXPORT_COLUMNS values (all text or numbers, as stored), read
 * through a live cursor one at a time so that an export of 100,000 rows never holds them all in memory.
 * Only those columns, as arrays: a cursor step costs per column and per object key, and whole rows made
 * an export of 100,000 targets three times slower. The cursor runs on its own read-only connection: a
 * better-sqlite3 connection can run nothing else while a cursor is open on it, and the export is paced by
 * a client that may read slowly while other requests go on. WAL gives the cursor a stable snapshot.
 */
export function* iterateExportRows(
  db: Db,
  f: TargetFilters,
  sort: TargetListQuery['sort'] = 'id',
  order: TargetListQuery['order'] = 'asc',
): Generator<unknown[]> {
  const { sql: text, params } = db
    .select(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, c.column])))
    .from(targets)
    .where(targetWhere(f, { deadlineIndex: !INDEXED_SORTS.has(sort) }))
    .orderBy(...orderBy(sort, order))
    .toSQL();
  const reader = openReader(db);
  try {
    yield* reader
      .prepare(text)
      .raw(true)
      .iterate(...params) as Iterable<unknown[]>;
  } finally {
    reader.close();
  }
}
