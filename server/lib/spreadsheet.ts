import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText, MAX_DOCUMENT_BYTES } from './encoding';
import { PayloadTooLargeError, UnsupportedFileError } from './errors';

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
  if (table.rows.length - 1 > MAX_IMPORT_ROWS) {
    throw new PayloadTooLargeError(`The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);
  }
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

async function readXlsx(buf: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's type wants the pre-Node-20 Buffer; the bytes are the same.
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw new UnsupportedFileError('BAD_XLSX', `The file is not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new UnsupportedFileError('BAD_XLSX', 'The workbook has no worksheet.');
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellValue(row.getCell(c).value));
    if (cells.some((c) => c !== null)) rows.push({ n, cells });
  });
  return { format: 'xlsx', encoding: null, rows };
}
