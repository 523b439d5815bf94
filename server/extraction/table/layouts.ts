/**
 * Finding indicator tables in the three layouts they reach us in:
 * - row-line: one printed row per line, cells apart by runs of spaces, tabs or bars;
 * - cell-line: what PDF and DOCX flattening produce — the header's cells one per line, then each
 *   row's cells one per line (rows found again at their row numbers);
 * - structured: rows × cells handed over by a format adapter.
 * Each finder returns rows with one cell per header column (see `Table`).
 */
import { type AlignCell, type AlignColumn, alignRow } from './align';
import { cellType, isRowNumber, parseValueCell, rowNumberValue } from './cells';
import {
  type Classify,
  type Column,
  classifyHeader,
  continuesHeader,
  isQualifier,
  looksLikeHeaderCell,
  readHeader,
} from './header';
import { barMode, displayColumns, foldWidth, HAN, isSeparatorRow, type SplitMode, splitRow } from './text';
import { noCell, type StructuredTable, type Table, type TableCell } from './types';
import { isUnitLike } from './units';

/** Lines longer than this are prose (or garbage), never a table row: keeps every scan linear. */
export const MAX_ROW_LINE = 400;
/** A cell of a cell-per-line table is short; a longer line is the prose after the table. */
const MAX_CELL_LINE = 40;

/** Notes under a table (注：…, 说明：…): the table ends there. */
export const NOTE = /^\s*(?:注|说明|备注|附注|资料来源|数据来源)\s*[:：1-9①(（]/;
const PAGE_MARK = /^[-—–]\s*\d{1,4}\s*[-—–]$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?$/;
// Cheap test before a line is split and its cells classified as a header.
const HEADER_HINT = /指标|年|目标|基期|基数|现状|属性|单位|累计|年均|完成|序号|十[二三四五]五|名称/;
/** Numbering that opens a group row: 一、 (一) 第一类. */
export const GROUP_NUMBERING =
  /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+[类部分项])/;
// A row number before a name on the same line: "1 " or "1．" (never "1.5").
const GLUED_NUMBER = /^(\d{1,3})(?:\s+|[.．、](?!\d)\s*)(?=\S)/;
const CAPTION = /表\s*\d|专栏|指标|目标|一览|体系/;

/** A row that is only a group's name (一、数字经济, 数字基础设施), not an indicator with values. */
export function isGroupText(raw: string): boolean {
  const text = foldWidth(raw).trim();
  if (text.length < 2 || text.length > 30 || !HAN.test(text) || /[。；;]/.test(text)) return false;
  const type = cellType(text);
  return (type === 'text' || type === 'qual') && parseValueCell(text) === null && !isUnitLike(text);
}

/** The title line just above a header, if it reads as one. */
function captionAbove(lines: readonly string[], headerLine: number): string | null {
  for (let k = headerLine - 1, seen = 0; k >= 0 && seen < 3; k--) {
    const text = (lines[k] ?? '').trim();
    if (text === '') continue;
    seen++;
    if (text.length <= 60 && CAPTION.test(text) && !/[。；]$/.test(text)) return text;
    if (text.length > 60) return null;
  }
  return null;
}

/** Whether an aligned row reads as a data row: some value, unit or binding column holds a cell that fits it. */
function isDataRow(cells: readonly AlignCell[], columns: readonly Column[], taken: readonly number[][]): boolean {
  return taken.some((idx, j) => {
    const kind = columns[j]?.kind;
    return idx.some((c) => {
      const type = cells[c]?.type;
      if (kind === 'value') return type === 'number' || type === 'dash' || type === 'qual' || type === 'index';
      if (kind === 'binding') return type === 'binding';
      return false;
    });
  });
}

/** Joins the cells a column took into one cell (a name or unit broken over lines or spaces). */
function joinCells(cells: readonly TableCell[], rawLines: readonly string[]): TableCell {
  const first = cells[0];
  const last = cells[cells.length - 1];
  if (!first || !last) return noCell();
  if (cells.length === 1) return { ...first };
  if (cells.every((c) => c.line === first.line)) {
    const raw = rawLines[first.line] ?? '';
    return { text: raw.slice(first.col, last.col + last.text.length), line: first.line, col: first.col };
  }
  return { text: cells.map((c) => c.text.trim()).join(''), line: first.line, col: first.col };
}

function toRow(cells: readonly TableCell[], taken: readonly number[][], rawLines: readonly string[]): TableCell[] {
  return taken.map((idx) =>
    joinCells(
      idx.map((i) => cells[i]).filter((c): c is TableCell => c !== undefined),
      rawLines,
    ),
  );
}

function typed(cells: readonly TableCell[], pos: (c: TableCell) => number | null): AlignCell[] {
  return cells.map((c) => ({ type: cellType(c.text), text: c.text.trim(), pos: pos(c) }));
}

export interface Found {
  table: Table;
  /** First line after the table. */
  next: number;
}

function cellsOfLine(rawLines: readonly string[], line: number, mode: SplitMode): TableCell[] {
  const raw = rawLines[line] ?? '';
  return splitRow(foldWidth(raw), mode).map((c) => ({
    text: raw.slice(c.col, c.col + c.text.length),
    line,
    col: c.col,
  }));
}

/** Display centre of a cell on its printed line, given the line's display columns. */
function centreOf(cell: TableCell, cols: Int32Array): number {
  return ((cols[cell.col] ?? 0) + (cols[cell.col + cell.text.length] ?? 0)) / 2;
}

/** A table printed one row per line whose header is on line `at`, or null. */
export function rowLineTableAt(
  rawLines: readonly string[],
  at: number,
  classify: Classify = classifyHeader,
): Found | null {
  const raw = rawLines[at] ?? '';
  if (raw.length > MAX_ROW_LINE || !HEADER_HINT.test(raw)) return null;
  // A header row is cells apart, never a sentence: prose (，。；) and a line without a gap are skipped cheaply.
  if (/[，。；！？]/.test(raw) || !/[\s|\u3000]/.test(raw.trim())) return null;
  const folded = foldWidth(raw);
  const modes: SplitMode[] = barMode(folded) ? ['bar'] : ['wide', 'single'];
  for (const mode of modes) {
    const found = rowLineWithMode(rawLines, at, mode, classify);
    if (found) return found;
  }
  return null;
}

function rowLineWithMode(rawLines: readonly string[], at: number, mode: SplitMode, classify: Classify): Found | null {
  let header = cellsOfLine(rawLines, at, mode);
  if (header.length < 2 || (mode === 'single' && header.length > 10)) return null;
  // An indented header that starts with a year heads an unnamed indicator column at the margin.
  const firstKind = classify(header[0]?.text ?? '')?.kind;
  if (mode !== 'bar' && firstKind === 'value' && (header[0]?.col ?? 0) >= 4)
    header = [{ text: '', line: at, col: 0 }, ...header];
  const headerColumns = displayColumns(rawLines[at] ?? '');
  const positions = header.map((c) => (mode === 'bar' ? null : centreOf(c, headerColumns)));
  let texts = header.map((c) => c.text);
  let verdict = readHeader(texts, true, classify);
  if (verdict.rejected) return transposedAt(rawLines, at, mode, header);
  let j = at + 1;
  // A header over two printed lines: 2020年  2025年 / 基期值  目标值 under them.
  while (j < rawLines.length && (rawLines[j] ?? '').trim() === '' && j < at + 2) j++;
  const below = j < rawLines.length && (rawLines[j] ?? '').length <= MAX_ROW_LINE ? cellsOfLine(rawLines, j, mode) : [];
  if (below.length > 0 && below.length <= header.length && below.every((c) => isQualifier(c.text))) {
    const merged = [...texts];
    const belowColumns = displayColumns(rawLines[j] ?? '');
    for (const q of below) {
      const p = mode === 'bar' ? null : centreOf(q, belowColumns);
      let best = below.length === header.length ? below.indexOf(q) : 0;
      if (p !== null) {
        let dist = Number.POSITIVE_INFINITY;
        positions.forEach((hp, k) => {
          if (hp !== null && Math.abs(hp - p) < dist) {
            dist = Math.abs(hp - p);
            best = k;
          }
        });
      }
      merged[best] = `${merged[best] ?? ''}${q.text.trim()}`;
    }
    const again = readHeader(merged, true, classify);
    if (!again.rejected) {
      texts = merged;
      verdict = again;
      j++;
    }
  } else {
    // “十四五”目标 over 2023年  2025年: the years on the line below split the column above them.
    const spanning = verdict.columns.findIndex((c) => c.kind === 'value' && c.year === null);
    const years = below.map((c) => classify(c.text));
    const split =
      spanning >= 0 &&
      below.length >= 2 &&
      years.every((c) => c?.kind === 'value' && c.year !== null) &&
      verdict.columns.filter((c) => c.kind === 'value' && c.year === null).length === 1;
    const over = verdict.columns[spanning];
    if (split && over) {
      const belowColumns = displayColumns(rawLines[j] ?? '');
      const word = over.stance === 'actual' ? '' : '目标';
      const expanded = [
        ...texts.slice(0, spanning),
        ...below.map((c) => `${c.text.trim()}${word}`),
        ...texts.slice(spanning + 1),
      ];
      const again = readHeader(expanded, true, classify);
      if (!again.rejected) {
        const subPositions = below.map((c) => (mode === 'bar' ? null : centreOf(c, belowColumns)));
        positions.splice(spanning, 1, ...subPositions);
        texts = expanded;
        verdict = again;
        j++;
      } else j = at + 1;
    } else j = at + 1;
  }
  const columns = verdict.columns;
  const alignColumns: AlignColumn[] = columns.map((c, k) => ({ kind: c.kind, pos: positions[k] ?? null }));
  const metricAt = columns.findIndex((c) => c.kind === 'metric');
  const headerKey = texts.map((t) => t.replace(/\s/g, '')).join('|');
  const rows: TableCell[][] = [];
  let lastLine = -1;
  let repeatedAt = -1;
  let blanks = 0;
  for (; j < rawLines.length; j++) {
    const line = rawLines[j] ?? '';
    if (line.length > MAX_ROW_LINE) break;
    const text = line.trim();
    if (text === '') {
      if (++blanks > 2) break;
      continue;
    }
    blanks = 0;
    const folded = foldWidth(text);
    if (isSeparatorRow(folded) || PAGE_MARK.test(folded)) continue;
    if (NOTE.test(folded)) break;
    const cells = cellsOfLine(rawLines, j, mode);
    // The header printed again at the top of a new page, once after some rows (so that a run of
    // header lines cannot make the scan quadratic).
    if (cells.map((c) => c.text.replace(/\s/g, '')).join('|') === headerKey) {
      if (lastLine < 0 || repeatedAt > lastLine) break;
      repeatedAt = j;
      continue;
    }
    const filled = cells.filter((c) => c.text.trim() !== '');
    const only = filled[0];
    if (filled.length === 1 && only) {
      const prev = rows[rows.length - 1];
      // （%） or （万户） alone under a row: the end of that row's indicator name, broken by the PDF.
      const bracket = /[（(]([^（）()]+)[)）]$/.exec(only.text.trim());
      const continues =
        bracket?.[1] !== undefined &&
        isUnitLike(bracket[1]) &&
        (bracket.index === 0 || (prev?.[metricAt] && !/[)）]$/.test(prev[metricAt]?.text.trim() ?? '')));
      if (prev && prev.length > 1 && lastLine === j - 1 && continues) {
        const metric = prev[metricAt];
        if (metric) prev[metricAt] = { ...metric, text: `${metric.text}${only.text.trim()}` };
        continue;
      }
      if (isGroupText(only.text)) {
        rows.push([{ ...only, text: only.text.trim() }]);
        continue;
      }
      break;
    }
    if (cells.length > columns.length * 3) break;
    const rowColumns = mode === 'bar' ? null : displayColumns(line);
    const aligned = typed(cells, (c) => (rowColumns ? centreOf(c, rowColumns) : null));
    const taken = alignRow(aligned, alignColumns);
    if (!taken || taken.cost / cells.length > 1 || !isDataRow(aligned, columns, taken.columns)) break;
    const row = toRow(cells, taken.columns, rawLines);
    const prev = rows[rows.length - 1];
    // A name on the line above a row that has none: the PDF put the indicator's name on its own line.
    if (
      metricAt >= 0 &&
      (row[metricAt]?.text ?? '') === '' &&
      prev?.length === 1 &&
      prev[0] &&
      prev[0].line === j - 1
    ) {
      row[metricAt] = prev[0];
      rows.pop();
    }
    rows.push(row);
    lastLine = j;
  }
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 1) rows.pop();
  if (lastLine < 0 || rows.length === 0) return null;
  return {
    table: { layout: 'row-line', header: texts, rows, firstLine: at, lastLine, caption: captionAbove(rawLines, at) },
    next: lastLine + 1,
  };
}

const CORNER = /^(?:指标|项目|年份|年度|时间|类别|指标名称|年份指标|指标年份|)$/;

/** Header text that names an indicator (人均GDP（万元）), not a column kind. */
function isIndicatorHeader(cell: TableCell): boolean {
  const text = cell.text.trim();
  return HAN.test(text) && text.length <= 30 && classifyHeader(text) === null && parseValueCell(text) === null;
}

/**
 * A table printed the other way round: indicators across the header (人均GDP（万元）  城镇化率（%）),
 * one row per year or stance (2020年 / 2025年目标). It is turned into the usual shape — one row per
 * indicator under a header of years — so that it is read like any other.
 */
function transposedAt(rawLines: readonly string[], at: number, mode: SplitMode, header: TableCell[]): Found | null {
  if (header.length < 2 || header.length > 12) return null;
  const first = header[0];
  if (!first) return null;
  const corner = CORNER.test(first.text.replace(/[\s/／\\]/g, '')) ? 1 : 0;
  const indicators = header.slice(corner);
  if (indicators.length === 0 || !indicators.every(isIndicatorHeader)) return null;
  if (corner === 0 && first.col < 4) return null;
  const width = indicators.length + 1;
  const rows: TableCell[][] = [];
  let lastLine = -1;
  let blanks = 0;
  for (let j = at + 1; j < rawLines.length; j++) {
    const line = rawLines[j] ?? '';
    if (line.length > MAX_ROW_LINE) break;
    if (line.trim() === '') {
      if (++blanks > 2) break;
      continue;
    }
    blanks = 0;
    if (isSeparatorRow(foldWidth(line))) continue;
    const cells = cellsOfLine(rawLines, j, mode);
    const lead = cells[0];
    if (cells.length !== width || !lead || classifyHeader(lead.text)?.kind !== 'value') break;
    const types = cells.slice(1).map((c) => cellType(c.text));
    if (!types.every((t) => t === 'number' || t === 'index' || t === 'dash' || t === 'qual' || t === 'empty')) break;
    if (!types.some((t) => t === 'number' || t === 'index')) break;
    rows.push(cells);
    lastLine = j;
  }
  if (rows.length === 0) return null;
  return {
    table: {
      layout: 'row-line',
      header: ['指标', ...rows.map((r) => r[0]?.text ?? '')],
      rows: indicators.map((indicator, k) => [{ ...indicator }, ...rows.map((r) => ({ ...(r[k + 1] ?? noCell()) }))]),
      firstLine: at,
      lastLine,
      caption: captionAbove(rawLines, at),
    },
    next: lastLine + 1,
  };
}

interface Item extends TableCell {
  type: ReturnType<typeof cellType>;
}

type Segment = { group: Item } | { cells: Item[] };

/** A table printed one cell per line whose header starts on line `at`, or null. */
export function cellLineTableAt(
  rawLines: readonly string[],
  at: number,
  classify: Classify = classifyHeader,
): Found | null {
  const first = rawLines[at] ?? '';
  if (first.length > MAX_CELL_LINE || !looksLikeHeaderCell(first.trim(), classify)) return null;
  const head: TableCell[] = [];
  let k = at;
  let blanks = 0;
  for (; k < rawLines.length && head.length <= 16; k++) {
    const raw = rawLines[k] ?? '';
    const text = raw.trim();
    if (text === '') {
      if (++blanks > 1) break;
      continue;
    }
    blanks = 0;
    if (text.length > 24 || /\S(?:\t|\s{2,}|\u3000)\S/.test(text)) break;
    const last = head[head.length - 1];
    const lastColumn = last ? classify(last.text) : null;
    // "2025年" then "目标值": one header cell printed over two lines.
    if (last && lastColumn && continuesHeader(lastColumn, text) && classify(`${last.text}${text}`)) {
      last.text = `${last.text}${text}`;
      continue;
    }
    if (!classify(text)) break;
    head.push({ text, line: k, col: raw.indexOf(text) });
  }
  // A title such as 主要指标 on the line above 序号 / 指标名称 reads like a header cell: it is the caption.
  let caption: string | null = null;
  const title = head[0];
  if (
    title &&
    classify(title.text)?.kind === 'metric' &&
    head.slice(1).some((h) => classify(h.text)?.kind === 'metric') &&
    classify(head[1]?.text ?? '')?.kind !== 'value'
  ) {
    caption = title.text;
    head.shift();
  }
  if (head.length < 3) return null;
  const verdict = readHeader(
    head.map((h) => h.text),
    false,
    classify,
  );
  if (verdict.rejected) return null;
  const columns = verdict.columns;
  const headerTexts = new Set(head.map((h) => h.text));

  const items: Item[] = [];
  const hasIndex = columns.some((c) => c.kind === 'index');
  let headerRun = 0;
  blanks = 0;
  for (; k < rawLines.length && items.length < 200_000; k++) {
    const raw = rawLines[k] ?? '';
    if (raw.length > MAX_ROW_LINE) break;
    const text = raw.trim();
    if (text === '') {
      if (++blanks > 2) break;
      continue;
    }
    blanks = 0;
    const folded = foldWidth(text);
    if (PAGE_MARK.test(folded)) continue;
    if (text.length > MAX_CELL_LINE || NOTE.test(folded) || (/。/.test(text) && text.length > 12)) break;
    // The header again at the top of a new page is skipped; another table's header ends this one.
    if (headerTexts.has(text)) {
      if (items.length === 0 || ++headerRun > head.length * 2) break;
      continue;
    }
    headerRun = 0;

    const header = classify(text);
    if (header && header.kind !== 'metric' && /\D/.test(text) && looksLikeHeaderCell(rawLines[k + 1] ?? '', classify))
      break;
    for (const cell of cellsOfLine(rawLines, k, 'wide')) {
      // "1 5G基站数" or "1．数字经济核心产业增加值": the row number and the name on one line.
      const glued = hasIndex ? GLUED_NUMBER.exec(foldWidth(cell.text)) : null;
      const number = glued?.[1];
      if (glued && number && HAN.test(cell.text.slice(glued[0].length))) {
        items.push({ text: cell.text.slice(0, number.length), line: k, col: cell.col, type: 'index' });
        const name = cell.text.slice(glued[0].length);
        items.push({ text: name, line: k, col: cell.col + glued[0].length, type: cellType(name) });
        continue;
      }
      items.push({ ...cell, type: cellType(cell.text) });
    }
  }

  const segments = columns.some((c) => c.kind === 'index') ? byRowNumber(items, columns) : byContent(items, columns);
  const alignColumns: AlignColumn[] = columns.map((c) => ({ kind: c.kind, pos: null }));
  const rows: TableCell[][] = [];
  let lastLine = -1;
  for (const [s, segment] of segments.entries()) {
    if ('group' in segment) {
      rows.push([{ text: segment.group.text, line: segment.group.line, col: segment.group.col }]);
      continue;
    }
    let cells = segment.cells;
    let aligned = typed(cells, () => null);
    let taken = alignRow(aligned, alignColumns);
    if (s === segments.length - 1) {
      // The last row may have swallowed short lines after the table: drop them until the row fits.
      const most = columns.length * 3;
      if (!taken && cells.length > most) {
        cells = cells.slice(0, most);
        aligned = aligned.slice(0, most);
        taken = alignRow(aligned, alignColumns);
      }
      while (cells.length > 2 && (!taken || !isDataRow(aligned, columns, taken.columns))) {
        cells = cells.slice(0, -1);
        aligned = aligned.slice(0, -1);
        taken = alignRow(aligned, alignColumns);
      }
    }
    if (!taken || !isDataRow(aligned, columns, taken.columns)) {
      if (columns.some((c) => c.kind === 'index')) continue;
      break;
    }
    rows.push(toRow(cells, taken.columns, rawLines));
    for (const c of cells) lastLine = Math.max(lastLine, c.line);
  }
  while (rows.length > 0 && (rows[rows.length - 1]?.length ?? 0) === 1) rows.pop();
  if (lastLine < 0 || rows.length === 0) return null;
  return {
    table: {
      layout: 'cell-line',
      header: head.map((h) => h.text),
      rows,
      firstLine: head[0]?.line ?? at,
      lastLine,
      caption: caption ?? captionAbove(rawLines, at),
    },
    next: lastLine + 1,
  };
}

/**
 * Rows of a cell-per-line table with a 序号 column: a row starts at its number (the expected next
 * one, or 1 again) when an indicator name follows it. Text lines between the last value of a row
 * and the next number are the next row's category cell, or group rows.
 */
function byRowNumber(items: readonly Item[], columns: readonly Column[]): Segment[] {
  const indexAt = columns.findIndex((c) => c.kind === 'index');
  const categoryAt = columns.findIndex((c) => c.kind === 'category');
  const metricAt = columns.findIndex((c) => c.kind === 'metric');
  const categoryFirst = categoryAt >= 0 && categoryAt < indexAt;
  const textAfter = columns.some((c, j) => j > metricAt && c.kind === 'text');
  const out: Segment[] = [];
  let pending: Item[] = [];
  let cur: Item[] | null = null;
  let expected: number | null = null;

  const tailOf = (cells: readonly Item[]): number => {
    let n = 0;
    for (let i = cells.length - 1; i > 0; i--) {
      const c = cells[i];
      if (c?.type !== 'text') break;
      if (textAfter && !GROUP_NUMBERING.test(c.text)) break;
      n++;
    }
    // Keep at least the number, the name and one more cell in the row.
    return Math.min(n, Math.max(0, cells.length - 3));
  };

  for (const [at, item] of items.entries()) {
    const next = items[at + 1];
    const num = isRowNumber(item.text) ? rowNumberValue(item.text) : null;
    const opens =
      num !== null &&
      next !== undefined &&
      (next.type === 'text' || next.type === 'qual') &&
      (cur === null || (cur.length >= 3 && (num === expected || num === 1)));
    if (!opens) {
      if (cur) cur.push(item);
      else pending.push(item);
      continue;
    }
    if (cur) {
      const tail = tailOf(cur);
      out.push({ cells: cur.slice(0, cur.length - tail) });
      pending.push(...cur.slice(cur.length - tail));
    }
    const lead: Item[] = [];
    for (const p of pending) {
      if (categoryFirst && !GROUP_NUMBERING.test(p.text) && lead.length === 0) lead.push(p);
      else if (isGroupText(p.text)) out.push({ group: p });
    }
    cur = [...lead, item];
    pending = [];
    expected = (num ?? 0) + 1;
  }
  if (cur) out.push({ cells: cur });
  return out;
}

/**
 * Rows of a cell-per-line table without row numbers: a row is full at the header's column count,
 * and a new one starts when an indicator name follows the values of the row before.
 */
function byContent(items: readonly Item[], columns: readonly Column[]): Segment[] {
  const out: Segment[] = [];
  let cur: Item[] = [];
  let seenValue = false;
  for (const item of items) {
    if (GROUP_NUMBERING.test(item.text) && isGroupText(item.text)) {
      if (cur.length > 0) out.push({ cells: cur });
      out.push({ group: item });
      cur = [];
      seenValue = false;
      continue;
    }
    const nameLike = item.type === 'text' || item.type === 'qual';
    const full = cur.length >= columns.length || (nameLike && cur.length >= columns.length - 1);
    if (cur.length > 0 && (full || (seenValue && item.type === 'text'))) {
      out.push({ cells: cur });
      cur = [];
      seenValue = false;
    }
    cur.push(item);
    if (item.type === 'number' || item.type === 'dash' || item.type === 'binding') seenValue = true;
  }
  if (cur.length > 0) out.push({ cells: cur });
  return out;
}

/** A table from a format adapter, adopted when its header is an indicator table's. */
export function adoptStructured(source: StructuredTable, rawLines: readonly string[]): Table | null {
  const rows = source.rows.filter((r) => r.some((c) => c.text.trim() !== ''));
  const headerRow = rows[0];
  if (!headerRow) return null;
  let texts = headerRow.map((c) => c.text.trim());
  let body = rows.slice(1);
  // A second header row under merged cells: “十四五”目标 over 2023年 / 2025年, or 2025年 over 目标值.
  const second = body[0];
  if (
    second &&
    second.length === texts.length &&
    second.every((c) => c.text.trim() === '' || isQualifier(c.text) || classifyHeader(c.text)?.kind === 'value') &&
    second.some((c) => c.text.trim() !== '')
  ) {
    texts = texts.map((t, k) => {
      const below = second[k]?.text.trim() ?? '';
      if (below === '' || below === t) return t;
      return isQualifier(below) ? `${t}${below}` : below.includes(t) ? below : `${t}${below}`;
    });
    body = body.slice(1);
  }
  const verdict = readHeader(texts, true);
  if (verdict.rejected) return null;
  const columns = verdict.columns;
  const alignColumns: AlignColumn[] = columns.map((c) => ({ kind: c.kind, pos: null }));
  const out: TableCell[][] = [];
  for (const row of body) {
    const filled = row.filter((c) => c.text.trim() !== '');
    const distinct = new Set(filled.map((c) => c.text.trim()));
    const only = filled[0];
    // A group row: one name across the row (a merged cell, or repeated by the adapter in each column).
    if (
      only &&
      distinct.size === 1 &&
      (filled.length === 1 || filled.length === row.length) &&
      isGroupText(only.text)
    ) {
      out.push([{ ...only, text: only.text.trim() }]);
      continue;
    }
    if (row.length === columns.length) {
      out.push(row.map((c) => ({ ...c })));
      continue;
    }
    const taken = alignRow(
      typed(row, () => null),
      alignColumns,
    );
    if (taken) out.push(toRow(row, taken.columns, rawLines));
  }
  const lines = rows
    .flat()
    .map((c) => c.line)
    .filter((l) => l >= 0);
  if (!out.some((r) => r.length > 1)) return null;
  return {
    layout: 'structured',
    header: texts,
    rows: out,
    firstLine: lines.length > 0 ? lines.reduce((a, b) => Math.min(a, b)) : -1,
    lastLine: lines.length > 0 ? lines.reduce((a, b) => Math.max(a, b)) : -1,
    caption: null,
  };
}
