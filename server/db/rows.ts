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
  const keys = entries.map(([key]) => key);
  const convert = entries.map(([, c]) => (PLAIN.has(c.columnType) ? null : (v: unknown) => c.mapFromDriverValue(v)));
  const fromArray = (a: unknown[], offset = 0): T['$inferSelect'] => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = a[offset + i];
      const from = convert[i];
      out[keys[i] as string] = from && v !== null && v !== undefined ? from(v) : v;
    }
    return out as T['$inferSelect'];
  };
  return { columns, width: keys.length, fromArray };
}
