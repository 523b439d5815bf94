import { type Db, openReader } from '../db/client';
import { rowReader } from '../db/rows';
import { actuals } from '../db/schema';

export type ActualRow = typeof actuals.$inferSelect;
export type NewActualRow = typeof actuals.$inferInsert;

/** Actuals rows read without drizzle's builder: a target's detail and every new actual read them. */
const actualRows = rowReader(actuals);

/** The whole history of a target's actuals, newest first, superseded rows included. */
export function actualsOfTarget(db: Db, targetId: number): ActualRow[] {
  return db.$client
    .prepare(`SELECT ${actualRows.columns} FROM actuals WHERE target_id = ? ORDER BY as_of DESC, id DESC`)
    .raw(true)
    .all(targetId)
    .map((a) => actualRows.fromArray(a as unknown[]));
}

/** The current actual: the latest as-of date among rows nobody has superseded. */
export function latestActual(db: Db, targetId: number): ActualRow | undefined {
  const row = db.$client
    .prepare(
      `SELECT ${actualRows.columns} FROM actuals WHERE target_id = ? AND superseded_by IS NULL
        ORDER BY as_of DESC, id DESC LIMIT 1`,
    )
    .raw(true)
    .get(targetId) as unknown[] | undefined;
  return row === undefined ? undefined : actualRows.fromArray(row);
}

/** A current (not superseded) actual of the target with this value as of this date, if one is recorded. */
export function sameLiveActual(db: Db, targetId: number, asOf: string, value: number): ActualRow | undefined {
  const row = db.$client
    .prepare(
      `SELECT ${actualRows.columns} FROM actuals WHERE target_id = ? AND as_of = ? AND value = ? AND superseded_by IS NULL
        ORDER BY id LIMIT 1`,
    )
    .raw(true)
    .get(targetId, asOf, value) as unknown[] | undefined;
  return row === undefined ? undefined : actualRows.fromArray(row);
}

export function getActual(db: Db, id: number): ActualRow | undefined {
  const row = db.$client.prepare(`SELECT ${actualRows.columns} FROM actuals WHERE id = ?`).raw(true).get(id) as
    | unknown[]
    | undefined;
  return row === undefined ? undefined : actualRows.fromArray(row);
}

/**
 * Appends an actual; when it corrects an earlier row, that row is pointed at the new one, never changed otherwise.
 * Plain statements rather than drizzle's builder, which took ~0.3 ms a row to build the same INSERT: a 10,000-row
 * import runs this once a row inside one write transaction, and every other writer waits for it.
 */
export function appendActual(db: Db, row: NewActualRow, supersedes?: number): ActualRow {
  const added = db.$client
    .prepare(
      `INSERT INTO actuals (target_id, value, as_of, note, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
       RETURNING id, target_id, value, as_of, note, entered_by, entered_at, superseded_by`,
    )
    .raw(true)
    .get(row.targetId, row.value, row.asOf, row.note ?? null, row.enteredBy, row.enteredAt ?? null) as unknown[];
  const [id, targetId, value, asOf, note, enteredBy, enteredAt, supersededBy] = added;
  if (supersedes !== undefined) {
    db.$client.prepare('UPDATE actuals SET superseded_by = ? WHERE id = ?').run(id, supersedes);
  }
  return { id, targetId, value, asOf, note, enteredBy, enteredAt, supersededBy } as ActualRow;
}

export interface ActualExportRow {
  id: number;
  targetId: number;
  regionCode: string;
  region: string;
  metric: string;
  unit: string;
  value: number;
  asOf: string;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
  supersededBy: number | null;
}

/** Every actual with its target's labels, streamed through a cursor on its own read connection. */
export function* iterateActuals(db: Db): Generator<ActualExportRow> {
  const reader = openReader(db);
  try {
    yield* reader
      .prepare(
        `SELECT a.id, a.target_id AS targetId, t.region_code AS regionCode, t.region, t.metric, t.unit,
                a.value, a.as_of AS asOf, a.note, a.entered_by AS enteredBy, a.entered_at AS enteredAt,
                a.superseded_by AS supersededBy
           FROM actuals a JOIN targets t ON t.id = a.target_id
          ORDER BY a.target_id, a.as_of, a.id`,
      )
      .iterate() as Iterable<ActualExportRow>;
  } finally {
    reader.close();
  }
}
