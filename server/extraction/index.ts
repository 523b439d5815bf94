/**
 * The extraction engine: decoded policy text in, typed figures out. Pure: no I/O, no clock.
 *
 * Pipeline: clean (with a map back to raw lines) → context (context.ts) → sections (sections.ts) → articles →
 * tables (tableReader.ts) → per paragraph, find figures (figures.ts) → decide kind (kind.ts), deadline (time.ts),
 * region (region.ts), theme (theme.ts), each by a named rule whose reason travels with the record → quote from
 * the raw line.
 */

import type { ExtractedArticle, ExtractedRecord, ExtractionResult } from '../../shared/schemas/record';
import type { Kind } from '../../shared/taxonomy';
import { type ArticleInfo, mastheadDate, splitArticles } from './articles';
import { type CleanText, cleanText } from './clean';
import { type ContextHints, type DocContext, readContext } from './context';
import { type Figure, findFigures, isFundingCondition } from './figures';
import { decideKind, FUTURE_CUE, kindCase, STRONG_TARGET } from './kind';
import { ACTUAL_CUE, isComputeUnit, isMoneyUnit } from './lexicon';
import { unitMultiplier } from './numerals';
import { baseRegion, type RegionChoice, recordRegion, withoutPlace } from './region';
import { type Section, splitSections } from './sections';
import { sentenceSpan } from './spans';
import { findTables, readTable, type StructuredTable, type TableFigure } from './tableReader';
import { lastTheme, themeOf } from './theme';
import { decideDeadline, type TimeMark, timeMarks } from './time';

export { cleanText } from './clean';

/**
 * The engine's version: raise it whenever a change can alter what the engine extracts from a stored
 * text, so that `npm run reextract` (and the server at start) re-reads the documents it stored before.
 */
export const ENGINE_VERSION = 4;
export { parseChineseNumeral, parseNumberToken } from './numerals';

function inferDocYear(clean: CleanText, issueDate: string | null): number | null {
  if (issueDate) return Number(issueDate.slice(0, 4));
  const counts = new Map<number, number>();
  for (const m of clean.text.matchAll(/(20\d{2})年\d{1,2}月/g)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [y, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== null && y > best)) {
      best = y;
      bestCount = c;
    }
  }
  return best;
}

function normalize(value: number, unit: string, kind: Kind): { value: number; unit: string } {
  const factor = unitMultiplier(unit);
  const rest = unit.replace(/^(?:万亿|千亿|百亿|亿|千万|百万|万)/, '');
  if (isMoneyUnit(unit)) {
    return rest === '美元' ? { value: value * factor, unit: '美元' } : { value: value * factor, unit: '元' };
  }
  if (rest === '' && kind === 'funding') return { value: value * factor, unit: '元' };
  if (isComputeUnit(unit)) {
    const scale = /^E/.test(rest) ? 1000 : /^T/.test(rest) ? 0.001 : 1;
    return { value: value * factor * scale, unit: 'PFLOPS' };
  }
  if (unit === '成') return { value: value * 10, unit: '%' };
  if (unit === '‰') return { value: value / 10, unit: '%' };
  return { value: value * factor, unit: rest };
}

/** A paragraph that is an item of a list: ——…, 1. …, （一）…, 一是… */
const LIST_ITEM = /^\s*(?:——|—|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[-•·]|[一二三四五六七八九十]+是)/;

/**
 * 约束性 / 预期性 in a figure's clause or right after it (（约束性）); a goal listed under 主要预期目标是：
 * is expected, as the 预期性 column of an indicator table would say.
 */
function bindingOf(text: string, fig: Figure, kind: Kind): 'expected' | 'binding' | null {
  const scope = text.slice(fig.clauseStart, Math.min(text.length, Math.max(fig.clauseEnd, fig.figureEnd + 8)));
  if (/约束性/.test(scope)) return 'binding';
  if (/预期性/.test(scope)) return 'expected';
  if (kind !== 'target') return null;
  const before = text.slice(0, fig.numberStart);
  const at = Math.max(before.lastIndexOf('预期目标'), before.lastIndexOf('预期性指标'));
  if (at >= 0 && !/[。]/.test(before.slice(at))) return 'expected';
  const bound = before.lastIndexOf('约束性指标');
  if (bound >= 0 && !/[。]/.test(before.slice(bound))) return 'binding';
  return null;
}

function quoteFor(clean: CleanText, paraStart: number, fig: Figure): { line: number; quote: string } | null {
  const numberAt = paraStart + fig.numberStart;
  const line = clean.lineOf[numberAt];
  if (line === undefined || line < 0) return null;
  let qs = paraStart + Math.max(fig.metricStart, fig.numberStart - 40);
  let qe = paraStart + Math.min(fig.metricEnd, fig.figureEnd + 40);
  while (qs < numberAt && clean.lineOf[qs] !== line) qs++;
  while (qe > numberAt + 1 && clean.lineOf[qe - 1] !== line) qe--;
  const raw = clean.rawLines[line] ?? '';
  const from = clean.colOf[qs] ?? 0;
  const to = (clean.colOf[qe - 1] ?? from) + 1;
  let quote = raw.slice(from, to).replace(/\r$/, '');
  quote = quote.replace(/^[\s，,、；;：:。）)]+/, '').replace(/[\s，,、；;：:。（(]+$/, '');
  if (quote.length === 0) quote = raw.slice(clean.colOf[numberAt] ?? 0, (clean.colOf[numberAt] ?? 0) + 1);
  return { line: line + 1, quote };
}

function perYearOf(text: string, fig: Figure, kind: Kind): boolean {
  const sentence = sentenceSpan(text, fig.numberStart);
  const head = text.slice(sentence.start, fig.numberStart);
  // 每年 governs a whole list of goals; 年均, and 每年 before a sum of money, only their own clause.
  const clauseHead = text.slice(fig.clauseStart, fig.numberStart);
  if (/每年|每年度/.test(kind === 'funding' ? clauseHead : head)) return true;
  if (/年均|连年|逐年/.test(clauseHead)) return true;
  if (kind === 'funding' && /年度/.test(clauseHead)) return true;
  if (kind === 'target' && (fig.unit === '%' || fig.unit === '个百分点')) {
    const clause = text.slice(fig.clauseStart, fig.clauseEnd);
    if (/增速|增长率|以上增长|保持.*增长/.test(clause)) return true;
  }
  return false;
}

/**
 * How sure the engine is, from the signals that went into the record: words that say what kind of
 * figure it is, a named deadline, a comparator, a metric of some length. What rests on a default
 * (the article's kind, a Chinese numeral read as a count) scores lower and is reviewed first.
 */
function confidenceOf(
  text: string,
  fig: Figure,
  kind: Kind,
  article: ArticleInfo,
  deadline: string | null,
  regionCode: string | null,
): number {
  const clauseHead = text.slice(fig.clauseStart, fig.numberStart);
  let c = 0.85;
  if (fig.chinese) c -= 0.2;
  if (article.defaultKind === 'none') c -= 0.2;
  const cued =
    kind === 'funding' ||
    (kind === 'target' ? STRONG_TARGET.test(clauseHead) || FUTURE_CUE.test(clauseHead) : ACTUAL_CUE.test(clauseHead));
  if (!cued) c -= 0.1;
  if (kind !== article.defaultKind && !cued) c -= 0.1;
  if (fig.metric.length < 3) c -= 0.15;
  if (kind === 'target' && deadline === null) c -= 0.1;
  if (fig.comparator !== '=') c += 0.05;
  // A figure nobody could place waits for a reviewer first.
  if (regionCode === null) c -= 0.3;
  return Math.max(0.05, Math.min(0.99, Math.round(c * 100) / 100));
}

/**
 * The document's own name: a newsletter's masthead names it in its shortest heading before the
 * table of contents (大数据发展动态, not the slogan above it); a single policy text has no table of
 * contents and is named by its articles' first title.
 */
function documentTitle(clean: CleanText, bodyStart: number): string {
  if (bodyStart === 0) return '';
  let best = '';
  for (let i = 0; i < Math.min(bodyStart, 12); i++) {
    const p = clean.paragraphs[i];
    if (!p?.heading) continue;
    const t = clean.text
      .slice(p.start, p.end)
      .replace(/^[#\s]+/, '')
      .trim();
    if (t.length >= 4 && !/\d/.test(t) && (best === '' || t.length < best.length)) best = t;
  }
  return best;
}

/** What the caller knows beyond the text: a format's real tables and pages, an analyst's context. */
export interface ExtractOptions {
  /** What an analyst stated or corrected about the document (title, issuing region, year…). */
  context?: ContextHints;
  /** Real tables of a DOCX, HTML or PDF source, rows × cells, each cell placed on a line of the text. */
  tables?: readonly StructuredTable[];
  /** A PDF's page of each line: provenance, not extraction, uses it. */
  pages?: readonly number[];
}

/** The document's own defaults, set by its review or plan section (TARGETS-SPEC.md: kind follows the section). */
function withinSection(article: ArticleInfo, section: Section, ctx: DocContext, single: boolean): ArticleInfo {
  if (section.kind === 'review') {
    return {
      ...article,
      defaultKind: 'actual',
      reportYear: section.year ?? article.reportYear,
      planYear: null,
      fromSection: true,
    };
  }
  if (section.kind === 'plan') {
    const due = section.year ?? article.planEndYear ?? ctx.planPeriod?.end ?? ctx.year;
    const yearly = ctx.genre === 'work-report' || ctx.genre === 'work-points';
    return {
      ...article,
      defaultKind: 'target',
      planEndYear: due,
      planYear: yearly ? (section.year ?? ctx.year) : article.planYear,
      reportYear: ctx.year,
      fromSection: true,
    };
  }
  // A single plan's figures fall due at the end of its period when the article's title gave none.
  if (article.planEndYear === null && ctx.planPeriod && single) {
    return { ...article, planStartYear: ctx.planPeriod.start, planEndYear: ctx.planPeriod.end };
  }
  // A year's work points, or a year's evaluation rules (2018年度…考核细则), set that year's goals.
  if (article.planYear === null && (ctx.genre === 'work-points' || ctx.genre === 'evaluation') && ctx.year !== null) {
    return { ...article, planYear: ctx.year, planEndYear: article.planEndYear ?? ctx.year };
  }
  return article;
}

/** Extracts the articles and figures of one decoded document. */
export function extractDocument(text: string, sourceFile: string, options: ExtractOptions = {}): ExtractionResult {
  const clean = cleanText(text);
  const layout = splitArticles(clean);
  // A newsletter's table of contents lists articles from many places: each article's own words place it.
  const newsletter = layout.bodyStart > 0;
  const shape = { toc: newsletter, articles: layout.articles.length };
  const issueDate = mastheadDate(clean);
  const baseCtx = readContext(clean, options.context ?? {}, newsletter ? documentTitle(clean, layout.bodyStart) : '');
  // Without a masthead or dated events, a plan is written around the first year of its period.
  const docYear =
    (newsletter ? null : baseCtx.year) ??
    inferDocYear(clean, issueDate) ??
    layout.articles.reduce<number | null>(
      (y, a) => (a.planStartYear !== null && (y === null || a.planStartYear < y) ? a.planStartYear : y),
      null,
    );
  const ctx: DocContext = {
    ...baseCtx,
    genre: newsletter ? 'newsletter' : baseCtx.genre,
    year: baseCtx.year ?? docYear,
  };
  const sections = splitSections(clean, ctx);
  const sectionOf = (paragraph: number): Section | undefined =>
    sections.find((s) => paragraph >= s.firstParagraph && paragraph <= s.lastParagraph);
  const records: ExtractedRecord[] = [];
  const articles: ExtractedArticle[] = [];
  // Indicator tables are read under their headers; prose reading leaves their lines alone.
  const reviewed = sections.length === 1 && sections[0]?.kind === 'review' ? sections[0].year : null;
  const tableContext = {
    planStartYear: ctx.planPeriod?.start ?? null,
    planEndYear: ctx.planPeriod?.end ?? null,
    docYear: ctx.year,
    reportYear: reviewed,
  };
  const tables = findTables(clean.rawLines, options.tables);
  const tableFigures: TableFigure[] = tables.flatMap((t) => readTable(t, clean.rawLines, tableContext));
  const tableLines = new Set<number>();
  for (const t of tables) for (let l = t.firstLine; l <= t.lastLine; l++) tableLines.add(l);
  const articleRegions = new Map<ArticleInfo, RegionChoice>();
  // One text with appendices (a plan and its list of standards) rather than a digest: its first article
  // holds most of it, and the document's plan period is that article's.
  const firstArticle = layout.articles[0];
  const span = (a: ArticleInfo) =>
    (clean.paragraphs[a.lastParagraph]?.lastLine ?? 0) - (clean.paragraphs[a.firstParagraph]?.firstLine ?? 0) + 1;
  const mainArticle =
    !newsletter && firstArticle && span(firstArticle) >= 0.7 * clean.rawLines.length ? firstArticle : undefined;

  for (const article of layout.articles) {
    const first = clean.paragraphs[article.firstParagraph];
    const last = clean.paragraphs[article.lastParagraph];
    const base = baseRegion(article, ctx, shape);
    articleRegions.set(article, base);
    const articleTheme = lastTheme(article.title);
    // The masthead and table of contents before the first article are not an article.
    if (article.lastParagraph >= layout.bodyStart)
      articles.push({
        title: article.title,
        issuingBody: article.issuingBody,
        region: base.region,
        regionCode: base.regionCode,
        planStartYear: article.planStartYear ?? (newsletter ? null : (ctx.planPeriod?.start ?? null)),
        planEndYear: article.planEndYear ?? (newsletter ? null : (ctx.planPeriod?.end ?? null)),
        firstLine: (first?.firstLine ?? 0) + 1,
        lastLine: (last?.lastLine ?? 0) + 1,
      });
    let carried: TimeMark | null = null;
    let carriedSection: Section | undefined;
    for (let pi = article.firstParagraph; pi <= article.lastParagraph; pi++) {
      const para = clean.paragraphs[pi];
      if (!para) continue;
      const ptext = clean.text.slice(para.start, para.end);
      if (pi < layout.bodyStart || (pi === article.titleParagraph && para.heading)) {
        carried = null;
        continue;
      }
      const section = sectionOf(pi);
      if (section !== carriedSection) {
        // A year carried from one section does not reach into the next.
        carried = null;
        carriedSection = section;
      }
      const scoped = section ? withinSection(article, section, ctx, article === mainArticle) : article;
      const marks = timeMarks(
        ptext,
        docYear,
        scoped.planYear,
        section?.kind === 'review' ? (scoped.reportYear ?? null) : null,
      );
      for (const mark of marks) {
        const l = clean.lineOf[para.start + mark.at];
        mark.line = l === undefined || l < 0 ? null : l + 1;
      }
      const figures = findFigures(ptext);
      let markIndex = 0;
      let targetMark: TimeMark | null = carried;
      let asofMark: TimeMark | null = null;
      for (const fig of figures) {
        if (isFundingCondition(ptext, fig)) continue;
        if (tableLines.has(clean.lineOf[para.start + fig.numberStart] ?? -1)) continue;
        // Figures come in text order, so the marks before each are consumed once.
        for (let mark = marks[markIndex]; mark && mark.at <= fig.numberStart; mark = marks[++markIndex]) {
          if (mark.type === 'target') targetMark = mark;
          else if (mark.type === 'asof') asofMark = mark;
          else if (docYear !== null && Number(mark.value) > docYear) targetMark = mark;
          else asofMark = mark;
        }
        // In a review part only a year after the one reviewed makes a goal of a figure.
        const inScope =
          targetMark !== null &&
          targetMark !== carried &&
          (section?.kind !== 'review' || Number(targetMark.value.slice(0, 4)) > (scoped.reportYear ?? 0));
        const decided = decideKind(kindCase(ptext, fig, scoped, inScope, docYear));
        const kind = decided.kind;
        if (!kind) continue;
        const timed = decideDeadline(
          kind,
          { target: targetMark, asof: asofMark, carried },
          {
            reportYear: scoped.reportYear ?? null,
            planEndYear: scoped.planEndYear,
            planStartYear: scoped.planStartYear,
            fromSection: scoped.fromSection === true,
            docYear,
          },
        );
        const deadline = timed.deadline;
        const q = quoteFor(clean, para.start, fig);
        if (!q) continue;
        const normalized = normalize(fig.value, fig.unit, kind);
        const local = `${fig.metric} ${ptext.slice(fig.clauseStart, fig.clauseEnd)}`;
        // The lead clause of the sentence (对…数据要素示范企业，给予…) names the subject of a figure
        // that has no words of its own; a clause holding another figure names that figure's instead.
        const sentence = sentenceSpan(ptext, fig.numberStart);
        const lead = ptext.slice(sentence.start, fig.clauseStart);
        const wider = /\d/.test(lead) ? '' : lead;
        const sentenceText = ptext.slice(sentence.start, fig.clauseEnd);
        const region = recordRegion(ptext, fig, base);
        records.push({
          sourceFile,
          line: q.line,
          quote: q.quote,
          kind,
          article: article.title,
          region: region.region,
          regionCode: region.regionCode,
          theme: themeOf(local, wider, articleTheme, sentenceText, fig.unit),
          metric: withoutPlace(fig.metric, region.stripped),
          comparator: fig.comparator,
          value: fig.value,
          valueMax: fig.valueMax,
          unit: fig.unit,
          normalizedValue: normalized.value,
          normalizedUnit: normalized.unit,
          deadline,
          perYear: perYearOf(ptext, fig, kind),
          binding: bindingOf(ptext, fig, kind),
          confidence: confidenceOf(ptext, fig, kind, scoped, deadline, region.regionCode),
          reasons: {
            region: region.rule,
            kind:
              section && section.kind !== 'body' ? `${decided.rule.why} (${sectionWords(section)})` : decided.rule.why,
            deadline: timed.why,
          },
        });
      }
      // A year that opens a list (到2025年：, or a goal paragraph followed by ——items) governs its items.
      const next = clean.paragraphs[pi + 1];
      const nextIsItem = next ? LIST_ITEM.test(clean.text.slice(next.start, next.end)) : false;
      const ownTarget = [...marks]
        .reverse()
        .find((m) => m.type === 'target' || (m.type === 'any' && docYear !== null && Number(m.value) > docYear));
      if (ownTarget && (/[：:]$/.test(ptext) || nextIsItem)) carried = ownTarget;
      else if (!(carried && nextIsItem && !ownTarget)) carried = null;
    }
  }
  for (const t of tableFigures) {
    const article =
      layout.articles.find((a) => {
        const first = clean.paragraphs[a.firstParagraph]?.firstLine ?? 0;
        const last = clean.paragraphs[a.lastParagraph]?.lastLine ?? 0;
        return t.line >= first && t.line <= last;
      }) ?? layout.articles[0];
    if (!article) continue;
    const base = articleRegions.get(article) ?? baseRegion(article, ctx, shape);
    const kind = t.kind;
    const normalized = normalize(t.value, t.unit, kind);
    const words = `${t.category ?? ''} ${t.metric}`;
    records.push({
      sourceFile,
      line: t.line + 1,
      quote: t.quote,
      kind,
      article: article.title,
      region: base.region,
      regionCode: base.regionCode,
      theme: themeOf(t.metric, words, lastTheme(article.title)),
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      valueMax: t.valueMax,
      unit: t.unit,
      normalizedValue: normalized.value,
      normalizedUnit: normalized.unit,
      deadline: t.deadline,
      perYear: t.perYear,
      binding: kind === 'target' ? t.binding : null,
      confidence: base.regionCode === null ? 0.5 : 0.8,
      reasons: {
        region: base.rule,
        kind: `${t.why[0] ?? 'an indicator table'}`,
        deadline: t.deadline
          ? (t.why.find((w) => w.includes(t.deadline ?? '')) ?? t.why[0] ?? 'the table')
          : 'none: the table names no year for it',
      },
    });
  }
  records.sort((a, b) => a.line - b.line);
  return {
    title: (newsletter ? documentTitle(clean, layout.bodyStart) : ctx.title) || articles[0]?.title || sourceFile,
    issueDate,
    articles,
    records,
    context: {
      title: ctx.title,
      issuer: ctx.issuer ? { code: ctx.issuer.code, name: ctx.issuer.fullName } : null,
      genre: ctx.genre,
      year: ctx.year,
      planPeriod: ctx.planPeriod,
      why: ctx.why.map((w) => ({ field: w.field, rule: w.rule, line: w.line, evidence: w.evidence })),
    },
  };
}

/** A section as the reviewer is told of it: its kind, year and where it opens. */
function sectionWords(section: Section): string {
  const part = section.kind === 'review' ? 'review part' : 'plan part';
  const year = section.year ? ` of ${section.year}` : '';
  const at = section.line ? ` from line ${section.line}` : '';
  return `${part}${year}${at}`;
}
