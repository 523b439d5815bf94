import type { Db } from '../db/client';
import type { TargetRow } from './targets.repo';

// What the status computation reads of each target, and where it writes its results.

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
    'UPDATE targets SET progress = ?, expected_progress = ?, status = ?, status_date = ?, stamp = stamp + 1 WHERE id = ?',
  );
  for (const r of rows) stmt.run(r.progress, r.expectedProgress, r.status, statusDate, r.id);
}
