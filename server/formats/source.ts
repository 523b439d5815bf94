/**
 * The one shape every uploaded format becomes before extraction. The engine reads `lines.join('\n')`;
 * `tables` and `pages` travel beside it (see `ExtractionOptions`) so that it can read structured tables
 * directly and provenance can name a PDF page.
 */

/** One table cell. `line` is a 0-based index into `lines`; `col` the offset of `text` in that line. */
export interface SourceCell {
  text: string;
  line: number;
  col: number;
}

/** Rows × cells, header row(s) first. Empty cells are kept (as `''`) so columns stay aligned. */
export interface SourceTable {
  rows: SourceCell[][];
}

export type SourceFormat = 'txt' | 'pdf' | 'docx' | 'html';

export interface DocumentSource {
  /** What the source viewer shows and provenance points at. A table row is its cells joined by a TAB. */
  lines: string[];
  /** Where the format has real tables (DOCX, HTML, PDF tables recognised by position). */
  tables?: SourceTable[];
  /** PDF: the 1-based page of each line (same length as `lines`); a line joined across pages has its first page. */
  pages?: number[];
  format: SourceFormat;
}

/** What an analyst stated about a document when uploading it; the engine will honour it. */
export interface DocumentContext {
  title?: string | null;
  regionCode?: string | null;
  year?: number | null;
}

/** The optional third argument of `extractDocument`. */
export interface ExtractionOptions {
  tables?: SourceTable[];
  pages?: number[];
  context?: DocumentContext;
}

/**
 * Builds `lines` and `tables` together, so that each table cell knows where its text stands in its line
 * (a figure's quote from a table row is then an exact substring of that line).
 */
export class SourceBuilder {
  readonly lines: string[] = [];
  readonly tables: SourceTable[] = [];
  readonly pages: number[] = [];

  /** Adds a text line (whitespace inside a line collapsed); blank lines are skipped. */
  line(text: string, page?: number): void {
    const t = text.replace(/[ \t\r\n\f\v\u00a0]+/g, ' ').trim();
    if (!t) return;
    this.lines.push(t);
    if (page !== undefined) this.pages.push(page);
  }

  /** Adds a table: each row one line, cells joined by TAB. Rows with no text at all are dropped. */
  table(rows: string[][], pages?: number[]): void {
    const out: SourceCell[][] = [];
    rows.forEach((cells, r) => {
      const texts = cells.map((c) => c.replace(/[\s\u00a0]+/g, ' ').trim());
      if (!texts.some(Boolean)) return;
      const line = this.lines.length;
      let col = 0;
      const row: SourceCell[] = texts.map((text) => {
        const cell = { text, line, col };
        col += text.length + 1;
        return cell;
      });
      this.lines.push(texts.join('\t'));
      const page = pages?.[r];
      if (page !== undefined) this.pages.push(page);
      out.push(row);
    });
    if (out.length) this.tables.push({ rows: out });
  }

  build(format: SourceFormat): DocumentSource {
    const source: DocumentSource = { lines: this.lines, format };
    if (this.tables.length) source.tables = this.tables;
    if (this.pages.length === this.lines.length && this.pages.length) source.pages = this.pages;
    return source;
  }
}
