import { asc, count, eq } from 'drizzle-orm';
import type { TargetFilters, TargetListQuery } from '../../shared/schemas/target';
import { type Db, openReader } from '../db/client';
import { actuals, documents, targets } from '../db/schema';
import { INDEXED_SORTS, orderBy, targetWhere } from './targets.where';

// The exports' cursors: the filtered targets, and the actuals of the filtered targets.

/**
 * What a targets export reads of each row, in order. The document's title comes from `documents`, joined by
 * the target's document id, its primary key: one row per target, never more (a join on anything that is not
 * unique on the other side — a document's articles, a target's actuals — would repeat the target's row).
 */
export const EXPORT_FIELDS = {
  id: targets.id,
  region: targets.region,
  regionCode: targets.regionCode,
  theme: targets.theme,
  kind: targets.kind,
  metric: targets.metric,
  comparator: targets.comparator,
  value: targets.value,
  valueMax: targets.valueMax,
  unit: targets.unit,
  deadline: targets.deadline,
  latestActual: targets.latestActualValue,
  latestActualAsOf: targets.latestActualAsOf,
  progress: targets.progress,
  status: targets.status,
  review: targets.review,
  binding: targets.binding,
  document: documents.title,
  line: targets.line,
  quote: targets.quote,
} as const;
export type ExportField = keyof typeof EXPORT_FIELDS;
export const EXPORT_FIELD_KEYS = Object.keys(EXPORT_FIELDS) as ExportField[];

/**
 * Every filtered row as an array of the EXPORT_FIELDS values (as stored), read through a live cursor one at a
 * time so that an export of 100,000 rows never holds them all in memory. Only those columns, as arrays: a cursor
 * step costs per column and per object key, and whole rows made an export of 100,000 targets three times slower.
 * The cursor runs on its own read-only connection: a better-sqlite3 connection can run nothing else while a
 * cursor is open on it, and the export is paced by a client that may read slowly while other requests go on.
 * WAL gives the cursor a stable snapshot.
 */
export function* iterateExportRows(
  db: Db,
  f: TargetFilters,
  sort: TargetListQuery['sort'] = 'id',
  order: TargetListQuery['order'] = 'asc',
): Generator<unknown[]> {
  const { sql: text, params } = db
    .select(EXPORT_FIELDS)
    .from(targets)
    .innerJoin(documents, eq(documents.id, targets.documentId))
    .where(targetWhere(f, { deadlineIndex: !INDEXED_SORTS.has(sort) }))
    .orderBy(...orderBy(sort, order))
    .toSQL();
  yield* iterateRaw(db, text, params);
}

export const ACTUAL_EXPORT_FIELDS = {
  id: actuals.id,
  targetId: actuals.targetId,
  region: targets.region,
  regionCode: targets.regionCode,
  metric: targets.metric,
  value: actuals.value,
  unit: targets.unit,
  asOf: actuals.asOf,
  note: actuals.note,
  enteredBy: actuals.enteredBy,
  enteredAt: actuals.enteredAt,
  supersededBy: actuals.supersededBy,
} as const;
export type ActualExportField = keyof typeof ACTUAL_EXPORT_FIELDS;
export const ACTUAL_EXPORT_FIELD_KEYS = Object.keys(ACTUAL_EXPORT_FIELDS) as ActualExportField[];

/** The actuals of the filtered targets (all of them without filters), by target, date and id, as arrays. */
export function* iterateExportActuals(db: Db, f: TargetFilters): Generator<unknown[]> {
  const { sql: text, params } = db
    .select(ACTUAL_EXPORT_FIELDS)
    .from(actuals)
    .innerJoin(targets, eq(targets.id, actuals.targetId))
    .where(targetWhere(f))
    .orderBy(asc(actuals.targetId), asc(actuals.asOf), asc(actuals.id))
    .toSQL();
  yield* iterateRaw(db, text, params);
}

function* iterateRaw(db: Db, text: string, params: unknown[]): Generator<unknown[]> {
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

/** How many targets a filter set exports. */
export function countExportRows(db: Db, f: TargetFilters): number {
  return db.select({ n: count() }).from(targets).where(targetWhere(f)).get()?.n ?? 0;
}
