import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';

/** Text a spreadsheet reads as a number, not a formula: `-5`, `+1,234.5`, `-12%`. */
const SIGNED_NUMBER = /^[+-](\d[\d,]*)?(\.\d+)?%?$/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR before them) as a formula
 * (OWASP "CSV injection"); a leading apostrophe makes it plain text. Only such cells are touched: numbers,
 * text a spreadsheet reads as a signed number (`-5`), a lone sign, and text starting with anything else
 * (the full-width ＝ the exports write for the comparator) are left as they are.
 */
export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && value.length > 1 && !SIGNED_NUMBER.test(value)) return `'${value}`;
  return value;
}

/** A date cell in a CSV: `YYYY-MM-DD` (the exports make dates at UTC midnight). */
function csvCell(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().slice(0, 10) : neutraliseCell(value);
}

/**
 * Streams rows as RFC 4180 CSV (csv-stringify) in UTF-8 with a BOM, so Excel shows the Chinese text
 * intact, as a download named `<base>-YYYY-MM-DD.csv`. Rows are pulled from the iterable as the
 * client reads, so memory stays flat however many rows there are.
 */
export async function sendCsv(
  res: Response,
  baseName: string,
  header: readonly string[],
  rows: Iterable<readonly unknown[]>,
  today: string,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${baseName}-${today}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: [...header],
    record_delimiter: 'windows',
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
  function* neutralised() {
    for (const row of rows) yield row.map(csvCell);
  }
  try {
    await pipeline(Readable.from(neutralised(), { objectMode: true }), stringifier, res);
  } catch (err) {
    // A client that stops downloading is not a server error; the pipeline has closed the cursor.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  }
}
