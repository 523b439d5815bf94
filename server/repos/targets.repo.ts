import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowReader, rowWriter } from '../db/rows';
import { targets } from '../db/schema';

// Targets one at a time: the row types, reads by id or document, inserts and updates. Lists, exports, the
// summary read model, status writes and import lookups each have their own targets.*.repo.ts.

export type TargetRow = typeof targets.$inferSelect;
export type NewTargetRow = typeof targets.$inferInsert;

/** Whole target rows read without drizzle's builder (see db/rows.ts); the hot paths use it. */
export const targetRows = rowReader(targets);

export function getTarget(db: Db, id: number): TargetRow | undefined {
  const row = db.$client
    .prepare(`SELECT ${targetRows.columns} FROM targets WHERE "targets"."id" = ?`)
    .raw(true)
    .get(id) as unknown[] | undefined;
  return row === undefined ? undefined : targetRows.fromArray(row);
}

/** Many targets by id in one statement (a bulk change reads 1,000 at once), keyed by id; missing ids are absent. */
export function getTargetsById(db: Db, ids: readonly number[]): Map<number, TargetRow> {
  const rows = db.$client
    .prepare(`SELECT ${targetRows.columns} FROM targets WHERE "targets"."id" IN (SELECT value FROM json_each(?))`)
    .raw(true)
    .all(JSON.stringify(ids)) as unknown[][];
  const out = new Map<number, TargetRow>();
  for (const r of rows) {
    const row = targetRows.fromArray(r);
    out.set(row.id, row);
  }
  return out;
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

const writeTargets = rowWriter(targets);

/**
 * Inserts many targets and returns their ids, through one prepared statement (db/rows.ts rowWriter): drizzle's
 * builder rendering a multi-row INSERT of ~40 columns took ≈ 0.5 ms a row, more than a second of a 2,000-figure
 * document's storing; a prepared statement run per row inside the caller's transaction takes microseconds.
 */
export function insertTargets(db: Db, rows: NewTargetRow[]): number[] {
  return writeTargets(db.$client, rows);
}

export function updateTarget(db: Db, id: number, set: Partial<NewTargetRow>): void {
  db.update(targets).set(set).where(eq(targets.id, id)).run();
}

/** Points a target at its latest actual (or none); a plain statement, as every new actual runs it. */
export function setLatestActual(
  db: Db,
  id: number,
  latest: { id: number; value: number; asOf: string } | undefined,
  updatedAt: string,
): void {
  db.$client
    .prepare(
      'UPDATE targets SET latest_actual_id = ?, latest_actual_value = ?, latest_actual_as_of = ?, updated_at = ?, stamp = stamp + 1 WHERE id = ?',
    )
    .run(latest?.id ?? null, latest?.value ?? null, latest?.asOf ?? null, updatedAt, id);
}

/**
 * Writes a change only if the row still has the version the writer read (optimistic concurrency);
 * returns false when someone else's write came first and nothing was changed.
 */
export function updateTargetIfVersion(db: Db, id: number, version: number, set: Partial<NewTargetRow>): boolean {
  const res = db
    .update(targets)
    .set({ ...set, version: version + 1, stamp: sql`${targets.stamp} + 1` })
    .where(and(eq(targets.id, id), eq(targets.version, version)))
    .run();
  return res.changes === 1;
}

const targetColumns = getTableColumns(targets);
const updateStatements = new WeakMap<Db, Map<string, ReturnType<Db['$client']['prepare']>>>();

/**
 * The same version-checked write for many rows in the caller's transaction, each with its own changes. A
 * statement is prepared once per set of changed columns (a bulk change writes the same few columns on every
 * row): building a drizzle UPDATE per row cost more than the write itself at 1,000 rows. Returns the ids
 * written; a row whose version moved on is left as it is.
 */
export function updateTargetsIfVersion(
  db: Db,
  writes: readonly { id: number; version: number; set: Partial<NewTargetRow> }[],
): number[] {
  let statements = updateStatements.get(db);
  if (!statements) {
    statements = new Map();
    updateStatements.set(db, statements);
  }
  const written: number[] = [];
  for (const w of writes) {
    const keys = Object.keys(w.set).filter(
      (k) => k !== 'version' && k !== 'id' && k !== 'stamp',
    ) as (keyof NewTargetRow)[];
    const signature = keys.join(',');
    let stmt = statements.get(signature);
    if (!stmt) {
      const assignments = keys.map((k) => `"${targetColumns[k].name}" = ?`);
      stmt = db.$client.prepare(
        `UPDATE targets SET ${[...assignments, '"version" = ?', '"stamp" = "stamp" + 1'].join(', ')} WHERE "id" = ? AND "version" = ?`,
      );
      statements.set(signature, stmt);
    }
    const values = keys.map((k) => {
      const v = w.set[k];
      return v === undefined || v === null ? null : targetColumns[k].mapToDriverValue(v);
    });
    if (stmt.run([...values, w.version + 1, w.id, w.version]).changes === 1) written.push(w.id);
  }
  return written;
}

export function markGone(db: Db, ids: number[], at: string): void {
  if (ids.length) db.update(targets).set({ goneAt: at }).where(inArray(targets.id, ids)).run();
}
