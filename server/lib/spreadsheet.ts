import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText, MAX_DOCUMENT_BYTES } from './encoding';
import { AppError, PayloadTooLargeError, UnsupportedFileError } from './errors';

/** A cell as the importer reads it: text, a number, or empty. Dates become `YYYY-MM-DD`. */
export type Cell = string | number | null;

export interface Table {
  format: 'csv' | 'xlsx';
  /** CSV only: the encoding it was decoded from. */
  encoding: string | null;
  /** Non-empty rows, the header first, each with its row number in the file (1-based) for error messages. */
  rows: { n: number; cells: Cell[] }[];
}

/** More rows than any plan's reporting round; a bigger file is almost certainly the wrong file. */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * The most a workbook may inflate to, all its parts together. A sheet of 10,000 rows × 10 columns with
 * shared strings is 3–6 MB of XML, so 50 MB is ample for any real import and keeps a decompression bomb
 * (issue 11: 1.8 MB inflating to 528 MB of rows) from being read at all.
 */
export const MAX_XLSX_INFLATED_BYTES = 50 * 1024 * 1024;

const tooManyRows = () => new PayloadTooLargeError(`The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);

const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads a spreadsheet upload into rows of cells. The format is recognised by content, not name: an
 * .xlsx is a ZIP archive (read with exceljs, first worksheet); anything else must be CSV text, decoded
 * like a policy text (UTF-8 with or without BOM, or GB18030/GBK as Excel saves CSV on Chinese Windows).
 */
export async function readTable(buf: Buffer): Promise<Table> {
  if (buf.length > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError('The file is larger than the 10 MB limit.');
  if (isOle(buf)) {
    throw new UnsupportedFileError('XLS_NOT_SUPPORTED', 'Old .xls workbooks are not read; save it as .xlsx or .csv.');
  }
  const table = isZip(buf) ? await readXlsx(buf) : readCsv(buf);
  if (table.rows.length - 1 > MAX_IMPORT_ROWS) throw tooManyRows();
  return table;
}

function readCsv(buf: Buffer): Table {
  const { text, encoding } = decodeText(buf);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    throw new UnsupportedFileError('BAD_CSV', `The file is not valid CSV: ${(e as Error).message}`);
  }
  return {
    format: 'csv',
    encoding,
    rows: records.map(({ record, info }) => ({ n: info.lines, cells: record.map((c) => (c === '' ? null : c)) })),
  };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return String(v);
  // Excel stores dates as serial numbers; exceljs hands them over as UTC midnight.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('result' in v) return v.result === undefined ? null : cellValue(v.result as ExcelJS.CellValue);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return cellValue(v.text as ExcelJS.CellValue);
  if ('error' in v) return v.error;
  return null;
}

/**
 * Reads the first worksheet with exceljs's streaming reader, row by row, and stops as soon as the sheet has
 * more rows than an import may: the whole workbook is never built in memory. The archive's inflated size is
 * checked first (`checkInflatedSize`), since exceljs inflates whole parts to temporary files before it reads them.
 */
async function readXlsx(buf: Buffer): Promise<Table> {
  await checkInflatedSize(buf);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles say which numbers are dates (a number format); hyperlinks and other parts are skipped.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const rows: Table['rows'] = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        const cells: Cell[] = [];
        for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
        if (!cells.some((c) => c !== null)) continue;
        rows.push({ n: row.number, cells });
        // The header and MAX_IMPORT_ROWS rows are allowed; one more and reading stops here.
        if (rows.length - 1 > MAX_IMPORT_ROWS) throw tooManyRows();
      }
      break;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new UnsupportedFileError('BAD_XLSX', `The file is not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  if (!sheets) throw new UnsupportedFileError('BAD_XLSX', 'The workbook has no worksheet.');
  return { format: 'xlsx', encoding: null, rows };
}

/** A member of a ZIP archive as its central directory describes it. */
interface ZipMember {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  inflatedSize: number;
  localOffset: number;
}

const badZip = (why: string) =>
  new UnsupportedFileError('BAD_XLSX', `The file is not a readable .xlsx workbook: ${why}.`);
const inflatesTooFar = () =>
  new PayloadTooLargeError(
    `The workbook unpacks to more than ${MAX_XLSX_INFLATED_BYTES / 1048576} MB; an import sheet is far smaller — split it or save it as .csv.`,
  );

/**
 * The members of a ZIP archive, from its central directory (PKWARE APPNOTE 4.3.12 and 4.3.16). ZIP64 is refused:
 * its sizes only exist for parts over 4 GB, which no import has.
 */
function zipMembers(buf: Buffer): ZipMember[] {
  // The end-of-central-directory record is the last 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw badZip('no ZIP directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw inflatesTooFar();
  const members: ZipMember[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw badZip('a damaged ZIP directory');
    const nameLength = buf.readUInt16LE(at + 28);
    const member: ZipMember = {
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      inflatedSize: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (member.compressedSize === 0xffffffff || member.inflatedSize === 0xffffffff) throw inflatesTooFar();
    members.push(member);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return members;
}

/**
 * Refuses a workbook that would inflate past MAX_XLSX_INFLATED_BYTES, before exceljs reads any of it: first by
 * the sizes its directory declares, then — since a bomb can understate them — by inflating each member into a
 * counter that stops at the declared size (memory stays flat; time is bounded by the cap). The members must also
 * tile the archive from its first byte to its directory, so that the streaming reader, which walks the local
 * headers, meets no part the directory does not list.
 */
async function checkInflatedSize(buf: Buffer): Promise<void> {
  const members = zipMembers(buf).sort((a, b) => a.localOffset - b.localOffset);
  const declared = members.reduce((n, m) => n + m.inflatedSize, 0);
  if (declared > MAX_XLSX_INFLATED_BYTES) throw inflatesTooFar();
  let expectedOffset = 0;
  for (const m of members) {
    const at = m.localOffset;
    if (at !== expectedOffset || at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) {
      throw badZip('its parts do not match its directory');
    }
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    const end = start + m.compressedSize;
    if (end > buf.length) throw badZip('a part is cut short');
    const data = buf.subarray(start, end);
    if (m.method === 0) {
      if (m.compressedSize !== m.inflatedSize) throw badZip('a stored part has two sizes');
    } else if (m.method === 8) {
      let inflated = 0;
      try {
        await pipeline(
          Readable.from([data]),
          createInflateRaw(),
          new Writable({
            write(chunk: Buffer, _enc, done) {
              inflated += chunk.length;
              done(inflated > m.inflatedSize ? badZip(`part ${m.name} unpacks to more than it declares`) : null);
            },
          }),
        );
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw badZip(`part ${m.name} does not inflate`);
      }
    } else {
      throw badZip(`part ${m.name} uses compression method ${m.method}`);
    }
    // Bit 3: a data descriptor (optional signature, CRC, two sizes) follows the data.
    let next = end;
    if (m.flags & 0x08) next += buf.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
    expectedOffset = next;
  }
}
