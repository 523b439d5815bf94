/**
 * DOCX → DocumentSource, read from the document's own XML (word/document.xml, numbering.xml, styles.xml)
 * unzipped with JSZip and parsed with cheerio's XML mode. Not mammoth: its HTML turns Word's automatic
 * numbering into bare <ol> items and loses the number text (一、（二）3.), which articles and quotes need.
 *
 * Kept: body paragraphs in order (with the number text of numbered lists and headings), tables as rows × cells
 * (a merged cell gives its text to its first grid cell; the others stay empty), content controls, tracked
 * insertions, hyperlinks and field results. Dropped: page headers and footers, footnotes and endnotes,
 * comments, tracked deletions, field codes, text boxes and pictures.
 */

import type { AnyNode, Element } from 'domhandler';
import JSZip from 'jszip';
import { UnprocessableFileError } from '../lib/errors';
import { type DocumentSource, SourceBuilder } from './source';
import { childNamed, childrenNamed, elements, findAll, parseXml } from './xml';

/**
 * How many bytes of XML the parts read here may inflate to, together. A policy document's text is a few MB of
 * XML at most; a zip bomb declares (or really has) gigabytes. Counted while inflating, so a lying header
 * does not help.
 */
export const MAX_DOCX_XML_BYTES = 40 * 1024 * 1024;

const corrupt = (reason: string) =>
  new UnprocessableFileError(
    'DOCX_CORRUPT',
    'This Word file is damaged and cannot be read; open it in Word or WPS, save it again as .docx (or PDF) and upload that.',
    { reason },
  );

/** Inflates one part as UTF-8 text, stopping as soon as the budget of inflated bytes runs out. */
async function readPart(zip: JSZip, name: string, budget: { left: number }): Promise<string | null> {
  const file = zip.file(name);
  if (!file) return null;
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = file.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      budget.left -= chunk.length;
      if (budget.left < 0) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(
          new UnprocessableFileError(
            'DOCX_TOO_LARGE',
            `This Word file's text inflates to more than ${MAX_DOCX_XML_BYTES / 1048576} MB (a zip bomb or not a policy document); it was not read.`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', (err: Error) => reject(corrupt(err.message)));
    stream.on('end', () => resolve());
  });
  return Buffer.concat(chunks).toString('utf8');
}

const attr = (el: Element | undefined, name: string) => el?.attribs[name];

interface Level {
  start: number;
  format: string;
  text: string;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseCount(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CHINESE_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
  return String(n);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

/** A counter in one of Word's number formats (w:numFmt) that Chinese documents use. */
function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
      return chineseCount(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Word's list numbering: numId → levels, and the counters as the document goes. */
class Numbering {
  private readonly levels = new Map<string, Map<number, Level>>();
  private readonly counters = new Map<string, number[]>();

  constructor(numberingXml: string | null) {
    if (!numberingXml) return;
    const root = parseXml(numberingXml).find((e) => e.name === 'w:numbering');
    if (!root) return;
    const abstract = new Map<string, Map<number, Level>>();
    for (const a of childrenNamed(root, 'w:abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of childrenNamed(a, 'w:lvl')) {
        levels.set(Number(attr(l, 'w:ilvl') ?? 0), {
          start: Number(attr(childNamed(l, 'w:start'), 'w:val') ?? 1),
          format: attr(childNamed(l, 'w:numFmt'), 'w:val') ?? 'decimal',
          text: attr(childNamed(l, 'w:lvlText'), 'w:val') ?? '',
        });
      }
      abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
    }
    for (const n of childrenNamed(root, 'w:num')) {
      const base = abstract.get(attr(childNamed(n, 'w:abstractNumId'), 'w:val') ?? '');
      if (!base) continue;
      const levels = new Map([...base].map(([k, v]) => [k, { ...v }]));
      for (const o of childrenNamed(n, 'w:lvlOverride')) {
        const level = levels.get(Number(attr(o, 'w:ilvl') ?? 0));
        const start = attr(childNamed(o, 'w:startOverride'), 'w:val');
        if (level && start) level.start = Number(start);
      }
      this.levels.set(attr(n, 'w:numId') ?? '', levels);
    }
  }

  /** The number text of the next item at `level` of list `numId` (e.g. `（二）`), or '' for bullets. */
  next(numId: string, level: number): string {
    const levels = this.levels.get(numId);
    const def = levels?.get(level);
    if (!levels || !def || numId === '0') return '';
    const counters = this.counters.get(numId) ?? [];
    for (let i = 0; i <= level; i++) counters[i] ??= (levels.get(i)?.start ?? 1) - 1;
    counters[level] = (counters[level] ?? def.start - 1) + 1;
    counters.length = level + 1;
    this.counters.set(numId, counters);
    if (def.format === 'bullet') return '';
    return def.text.replace(/%(\d)/g, (_m, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counters[i] ?? levels.get(i)?.start ?? 1, levels.get(i)?.format ?? 'decimal');
    });
  }
}

/** Paragraph styles that carry numbering (headings numbered by their style). */
function styleNumbering(stylesXml: string | null): Map<string, { numId: string; level: number }> {
  const out = new Map<string, { numId: string; level: number }>();
  if (!stylesXml) return out;
  for (const s of findAll(parseXml(stylesXml), 'w:style')) {
    const numPr = childNamed(childNamed(s, 'w:pPr') ?? s, 'w:numPr');
    const numId = attr(childNamed(numPr ?? s, 'w:numId'), 'w:val');
    if (numPr && numId) {
      out.set(attr(s, 'w:styleId') ?? '', { numId, level: Number(attr(childNamed(numPr, 'w:ilvl'), 'w:val') ?? 0) });
    }
  }
  return out;
}

/** Elements whose text is not part of the body as read: deletions, field codes, drawings, text boxes. */
const SKIPPED = new Set([
  'w:del',
  'w:delText',
  'w:instrText',
  'w:drawing',
  'w:pict',
  'mc:AlternateContent',
  'w:object',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
  'w:rPr',
  'w:pPr',
]);

/** A paragraph's text, split at line breaks (w:br, w:cr). */
function paragraphText(p: Element): string[] {
  const lines = [''];
  const walk = (nodes: readonly AnyNode[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag' || SKIPPED.has(n.name)) continue;
      switch (n.name) {
        case 'w:t':
          lines[lines.length - 1] += n.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
          break;
        case 'w:tab':
        case 'w:ptab':
          lines[lines.length - 1] += ' ';
          break;
        case 'w:noBreakHyphen':
          lines[lines.length - 1] += '-';
          break;
        case 'w:br':
          if (attr(n, 'w:type') !== 'page' && attr(n, 'w:type') !== 'column') lines.push('');
          break;
        case 'w:cr':
          lines.push('');
          break;
        default:
          walk(n.children);
      }
    }
  };
  walk(p.children);
  return lines;
}

class BodyReader {
  readonly out = new SourceBuilder();

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Map<string, { numId: string; level: number }>,
  ) {}

  private numberText(p: Element): string {
    const pPr = childNamed(p, 'w:pPr');
    const numPr = pPr && childNamed(pPr, 'w:numPr');
    const style = attr(childNamed(pPr ?? p, 'w:pStyle'), 'w:val');
    const fromStyle = style ? this.styles.get(style) : undefined;
    const numId = attr(childNamed(numPr ?? p, 'w:numId'), 'w:val') ?? fromStyle?.numId;
    if (!numId) return '';
    const level = Number(attr(childNamed(numPr ?? p, 'w:ilvl'), 'w:val') ?? fromStyle?.level ?? 0);
    return this.numbering.next(numId, level);
  }

  paragraph(p: Element): void {
    const number = this.numberText(p);
    const lines = paragraphText(p);
    lines.forEach((text, i) => {
      this.out.line(i === 0 && number && text.trim() ? `${number}${text.trimStart()}` : text);
    });
  }

  /** A cell's text: its paragraphs (and nested tables' text) joined by spaces. */
  private cellText(tc: Element): string {
    return findAll(tc.children, 'w:p')
      .map((p) => {
        const number = this.numberText(p);
        return number + paragraphText(p).join(' ');
      })
      .join(' ')
      .trim();
  }

  table(tbl: Element): void {
    const rows: string[][] = [];
    for (const tr of childrenNamed(tbl, 'w:tr')) {
      const row: string[] = [];
      for (const tc of elements(tr.children).flatMap((c) =>
        c.name === 'w:tc' ? [c] : c.name === 'w:sdt' || c.name === 'w:customXml' ? findAll(c.children, 'w:tc') : [],
      )) {
        const tcPr = childNamed(tc, 'w:tcPr');
        const span = Number(attr(childNamed(tcPr ?? tc, 'w:gridSpan'), 'w:val') ?? 1);
        const vMerge = childNamed(tcPr ?? tc, 'w:vMerge');
        // The continuation of a vertically merged cell repeats nothing: its text stands in the first row.
        const text = vMerge && attr(vMerge, 'w:val') !== 'restart' ? '' : this.cellText(tc);
        row.push(text);
        for (let i = 1; i < span; i++) row.push('');
      }
      rows.push(row);
    }
    this.out.table(rows);
  }

  body(nodes: readonly AnyNode[]): void {
    for (const n of elements(nodes)) {
      if (n.name === 'w:p') this.paragraph(n);
      else if (n.name === 'w:tbl') this.table(n);
      else if (n.name === 'w:sdt' || n.name === 'w:sdtContent' || n.name === 'w:customXml' || n.name === 'w:ins')
        this.body(n.children);
    }
  }
}

/** Reads a .docx; refuses a damaged file or one whose XML inflates past MAX_DOCX_XML_BYTES. */
export async function readDocx(bytes: Buffer): Promise<DocumentSource> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
  const budget = { left: MAX_DOCX_XML_BYTES };
  const documentXml = await readPart(zip, 'word/document.xml', budget);
  if (documentXml === null) throw corrupt('word/document.xml is missing: this is not a Word document');
  const numbering = new Numbering(await readPart(zip, 'word/numbering.xml', budget));
  const styles = styleNumbering(await readPart(zip, 'word/styles.xml', budget));
  const root = parseXml(documentXml).find((e) => e.name === 'w:document');
  const body = root && childNamed(root, 'w:body');
  if (!body) throw corrupt('word/document.xml has no body');
  const reader = new BodyReader(numbering, styles);
  reader.body(body.children);
  return reader.out.build('docx');
}
