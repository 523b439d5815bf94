/**
 * Reading single cells: a value cell's number, comparator and unit; what sort of cell a piece of
 * text is (for aligning short rows under their header); an indicator cell's name without its row
 * number, footnote markers and bracketed unit.
 */
import { parseNumberToken } from '../numerals';
import { foldWidth, HAN } from './text';
import { isUnitLike } from './units';

export type Comparator = '>=' | '>' | '=' | '<=' | '<' | '~' | 'range';

export interface CellValue {
  value: number;
  valueMax: number | null;
  comparator: Comparator;
  /** Written in [ ] (or 【】〔〕): a five-year cumulative figure. */
  cumulative: boolean;
  /** A unit written in the cell after the number (10%, 1.5万个), multiplier included. */
  unit: string | null;
  /** A bare multiplier after the number (1.2万), to be joined to the unit column's unit. */
  multiplier: string | null;
  /** Footnote markers after the number (60.6*). */
  markers: string[];
  /** Words after the figure that were not read (>7、力争投入强度高于…; 8（力争10）). */
  remark: string | null;
}

/** A cell that says "no figure": dashes, a slash, 无. */
export const PLACEHOLDER = /^(?:[-—–─/\\、…·_]+|无|暂无|空|略|不适用|N\/?A)$/i;

const MARKER = /^(.*?)((?:[*※△▲#☆★]|[¹²³⁴⁵⁶⁷⁸⁹⁰]|[①-⑳])+)$/;

const PREFIXES: ReadonlyArray<readonly [RegExp, Comparator | null]> = [
  [/^(?:≥|≧|>=|=>|大于等于|不低于|不少于|不小于|至少)/, '>='],
  [/^(?:≤|≦|<=|=<|小于等于|不超过|不高于|不大于|不多于|控制在|最高)/, '<='],
  [/^(?:>|超过|突破|超|高于|大于|多于)/, '>'],
  [/^(?:<|低于|小于|少于)/, '<'],
  [/^(?:~|≈|约为|约|大约|接近|近)/, '~'],
  // Verbs that add nothing to the comparator: 达到80%, 力争10, 保持7%.
  [
    /^(?:力争|争取|达到|达|保持在|保持|稳定在|提高到|提高至|提升到|提升至|增长|提高|提升|下降|降低|减少|增加|新增|实现|为|=)/,
    null,
  ],
];
const SUFFIXES: ReadonlyArray<readonly [RegExp, Comparator]> = [
  [/^(?:及以上|以上)/, '>='],
  [/^(?:左右|上下)/, '~'],
  [/^(?:以内|之内|及以下|以下)/, '<='],
];
const NUMBER = /^-?\d+(?:,\d{3})*(?:\.\d+)?/;
const RANGE = /^(%?)(?:-|~|—|–|至|到)(\d+(?:,\d{3})*(?:\.\d+)?)/;
const MULTIPLIER = /^(?:万亿|千亿|百亿|千万|百万|亿|万)/;
const STOP = /以上|及以上|左右|上下|以内|之内|及以下|以下|[（(、,;；，。*※△▲#☆★¹²³⁴⁵⁶⁷⁸⁹⁰①-⑳]/;

function number(token: string): number | null {
  return parseNumberToken(token.startsWith('-') ? token.slice(1) : token);
}

/**
 * The figure a value cell holds, or null when it holds none (a dash, 持续提升, a year, prose).
 * The cell must be the figure: the number with its comparator words, unit and markers, optionally
 * followed by a remark after a separator — anything else (建成5个数字化车间) is not a value cell.
 */
export function parseValueCell(raw: string): CellValue | null {
  let s = foldWidth(raw).replace(/\s+/g, '');
  if (s === '' || s.length > 60 || PLACEHOLDER.test(s)) return null;
  const markers: string[] = [];
  const trailing = MARKER.exec(s);
  if (trailing?.[2] && trailing[1] !== undefined) {
    markers.push(trailing[2]);
    s = trailing[1];
  }
  // [30] (and 【30】, 〔30〕, folded to [ ]) marks a figure summed over the plan's five years.
  let cumulative = false;
  const bracket = /\[([^\]]*\d[^\]]*)\]/.exec(s);
  if (bracket) {
    cumulative = true;
    s = `${s.slice(0, bracket.index)}${bracket[1] ?? ''}${s.slice(bracket.index + bracket[0].length)}`;
  }
  let comparator: Comparator = '=';
  for (let guard = 0; guard < 4; guard++) {
    const hit = PREFIXES.find(([re]) => re.test(s));
    if (!hit) break;
    const [re, cmp] = hit;
    s = s.replace(re, '');
    if (cmp) comparator = cmp;
  }
  const head = NUMBER.exec(s);
  if (!head) return null;
  const negative = head[0].startsWith('-');
  const parsed = number(head[0]);
  if (parsed === null) return null;
  const value = negative ? -parsed : parsed;
  let rest = s.slice(head[0].length);
  // 2025年, 6月: a date, not a figure.
  if (/^(?:年|月|日|号)/.test(rest)) return null;
  let valueMax: number | null = null;
  let unit: string | null = null;
  const range = RANGE.exec(rest);
  if (range?.[2]) {
    const max = number(range[2]);
    if (max !== null && max > value) {
      valueMax = max;
      comparator = 'range';
      if (range[1]) unit = '%';
      rest = rest.slice(range[0].length);
    }
  }
  const multiplier = MULTIPLIER.exec(rest)?.[0] ?? null;
  const stop = STOP.exec(rest);
  const unitText = stop ? rest.slice(0, stop.index) : rest;
  if (unitText !== '') {
    if (!isUnitLike(unitText) && unitText !== multiplier) return null;
    unit = unitText === multiplier ? null : unitText;
  }
  rest = rest.slice(unitText.length);
  for (const [re, cmp] of SUFFIXES) {
    const m = re.exec(rest);
    if (m) {
      if (comparator !== 'range') comparator = cmp;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  const after = MARKER.exec(rest);
  if (after?.[2] && after[1] === '') {
    markers.push(after[2]);
    rest = '';
  }
  let remark: string | null = null;
  if (rest !== '') {
    // A remark in brackets or after a separator: 8（力争10）, >7、力争投入强度高于“十三五”时期实际.
    if (/^[（(、,;；，]/.test(rest)) remark = rest.replace(/^[、,;；，]/, '');
    else return null;
  }
  return {
    value,
    valueMax,
    comparator,
    cumulative,
    unit: unit === null && multiplier !== null ? null : unit,
    multiplier: unitText === multiplier ? multiplier : null,
    markers,
    remark,
  };
}

export type CellType = 'empty' | 'index' | 'number' | 'dash' | 'binding' | 'unit' | 'qual' | 'text';

const INDEX_CELL = /^(?:\d{1,3}|[①-⑳]|[(（]\d{1,3}[)）]|\d{1,3}[.、．])$/;
const BINDING_CELL = /^(?:预期性|约束性|预期|约束|预期型|约束型)(?:指标)?$/;
// Words of a qualitative goal written where a number would stand (持续提升, 保持在合理区间).
const QUALITATIVE =
  /持续|稳步|逐步|保持|不断|稳定|高于|低于|提升|提高|增长|下降|降低|完成|达到|合理|视情|力争|进一步|基本|全面|明显|显著|优化|改善|国家|下达|确保|实现|同步|平稳/;

/** A row number: 1, 12, ①, (3), 4. — never a figure. */
export function isRowNumber(raw: string): boolean {
  // Up to four digits: row 1000 of a long table.
  const text = foldWidth(raw).trim();
  return INDEX_CELL.test(text) || /^\d{4}$/.test(text);
}

/** The number a row-number cell counts (① → 1, (3) → 3). */
export function rowNumberValue(raw: string): number | null {
  const text = foldWidth(raw).trim();
  const circled = text.charCodeAt(0) - 0x2460;
  if (text.length === 1 && circled >= 0 && circled < 20) return circled + 1;
  const digits = /\d+/.exec(text);
  return digits ? Number(digits[0]) : null;
}

/** What kind of text a cell holds, for deciding which column a cell of a short row belongs to. */
export function cellType(raw: string): CellType {
  const text = foldWidth(raw).trim();
  if (text === '') return 'empty';
  if (INDEX_CELL.test(text)) return 'index';
  if (PLACEHOLDER.test(text)) return 'dash';
  if (BINDING_CELL.test(text)) return 'binding';
  if (parseValueCell(text)) return 'number';
  if (!/\d/.test(text) && isUnitLike(text)) return 'unit';
  if (HAN.test(text) && !/\d/.test(text) && text.length <= 40 && QUALITATIVE.test(text)) return 'qual';
  return 'text';
}

export interface MetricName {
  /** The indicator without row number, footnote markers and bracketed unit. */
  name: string;
  /** The unit in the metric's trailing brackets (IPv6活跃用户数（亿户） → 亿户). */
  unit: string | null;
  /** Footnote markers that are always markers (¹ ① * ※). */
  markers: string[];
  /**
   * Digits glued to the end of the name (拥有量1, 基站数（万个）1.5), not included in `name`: a footnote
   * marker or a value that lost its cell, decided by the row.
   */
  trailing: { text: string; offset: number; afterBracket: boolean } | null;
  /** Row number written in the cell (1.国内生产总值增长). */
  rowNumber: string | null;
}

const LEADING_NUMBER = /^(?:\d{1,2}\s*[.、．](?!\d)\s*|[①-⑳]\s*|[(（]\d{1,2}[)）]\s*|\d{1,2}\s+(?=\S*[\u4e00-\u9fff]))/;
const ALWAYS_MARKER = /((?:[¹²³⁴⁵⁶⁷⁸⁹⁰]|[①-⑳]|[*※△▲#☆★])+|[（(]注\d{0,2}[)）]|注\d{1,2})$/;
const UNIT_BRACKET = /[（(]([^（）()]{1,15})[)）]$/;

/** Splits an indicator cell into its name, unit, markers and any glued trailing digits. */
export function readMetric(raw: string): MetricName {
  const folded = foldWidth(raw);
  let start = 0;
  let end = folded.length;
  const markers: string[] = [];
  let rowNumber: string | null = null;
  const lead = LEADING_NUMBER.exec(folded);
  if (lead) {
    rowNumber = lead[0].trim();
    start = lead[0].length;
  }
  const stripMarkers = () => {
    for (let guard = 0; guard < 3; guard++) {
      const text = folded.slice(start, end).trimEnd();
      end = start + text.length;
      const m = ALWAYS_MARKER.exec(text);
      if (!m?.[1] || m.index === 0) return;
      markers.push(m[1]);
      end = start + m.index;
    }
  };
  stripMarkers();
  let unit: string | null = null;
  let trailing: MetricName['trailing'] = null;
  const bracket = UNIT_BRACKET.exec(folded.slice(start, end));
  if (bracket?.[1] && isUnitLike(bracket[1])) {
    unit = bracket[1].trim();
    end = start + bracket.index;
    stripMarkers();
  } else {
    // Digits after a closing unit bracket: 5G基站数（万个）1.5 — a value or a marker, decided later.
    const afterBracket = /[（(]([^（）()]{1,15})[)）](\d+(?:\.\d+)?)$/.exec(folded.slice(start, end));
    if (afterBracket?.[1] && afterBracket[2] && isUnitLike(afterBracket[1])) {
      unit = afterBracket[1].trim();
      trailing = {
        text: afterBracket[2],
        offset: end - afterBracket[2].length,
        afterBracket: true,
      };
      end = start + afterBracket.index;
      stripMarkers();
    }
  }
  if (!trailing) {
    // Digits glued to an ideograph: 每万人口高价值发明专利拥有量1. (IPv6, PM2.5 and 5G are not.)
    const glued = /[\u4e00-\u9fff）)](\d+(?:\.\d+)?)$/.exec(folded.slice(start, end));
    if (glued?.[1]) {
      trailing = { text: glued[1], offset: end - glued[1].length, afterBracket: false };
      end -= glued[1].length;
    }
  }
  return { name: folded.slice(start, end).trim(), unit, markers, trailing, rowNumber };
}
