import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { TargetFilters, TargetListQuery } from '../../shared/schemas/target';
import { targets } from '../db/schema';
import { regionCodeRange } from '../lib/regions';
import { searchCondition } from './targets.search.repo';

// The SQL every filtered read of targets shares: the WHERE of a filter set, the ORDER BY of a sort.

/** A filter bound as a month: a bare year starts in January (from) or ends in December (to). */
function monthOf(bound: string, monthIfYear: '01' | '12'): string {
  return bound.length === 4 ? `${bound}-${monthIfYear}` : bound;
}

/**
 * The WHERE clause of the shared filters; a region includes every code below it. `deadlineIndex: false`
 * writes the deadline bounds so that SQLite cannot use the deadline index for them (a unary `+`): for a
 * page sorted along one of the live sort indexes, walking that index in order and checking the deadline
 * stored in it beats collecting every row in the range and sorting them, which the planner would choose.
 * `denseSearch` checks a search per row instead of collecting its matches first (targets.search.repo.ts).
 */
export function targetWhere(f: TargetFilters, { deadlineIndex = true, denseSearch = false } = {}): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.region) {
    const { from, to } = regionCodeRange(f.region);
    c.push(from === to ? eq(targets.regionCode, from) : sql`${targets.regionCode} BETWEEN ${from} AND ${to}`);
  }
  // Several values are `IN (…)`, which SQLite reads as one equality per value off the same indexes.
  if (f.theme?.length) c.push(inArray(targets.theme, f.theme));
  if (f.kind) c.push(eq(targets.kind, f.kind));
  if (f.status?.length) c.push(inArray(targets.status, f.status));
  if (f.binding) c.push(eq(targets.binding, f.binding));
  if (f.review) c.push(eq(targets.review, f.review));
  // Deadlines are YYYY or YYYY-MM; a bare year means its end (2025 = 2025-12), so bounds compare against
  // that month (the stored, indexed `deadline_month`), and YYYY-MM strings sort in time order as text.
  const month = deadlineIndex ? sql`${targets.deadlineMonth}` : sql`+${targets.deadlineMonth}`;
  if (f.deadlineFrom) c.push(sql`${month} >= ${monthOf(f.deadlineFrom, '01')}`);
  if (f.deadlineTo) c.push(sql`${month} <= ${monthOf(f.deadlineTo, '12')}`);
  if (f.document) c.push(eq(targets.documentId, f.document));
  if (f.reportedBefore) c.push(sql`${targets.latestActualAsOf} < ${f.reportedBefore}`);
  // Full-text indexes (targets.search.repo.ts), not LIKE over the table.
  if (f.q) c.push(searchCondition(f.q, { dense: denseSearch }));
  if (!f.includeGone) c.push(isNull(targets.goneAt));
  return and(...c);
}

const SORT_COLUMNS = {
  // Relevance needs the search's scores (listTargets joins them); where they are not at hand, id order.
  relevance: targets.id,
  id: targets.id,
  deadline: targets.deadline,
  region: targets.regionCode,
  theme: targets.theme,
  metric: targets.metric,
  value: targets.normalizedValue,
  progress: targets.progress,
  status: targets.status,
  confidence: targets.confidence,
  updatedAt: targets.updatedAt,
} as const;

/** Sort keys that may be NULL; the others are NOT NULL columns. */
const NULLABLE_SORTS = new Set<TargetListQuery['sort']>(['deadline', 'progress']);

/** The sort a list query asks for: by relevance when searching and no sort is given, else by id. */
export function effectiveSort(q: Pick<TargetListQuery, 'sort' | 'q'>): NonNullable<TargetListQuery['sort']> {
  return q.sort ?? (q.q ? 'relevance' : 'id');
}

export function orderBy(sort: NonNullable<TargetListQuery['sort']>, order: TargetListQuery['order']) {
  const col = SORT_COLUMNS[sort];
  // Rows with no value for the sort key go last either way; id keeps pages stable. SQLite sorts NULL
  // first, so only an ascending sort on a nullable key needs `IS NULL` in front — written exactly as the
  // targets_live_*_asc_idx indexes are, so that those indexes give the order and no sort is needed.
  if (order === 'desc') return [desc(col), desc(targets.id)];
  return NULLABLE_SORTS.has(sort) ? [sql`${col} IS NULL`, asc(col), asc(targets.id)] : [asc(col), asc(targets.id)];
}

/** Sorts whose order a live index gives (targets_live_*_idx, and the primary key for id). */
export const INDEXED_SORTS = new Set<TargetListQuery['sort']>(['relevance', 'id', 'deadline', 'progress', 'updatedAt']);

export const FILTER_KEYS = [
  'region',
  'theme',
  'kind',
  'status',
  'binding',
  'review',
  'deadlineFrom',
  'deadlineTo',
  'document',
  'reportedBefore',
  'q',
] as const;
