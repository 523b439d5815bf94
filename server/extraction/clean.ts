/**
 * Turns PDF-converted text into paragraphs while remembering, for every kept character, the raw
 * line and column it came from, so that a figure found in clean text can be quoted exactly from
 * its raw line.
 */

import { halfWidthCode } from '../../shared/text';

export interface Paragraph {
  /** Offset of the first character in `CleanText.text`. */
  start: number;
  /** Offset one past the last character. */
  end: number;
  /** 0-based raw line indexes, inclusive. */
  firstLine: number;
  lastLine: number;
  /** A markdown heading, a numbered heading or a short line without sentence punctuation. */
  heading: boolean;
}

export interface CleanText {
  /** Raw lines as the spec counts them: the file split on \n (a trailing \r is kept). */
  rawLines: string[];
  /** Paragraphs joined by '\n'. */
  text: string;
  /** For each character of `text`: its raw line (0-based); -1 for the joining '\n'. */
  lineOf: Int32Array;
  /** For each character of `text`: its column in the raw line. */
  colOf: Int32Array;
  paragraphs: Paragraph[];
}

const SENTENCE_END = /[。！？；：!?;:]$/;
const SOFT_END = /[，、,]$/;
const NUMBERED_START =
  /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十百\d]+[条章节]|[-•·]\s|【)/;
const MARKDOWN_HEADING = /^#{1,6}\s/;

/**
 * Where a line repeats a prefix of itself ("ABCABCD": the PDF drew the first chars twice), the
 * index at which the complete copy starts; 0 when there is no such artifact.
 */
export function repeatedPrefixLength(line: string): number {
  const minimum = 3;
  if (line.length < minimum * 2) return 0;
  const head = line.slice(0, minimum);
  let best = 0;
  // The converter repeats at most a line's worth; a longer search would be quadratic on long lines.
  const limit = Math.min(line.length / 2, 400);
  let k = line.indexOf(head, 1);
  while (k > 0 && k <= limit) {
    if (k >= minimum && line.startsWith(line.slice(0, k), k)) best = k;
    k = line.indexOf(head, k + 1);
  }
  return best;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0;
}

/** A space is noise unless it separates two ASCII words or numbers (Wi-Fi 7, 20 30). */
function droppableSpace(prev: number, next: number): boolean {
  if (prev < 0 || next < 0) return true;
  return !(isAsciiWord(prev) && isAsciiWord(next));
}

function isAsciiWord(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

interface LineInfo {
  index: number;
  /** Column of the first kept character. */
  from: number;
  /** Normalized content from `from` on, trailing whitespace removed. */
  content: string;
}

function typicalWrapWidth(lines: LineInfo[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(l.content.length, (counts.get(l.content.length) ?? 0) + 1);
  let bestLen = 0;
  let bestCount = 0;
  for (const [len, _count] of counts) {
    if (len < 20) continue;
    let near = 0;
    for (let d = -2; d <= 2; d++) near += counts.get(len + d) ?? 0;
    if (near > bestCount) {
      bestCount = near;
      bestLen = len;
    }
  }
  // Only a document whose lines mostly share one width was wrapped by the converter.
  return bestCount >= Math.max(10, lines.length * 0.15) ? bestLen : Number.POSITIVE_INFINITY;
}

function isHeadingLine(content: string, wrap: number): boolean {
  if (MARKDOWN_HEADING.test(content)) return true;
  if (content.length > 60 || /[。；！？，,]/.test(content)) return false;
  // In a wrapped document a full-width line is a piece of a paragraph, whatever it holds.
  return !(Number.isFinite(wrap) && content.length >= wrap - 3);
}

/** Cleans `raw` (already decoded) into paragraphs with a character map back to raw lines. */
export function cleanText(raw: string): CleanText {
  const source = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // Columns are counted on the BOM-less line; a quote taken from it is still a substring of the raw one.
  const rawLines = source.split('\n');
  const lines: LineInfo[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    const line = rawLines[i] ?? '';
    const normalized = line.replace(WIDE_FORMS, toHalfWidth).replace(/\r$/, '');
    let from = 0;
    while (from < normalized.length && isSpace(normalized.charCodeAt(from))) from++;
    const trimmed = normalized.slice(from).replace(/\s+$/, '');
    if (trimmed.length === 0) continue;
    const repeat = repeatedPrefixLength(trimmed);
    lines.push({ index: i, from: from + repeat, content: trimmed.slice(repeat) });
  }
  const wrap = typicalWrapWidth(lines);
  let total = 0;
  for (const l of lines) total += l.content.length + 1;
  const buffer = new Uint16Array(total);
  const lineOf = new Int32Array(total);
  const colOf = new Int32Array(total);
  const paragraphs: Paragraph[] = [];
  let len = 0;
  let paraStart = 0;
  let paraFirst = -1;
  let paraLast = -1;
  let paraHeading = false;

  const closeParagraph = () => {
    if (paraFirst < 0) return;
    paragraphs.push({ start: paraStart, end: len, firstLine: paraFirst, lastLine: paraLast, heading: paraHeading });
    buffer[len] = 10;
    lineOf[len] = -1;
    colOf[len] = -1;
    len++;
    paraStart = len;
    paraFirst = -1;
  };

  let prev: LineInfo | null = null;
  for (const l of lines) {
    const content = l.content;
    const heading = isHeadingLine(content, wrap);
    if (prev) {
      const p = prev.content;
      const startsNew = MARKDOWN_HEADING.test(content) || NUMBERED_START.test(content) || heading;
      const prevEndsSentence = SENTENCE_END.test(p);
      const prevIsHeading = paraHeading;
      let join: boolean;
      // (三)构建一批产业方阵，产业能级完成新跃升: a short numbered line without a full stop is a heading.
      const numberedHeading = !Number.isFinite(wrap) && NUMBERED_START.test(p) && p.length < 40 && !/[。；]/.test(p);
      if ((prevIsHeading && !SOFT_END.test(p)) || numberedHeading) join = false;
      else if (startsNew) join = false;
      else if (prevEndsSentence) join = Number.isFinite(wrap) && p.length >= wrap - 3;
      else
        join =
          SOFT_END.test(p) || p.length >= 30 || /[，、,]/.test(p) || (Number.isFinite(wrap) && p.length >= wrap - 3);
      if (!join) closeParagraph();
    }
    if (paraFirst < 0) {
      paraFirst = l.index;
      paraHeading = heading;
    } else {
      paraHeading = false;
    }
    paraLast = l.index;
    // Copy characters, dropping markdown emphasis and spaces that split numbers from their words.
    const rawStart = l.from;
    let lastKept = len > paraStart ? (buffer[len - 1] ?? -1) : -1;
    for (let c = 0; c < content.length; c++) {
      const code = content.charCodeAt(c);
      if (code === 0x2a) continue; // '*' of **bold**
      if (isSpace(code)) {
        let n = c + 1;
        while (n < content.length && isSpace(content.charCodeAt(n))) n++;
        const next = n < content.length ? content.charCodeAt(n) : -1;
        if (droppableSpace(lastKept, next)) continue;
        if (lastKept === 0x20) continue;
        buffer[len] = 0x20;
      } else {
        buffer[len] = code;
      }
      lineOf[len] = l.index;
      colOf[len] = rawStart + c;
      lastKept = buffer[len] ?? -1;
      len++;
    }
    prev = l;
  }
  closeParagraph();
  // The separator written after the last paragraph separates nothing.
  if (len > 0 && buffer[len - 1] === 10) len--;

  const text = decodeUtf16(buffer.subarray(0, len));
  return { rawLines, text, lineOf: lineOf.subarray(0, len), colOf: colOf.subarray(0, len), paragraphs };
}

const UTF16 = new TextDecoder('utf-16le');

function decodeUtf16(codes: Uint16Array): string {
  return UTF16.decode(codes);
}

const WIDE_FORMS = /[\uFF01-\uFF5E\u3000\u00A0]/g;

function toHalfWidth(ch: string): string {
  return String.fromCharCode(halfWidthCode(ch.charCodeAt(0)));
}
