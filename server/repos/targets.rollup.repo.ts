import { and, ne, sql } from 'drizzle-orm';
import type { Target, TargetFilters } from '../../shared/schemas/target';
import type { Kind, ThemeKey } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { targetRollup, targets } from '../db/schema';
import { targetWhere } from './targets.where';

// The summary's read model: the rollup and its change log, both kept by triggers on targets.

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
 * deadline bounds as whole years) apply to them; document, binding, text and review filters, gone figures and
 * month-exact bounds do not.
 */
export function rollupLogServes(f: TargetFilters, excludeRejected: boolean): boolean {
  const yearOnly = (b: string | undefined) => b === undefined || b.length === 4;
  return (
    excludeRejected &&
    f.document === undefined &&
    f.binding === undefined &&
    f.reportedBefore === undefined &&
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
  const whereIn = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    c.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  where('kind = ?', f.kind);
  whereIn('theme', f.theme);
  whereIn('status', f.status);
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

/**
 * How many of the filtered live, non-rejected targets have a latest actual dated before `cutoff` (stale, see
 * shared/status.ts). Unless another kind is asked for, only targets: over targets_live_stale_idx, whose columns
 * cover the region, theme, status and deadline filters, so the count reads no row.
 */
export function staleCount(db: Db, f: TargetFilters, cutoff: string, opts: { excludeRejected: boolean }): number {
  const kind = f.kind ?? 'target';
  if (kind === 'target' && opts.excludeRejected && !f.includeGone) {
    // The partial index's own terms written literally (so that the planner may use it), and no other test of
    // kind, review or gone_at, which the index does not hold: the count then reads index entries only.
    const rest = targetWhere({ ...f, kind: undefined, includeGone: true });
    const where = sql`gone_at IS NULL AND kind = 'target' AND review != 'rejected' AND latest_actual_as_of IS NOT NULL
      AND ${targets.latestActualAsOf} < ${cutoff}${rest ? sql` AND ${rest}` : sql``}`;
    return db.select({ n: sql<number>`count(*)` }).from(targets).where(where).get()?.n ?? 0;
  }
  const where = and(
    targetWhere({ ...f, kind }),
    opts.excludeRejected ? ne(targets.review, 'rejected') : undefined,
    sql`${targets.latestActualAsOf} < ${cutoff}`,
  );
  return db.select({ n: sql<number>`count(*)` }).from(targets).where(where).get()?.n ?? 0;
}

/** Meta `actualsVersion` (migration 0011): moves whenever a target's latest actual changes date. */
export function actualsVersion(db: Db): string {
  return (db.$client.prepare("SELECT value FROM meta WHERE key = 'actualsVersion'").pluck().get() as string) ?? '';
}

/** Every cell of target_rollup as the triggers keep it, for tests that check it against the targets. */
export function rollupCells(db: Db) {
  return db.select().from(targetRollup).where(sql`${targetRollup.count} > 0`).all();
}
