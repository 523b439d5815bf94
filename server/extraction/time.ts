/**
 * Time: the dates a paragraph names (timeMarks) and, for each figure, its deadline or as-of date with the rule
 * that supplied it. A figure's own 到2025年 → the year its paragraph or list carries → its section's year → the
 * article's or document's plan period (ENGINE-SKETCH.md); a result's own 截至… → the year its report reviews → the
 * document's year.
 */
import { fiveYearPlan } from '../../shared/period';
import type { Kind } from '../../shared/taxonomy';

export interface TimeMark {
  /** Offset in the paragraph. */
  at: number;
  /** YYYY or YYYY-MM. */
  value: string;
  /** target: sets a deadline (到2025年); asof: dates a result (截至4月末); any: a bare year. */
  type: 'target' | 'asof' | 'any';
  /** The words as written (到2025年, 截至4月末), for the reviewer. */
  words: string;
  /** 1-based raw line of the words, set by the caller that knows where the paragraph stands. */
  line?: number | null;
}

function monthValue(year: number, month: string | undefined): string {
  if (!month) return String(year);
  const m = Number(month);
  return m >= 1 && m <= 12 ? `${year}-${String(m).padStart(2, '0')}` : String(year);
}

/** The dates a paragraph names, in text order, each read as a goal year, an as-of date or a bare year. */
export function timeMarks(
  text: string,
  docYear: number | null,
  planYear: number | null,
  reviewYear: number | null = null,
): TimeMark[] {
  const marks: TimeMark[] = [];
  // Most paragraphs name no date at all; skip the passes below for them.
  if (!/[年月]|目前|当前/.test(text)) return marks;
  const push = (m: RegExpMatchArray, value: string, type: TimeMark['type']) =>
    marks.push({ at: m.index ?? 0, value, type, words: m[0] });
  for (const m of text.matchAll(
    /(?:截至|截止到?|截止至)(?:(20\d{2})年)?(年底|年末|底|末)?(?:(\d{1,2})月(?:末|底|份)?)?/g,
  )) {
    const year = m[1] ? Number(m[1]) : docYear;
    if (!year) continue;
    push(m, m[3] ? monthValue(year, m[3]) : m[2] ? `${year}-12` : String(year), 'asof');
  }
  // A year already past when the text was written dates results (到2023年底，已建成…), not goals.
  const goalOrDate = (year: number): TimeMark['type'] => (docYear !== null && year < docYear ? 'asof' : 'target');
  for (const m of text.matchAll(/(?:到|至|力争|争取|在|于)\s*(20\d{2})\s*年(?:年)?(底|末|年底|年末)?/g)) {
    if (m[1]) push(m, m[2] ? `${m[1]}-12` : m[1], goalOrDate(Number(m[1])));
  }
  for (const m of text.matchAll(/(?<!截至|截止|截止到)(20\d{2})年(底|末|年底|年末|前)/g)) {
    if (m[1]) push(m, m[2] === '前' ? m[1] : `${m[1]}-12`, goalOrDate(Number(m[1])));
  }
  for (const m of text.matchAll(/(20\d{2})年?[—–-](20\d{2})年/g)) {
    if (m[2]) push(m, m[2], 'target');
  }
  for (const m of text.matchAll(/(?:^|[^\d])(\d{1,2})[—–-](\d{1,2})月份?/g)) {
    if (docYear && m[2]) push(m, monthValue(docYear, m[2]), 'asof');
  }
  for (const m of text.matchAll(/(20\d{2})年(\d{1,2})月/g)) {
    if (m[1] && m[2]) push(m, monthValue(Number(m[1]), m[2]), 'asof');
  }
  for (const m of text.matchAll(/(20\d{2})年(?![底末前\d—–-])/g)) {
    if (m[1]) push(m, m[1], 'any');
  }
  for (const m of text.matchAll(/今年|全年|年内|(?<![\d年])年底前?/g)) {
    // In a report's review part, 全年 is the year reviewed: it dates a result.
    if (reviewYear !== null) {
      push(m, String(reviewYear), 'asof');
      continue;
    }
    const year = planYear ?? docYear;
    if (!year) continue;
    // 今年年底 / 年底前 in a yearly plan: that plan's December.
    const yearEnd = m[0].startsWith('年底') || text.startsWith('年底', m.index + m[0].length);
    push(m, yearEnd ? `${year}-12` : String(year), 'target');
  }
  // Five-year plans by number: 到“十四五”末, “十四五”期间 → 2025.
  for (const m of text.matchAll(/(十[一二三四五六])五[”"]?(?:末|期末|时期末|期间)/g)) {
    const plan = fiveYearPlan(m[1] ?? '');
    // “十三五”期间 in a 十四五 plan looks back: a past period dates results.
    if (plan) push(m, String(plan.end), goalOrDate(plan.end));
  }
  for (const m of text.matchAll(/目前|截至目前|当前/g)) {
    if (docYear) push(m, String(docYear), 'asof');
  }
  // 去年 dates results at the year before the text's (比去年 compares, it does not date).
  for (const m of text.matchAll(/(?<![比较同])去年(?!同期)/g)) {
    if (docYear) push(m, String(docYear - 1), 'asof');
  }
  marks.sort((a, b) => a.at - b.at);
  return marks;
}

/** What a figure's deadline rests on besides its own marks. */
export interface TimeDefaults {
  /** The year a review part or report covers. */
  reportYear: number | null;
  /** The plan's (or plan part's) end year. */
  planEndYear: number | null;
  /** The plan period the end year comes from, when it is the document's or article's. */
  planStartYear: number | null;
  /** Set by the document's review or plan section rather than the article's title. */
  fromSection: boolean;
  docYear: number | null;
}

export interface DeadlineDecision {
  deadline: string | null;
  why: string;
}

/**
 * A figure's deadline (a target's or funding's) or as-of date (an actual's). `carried` is the goal year a list's
 * opening line hands its items.
 */
export function decideDeadline(
  kind: Kind,
  marks: { target: TimeMark | null; asof: TimeMark | null; carried: TimeMark | null },
  d: TimeDefaults,
): DeadlineDecision {
  const at = (m: TimeMark) => (m.line ? `“${m.words}” on line ${m.line}` : `“${m.words}”`);
  if (kind === 'actual') {
    if (marks.asof) return { deadline: marks.asof.value, why: `as of ${at(marks.asof)}` };
    if (d.reportYear) return { deadline: String(d.reportYear), why: `the year the report reviews (${d.reportYear})` };
    if (d.docYear) return { deadline: String(d.docYear), why: `the document's year (${d.docYear})` };
    return { deadline: null, why: 'undated: the text names no year for it' };
  }
  if (marks.target) {
    return {
      deadline: marks.target.value,
      why: marks.target === marks.carried ? `carried from ${at(marks.target)}` : `its own ${at(marks.target)}`,
    };
  }
  if (d.planEndYear) {
    const why = d.fromSection
      ? `the year of the plan part it stands in (${d.planEndYear})`
      : d.planStartYear
        ? `the end of the plan period ${d.planStartYear}–${d.planEndYear}`
        : `the plan's end year (${d.planEndYear})`;
    return { deadline: String(d.planEndYear), why };
  }
  return { deadline: null, why: 'none: the text names no year for it' };
}
