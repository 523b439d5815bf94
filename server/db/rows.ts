import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';

const dialect = new SQLiteSyncDialect();

/** A drizzle SQL fragment (a WHERE or ORDER BY built with the schema's columns) as SQLite text and parameters. */
export function renderSql(fragment: SQL): { sql: string; params: unknown[] } {
  const { sql, params } = dialect.sqlToQuery(fragment);
  return { sql, params };
}

/** Column types stored exactly as the row type holds them; the others (booleans) go through drizzle's mapping. */
const PLAIN = new Set(['SQLiteInteger', 'SQLiteText', 'SQLiteReal']);

/**
 * Reads whole rows of a table straight from better-sqlite3, for the queries every request runs: drizzle's
 * query builder and its per-field row mapping were a quarter of the server's CPU under load (a profile of the
 * mixed benchmark: building the same SELECT again on every call, then copying each of 41 columns through
 * `is()` checks). `columns` is the table's select list; run the statement in raw mode (`stmt.raw(true)`, rows
 * as arrays — better-sqlite3 builds row objects ≈ 2× slower than arrays at 41 columns) and turn each array
 * into the shape of `$inferSelect` with `fromArray`, which also maps the few columns drizzle stores
 * differently (0/1 booleans). `offset` reads a table's columns out of a joined row.
 */
export function rowReader<T extends SQLiteTable>(table: T) {
  const name = getTableName(table);
  const entries = Object.entries(getTableColumns(table));
  const columns = entries.map(([, c]) => `"${name}"."${c.name}"`).join(', ');
  const convert = entries.map(([, c]) => (PLAIN.has(c.columnType) ? null : (v: unknown) => c.mapFromDriverValue(v)));
  // One object literal of the table's keys, compiled once per table: every row has one shape from the start.
  // Adding 45 keys one by one in a loop made each row's object change shape 45 times, and the loop, shared by
  // every table, megamorphic: a fifth of reading a page of 50 targets.
  const fields = entries.map(([key], i) => {
    const v = `a[offset + ${i}]`;
    return `${JSON.stringify(key)}: ${convert[i] ? `${v} === null || ${v} === undefined ? ${v} : convert[${i}](${v})` : v}`;
  });
  const fromArray = new Function('convert', `return (a, offset = 0) => ({ ${fields.join(', ')} });`)(convert) as (
    a: unknown[],
    offset?: number,
  ) => T['$inferSelect'];
  return { columns, width: entries.length, fromArray };
}

/**
 * Inserts rows of a table straight through better-sqlite3, one prepared statement per set of columns given
 * (columns left out take their SQL default), each value mapped as drizzle maps it (booleans to 0/1, JSON
 * columns to text). Built for storing a document's figures: drizzle's builder spent ≈ 0.5 ms rendering each
 * row of a multi-row INSERT, most of a 100-page PDF's storing. Returns each row's id, in order.
 */
export function rowWriter<T extends SQLiteTable>(table: T) {
  const name = getTableName(table);
  const columns = getTableColumns(table);
  return (db: Database.Database, rows: T['$inferInsert'][]) => {
    const statements = new Map<string, { keys: string[]; stmt: Database.Statement }>();
    return rows.map((row) => {
      const record = row as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined && k in columns);
      const signature = keys.join('\u0000');
      let entry = statements.get(signature);
      if (!entry) {
        const names = keys.map((k) => `"${(columns[k] as { name: string }).name}"`).join(', ');
        const stmt = db.prepare(
          `INSERT INTO "${name}" (${names}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING "id"`,
        );
        entry = { keys, stmt };
        statements.set(signature, entry);
      }
      const values = entry.keys.map((k) => {
        const v = record[k];
        const column = columns[k] as { mapToDriverValue: (v: unknown) => unknown };
        return v === null ? null : column.mapToDriverValue(v);
      });
      return (entry.stmt.get(...values) as { id: number }).id;
    });
  };
}
