import { and, asc, desc, eq, getTableColumns, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Target, TargetFilters, TargetListQuery } from '../../shared/schemas/target';
import { type Db, openReader } from '../db/client';
import { targets } from '../db/schema';
import { regionCodeRange } from '../lib/regions';

export type TargetRow = typeof targets.$inferSelect;
export type NewTargetRow = typeof targets.$inferInsert;

/** A deadline as the month it ends in: `2025` → `2025-12`, `2025-06` stays. */
const deadlineMonth = sql`(CASE WHEN length(${targets.deadline}) = 4 THEN ${targets.deadline} || '-12' ELSE ${targets.deadline} END)`;

/** A filter bound as a month: a bare year starts in January (from) or ends in December (to). */
function monthOf(bound: string, monthIfYear: '01' | '12'): string {
  return bound.length === 4 ? `${bound}-${monthIfYear}` : bound;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE clause of the shared filters; a region includes every code below it. */
export function targetWhere(f: TargetFilters): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.region) {
    const { from, to } = regionCodeRange(f.region);
    c.push(from === to ? eq(targets.regionCode, from) : sql`${targets.regionCode} BETWEEN ${from} AND ${to}`);
  }
  if (f.theme) c.push(eq(targets.theme, f.theme));
  if (f.kind) c.push(eq(targets.kind, f.kind));
  if (f.status) c.push(eq(targets.status, f.status));
  if (f.review) c.push(eq(targets.review, f.review));
  // Deadlines are YYYY or YYYY-MM; a bare year means its end (2025 = 2025-12), so bounds compare
  // against that month, and YYYY-MM strings sort in time order as text.
  if (f.deadlineFrom) c.push(sql`${deadlineMonth} >= ${monthOf(f.deadlineFrom, '01')}`);
  if (f.deadlineTo) c.push(sql`${deadlineMonth} <= ${monthOf(f.deadlineTo, '12')}`);
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

function orderBy(sort: TargetListQuery['sort'], order: TargetListQuery['order']) {
  const dir = order === 'desc' ? desc : asc;
  // Rows with no value for the sort key go last either way; id keeps pages stable.
  return [sql`${SORT_COLUMNS[sort]} IS NULL`, dir(SORT_COLUMNS[sort]), dir(targets.id)];
}

export function listTargets(db: Db, q: TargetListQuery): { rows: TargetRow[]; total: number } {
  const where = targetWhere(q);
  const total = db.select({ n: sql<number>`count(*)` }).from(targets).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(targets)
    .where(where)
    .orderBy(...orderBy(q.sort, q.order))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .all();
  return { rows, total };
}

/**
 * Every filtered row, read through a live cursor one at a time so that an export of 100,000 rows
 * never holds them all in memory. The cursor runs on its own read-only connection: a better-sqlite3
 * connection can run nothing else while a cursor is open on it, and the export is paced by a client
 * that may read slowly while other requests go on. WAL gives the cursor a stable snapshot.
 */
export function* iterateTargets(
  db: Db,
  f: TargetFilters,
  sort: TargetListQuery['sort'] = 'id',
  order: TargetListQuery['order'] = 'asc',
): Generator<TargetRow> {
  const { sql: text, params } = db
    .select()
    .from(targets)
    .where(targetWhere(f))
    .orderBy(...orderBy(sort, order))
    .toSQL();
  // better-sqlite3 names the row's keys by column; map them back to the schema's field names.
  const columns = Object.entries(getTableColumns(targets));
  const reader = openReader(db);
  try {
    for (const raw of reader.prepare(text).iterate(...params) as Iterable<Record<string, unknown>>) {
      const row: Record<string, unknown> = {};
      for (const [key, col] of columns) {
        const v = raw[col.name];
        row[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
      }
      yield row as TargetRow;
    }
  } finally {
    reader.close();
  }
}

export function getTarget(db: Db, id: number): TargetRow | undefined {
  return db.select().from(targets).where(eq(targets.id, id)).get();
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

export function countTargets(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(targets).where(isNull(targets.goneAt)).get()?.n ?? 0;
}

export interface SummaryCell {
  regionCode: string;
  theme: string;
  year: string | null;
  status: Target['status'];
  count: number;
  /** Sum and count of progress clamped to [0, 100], for exact means at any grouping. */
  progressSum: number;
  progressCount: number;
}

/** The filtered rows grouped by region, theme, deadline year and status: every chart rolls up from these. */
export function summaryCells(db: Db, f: TargetFilters, opts: { excludeRejected: boolean }): SummaryCell[] {
  const where = opts.excludeRejected ? and(targetWhere(f), ne(targets.review, 'rejected')) : targetWhere(f);
  const clamped = sql`min(max(${targets.progress}, 0), 100)`;
  return db
    .select({
      regionCode: targets.regionCode,
      theme: targets.theme,
      year: sql<string | null>`substr(${targets.deadline}, 1, 4)`,
      status: targets.status,
      count: sql<number>`count(*)`,
      progressSum: sql<number>`coalesce(sum(${clamped}), 0)`,
      progressCount: sql<number>`count(${targets.progress})`,
    })
    .from(targets)
    .where(where)
    .groupBy(targets.regionCode, targets.theme, sql`substr(${targets.deadline}, 1, 4)`, targets.status)
    .all();
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
