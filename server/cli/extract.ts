/**
 * `npm run --silent extract -- [--format json|csv] <file...>`: prints the figures of policy texts.
 * Files are decoded as UTF-8 (BOM stripped) unless chardet is confident they are GB18030/GBK/Big5,
 * which Chinese government sites still publish.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import chardet from 'chardet';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { type ExtractedRecord, ExtractedRecordSchema } from '../../shared/schemas/record';
import { extractDocument } from '../extraction/index';

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

/** Decodes file bytes: UTF-8 by default, a Chinese legacy encoding only when detected as such. */
export function decode(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  if (!utf8.includes('\uFFFD')) return utf8.charCodeAt(0) === 0xfeff ? utf8.slice(1) : utf8;
  const detected = chardet.detect(bytes);
  const encoding = detected && iconv.encodingExists(detected) ? detected : 'gb18030';
  const text = iconv.decode(bytes, encoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const COLUMNS = Object.keys(ExtractedRecordSchema.shape) as Array<keyof ExtractedRecord>;

/** Records with their keys in schema order, whatever order the engine built them in. */
function ordered(record: ExtractedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of COLUMNS) out[key] = record[key];
  return out;
}

function main(argv: string[]): number {
  let args: { format: Format; files: string[] };
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const records: ExtractedRecord[] = [];
  for (const file of args.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      process.stderr.write(`cannot read ${file}: ${reason}\n`);
      return 2;
    }
    records.push(...extractDocument(decode(bytes), basename(file)).records);
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
  return 0;
}

process.exitCode = main(process.argv.slice(2));
