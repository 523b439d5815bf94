import { computeProgress } from '../../shared/status';
import type { Db } from '../db/client';
import { getMeta, setMeta } from '../repos/meta.repo';
import { type StatusInputRow, statusInputs, writeStatuses } from '../repos/targets.repo';

/**
 * Progress and status of one row. Only `target` figures are tracked against a goal; reported
 * figures (`actual`) and funding carry no status, and a rejected extraction is not tracked at all.
 */
export function statusOf(r: StatusInputRow, today: string) {
  if (r.kind !== 'target' || r.review === 'rejected') {
    return { id: r.id, progress: null, expectedProgress: null, status: 'no_data' as const };
  }
  const res = computeProgress({
    comparator: r.comparator,
    value: r.value,
    valueMax: r.valueMax,
    baselineValue: r.baselineValue,
    baselineDate: r.baselineDate,
    latestActual:
      r.latestActualValue !== null && r.latestActualAsOf
        ? { value: r.latestActualValue, asOf: r.latestActualAsOf }
        : null,
    deadline: r.deadline,
    perYear: r.perYear,
    today,
    startDate: r.planStartYear !== null ? String(r.planStartYear) : r.issueDate,
  });
  return { id: r.id, progress: res.progress, expectedProgress: res.expectedProgress, status: res.status };
}

/** Recomputes the given targets' statuses (after an ingest or a new actual). */
export function refreshStatuses(db: Db, ids: number[], today: string): void {
  if (!ids.length) return;
  db.transaction(() =>
    writeStatuses(
      db,
      statusInputs(db, ids).map((r) => statusOf(r, today)),
      today,
    ),
  );
}

/**
 * Statuses move with the calendar (a deadline passes, expected progress grows), so they are
 * recomputed for every target once per day, on the first read of that day.
 */
export function ensureStatusesFresh(db: Db, today: string): void {
  if (getMeta(db, 'statusDate') === today) return;
  db.transaction(() => {
    writeStatuses(
      db,
      statusInputs(db).map((r) => statusOf(r, today)),
      today,
    );
    setMeta(db, 'statusDate', today);
  });
}
