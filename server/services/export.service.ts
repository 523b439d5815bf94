import type { TargetListQuery } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { iterateActuals } from '../repos/actuals.repo';
import { EXPORT_COLUMNS, iterateExportRows } from '../repos/targets.export.repo';
import { ensureStatusesFresh } from './status.service';

export const TARGETS_CSV_HEADER = EXPORT_COLUMNS.map((c) => c.header);

/** The filtered targets as CSV rows (the columns of TARGETS_CSV_HEADER), in the list's sort order, read lazily from a cursor. */
export function* targetsCsvRows(db: Db, q: TargetListQuery, today: string): Generator<unknown[]> {
  ensureStatusesFresh(db, today);
  yield* iterateExportRows(db, q, q.sort, q.order);
}

export const ACTUALS_CSV_HEADER = [
  'id',
  'target id',
  'region',
  'region code',
  'metric',
  'value',
  'unit',
  'as-of',
  'note',
  'entered by',
  'entered at',
  'superseded by',
] as const;

export function* actualsCsvRows(db: Db): Generator<unknown[]> {
  for (const a of iterateActuals(db)) {
    yield [
      a.id,
      a.targetId,
      a.region,
      a.regionCode,
      a.metric,
      a.value,
      a.unit,
      a.asOf,
      a.note,
      a.enteredBy,
      a.enteredAt,
      a.supersededBy,
    ];
  }
}
