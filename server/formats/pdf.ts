/**
 * PDF → DocumentSource, from the text layer read by pdfjs-dist (Mozilla's PDF engine, the legacy build that
 * runs on Node). pdfjs gives positioned text runs; the layout logic here is Zhibiao's own:
 *
 * - runs on one baseline form a row; a gap of about a character splits the row into cells;
 * - running headers and footers (text repeated at the same height across pages, page numbers like
 *   “— 3 —”, “-3-”, “第3页”) are dropped;
 * - three or more consecutive rows whose cells fall in the same columns are a table (rows × cells),
 *   continued across a page break when the next page starts with rows of the same columns;
 * - a row that fills the line to the right margin and does not end a sentence is joined with the next row
 *   when that one is not indented and does not open a heading or list item — also across a page break —
 *   so a sentence broken by the layout is one line.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnprocessableFileError } from '../lib/errors';
import { unifyRadicals } from './cjk';
import { getDocument } from './pdfjs';
import { type DocumentSource, SourceBuilder } from './source';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

interface Run {
  str: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Cell {
  text: string;
  x0: number;
  x1: number;
}

interface Row {
  page: number;
  y: number;
  size: number;
  x0: number;
  x1: number;
  cells: Cell[];
  text: string;
}

interface Page {
  number: number;
  height: number;
  rows: Row[];
}

/** A gap this wide (in font sizes) between runs on a row separates cells; a full-width space is 1. */
const CELL_GAP = 1.1;

const CJK_EDGE = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * The space a gap between two runs stands for: CJK runs touch, so a gap of about one character beside CJK text
 * is a full-width space (第一条　…); a smaller one is a word space.
 */
function spaceFor(gap: number, size: number, before: string, after: string): string {
  if (/\s$/.test(before) || /^\s/.test(after) || gap <= size * 0.15) return '';
  const cjk = CJK_EDGE.test(before.slice(-1)) || CJK_EDGE.test(after.charAt(0));
  return cjk && gap >= size * 0.8 ? '\u3000' : ' ';
}

/** Runs into rows (same baseline, within a third of the font size), top to bottom, each left to right. */
function toRows(runs: Run[], page: number): Row[] {
  runs.sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const groups: Run[][] = [];
  for (const r of runs) {
    const last = groups[groups.length - 1];
    const head = last?.[0];
    if (last && head && Math.abs(head.y - r.y) <= Math.max(head.size, r.size) * 0.35) last.push(r);
    else groups.push([r]);
  }
  return groups.flatMap((g) => {
    g.sort((a, b) => a.x0 - b.x0);
    const text = g.filter((r) => r.str.trim());
    if (!text.length) return [];
    const size = Math.max(...text.map((r) => r.size));
    const cells: Cell[] = [];
    let cell: Cell | null = null;
    for (const r of g) {
      // Spaces are read from the gaps (pdfjs adds space runs of its own where it sees gaps).
      if (!r.str.trim()) continue;
      const gap = cell ? r.x0 - cell.x1 : 0;
      if (!cell || gap > size * CELL_GAP) {
        cell = { text: r.str.trim(), x0: r.x0, x1: r.x1 };
        cells.push(cell);
      } else {
        cell.text = (cell.text + spaceFor(gap, size, cell.text, r.str) + r.str).trimEnd();
        cell.x1 = Math.max(cell.x1, r.x1);
      }
    }
    return [
      {
        page,
        y: (text[0] as Run).y,
        size,
        x0: Math.min(...text.map((r) => r.x0)),
        x1: Math.max(...text.map((r) => r.x1)),
        cells,
        text: cells.map((c) => c.text).join(' '),
      },
    ];
  });
}

/** A bare page number as printed in a header or footer: “— 3 —”, “-3-”, “3”, “第 3 页”, “3 / 10”, “第3页 共10页”. */
const PAGE_NUMBER =
  /^[\s\-—–－─_·•]*(?:第\s*)?[0-9０-９]+(?:\s*页)?(?:\s*[/／]\s*[0-9０-９]+|\s*共\s*[0-9０-９]+\s*页)?[\s\-—–－─_·•]*$/;

/** How far from the top or bottom edge (share of the page height) headers and footers stand. */
const MARGIN_BAND = 0.12;

/**
 * Drops running headers and footers, looking only at the top and bottom bands of each page:
 * - bare page numbers;
 * - a row whose exact text comes back at the same height on at least two pages and at least 40% of them;
 * - a row that does so once its digits are set aside (“2024年第3期”, “第 3 页 共 9 页”) when it also stands
 *   apart from the body (more than 2.5 font sizes from the next row): uniform list items at the bottom of
 *   every page (“第18条……”) repeat that way too but sit at the body's line pitch.
 */
function dropRunningText(pages: Page[]): void {
  const height = (r: Row) => Math.round(r.y / 3);
  const exact = (r: Row) => `${height(r)}|${r.text.replace(/\s+/g, '')}`;
  const digitless = (r: Row) => `${height(r)}|${r.text.replace(/[0-9０-９]+/g, '#').replace(/\s+/g, '')}`;
  const inBand = (r: Row, p: Page) => r.y > p.height * (1 - MARGIN_BAND) || r.y < p.height * MARGIN_BAND;
  const count = (key: (r: Row) => string) => {
    const seen = new Map<string, Set<number>>();
    for (const p of pages) {
      for (const r of p.rows) {
        if (!inBand(r, p)) continue;
        const set = seen.get(key(r)) ?? new Set<number>();
        set.add(p.number);
        seen.set(key(r), set);
      }
    }
    return seen;
  };
  const exactSeen = count(exact);
  const digitlessSeen = count(digitless);
  const needed = Math.max(2, Math.ceil(pages.length * 0.4));
  for (const p of pages) {
    const apart = (r: Row, i: number) => {
      const neighbours = [p.rows[i - 1], p.rows[i + 1]].filter((n): n is Row => n !== undefined);
      return neighbours.every((n) => Math.abs(n.y - r.y) > 2.5 * Math.max(n.size, r.size));
    };
    p.rows = p.rows.filter((r, i) => {
      if (!inBand(r, p)) return true;
      if (PAGE_NUMBER.test(r.text)) return false;
      if ((exactSeen.get(exact(r))?.size ?? 0) >= needed) return false;
      return !((digitlessSeen.get(digitless(r))?.size ?? 0) >= needed && apart(r, i));
    });
  }
}

const overlap = (a: Cell, b: Cell) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** The column of the reference row a cell falls in: the one it overlaps most, else the nearest. */
function columnOf(cell: Cell, columns: Cell[]): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  columns.forEach((c, i) => {
    const o = overlap(cell, c);
    const score = o > 0 ? o : -Math.abs((cell.x0 + cell.x1) / 2 - (c.x0 + c.x1) / 2) - 1e6;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** Whether every cell of `row` falls in a different column of `columns` (so the row fits the table). */
function fits(row: Row, columns: Cell[]): boolean {
  if (row.cells.length < 2 || row.cells.length > columns.length) return false;
  const used = new Set<number>();
  for (const c of row.cells) {
    const i = columnOf(c, columns);
    if (used.has(i) || !columns.some((col) => overlap(c, col) > 0)) return false;
    used.add(i);
  }
  return true;
}

type Block = { type: 'text'; row: Row } | { type: 'table'; columns: Cell[]; rows: Row[] };

/** A page's rows into text rows and tables (≥ 3 consecutive rows of ≥ 2 cells in the same columns). */
function toBlocks(rows: Row[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && (rows[j] as Row).cells.length >= 2) j++;
    if (j - i >= 3) {
      // The widest row defines the columns; the run is cut where a row no longer fits them.
      const run = rows.slice(i, j);
      const widest = run.reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
      const columns = widest.cells.map((c) => ({ ...c }));
      const members = run.filter((r) => fits(r, columns));
      if (members.length === run.length) {
        blocks.push({ type: 'table', columns, rows: run });
        i = j;
        continue;
      }
    }
    const row = rows[i] as Row;
    blocks.push({ type: 'text', row });
    i++;
  }
  return blocks;
}

const SENTENCE_END = /[。！？；：!?;:]$/;
/** Openings of a heading or list item (第一章, 一、, （一）, 1., (1), ①…): these start a new line. */
const ITEM_START =
  /^(?:第[一二三四五六七八九十百零〇]+[章节条部分篇]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十0-9０-９]+[）)]|[0-9０-９]+(?:[、．.](?![0-9０-９])|[）)])|[①-⑳]|附件|附表)/;
const LATIN_END = /[A-Za-z0-9%]$/;
const LATIN_START = /^[A-Za-z0-9]/;

interface Margins {
  left: number;
  right: number;
}

/** Whether `next` continues the paragraph `prev` ends: `prev` runs to the right margin, mid-sentence. */
function continues(prev: Row, prevMargins: Margins, next: Row, nextMargins: Margins): boolean {
  if (Math.abs(prev.size - next.size) > 0.5) return false;
  // Ragged right (no justification) ends a full line up to two characters short: a character that does not fit
  // moves down, and a closing mark may not open a line, so it takes the character before it along.
  if (prev.x1 < prevMargins.right - prev.size * 2.5) return false;
  if (next.x0 > nextMargins.left + next.size * 0.5) return false;
  if (SENTENCE_END.test(prev.text) || ITEM_START.test(next.text)) return false;
  return true;
}

function margins(blocks: Block[]): Margins {
  const rows = blocks.flatMap((b) => (b.type === 'text' ? [b.row] : []));
  if (!rows.length) return { left: 0, right: 0 };
  return { left: Math.min(...rows.map((r) => r.x0)), right: Math.max(...rows.map((r) => r.x1)) };
}

function tableCells(table: Extract<Block, { type: 'table' }>): string[][] {
  return table.rows.map((r) => {
    const cells = table.columns.map(() => '');
    for (const c of r.cells) {
      const i = columnOf(c, table.columns);
      cells[i] = cells[i] ? `${cells[i]} ${c.text}` : c.text;
    }
    return cells;
  });
}

/** Lays out the pages' rows as lines and tables (see the file's comment). */
export function layoutPages(pages: Page[]): DocumentSource {
  dropRunningText(pages);
  const out = new SourceBuilder();
  let pending: { text: string; page: number; last: Row; margins: Margins } | null = null;
  let openTable: { columns: Cell[]; rows: string[][]; pages: number[] } | null = null;
  const flushText = () => {
    if (pending) out.line(pending.text, pending.page);
    pending = null;
  };
  const flushTable = () => {
    if (openTable) out.table(openTable.rows, openTable.pages);
    openTable = null;
  };
  for (const p of pages) {
    const blocks = toBlocks(p.rows);
    const m = margins(blocks);
    blocks.forEach((b, index) => {
      if (b.type === 'table') {
        flushText();
        const cells = tableCells(b);
        // A table whose first rows on this page fit the columns of the table that ended the last page goes on.
        const continued =
          openTable &&
          index === 0 &&
          openTable.columns.length === b.columns.length &&
          b.rows.every((r) => fits(r, openTable!.columns));
        if (!continued) {
          flushTable();
          openTable = { columns: b.columns, rows: [], pages: [] };
        }
        const header = openTable!.rows[0]?.join('\t');
        cells.forEach((c, k) => {
          // A header row repeated at the top of the next page is not a row of data.
          if (continued && k === 0 && c.join('\t') === header) return;
          openTable!.rows.push(c);
          openTable!.pages.push(p.number);
        });
        return;
      }
      const row = b.row;
      if (openTable && !(index === 0 && pending === null)) flushTable();
      if (pending && continues(pending.last, pending.margins, row, m)) {
        const glue = LATIN_END.test(pending.text) && LATIN_START.test(row.text) ? ' ' : '';
        pending = { text: pending.text + glue + row.text, page: pending.page, last: row, margins: m };
        return;
      }
      flushTable();
      flushText();
      pending = { text: row.text, page: p.number, last: row, margins: m };
    });
  }
  flushTable();
  flushText();
  return out.build('pdf');
}

/** A text layer this thin (characters per page) is a scan with at most a stamp or page number on it. */
const MIN_CHARS_PER_PAGE = 10;

/**
 * Reads a PDF's text layer. Refuses, with a message saying what to do, a PDF without one (a scan), one that
 * needs a password to open, and one pdfjs cannot parse.
 */
export async function readPdf(bytes: Buffer): Promise<DocumentSource> {
  let doc: Awaited<ReturnType<typeof getDocument>['promise']>;
  // pdfjs takes ownership of (and may detach) the array it is given: hand it a copy, the original is stored.
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') {
      throw new UnprocessableFileError(
        'PDF_ENCRYPTED',
        'This PDF is password-protected; remove the password (or print it to a new PDF) and upload it again.',
      );
    }
    throw new UnprocessableFileError(
      'PDF_CORRUPT',
      'This PDF is damaged and cannot be read; download it again from its source or upload a Word version.',
      { reason: err instanceof Error ? err.message : String(err) },
    );
  }
  try {
    const pages: Page[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { height } = page.getViewport({ scale: 1 });
      // Normalisation off: pdfjs would NFKC some compatibility characters; full-width digits must stay as written.
      const content = await page.getTextContent({ disableNormalization: true });
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        const [a = 0, b = 0, , , e = 0, f = 0] = item.transform as number[];
        const size = Math.hypot(a, b) || item.height || 1;
        const str = unifyRadicals(item.str);
        chars += str.replace(/\s/g, '').length;
        runs.push({ str, x0: e, x1: e + item.width, y: f, size });
      }
      pages.push({ number: n, height, rows: toRows(runs, n) });
      page.cleanup();
    }
    if (chars < Math.max(1, doc.numPages) * MIN_CHARS_PER_PAGE) {
      throw new UnprocessableFileError(
        'PDF_NO_TEXT',
        'This PDF has no text layer (it is a scan); OCR is not supported — upload the text version of the PDF or a Word version.',
        { pages: doc.numPages, characters: chars },
      );
    }
    return layoutPages(pages);
  } catch (err) {
    if (err instanceof UnprocessableFileError) throw err;
    throw new UnprocessableFileError(
      'PDF_CORRUPT',
      'This PDF is damaged and cannot be read; download it again from its source or upload a Word version.',
      { reason: err instanceof Error ? err.message : String(err) },
    );
  } finally {
    await doc.destroy();
  }
}
