/**
 * Plain-text tables of indicators, as plans print them:
 *
 *   指标名称                      2023年基数   2026年目标
 *   数字经济核心产业增加值（亿元）  12000        15000
 *
 * A header row names years (and often 基数 / 目标); each row below gives a label with its unit in
 * brackets and one number per year column. Base-year columns are results, later ones goals.
 */

export interface TableFigure {
  /** 0-based raw line. */
  line: number;
  label: string;
  /** Columns in the raw line: where the label starts and where the value ends. */
  labelStart: number;
  valueEnd: number;
  value: number;
  unit: string;
  year: number;
  kind: 'target' | 'actual';
}

interface Cell {
  text: string;
  start: number;
}

/**
 * Cells of a row: split on | in a markdown table, else on runs of two or more spaces or a tab, or —
 * for tables whose PDF conversion kept one space between cells — on every space (`single`).
 */
function cells(line: string, single = false): Cell[] {
  const out: Cell[] = [];
  if ((line.match(/\|/g)?.length ?? 0) >= 2) {
    for (const m of line.matchAll(/[^|]+/g)) {
      const text = m[0].trim();
      if (text) out.push({ text, start: m.index + m[0].indexOf(text) });
    }
    return out;
  }
  const pattern = single ? /[^\s\u3000]+/g : /[^\s\u3000]+(?:[ \u3000](?![ \u3000])[^\s\u3000]+)*/g;
  for (const m of line.matchAll(pattern)) {
    out.push({ text: m[0], start: m.index });
  }
  return out;
}

const PLACEHOLDER = /^(?:[-—–/]+|无|—)$/;
const SEPARATOR_ROW = /^[\s|:：\-—–]+$/;

function halfWidthDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF05\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NUMERIC = /^-?\d+(?:,\d{3})*(?:\.\d+)?%?$/;
const TARGET_COLUMN = /目标|预期|规划|力争|预计/;
const BASE_COLUMN = /基数|基期|基准|现状|实际|完成|现值|基础/;

interface Column {
  year: number;
  kind: 'target' | 'actual';
}

interface Header {
  /** One entry per cell: the year column it is, or null for label, unit and other columns. */
  columns: Array<Column | null>;
  label: number;
  unit: number | null;
}

/** A header row: a label column (指标, or the first), an optional 单位 column and two or more years. */
function readHeader(row: Cell[]): Header | null {
  if (row.length < 3) return null;
  const years = row.map((c) => {
    const m = /(20\d{2})\s*年?/.exec(c.text);
    return m?.[1] ? Number(m[1]) : null;
  });
  const known = years.filter((y): y is number => y !== null);
  if (known.length < 2 || years[0] !== null) return null;
  const labelAt = row.findIndex((c) => /指标|名称|项目|内容/.test(c.text));
  const unitAt = row.findIndex((c) => /^单位$|计量单位/.test(c.text));
  const first = Math.min(...known);
  const columns = row.map((c, i): Column | null => {
    const year = years[i];
    if (year === null || year === undefined) return null;
    if (TARGET_COLUMN.test(c.text)) return { year, kind: 'target' };
    if (BASE_COLUMN.test(c.text)) return { year, kind: 'actual' };
    return { year, kind: year === first ? 'actual' : 'target' };
  });
  return { columns, label: Math.max(labelAt, 0), unit: unitAt >= 0 ? unitAt : null };
}

/** Figures of every indicator table in the raw lines. */
export function findTableFigures(rawLines: readonly string[]): TableFigure[] {
  const out: TableFigure[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    const line = rawLines[i] ?? '';
    // A header has at least two year columns set apart by spaces, tabs or bars.
    if (!/[\s\u3000|]/.test(line) || !/(?:20|２０)/.test(line)) continue;
    let single = false;
    let header = cells(halfWidthDigits(line));
    let layout = readHeader(header);
    if (!layout) {
      // One space between cells: every cell of the header must then be a single word.
      single = true;
      header = cells(halfWidthDigits(line), true);
      layout = header.length <= 8 ? readHeader(header) : null;
    }
    if (!layout) continue;
    const { columns } = layout;
    let j = i + 1;
    for (; j < rawLines.length; j++) {
      const raw = rawLines[j] ?? '';
      if (raw.trim() === '' || SEPARATOR_ROW.test(raw)) continue;
      const row = cells(halfWidthDigits(raw), single);
      const label = row[layout.label];
      if (!label || row.length !== header.length || NUMERIC.test(label.text)) break;
      // Year columns hold numbers or a dash for "none"; other columns (属性: 预期性) hold anything.
      const yearCells = row.filter((_, k) => columns[k]);
      const numeric = yearCells.filter((c) => NUMERIC.test(c.text));
      if (numeric.length === 0 || !yearCells.every((c) => NUMERIC.test(c.text) || PLACEHOLDER.test(c.text))) break;
      const unitMatch = /[（(]([^（()）]+)[)）]$/.exec(label.text);
      const metric = unitMatch ? label.text.slice(0, unitMatch.index) : label.text;
      const unitCell = layout.unit !== null ? row[layout.unit]?.text : undefined;
      row.forEach((cell, k) => {
        const column = columns[k];
        if (!column || !NUMERIC.test(cell.text)) return;
        const percent = cell.text.endsWith('%');
        out.push({
          line: j,
          label: metric,
          labelStart: label.start,
          valueEnd: cell.start + cell.text.length,
          value: Number(cell.text.replace(/[,%]/g, '')),
          unit: percent ? '%' : (unitMatch?.[1] ?? unitCell ?? ''),
          year: column.year,
          kind: column.kind,
        });
      });
    }
    i = j - 1;
  }
  return out;
}
