/**
 * The parts of a report or plan that decide what its figures are (TARGETS-SPEC.md: "Kind follows the
 * section"). A 政府工作报告 reviews the past year (results, dated at that year) and then sets this
 * year's goals (targets, due at the report's year); a 五年规划 opens on its 发展基础 (results of the
 * last plan) before its 目标 and 任务. Each section remembers the paragraph that opened it.
 */
import type { CleanText } from './clean';
import type { DocContext } from './context';
import { PLAN_SECTION, REVIEW_SECTION } from './lexicon';
import { fiveYearPeriod } from './periods';

export type SectionKind = 'review' | 'plan' | 'body';

export interface Section {
  kind: SectionKind;
  /** Results of a review section are dated at this year; goals of a plan section are due at it. */
  year: number | null;
  /** Paragraph indexes, inclusive. */
  firstParagraph: number;
  lastParagraph: number;
  /** Why the section is what it is: the rule and the 1-based raw line of its opening words. */
  rule: string;
  line: number | null;
}

/** Genres whose texts are split into a review and a plan. Newsletters are split by article instead. */
const SECTIONED = new Set<DocContext['genre']>(['work-report', 'progress-report', 'five-year-plan', 'work-points']);

/** A top-level heading: 一、… / 第一章 / 第一部分 / （一）…; or a short line the cleaner took for a heading. */
const OUTLINE_HEADING =
  /^(?:[#\s]*)(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+[章部篇节]|[（(][一二三四五六七八九十]+[)）])/;

/** Words that open a report's plan part in a paragraph of body text (今年经济社会发展的主要预期目标是：). */
const PLAN_OPENER =
  /^(?:(?:20\d{2}|今)年(?:是|政府工作|经济社会发展|全[省市区县]经济社会发展|的?主要预期目标|工作的总体要求)|主要预期目标|今年.{0,12}(?:主要预期目标|总体要求))/;
/** Words that open a report's review part in body text (过去一年，… / 2023年，我们…). */
const REVIEW_OPENER =
  /^(?:过去(?:的)?[一五]年|(?:20\d{2})年[，,]?(?:是|我们|面对|全[省市区县])|[“"]?十[一二三四五]五[”"]?(?:时期|以来|期间)?[，,]?(?:是|我们))/;

/** A run-in heading that opens its paragraph: 1.发展基础。…, （二）发展目标：… */
const RUN_IN_HEAD = /^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)([^。：:，,；]{2,16})[。：:]/;
/** A table-of-contents entry: a heading followed by leader dots and a page number. */
const TOC_ENTRY = /(?:\.{4,}|…{2,}|·{4,})\s*\d*\s*$/;

function yearIn(text: string): number | null {
  const m = /(20\d{2})\s*年/.exec(text);
  return m?.[1] ? Number(m[1]) : null;
}

/**
 * The review and plan sections of a document, covering every paragraph. A document of a genre that
 * is not split this way is one `body` section.
 */
export function splitSections(clean: CleanText, ctx: DocContext): Section[] {
  const n = clean.paragraphs.length;
  const whole: Section = {
    kind: 'body',
    year: null,
    firstParagraph: 0,
    lastParagraph: n - 1,
    rule: 'whole text',
    line: null,
  };
  if (n === 0 || !SECTIONED.has(ctx.genre)) return [whole];
  const year = ctx.year;
  const reviewYear = (text: string): number | null => {
    const named = yearIn(text);
    if (named !== null && (year === null || named <= year)) return named;
    if (/过去五年|十[一二三四五]五/.test(text)) {
      if (ctx.genre === 'five-year-plan' && ctx.planPeriod) return ctx.planPeriod.start - 1;
      return year === null ? null : year - 1;
    }
    if (ctx.genre === 'five-year-plan' && ctx.planPeriod) return ctx.planPeriod.start - 1;
    return year === null ? null : ctx.genre === 'work-report' ? year - 1 : year;
  };
  const planYear = (text: string): number | null => {
    const named = yearIn(text);
    if (ctx.genre === 'five-year-plan' && ctx.planPeriod) return ctx.planPeriod.end;
    // “十五五”时期主要目标任务 in a report: goals due at the end of that plan.
    const plan = fiveYearPeriod(text);
    if (plan && (year === null || plan.end > year)) return plan.end;
    if (named !== null && (year === null || named >= year)) return named;
    return year;
  };
  const opens: Section[] = [];
  for (let i = 0; i < n; i++) {
    const p = clean.paragraphs[i];
    if (!p) continue;
    const whole = clean.text.slice(p.start, p.end).trim();
    if (TOC_ENTRY.test(whole)) continue;
    const runIn = RUN_IN_HEAD.exec(whole)?.[1];
    const heading = ((p.heading || OUTLINE_HEADING.test(whole)) && whole.length <= 60) || runIn !== undefined;
    const text = runIn && whole.length > 60 ? runIn : whole;
    const line = p.firstLine + 1;
    if (heading && REVIEW_SECTION.test(text)) {
      opens.push({
        kind: 'review',
        year: reviewYear(text),
        firstParagraph: i,
        lastParagraph: i,
        rule: 'review heading',
        line,
      });
    } else if (heading && PLAN_SECTION.test(text)) {
      opens.push({
        kind: 'plan',
        year: planYear(text),
        firstParagraph: i,
        lastParagraph: i,
        rule: 'plan heading',
        line,
      });
    } else if (ctx.genre === 'work-report' && PLAN_OPENER.test(text) && opens.at(-1)?.kind !== 'plan') {
      opens.push({
        kind: 'plan',
        year: planYear(text.slice(0, 8)),
        firstParagraph: i,
        lastParagraph: i,
        rule: 'plan opening words',
        line,
      });
    } else if (ctx.genre === 'work-report' && REVIEW_OPENER.test(text) && opens.length === 0) {
      opens.push({
        kind: 'review',
        year: reviewYear(text.slice(0, 12)),
        firstParagraph: i,
        lastParagraph: i,
        rule: 'review opening words',
        line,
      });
    }
  }
  if (opens.length === 0) {
    // A progress report or statistical bulletin (2012年…统计公报) reports its title's year throughout.
    if (ctx.genre === 'progress-report')
      return [{ ...whole, kind: 'review', year: yearIn(ctx.title) ?? year, rule: 'a report of results throughout' }];
    return [whole];
  }
  const sections: Section[] = [];
  const first = opens[0];
  if (first && first.firstParagraph > 0) {
    // What a progress report says before its 下一步 part is what was done.
    const reviewed = ctx.genre === 'progress-report' && first.kind === 'plan';
    sections.push({
      ...whole,
      kind: reviewed ? 'review' : 'body',
      year: reviewed ? (yearIn(ctx.title) ?? year) : null,
      lastParagraph: first.firstParagraph - 1,
      rule: reviewed ? 'a progress report before its plan part' : 'before the first section',
    });
  }
  opens.forEach((s, k) => {
    const next = opens[k + 1];
    sections.push({ ...s, lastParagraph: next ? next.firstParagraph - 1 : n - 1 });
  });
  return sections;
}
