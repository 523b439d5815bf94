/**
 * `npm run --silent extract -- [--format json|csv] <file...>`: prints the figures of policy documents —
 * .txt, .pdf, .docx, .html/.htm — read exactly as an upload reads them (server/formats). Texts are decoded as
 * UTF-8 (BOM stripped) unless chardet is confident they are GB18030/GBK/Big5, which government sites still publish.
 * A file that cannot be read is reported on stderr with the reason and the exit code is 1; the others still print.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { type ExtractedRecord, ExtractedRecordSchema } from '../../shared/schemas/record';
import { extractDocument } from '../extraction/index';
import { readSource } from '../formats/index';
import { AppError } from '../lib/errors';

type Format = 'json' | 'csv';

const USAGE = 'usage: extract [--format json|csv] <file...>';

class UsageError extends Error {}

function parseArgs(argv: string[]): { format: Format; files: string[] } {
  let format: Format = 'json';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'json' && value !== 'csv') throw new UsageError(`unknown format: ${value ?? '(missing)'}`);
      format = value;
    } else if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown flag: ${arg}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('no input file');
  return { format, files };
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
    args = parseArgs(argv);
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
