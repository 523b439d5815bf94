import { type SQL, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { TargetFilters, TargetListQuery } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { renderSql } from '../db/rows';
import { targets } from '../db/schema';
import { type TargetRow, targetRows } from './targets.repo';
import { DENSE_MATCHES, MAX_RANKED_MATCHES, metricMatches, rankedMatches } from './targets.search.repo';
import { effectiveSort, FILTER_KEYS, INDEXED_SORTS, orderBy, targetWhere } from './targets.where';

// Paged target lists and their row counts, kept per filter set until a write could change them.

function countTargetsWhere(db: Db, q: TargetFilters): number {
  if (!q.includeGone && FILTER_KEYS.every((k) => q[k] === undefined || q[k] === '')) {
    // Every live row: counted over the narrowest live index, which the planner, given `gone_at IS NULL`
    // alone, passes over for a scan of the whole table (≈ 10× slower at 100,000 targets).
    const row = db.$client
      .prepare('SELECT count(*) AS n FROM targets INDEXED BY targets_live_deadline_month_idx WHERE gone_at IS NULL')
      .get() as { n: number };
    return row.n;
  }
  return db.select({ n: sql<number>`count(*)` }).from(targets).where(targetWhere(q)).get()?.n ?? 0;
}

/** Counts kept per filter set (least recently stored out beyond this many). */
const COUNT_CACHE_SIZE = 500;
const countCache = new WeakMap<Db, LRUCache<string, { rows: number; statuses: number; total: number }>>();

/**
 * The number of rows a filter set matches, kept until a write could change it: the list-version counters
 * (raised by triggers, so by every connection and process) say when. Counting a province's or the whole
 * table's live rows costs milliseconds, paid on every page turn before; new actuals, the commonest write, move
 * only statuses, so lists not filtered by status keep their count through them. The counters are read before
 * counting, in one snapshot, so a count is never filed under a version older than the data it saw.
 */
function cachedCount(db: Db, q: TargetFilters): number {
  // A new actual moves a row's as-of date without raising either counter: such lists are counted every time.
  if (q.reportedBefore) return countTargetsWhere(db, q);
  return db.$client.transaction(() => {
    const v = listVersion(db);
    const statuses = q.status ? v.statuses : 0;
    const key = JSON.stringify([...FILTER_KEYS.map((k) => q[k] ?? null), q.includeGone ?? false]);
    const cache = countCache.get(db) ?? new LRUCache({ max: COUNT_CACHE_SIZE });
    countCache.set(db, cache);
    const hit = cache.get(key);
    if (hit && hit.rows === v.rows && hit.statuses === statuses) return hit.total;
    const total = countTargetsWhere(db, q);
    cache.set(key, { rows: v.rows, statuses, total });
    return total;
  })();
}

/** Pages' ids kept per query (least recently stored out beyond this many). */
const PAGE_CACHE_SIZE = 1000;
const pageCache = new WeakMap<Db, LRUCache<string, { rows: number; statuses: number; ids: number[] }>>();

/**
 * Sorts whose order only columns the list-version counters watch can change (see `listVersion`): a page under
 * them keeps its ids until `rows` (or, for `status`, `statuses`) moves. Value, progress, confidence and
 * updatedAt change with every actual or edit, so those pages are looked up every time.
 */
const VERSIONED_SORTS = new Set<TargetListQuery['sort']>([
  'relevance',
  'id',
  'deadline',
  'region',
  'theme',
  'metric',
  'status',
]);

/**
 * A page of the metrics table and the number of rows its filters match, read in one snapshot. The page's ids are
 * kept per query like the counts (cachedCount): a broad search orders thousands of matches for its first page
 * (9 ms for 算力 at 100,000 targets), and it is asked again and again while nobody edits what it matches; new
 * actuals, the commonest write, leave those ids alone. The rows themselves — latest actual, progress, status —
 * are always read fresh.
 */
export function listTargets(db: Db, q: TargetListQuery): { rows: TargetRow[]; total: number } {
  return db.$client.transaction(() => {
    const { ids, total } = listTargetIds(db, q);
    return { rows: rowsInOrder(db, ids), total };
  })();
}

/** The ids of a page of the metrics table, in order, and the number of rows its filters match (see listTargets). */
export function listTargetIds(db: Db, q: TargetListQuery): { ids: number[]; total: number } {
  return db.$client.transaction(() => {
    const total = cachedCount(db, q);
    const sort = effectiveSort(q);
    if (q.reportedBefore || !VERSIONED_SORTS.has(sort)) return { ids: pageIds(db, q, total), total };
    const v = listVersion(db);
    const statuses = q.status?.length || sort === 'status' ? v.statuses : 0;
    const key = JSON.stringify([
      ...FILTER_KEYS.map((k) => q[k] ?? null),
      q.includeGone ?? false,
      sort,
      q.order,
      q.page,
      q.pageSize,
    ]);
    const cache = pageCache.get(db) ?? new LRUCache({ max: PAGE_CACHE_SIZE });
    pageCache.set(db, cache);
    const hit = cache.get(key);
    if (hit && hit.rows === v.rows && hit.statuses === statuses) return { ids: hit.ids, total };
    const ids = pageIds(db, q, total);
    cache.set(key, { rows: v.rows, statuses, ids });
    return { ids, total };
  })();
}

/** The ids of a page, in order. */
function pageIds(db: Db, q: TargetListQuery, total: number): number[] {
  const sort = effectiveSort(q);
  const ranked = sort === 'relevance' && q.q && total <= MAX_RANKED_MATCHES ? rankedMatches(q.q) : null;
  if (ranked) return rankedPageIds(db, q, ranked);
  const metricFirst = sort === 'relevance' && q.q && total < DENSE_MATCHES ? metricMatches(q.q) : null;
  if (metricFirst) return metricFirstPageIds(db, q, metricFirst);
  const where = renderSql(
    targetWhere(q, { deadlineIndex: !INDEXED_SORTS.has(sort), denseSearch: total >= DENSE_MATCHES }) ?? sql`1`,
  );
  const order = renderSql(sql.join(orderBy(sort, q.order), sql`, `)).sql;
  // From an index where one fits the sort: a deep page skips its offset over narrow index entries instead of
  // reading whole rows (late row lookup, in rowsInOrder).
  return db.$client
    .prepare(`SELECT "targets"."id" FROM targets WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, q.pageSize, (q.page - 1) * q.pageSize) as number[];
}

/** A page of a broad search (see MAX_RANKED_MATCHES): metric matches first, then the rest, each by id. */
function metricFirstPageIds(db: Db, q: TargetListQuery, inMetric: SQL): number[] {
  const where = renderSql(targetWhere(q) ?? sql`1`);
  const first = renderSql(inMetric);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  return db.$client
    .prepare(
      `SELECT "targets"."id" FROM targets WHERE ${where.sql}
        ORDER BY (${first.sql}) ${dir === 'ASC' ? 'DESC' : 'ASC'}, "targets"."id" ${dir} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...where.params, ...first.params, q.pageSize, (q.page - 1) * q.pageSize) as number[];
}

/**
 * A page of a search ordered by relevance: the matching rows with their bm25 scores (best first, `desc` turns it
 * round; rows found by a region name alone, without a score, last), ties by id. The scores are computed once for
 * every match (MATERIALIZED): pushed into the index row by row, each took ≈ 0.8 ms.
 */
function rankedPageIds(db: Db, q: TargetListQuery, ranked: SQL): number[] {
  const where = renderSql(targetWhere(q) ?? sql`1`);
  const matches = renderSql(ranked);
  const dir = q.order === 'desc' ? 'DESC' : 'ASC';
  return db.$client
    .prepare(
      `WITH s AS MATERIALIZED ${matches.sql}
       SELECT "targets"."id" FROM targets LEFT JOIN s ON s.rid = "targets"."id"
        WHERE ${where.sql} ORDER BY s.score IS NULL, s.score ${dir}, "targets"."id" ${dir} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...matches.params, ...where.params, q.pageSize, (q.page - 1) * q.pageSize) as number[];
}

/**
 * Whole rows of these ids, in this order. A search page is ordered by something no index holds (a score, a
 * match in the metric), so SQLite sorts every match: sorting ids and reading 50 rows afterwards, rather than
 * sorting whole rows, took a 5G page from 30 to a few ms.
 */
export function rowsInOrder(db: Db, ids: readonly number[]): TargetRow[] {
  if (!ids.length) return [];
  const rows = db.$client
    .prepare(`SELECT ${targetRows.columns} FROM targets WHERE "targets"."id" IN (SELECT value FROM json_each(?))`)
    .raw(true)
    .all(JSON.stringify(ids)) as unknown[][];
  const byId = new Map(rows.map((a) => targetRows.fromArray(a)).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The stamps (see schema.ts `stamp`) of these targets, by id; missing ids are absent. */
export function stampsOf(db: Db, ids: readonly number[]): Map<number, number> {
  const rows = db.$client
    .prepare('SELECT id, stamp FROM targets WHERE id IN (SELECT value FROM json_each(?))')
    .raw(true)
    .all(JSON.stringify(ids)) as [number, number][];
  return new Map(rows);
}

/** The counters the list-version triggers raise (see schema.ts `targetListVersion`). */
export function listVersion(db: Db): { rows: number; statuses: number } {
  return (
    (db.$client.prepare('SELECT rows, statuses FROM target_list_version WHERE id = 1').get() as
      | { rows: number; statuses: number }
      | undefined) ?? { rows: 0, statuses: 0 }
  );
}

/** Live targets, as the health check reports them (the cached count of the unfiltered list). */
export function countTargets(db: Db): number {
  return cachedCount(db, {} as TargetFilters);
}
