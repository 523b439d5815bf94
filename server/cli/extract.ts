/**
 * `npm run --silent extract -- [--format json|csv] <file...>`: prints the figures of policy documents —
 * .txt, .pdf, .docx, .html/.htm — read exactly as an upload reads them (server/formats; texts decoded as
 * lib/encoding.ts decodes an upload). A file that cannot be read is reported on stderr with the reason and
 * the exit code is 1; the others still print.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { type ExtractedRecord, ExtractedRecordSchema } from '../../shared/schemas/record';
import { extractDocument } from '../extraction/index';
import { readSource } from '../formats/index';
import { AppError } from '../lib/errors';

type Format = 'json' | 'csv';

const USAGE = 'usage: extract [--format json|csv] <file...>';

/** The command line as options: `--format` (json by default) and at least one file. */
function readArgs(argv: string[]): { format: Format; files: string[] } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string', default: 'json' } },
    allowPositionals: true,
    strict: true,
  });
  const format = values.format;
  if (format !== 'json' && format !== 'csv') throw new Error(`unknown format: ${format}`);
  if (positionals.length === 0) throw new Error('no input file');
  return { format, files: positionals };
}

const COLUMNS = Object.keys(ExtractedRecordSchema.shape) as Array<keyof ExtractedRecord>;

/** Records with their keys in schema order, whatever order the engine built them in. */
function ordered(record: ExtractedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of COLUMNS) out[key] = record[key];
  return out;
}

async function main(argv: string[]): Promise<number> {
  let args: { format: Format; files: string[] };
  try {
    args = readArgs(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const records: ExtractedRecord[] = [];
  let refused = 0;
  for (const file of args.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      process.stderr.write(`cannot read ${file}: ${reason}\n`);
      return 2;
    }
    const name = basename(file);
    try {
      const { source } = await readSource(name, bytes);
      const { tables, pages } = source;
      records.push(...extractDocument(source.lines.join('\n'), name, { tables, pages }).records);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused++;
      process.stderr.write(`${file}: refused (${err.code}) — ${err.message}\n`);
    }
  }
  if (args.format === 'csv') {
    process.stdout.write(
      stringify(records.map(ordered), {
        header: true,
        columns: COLUMNS,
        cast: { boolean: (v) => String(v) },
      }),
    );
  } else {
    process.stdout.write(`${JSON.stringify(records.map(ordered), null, 2)}\n`);
  }
  return refused ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
