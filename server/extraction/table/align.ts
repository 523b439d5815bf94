/**
 * Puts the cells of a row under the header's columns when the row does not have one cell per
 * column: a category cell merged down from the row above, a blank 属性, a unit split over two lines
 * (万平 / 方米), an indicator name broken by the PDF. A small dynamic programme over (cells, columns)
 * finds the cheapest monotone assignment, each column taking zero, one or (for text columns) a few
 * consecutive cells, by how well each cell's kind fits its column. O(cells × columns).
 */
import type { CellType } from './cells';
import type { ColumnKind } from './header';

export interface AlignCell {
  type: CellType;
  text: string;
  /** Display column of the cell's centre on a printed page (row-per-line layouts), or null. */
  pos: number | null;
}

export interface AlignColumn {
  kind: ColumnKind;
  /** Display column of the header cell's centre, or null. */
  pos: number | null;
}

const INF = Number.POSITIVE_INFINITY;

/** Cost of a cell of a type under a column of a kind; INF where it cannot stand. */
function fitCost(kind: ColumnKind, type: CellType, text: string): number {
  switch (kind) {
    case 'index':
      if (type === 'index' || type === 'empty') return 0;
      // Row 1000 of a long table.
      return type === 'number' && /^\d+$/.test(text) ? 0.5 : INF;
    case 'category':
      return type === 'text' ? 0.2 : type === 'qual' ? 0.8 : type === 'unit' ? 2 : type === 'empty' ? 0 : INF;
    case 'metric':
      return type === 'text' ? 0 : type === 'qual' ? 0.6 : type === 'unit' ? 2.5 : type === 'empty' ? 0.5 : INF;
    case 'unit':
      if (type === 'unit' || type === 'empty') return 0;
      if (type === 'dash') return 0.2;
      return type === 'text' && text.length <= 6 ? 1.5 : INF;
    case 'value':
      if (type === 'number' || type === 'dash' || type === 'empty') return 0;
      if (type === 'index') return 0.1;
      if (type === 'qual') return 0.5;
      return type === 'text' && text.length <= 40 ? 2.5 : INF;
    case 'binding':
      return type === 'binding' || type === 'empty' ? 0 : type === 'dash' ? 0.3 : INF;
    case 'score':
      if (type === 'number' || type === 'index' || type === 'empty') return 0;
      if (type === 'dash') return 0.2;
      return type === 'qual' || type === 'text' ? 2 : INF;
    case 'text':
      return type === 'empty' ? 0 : type === 'number' || type === 'index' ? 0.6 : 0.3;
  }
}

/** Cost of leaving a column without a cell. */
const SKIP: Record<ColumnKind, number> = {
  index: 0.3,
  category: 0.4,
  metric: 3,
  unit: 0.8,
  value: 1.2,
  binding: 0.5,
  score: 1,
  text: 0.4,
};

/** Cost of each further cell a column takes; absent kinds take one cell only. */
const MERGE: Partial<Record<ColumnKind, number>> = { metric: 0.8, category: 0.8, unit: 0.5, text: 0.5 };
const MAX_MERGE = 3;

export interface Alignment {
  /** For each column, the indexes of the cells it took (in order). */
  columns: number[][];
  cost: number;
}

/** The cheapest assignment of a row's cells to the header's columns, or null when none fits. */
export function alignRow(cells: readonly AlignCell[], columns: readonly AlignColumn[]): Alignment | null {
  const m = cells.length;
  const n = columns.length;
  if (m === 0 || n === 0 || m > n * MAX_MERGE) return null;
  // Distances between header centres give the scale on which a cell is "under" a header.
  const centres = columns.map((c) => c.pos).filter((p): p is number => p !== null);
  const gap = centres.length >= 2 ? Math.max(4, ((centres.at(-1) ?? 0) - (centres[0] ?? 0)) / (centres.length - 1)) : 0;
  const place = (cell: AlignCell, col: AlignColumn): number =>
    gap > 0 && cell.pos !== null && col.pos !== null ? 0.6 * Math.min(1, Math.abs(cell.pos - col.pos) / gap) : 0;

  const width = m + 1;
  const cost = new Float64Array((n + 1) * width).fill(INF);
  const take = new Int8Array((n + 1) * width).fill(-1);
  cost[0] = 0;
  for (let j = 0; j < n; j++) {
    const col = columns[j];
    if (!col) continue;
    // Later columns are a little cheaper to leave empty: a short row more often lacks its last cells.
    const skip = SKIP[col.kind] + 0.01 * (n - j);
    const merge = MERGE[col.kind];
    for (let i = 0; i <= m; i++) {
      const here = cost[j * width + i] ?? INF;
      if (here === INF) continue;
      const next = (j + 1) * width;
      if (here + skip < (cost[next + i] ?? INF)) {
        cost[next + i] = here + skip;
        take[next + i] = 0;
      }
      let run = here;
      for (let k = 1; k <= (merge === undefined ? 1 : MAX_MERGE) && i + k <= m; k++) {
        const cell = cells[i + k - 1];
        if (!cell) break;
        run += fitCost(col.kind, cell.type, cell.text) + place(cell, col) + (k > 1 ? (merge ?? INF) : 0);
        if (run === INF) break;
        if (run < (cost[next + i + k] ?? INF)) {
          cost[next + i + k] = run;
          take[next + i + k] = k;
        }
      }
    }
  }
  const total = cost[n * width + m] ?? INF;
  if (total === INF) return null;
  const out: number[][] = columns.map(() => []);
  let i = m;
  for (let j = n; j > 0; j--) {
    const k = take[j * width + i] ?? 0;
    const cells: number[] = [];
    for (let c = i - k; c < i; c++) cells.push(c);
    out[j - 1] = cells;
    i -= k;
  }
  return { columns: out, cost: total };
}
