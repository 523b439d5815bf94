import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Target, TargetFilters, TargetListQuery } from '../../shared/schemas/target';
import type { Kind, ThemeKey } from '../../shared/taxonomy';
import { type Db, openReader } from '../db/client';
import { renderSql, rowReader } from '../db/rows';
import { targetRollup, targets } from '../db/schema';
import { regionCodeRange } from '../lib/regions';

export type TargetRow = typeof targets.$inferSelect;
export type NewTargetRow = typeof targets.$inferInsert;

/** A filter bound as a month: a bare year starts in January (from) or ends in December (to). */
function monthOf(bound: string, monthIfYear: '01' | '12'): string {
  return bound.length === 4 ? `${bound}-${monthIfYear}` : bound;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The WHERE clause of the shared filters; a region includes every code below it. `deadlineIndex: false`
 * writes the deadline bounds so that SQLite cannot use the deadline index for them (a unary `+`): for a
 * page sorted along one of the live sort indexes, walking that index in order and checking the deadline
 * stored in it beats collecting every row in the range and sorting them, which the planner would choose.
 */
export function targetWhere(f: TargetFilters, { deadlineIndex = true } = {}): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.region) {
    const { from, to } = regionCodeRange(f.region);
    c.push(from === to ? eq(targets.regionCode, from) : sql`${targets.regionCode} BETWEEN ${from} AND ${to}`);
  }
  if (f.theme) c.push(eq(targets.theme, f.theme));
  if (f.kind) c.push(eq(targets.kind, f.kind));
  if (f.status) c.push(eq(targets.status, f.status));
  if (f.review) c.push(eq(targets.review, f.review));
  // Deadlines are YYYY or YYYY-MM; a bare year means its end (2025 = 2025-12), so bounds compare against
  // that month (the stored, indexed `deadline_month`), and YYYY-MM strings sort in time order as text.
  const month = deadlineIndex ? sql`${targets.deadlineMonth}` : sql`+${targets.deadlineMonth}`;
  if (f.deadlineFrom) c.push(sql`${month} >= ${monthOf(f.deadlineFrom, '01')}`);
  if (f.deadlineTo) c.push(sql`${month} <= ${monthOf(f.deadlineTo, '12')}`);
  if (f.document) c.push(eq(targets.documentId, f.document));
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    c.push(or(sql`${targets.metric} LIKE ${pattern} ESCAPE '\\'`, sql`${targets.quote} LIKE ${pattern} ESCAPE '\\'`));
  }
  if (!f.includeGone) c.push(isNull(targets.goneAt));
  return and(...c);
}

const SORT_COLUMNS = {
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

function orderBy(sort: TargetListQuery['sort'], order: TargetListQuery['order']) {
  const col = SORT_COLUMNS[sort];
  // Rows with no value for the sort key go last either way; id keeps pages stable. SQLite sorts NULL
  // first, so only an ascending sort on a nullable key needs `IS NULL` in front — written exactly as the
  // targets_live_*_asc_idx indexes are, so that those indexes give the order and no sort is needed.
  if (order === 'desc') return [desc(col), desc(targets.id)];
  return NULLABLE_SORTS.has(sort) ? [sql`${col} IS NULL`, asc(col), asc(targets.id)] : [asc(col), asc(targets.id)];
}

/** Sorts whose order a live index gives (targets_live_*_idx, and the primary key for id). */
const INDEXED_SORTS = new Set<TargetListQuery['sort']>(['id', 'deadline', 'progress', 'updatedAt']);

const FILTER_KEYS = [
  'region',
  'theme',
  'kind',
  'status',
  'review',
  'deadlineFrom',
  'deadlineTo',
  'document',
  'q',
] as const;

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

export function listTargets(db: Db, q: TargetListQuery): { rows: TargetRow[]; total: number } {
  const total = cachedCount(db, q);
  const where = renderSql(targetWhere(q, { deadlineIndex: !INDEXED_SORTS.has(q.sort) }) ?? sql`1`);
  const order = renderSql(sql.join(orderBy(q.sort, q.order), sql`, `)).sql;
  // The page's ids first, from an index where one fits the sort, then only those rows: a deep page
  // skips its offset over narrow index entries instead of reading whole rows (late row lookup).
  const rows = db.$client
    .prepare(
      `SELECT ${targetRows.columns} FROM targets WHERE "targets"."id" IN
         (SELECT "targets"."id" FROM targets WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?)
       ORDER BY ${order}`,
    )
    .raw(true)
    .all(...where.params, q.pageSize, (q.page - 1) * q.pageSize) as unknown[][];
  return { rows: rows.map((a) => targetRows.fromArray(a)), total };
}

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

/** Whole target rows read without drizzle's builder (see db/rows.ts); the hot paths use it. */
const targetRows = rowReader(targets);

export function getTarget(db: Db, id: number): TargetRow | undefined {
  const row = db.$client
    .prepare(`SELECT ${targetRows.columns} FROM targets WHERE "targets"."id" = ?`)
    .raw(true)
    .get(id) as unknown[] | undefined;
  return row === undefined ? undefined : targetRows.fromArray(row);
}

export function targetsOfDocument(db: Db, documentId: number): TargetRow[] {
  return db.select().from(targets).where(eq(targets.documentId, documentId)).orderBy(asc(targets.line)).all();
}

export function allTargetIds(db: Db): number[] {
  return db
    .select({ id: targets.id })
    .from(targets)
    .all()
    .map((r) => r.id);
}

export function insertTarget(db: Db, row: NewTargetRow): TargetRow {
  return db.insert(targets).values(row).returning().get();
}

export function updateTarget(db: Db, id: number, set: Partial<NewTargetRow>): void {
  db.update(targets).set(set).where(eq(targets.id, id)).run();
}

/**
 * Writes a change only if the row still has the version the writer read (optimistic concurrency);
 * returns false when someone else's write came first and nothing was changed.
 */
export function updateTargetIfVersion(db: Db, id: number, version: number, set: Partial<NewTargetRow>): boolean {
  const res = db
    .update(targets)
    .set({ ...set, version: version + 1 })
    .where(and(eq(targets.id, id), eq(targets.version, version)))
    .run();
  return res.changes === 1;
}

export function markGone(db: Db, ids: number[], at: string): void {
  if (ids.length) db.update(targets).set({ goneAt: at }).where(inArray(targets.id, ids)).run();
}

/** Live targets, as the health check reports them (the cached count of the unfiltered list). */
export function countTargets(db: Db): number {
  return cachedCount(db, {} as TargetFilters);
}

export interface SummaryCell {
  /**
   * Which groupings the cell counts in: `all` (a region × theme × year × status cell, counted everywhere) or,
   * from target_rollup, one grouping only — `region` (province × status, also the totals), `theme`
   * (theme × status), `year` (year × status) or `matrix` (province × theme, no status).
   */
  part: 'all' | 'region' | 'theme' | 'year' | 'matrix';
  regionCode: string;
  theme: ThemeKey;
  year: string | null;
  status: Target['status'] | null;
  count: number;
  /** Sum of progress clamped to [0, 100], in tenths (progress is kept to 0.1), and how many rows have progress: exact means at any grouping. */
  progressTenths: number;
  progressCount: number;
}

/** Progress clamped to [0, 100] in whole tenths, as target_rollup sums it (migration 0003). */
const clampedTenths = sql`CAST(round(min(max(${targets.progress}, 0), 100) * 10) AS INTEGER)`;

/**
 * Whether target_rollup_log's rows can be filtered like these filters: they carry live, non-rejected figures
 * with kind, full region code, theme, deadline year and status, so filters on those (a region as a code range,
 * deadline bounds as whole years) apply to them; document, text and review filters, gone figures and
 * month-exact bounds do not.
 */
export function rollupLogServes(f: TargetFilters, excludeRejected: boolean): boolean {
  const yearOnly = (b: string | undefined) => b === undefined || b.length === 4;
  return (
    excludeRejected &&
    f.document === undefined &&
    !f.q &&
    !f.includeGone &&
    !f.review &&
    yearOnly(f.deadlineFrom) &&
    yearOnly(f.deadlineTo)
  );
}

/** Whether target_rollup can answer these filters: what its log can, nationally (it holds provinces, not regions). */
export function rollupServes(f: TargetFilters, excludeRejected: boolean): boolean {
  return !f.region && rollupLogServes(f, excludeRejected);
}

/**
 * The filtered rows grouped by region, theme, deadline year and status: every chart rolls up from these.
 * The national view reads the pre-aggregated target_rollup (cells by province, a few thousand rows whatever
 * the number of targets); any other filter groups the matching targets.
 */
export function summaryCells(db: Db, f: TargetFilters, opts: { excludeRejected: boolean }): SummaryCell[] {
  if (rollupServes(f, opts.excludeRejected)) return rollupSummaryCells(db, f);
  const where = opts.excludeRejected ? and(targetWhere(f), ne(targets.review, 'rejected')) : targetWhere(f);
  return db
    .select({
      part: sql<'all'>`'all'`,
      regionCode: targets.regionCode,
      theme: targets.theme,
      year: sql<string | null>`substr(${targets.deadline}, 1, 4)`,
      status: targets.status,
      count: sql<number>`count(*)`,
      progressTenths: sql<number>`coalesce(sum(${clampedTenths}), 0)`,
      progressCount: sql<number>`count(${targets.progress})`,
    })
    .from(targets)
    .where(where)
    .groupBy(targets.regionCode, targets.theme, sql`substr(${targets.deadline}, 1, 4)`, targets.status)
    .all();
}

/**
 * The four groupings the national summary needs, each summed by SQLite over target_rollup in one statement:
 * a few hundred rows come back instead of every cell (turning ten thousand cells into JavaScript objects
 * cost more than the query).
 */
function rollupSummaryCells(db: Db, f: TargetFilters): SummaryCell[] {
  const c: string[] = ['count > 0'];
  const params: string[] = [];
  const where = (cond: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    c.push(cond);
    params.push(value);
  };
  where('kind = ?', f.kind);
  where('theme = ?', f.theme);
  where('status = ?', f.status);
  // A year bound keeps whole years (2025 as a lower bound starts in its January, as an upper ends in its
  // December) and drops figures without a deadline, as the month comparison on targets does.
  where("year != '' AND year >= ?", f.deadlineFrom);
  where("year != '' AND year <= ?", f.deadlineTo);
  const sums = 'sum(count) AS count, sum(progress_tenths) AS progressTenths, sum(progress_count) AS progressCount';
  const text = `WITH r AS (SELECT * FROM target_rollup WHERE ${c.join(' AND ')})
    SELECT 'region' AS part, province AS regionCode, '' AS theme, NULL AS year, status, ${sums} FROM r GROUP BY province, status
    UNION ALL SELECT 'theme', '', theme, NULL, status, ${sums} FROM r GROUP BY theme, status
    UNION ALL SELECT 'year', '', '', nullif(year, ''), status, ${sums} FROM r GROUP BY year, status
    UNION ALL SELECT 'matrix', province, theme, NULL, NULL, ${sums} FROM r GROUP BY province, theme`;
  return db.$client.prepare(text).all(...params) as SummaryCell[];
}

/** One change of target_rollup (a row of target_rollup_log): a cell with signed count and progress sums. */
export interface RollupDelta {
  seq: number;
  kind: Kind;
  regionCode: string;
  theme: ThemeKey;
  /** '' when the figure has no deadline. */
  year: string;
  status: Target['status'];
  count: number;
  progressTenths: number;
  progressCount: number;
}

/** The newest change's sequence number (0 before the first); read on every summary request. */
export function rollupLogHead(db: Db): number {
  const row = db.$client.prepare('SELECT max(seq) AS head FROM target_rollup_log').get() as { head: number | null };
  return row.head ?? 0;
}

/** Changes after `seq`, oldest first, at most `limit` of them. */
export function rollupLogSince(db: Db, seq: number, limit: number): RollupDelta[] {
  return db.$client
    .prepare(
      `SELECT seq, kind, region_code AS regionCode, theme, year, status, count, progress_tenths AS progressTenths,
              progress_count AS progressCount
         FROM target_rollup_log WHERE seq > ? ORDER BY seq LIMIT ?`,
    )
    .all(seq, limit) as RollupDelta[];
}

/**
 * summaryCells together with the log position they reflect, read in one transaction so that both come from
 * the same snapshot (WAL): a change committed in between is then applied from the log, never counted twice
 * or missed.
 */
export function summaryCellsAt(
  db: Db,
  f: TargetFilters,
  opts: { excludeRejected: boolean },
): { head: number; cells: SummaryCell[] } {
  return db.$client.transaction(() => {
    const head = rollupLogHead(db);
    return { head, cells: summaryCells(db, f, opts) };
  })();
}

/** The counters the list-version triggers raise (see schema.ts `targetListVersion`). */
export function listVersion(db: Db): { rows: number; statuses: number } {
  return (
    (db.$client.prepare('SELECT rows, statuses FROM target_list_version WHERE id = 1').get() as
      | { rows: number; statuses: number }
      | undefined) ?? { rows: 0, statuses: 0 }
  );
}

/** Every cell of target_rollup as the triggers keep it, for tests that check it against the targets. */
export function rollupCells(db: Db) {
  return db.select().from(targetRollup).where(sql`${targetRollup.count} > 0`).all();
}

export interface StatusInputRow {
  id: number;
  kind: TargetRow['kind'];
  comparator: TargetRow['comparator'];
  value: number;
  valueMax: number | null;
  baselineValue: number | null;
  baselineDate: string | null;
  deadline: string | null;
  perYear: boolean;
  review: TargetRow['review'];
  latestActualValue: number | null;
  latestActualAsOf: string | null;
  planStartYear: number | null;
  issueDate: string | null;
}

/** What status.ts needs for each target (all targets, or the given ids), with its plan's start and document date. */
export function statusInputs(db: Db, ids?: number[]): StatusInputRow[] {
  const base = `SELECT t.id, t.kind, t.comparator, t.value, t.value_max AS valueMax, t.baseline_value AS baselineValue,
       t.baseline_date AS baselineDate, t.deadline, t.per_year AS perYear, t.review,
       t.latest_actual_value AS latestActualValue, t.latest_actual_as_of AS latestActualAsOf,
       a.plan_start_year AS planStartYear, d.issue_date AS issueDate
  FROM targets t JOIN documents d ON d.id = t.document_id LEFT JOIN articles a ON a.id = t.article_id`;
  const rows = (
    ids
      ? db.$client.prepare(`${base} WHERE t.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids))
      : db.$client.prepare(base).all()
  ) as (Omit<StatusInputRow, 'perYear'> & { perYear: number })[];
  return rows.map((r) => ({ ...r, perYear: r.perYear === 1 }));
}

/** Writes computed statuses in one statement per row inside the caller's transaction. */
export function writeStatuses(
  db: Db,
  rows: { id: number; progress: number | null; expectedProgress: number | null; status: TargetRow['status'] }[],
  statusDate: string,
): void {
  const stmt = db.$client.prepare(
    'UPDATE targets SET progress = ?, expected_progress = ?, status = ?, status_date = ? WHERE id = ?',
  );
  for (const r of rows) stmt.run(r.progress, r.expectedProgress, r.status, statusDate, r.id);
}

/** Reported figures (kind `actual`) of a region in a normalised unit: candidates to propose as a target's actuals. */
export function reportedFigures(db: Db, regionCode: string, normalizedUnit: string): TargetRow[] {
  return db
    .select()
    .from(targets)
    .where(
      and(
        eq(targets.regionCode, regionCode),
        eq(targets.kind, 'actual'),
        eq(targets.normalizedUnit, normalizedUnit),
        ne(targets.review, 'rejected'),
        isNull(targets.goneAt),
      ),
    )
    .all();
}

/**
 * Targets named the way statistics offices' sheets name them: region (GB/T 2260 code or name as
 * stored), metric and deadline, each exactly. Rejected and vanished figures are not candidates.
 */
export function findTargetIdsByKey(db: Db, key: { region: string; metric: string; deadline: string }): number[] {
  const region = /^\d{6}$/.test(key.region) ? eq(targets.regionCode, key.region) : eq(targets.region, key.region);
  return db
    .select({ id: targets.id })
    .from(targets)
    .where(
      and(
        region,
        eq(targets.metric, key.metric),
        eq(targets.deadline, key.deadline),
        eq(targets.kind, 'target'),
        ne(targets.review, 'rejected'),
        isNull(targets.goneAt),
      ),
    )
    .all()
    .map((r) => r.id);
}
