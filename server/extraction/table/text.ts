/**
 * Character-level helpers for table text: width folding that keeps offsets, display columns and
 * the splitting of one printed row into its cells.
 */

/**
 * Folds the full-width forms tables are printed with (０-９, ％, ＞, ［, ／, the ideographic space)
 * to ASCII one character for one, so that an offset in the folded text is the offset in the raw line.
 * Brackets that mark cumulative figures (【】〔〕［］) become [ ].
 */
export function foldWidth(text: string): string {
  if (!/[\uff01-\uff5e\u3000\u00a0\u3010\u3011\u3014\u3015]/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e && code !== 0xff08 && code !== 0xff09) {
      // Full-width ASCII, except （ ） which the metric reader keeps as Chinese brackets.
      out += String.fromCharCode(code - 0xfee0);
    } else if (code === 0x3000 || code === 0x00a0) out += ' ';
    else if (code === 0x3010 || code === 0x3014) out += '[';
    else if (code === 0x3011 || code === 0x3015) out += ']';
    else out += text[i];
  }
  return out;
}

/** CJK ideographs, full-width punctuation and forms take two columns on a printed page. */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/** Display columns of every offset of a line (CJK counts two), for aligning cells under headers. */
export function displayColumns(line: string): Int32Array {
  const out = new Int32Array(line.length + 1);
  let col = 0;
  for (let i = 0; i < line.length; i++) {
    out[i] = col;
    col += line.charCodeAt(i) === 0x09 ? 8 - (col % 8) : isWide(line.charCodeAt(i)) ? 2 : 1;
  }
  out[line.length] = col;
  return out;
}

export interface RawCell {
  text: string;
  /** Offset of the cell's first character in its raw line. */
  col: number;
}

/**
 * How a printed row separates its cells:
 * - `bar`: markdown or box-drawing bars (| 指标 | 2025年 |), empty cells kept;
 * - `wide`: a tab, a run of two or more spaces, or an ideographic space (PDF layout text);
 * - `single`: every space, for conversions that kept one space between cells.
 */
export type SplitMode = 'bar' | 'wide' | 'single';

const BAR = /[|│┃｜]/;

/** Whether a line is a markdown separator row (|---|:---:|). */
export function isSeparatorRow(line: string): boolean {
  return /^[\s|│┃｜:：\-—–─━+]+$/.test(line) && /[-—–─━]{2}/.test(line);
}

/** The mode a row is written in: bars win when the line holds two of them. */
export function barMode(line: string): boolean {
  let bars = 0;
  for (let i = 0; i < line.length && bars < 2; i++) if (BAR.test(line[i] ?? '')) bars++;
  return bars >= 2;
}

/** Cells of one printed row, each with its offset in the raw line. */
export function splitRow(line: string, mode: SplitMode): RawCell[] {
  const out: RawCell[] = [];
  if (mode === 'bar') {
    const parts: Array<{ start: number; end: number }> = [];
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || BAR.test(line[i] ?? '')) {
        parts.push({ start, end: i });
        start = i + 1;
      }
    }
    // The text before the first bar and after the last one is not a cell when it is blank.
    if (parts.length > 0 && line.slice(parts[0]?.start, parts[0]?.end).trim() === '') parts.shift();
    const last = parts[parts.length - 1];
    if (last && line.slice(last.start, last.end).trim() === '') parts.pop();
    for (const p of parts) {
      const raw = line.slice(p.start, p.end);
      const lead = raw.length - raw.trimStart().length;
      out.push({ text: raw.trim(), col: p.start + lead });
    }
    return out;
  }
  const pattern = mode === 'single' ? /[^\s\u3000]+/g : /[^\s\u3000]+(?: (?! )[^\s\u3000]+)*/g;
  for (const m of line.matchAll(pattern)) out.push({ text: m[0], col: m.index });
  return out;
}

/** Chinese text: at least one ideograph. */
export const HAN = /[\u4e00-\u9fff]/;
