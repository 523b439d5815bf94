import { and, eq, isNotNull, ne, type SQL } from 'drizzle-orm';
import type { Comparator, Status, ThemeKey } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { targets } from '../db/schema';

// The indicator catalogue and targets' assignment to it. Plain prepared statements: the indicator page is a
// hot read (bench row "indicator page"), and the assignment runs once per figure on every ingest.

export interface IndicatorRow {
  id: number;
  key: string | null;
  name: string;
  nameEn: string;
  unit: string;
  theme: ThemeKey;
  createdAt: string;
  createdBy: string | null;
}

const INDICATOR_COLUMNS =
  'id, key, name, name_en AS nameEn, unit, theme, created_at AS createdAt, created_by AS createdBy';

export function getIndicator(db: Db, id: number): IndicatorRow | undefined {
  return db.$client.prepare(`SELECT ${INDICATOR_COLUMNS} FROM indicators WHERE id = ?`).get(id) as
    | IndicatorRow
    | undefined;
}

export function indicatorByName(db: Db, name: string): IndicatorRow | undefined {
  return db.$client.prepare(`SELECT ${INDICATOR_COLUMNS} FROM indicators WHERE name = ?`).get(name) as
    | IndicatorRow
    | undefined;
}

export function allIndicators(db: Db): IndicatorRow[] {
  return db.$client.prepare(`SELECT ${INDICATOR_COLUMNS} FROM indicators ORDER BY id`).all() as IndicatorRow[];
}

export function indicatorKeys(db: Db): Set<string> {
  return new Set(db.$client.prepare('SELECT key FROM indicators WHERE key IS NOT NULL').pluck().all() as string[]);
}

export function insertIndicator(
  db: Db,
  row: { key: string | null; name: string; nameEn: string; unit: string; theme: ThemeKey; createdBy: string | null },
): number {
  const res = db.$client
    .prepare('INSERT INTO indicators (key, name, name_en, unit, theme, created_by) VALUES (?, ?, ?, ?, ?, ?)')
    .run(row.key, row.name, row.nameEn, row.unit, row.theme, row.createdBy);
  return Number(res.lastInsertRowid);
}

export function deleteIndicator(db: Db, id: number): void {
  db.$client.prepare('DELETE FROM indicators WHERE id = ?').run(id);
}

/** Adds synonyms (already normalised); one the indicator has already is skipped. */
export function addSynonyms(db: Db, indicatorId: number, synonyms: readonly { synonym: string; normalized: string }[]) {
  const stmt = db.$client.prepare(
    'INSERT OR IGNORE INTO indicator_synonyms (indicator_id, synonym, normalized) VALUES (?, ?, ?)',
  );
  for (const s of synonyms) if (s.normalized) stmt.run(indicatorId, s.synonym, s.normalized);
}

export function removeSynonyms(db: Db, indicatorId: number, normalized: readonly string[]) {
  const stmt = db.$client.prepare('DELETE FROM indicator_synonyms WHERE indicator_id = ? AND normalized = ?');
  for (const n of normalized) stmt.run(indicatorId, n);
}

export interface SynonymRow {
  indicatorId: number;
  synonym: string;
  normalized: string;
  unit: string;
}

export function allSynonyms(db: Db): SynonymRow[] {
  return db.$client
    .prepare(
      `SELECT s.indicator_id AS indicatorId, s.synonym, s.normalized, i.unit
       FROM indicator_synonyms s JOIN indicators i ON i.id = s.indicator_id ORDER BY s.indicator_id, s.rowid`,
    )
    .all() as SynonymRow[];
}

export function synonymsOf(db: Db, indicatorId: number): SynonymRow[] {
  return db.$client
    .prepare(
      `SELECT s.indicator_id AS indicatorId, s.synonym, s.normalized, i.unit
       FROM indicator_synonyms s JOIN indicators i ON i.id = s.indicator_id WHERE s.indicator_id = ? ORDER BY s.rowid`,
    )
    .all(indicatorId) as SynonymRow[];
}

/** Live targets and distinct regions per indicator. */
export function indicatorCounts(db: Db): Map<number, { targetCount: number; regionCount: number }> {
  const rows = db.$client
    .prepare(
      `SELECT indicator_id AS id, count(*) AS targetCount, count(DISTINCT region_code) AS regionCount
       FROM targets WHERE gone_at IS NULL AND indicator_id IS NOT NULL GROUP BY indicator_id`,
    )
    .all() as { id: number; targetCount: number; regionCount: number }[];
  return new Map(rows.map((r) => [r.id, { targetCount: r.targetCount, regionCount: r.regionCount }]));
}

export function indicatorCountsOf(db: Db, id: number): { targetCount: number; regionCount: number } {
  return db.$client
    .prepare(
      `SELECT count(*) AS targetCount, count(DISTINCT region_code) AS regionCount
       FROM targets WHERE gone_at IS NULL AND indicator_id = ?`,
    )
    .get(id) as { targetCount: number; regionCount: number };
}

/** What the matcher needs of a target. */
export interface AssignableRow {
  id: number;
  metric: string;
  normalizedUnit: string;
  indicatorId: number | null;
}

/** Targets the engine may (re)assign: not decided by an analyst. `ids` null means every such live target. */
export function assignableTargets(db: Db, ids: readonly number[] | null, onlyUnassigned = false): AssignableRow[] {
  const cols = 'id, metric, normalized_unit AS normalizedUnit, indicator_id AS indicatorId';
  if (ids === null) {
    return db.$client
      .prepare(
        `SELECT ${cols} FROM targets WHERE indicator_manual = 0 AND gone_at IS NULL${onlyUnassigned ? ' AND indicator_id IS NULL' : ''}`,
      )
      .all() as AssignableRow[];
  }
  const stmt = db.$client.prepare(`SELECT ${cols} FROM targets WHERE id = ? AND indicator_manual = 0`);
  const out: AssignableRow[] = [];
  for (const id of ids) {
    const row = stmt.get(id) as AssignableRow | undefined;
    if (row) out.push(row);
  }
  return out;
}

/** Sets the indicator of targets; `manual` marks an analyst's decision, which the engine then leaves alone. */
export function setTargetIndicator(db: Db, ids: readonly number[], indicatorId: number | null, manual: boolean) {
  const stmt = db.$client.prepare('UPDATE targets SET indicator_id = ?, indicator_manual = ? WHERE id = ?');
  for (const id of ids) stmt.run(indicatorId, manual ? 1 : 0, id);
}

/** Moves every target of indicator `from` to `to`, keeping whether each was an analyst's decision. */
export function moveTargets(db: Db, from: number, to: number): number {
  return db.$client.prepare('UPDATE targets SET indicator_id = ? WHERE indicator_id = ?').run(to, from).changes;
}

export function targetIdsOfIndicator(db: Db, id: number, among: readonly number[]): number[] {
  const stmt = db.$client.prepare('SELECT id FROM targets WHERE id = ? AND indicator_id = ?').pluck();
  return among.filter((t) => stmt.get(t, id) !== undefined);
}

/** A target as an indicator page and the region comparison show it. */
export interface FigureRow {
  id: number;
  documentId: number;
  regionCode: string;
  region: string;
  metric: string;
  comparator: Comparator;
  value: number;
  valueMax: number | null;
  unit: string;
  normalizedValue: number;
  normalizedUnit: string;
  deadline: string | null;
  latestActualId: number | null;
  latestActualValue: number | null;
  latestActualAsOf: string | null;
  progress: number | null;
  expectedProgress: number | null;
  status: Status;
  indicatorId: number;
  /** How many figures the representative stands for (its region's, or its indicator's). */
  n: number;
}

/** The columns of a figure row, from the targets table under alias `t`. */
const FIGURE_COLUMNS = `t.id, t.document_id AS documentId, t.region_code AS regionCode, t.region, t.metric, t.comparator,
  t.value, t.value_max AS valueMax, t.unit, t.normalized_value AS normalizedValue, t.normalized_unit AS normalizedUnit,
  t.deadline, t.latest_actual_id AS latestActualId, t.latest_actual_value AS latestActualValue,
  t.latest_actual_as_of AS latestActualAsOf, t.progress, t.expected_progress AS expectedProgress, t.status,
  t.indicator_id AS indicatorId`;

/** Live, not rejected targets (kind `target`): what an indicator compares across regions. */
const COUNTED = `gone_at IS NULL AND kind = 'target' AND review <> 'rejected'`;
/** The representative of a group: the latest deadline (none last), then the newest. */
const REPRESENTATIVE = '(deadline_month IS NULL), deadline_month DESC, id DESC';

/**
 * One figure per region for an indicator, with how many the region has; `year` keeps targets due that year,
 * `level` regions of that level. The representatives are chosen from targets_live_indicator_idx's entries
 * alone (region, kind, review and deadline are in it), so only the chosen rows are read from the table:
 * 1,851 figures of one indicator at 100,000 targets read ≈ 500 rows instead of all of them.
 */
export function indicatorFigures(db: Db, indicatorId: number, year?: string, level?: string): FigureRow[] {
  const args: unknown[] = [indicatorId];
  let extra = '';
  if (year) {
    extra += ' AND deadline_month BETWEEN ? AND ?';
    args.push(`${year}-01`, `${year}-12`);
  }
  if (level) {
    extra += ' AND region_code IN (SELECT code FROM regions WHERE level = ?)';
    args.push(level);
  }
  return db.$client
    .prepare(
      `WITH reps AS (
         SELECT id, n FROM (
           SELECT id,
             row_number() OVER (PARTITION BY region_code ORDER BY ${REPRESENTATIVE}) AS rn,
             count(*) OVER (PARTITION BY region_code) AS n
           FROM targets INDEXED BY targets_live_indicator_idx
           WHERE indicator_id = ? AND ${COUNTED}${extra}
         ) WHERE rn = 1
       )
       SELECT ${FIGURE_COLUMNS}, reps.n AS n FROM reps JOIN targets t ON t.id = reps.id`,
    )
    .all(...args) as FigureRow[];
}

/** Every national figure of an indicator, latest deadline first. */
export function nationalFigures(db: Db, indicatorId: number, nationalCode: string): FigureRow[] {
  return db.$client
    .prepare(
      `SELECT ${FIGURE_COLUMNS}, 1 AS n FROM targets t
       WHERE indicator_id = ? AND region_code = ? AND ${COUNTED} ORDER BY ${REPRESENTATIVE}`,
    )
    .all(indicatorId, nationalCode) as FigureRow[];
}

/**
 * A region's live, counted targets that have an indicator, within `where` (the region's range and the page's
 * filters, from targets.where.ts), as figure rows with n = 1.
 */
export function regionIndicatorFigures(db: Db, where: SQL | undefined): FigureRow[] {
  const rows = db
    .select({
      id: targets.id,
      documentId: targets.documentId,
      regionCode: targets.regionCode,
      region: targets.region,
      metric: targets.metric,
      comparator: targets.comparator,
      value: targets.value,
      valueMax: targets.valueMax,
      unit: targets.unit,
      normalizedValue: targets.normalizedValue,
      normalizedUnit: targets.normalizedUnit,
      deadline: targets.deadline,
      deadlineMonth: targets.deadlineMonth,
      latestActualId: targets.latestActualId,
      latestActualValue: targets.latestActualValue,
      latestActualAsOf: targets.latestActualAsOf,
      progress: targets.progress,
      expectedProgress: targets.expectedProgress,
      status: targets.status,
      indicatorId: targets.indicatorId,
    })
    .from(targets)
    .where(and(where, isNotNull(targets.indicatorId), eq(targets.kind, 'target'), ne(targets.review, 'rejected')))
    .all();
  return rows.map(({ deadlineMonth: _m, indicatorId, ...r }) => ({ ...r, indicatorId: indicatorId ?? 0, n: 1 }));
}

/** The national representative (latest deadline) of each of `indicatorIds`. */
export function nationalRepresentatives(db: Db, indicatorIds: readonly number[], nationalCode: string): FigureRow[] {
  if (indicatorIds.length === 0) return [];
  return db.$client
    .prepare(
      `SELECT * FROM (
         SELECT ${FIGURE_COLUMNS},
           row_number() OVER (PARTITION BY indicator_id ORDER BY ${REPRESENTATIVE}) AS rn,
           count(*) OVER (PARTITION BY indicator_id) AS n
         FROM targets t
         WHERE region_code = ? AND indicator_id IN (SELECT value FROM json_each(?)) AND ${COUNTED}
       ) WHERE rn = 1`,
    )
    .all(nationalCode, JSON.stringify(indicatorIds)) as FigureRow[];
}
