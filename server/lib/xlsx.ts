import ExcelJS from 'exceljs';
import type { Response } from 'express';

/** A worksheet as the exports write it: title lines, then a header row and its rows. */
export interface SheetSpec {
  name: string;
  /** Lines above the header (a title, the filter, the date); the header row is frozen below them. */
  preamble: string[];
  header: string[];
  layout: { width: number; numFmt?: string }[];
  rows: Iterable<(string | number | Date | null)[]>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams a workbook (exceljs's streaming writer: each row is written and let go, so memory stays flat for
 * 100,000 rows) as a download named `<base>-YYYY-MM-DD.xlsx`. Each sheet has its preamble lines, a bold header
 * row that stays in view (frozen) with an auto-filter, the given column widths and number formats. Text cells are
 * written as text: a cell is a formula in a workbook only when written as one, so nothing needs neutralising.
 */
export async function sendXlsx(res: Response, baseName: string, sheets: SheetSpec[], today: string): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${baseName}-${today}.xlsx"`);
  res.setHeader('Cache-Control', 'no-store');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  wb.creator = 'Zhibiao';
  for (const spec of sheets) writeSheet(wb, spec);
  await wb.commit();
}

/** The same workbook in memory, for the small files (import templates). */
export async function xlsxBuffer(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhibiao';
  for (const spec of sheets) writeSheet(wb, spec);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeSheet(wb: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec): void {
  const headerRow = spec.preamble.length + 1;
  const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  ws.columns = spec.layout.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  spec.preamble.forEach((line, i) => {
    const row = ws.addRow([line]);
    row.font = i === 0 ? { bold: true, size: 14 } : { color: { argb: 'FF444444' } };
    row.commit();
  });
  const header = ws.addRow(spec.header);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF888888' } } };
  });
  header.commit();
  if (spec.header.length) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: spec.header.length } };
  }
  for (const cells of spec.rows) ws.addRow(cells).commit();
  if ('commit' in ws && typeof ws.commit === 'function') ws.commit();
}
