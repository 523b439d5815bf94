/** The shapes of the table reader, re-exported by `../tableReader`. */

/** One cell: its text as printed, its 0-based raw line and its offset in that line (-1/-1: no cell). */
export interface TableCell {
  text: string;
  line: number;
  col: number;
}

/** A real table from a DOCX/HTML/PDF adapter: rows × cells, header first. */
export interface StructuredTable {
  rows: TableCell[][];
}

/**
 * An indicator table found in a document. Each data row holds exactly one cell per header column
 * (an absent cell has empty text and line/col -1); a row of one cell is a group row (一、数字经济)
 * that names the category of the rows below it.
 */
export interface Table {
  layout: 'row-line' | 'cell-line' | 'structured';
  header: string[];
  rows: TableCell[][];
  /** 0-based raw lines of the header's first line and the last data row's last cell. */
  firstLine: number;
  lastLine: number;
  /** The table's title above its header (表1 “十四五”数字经济发展主要指标), if any. */
  caption: string | null;
}

export interface TableContext {
  planStartYear: number | null;
  planEndYear: number | null;
  docYear: number | null;
  /** The year a report of results covers (2012年…统计公报): its year-less value columns are results of it. */
  reportYear?: number | null;
}

export type TableComparator = '>=' | '>' | '=' | '<=' | '<' | '~' | 'range';

export interface TableFigure {
  /** 0-based raw line and offset of the value cell. */
  line: number;
  col: number;
  /** The value cell's text on its line: an exact substring of the raw line. */
  quote: string;
  /** The indicator column, without row number, footnote markers and bracketed unit. */
  metric: string;
  unit: string;
  value: number;
  valueMax: number | null;
  comparator: TableComparator;
  kind: 'target' | 'actual';
  deadline: string | null;
  perYear: boolean;
  cumulative: boolean;
  binding: 'expected' | 'binding' | null;
  category: string | null;
  /** Short reasons for the decisions, each naming the line that supported it. */
  why: string[];
}

/** A column a row has no cell for. */
export function noCell(): TableCell {
  return { text: '', line: -1, col: -1 };
}
