/**
 * The extraction engine: decoded policy text in, typed figures out. Pure: no I/O, no clock.
 *
 * Pipeline: clean (with a map back to raw lines) → split into articles → per paragraph, find
 * figures → decide kind, deadline, region, theme → quote from the raw line.
 */

import { fiveYearPlan } from '../../shared/period';
import type { ExtractedArticle, ExtractedRecord, ExtractionResult } from '../../shared/schemas/record';
import { type Kind, NATIONAL_REGION, type ThemeKey } from '../../shared/taxonomy';
import { findRegionMentions } from '../lib/regions';
import { type ArticleInfo, mastheadDate, splitArticles } from './articles';
import { type CleanText, cleanText } from './clean';
import { type ContextHints, type DocContext, readContext } from './context';
import { type Figure, findFigures, isFundingCondition } from './figures';
import {
  ACTUAL_CUE,
  FORECAST_CUE,
  FUNDING_VERB,
  isComputeUnit,
  isMoneyUnit,
  SURVEY_CUE,
  THEME_KEYWORDS,
  WEAK_THEMES,
} from './lexicon';
import { unitMultiplier } from './numerals';
import { type Section, splitSections } from './sections';
import { sentenceSpan } from './spans';
import { findTables, readTable, type StructuredTable, type TableFigure } from './tableReader';

export { cleanText } from './clean';

/**
 * The engine's version: raise it whenever a change can alter what the engine extracts from a stored
 * text, so that `npm run reextract` (and the server at start) re-reads the documents it stored before.
 */
export const ENGINE_VERSION = 3;
export { parseChineseNumeral, parseNumberToken } from './numerals';

interface TimeMark {
  at: number;
  value: string;
  /** target: sets a deadline (到2025年); asof: dates a result (截至4月末); any: a bare year. */
  type: 'target' | 'asof' | 'any';
}

const STRONG_TARGET =
  /到\d{4}|至\d{4}年|力争|争取|确保|将|目标|要求|计划|提出|年底前|今年|全年|每年|年均|预期|打造|培育|新增|推动/;

function monthValue(year: number, month: string | undefined): string {
  if (!month) return String(year);
  const m = Number(month);
  return m >= 1 && m <= 12 ? `${year}-${String(m).padStart(2, '0')}` : String(year);
}

function timeMarks(
  text: string,
  docYear: number | null,
  planYear: number | null,
  reviewYear: number | null = null,
): TimeMark[] {
  const marks: TimeMark[] = [];
  // Most paragraphs name no date at all; skip the passes below for them.
  if (!/[年月]|目前|当前/.test(text)) return marks;
  const push = (at: number, value: string, type: TimeMark['type']) => marks.push({ at, value, type });
  for (const m of text.matchAll(
    /(?:截至|截止到?|截止至)(?:(20\d{2})年)?(年底|年末|底|末)?(?:(\d{1,2})月(?:末|底|份)?)?/g,
  )) {
    const year = m[1] ? Number(m[1]) : docYear;
    if (!year) continue;
    push(m.index, m[3] ? monthValue(year, m[3]) : m[2] ? `${year}-12` : String(year), 'asof');
  }
  // A year already past when the text was written dates results (到2023年底，已建成…), not goals.
  const goalOrDate = (year: number): TimeMark['type'] => (docYear !== null && year < docYear ? 'asof' : 'target');
  for (const m of text.matchAll(/(?:到|至|力争|争取|在|于)\s*(20\d{2})\s*年(?:年)?(底|末|年底|年末)?/g)) {
    if (m[1]) push(m.index, m[2] ? `${m[1]}-12` : m[1], goalOrDate(Number(m[1])));
  }
  for (const m of text.matchAll(/(?<!截至|截止|截止到)(20\d{2})年(底|末|年底|年末|前)/g)) {
    if (m[1]) push(m.index, m[2] === '前' ? m[1] : `${m[1]}-12`, goalOrDate(Number(m[1])));
  }
  for (const m of text.matchAll(/(20\d{2})年?[—–-](20\d{2})年/g)) {
    if (m[2]) push(m.index, m[2], 'target');
  }
  for (const m of text.matchAll(/(?:^|[^\d])(\d{1,2})[—–-](\d{1,2})月份?/g)) {
    if (docYear && m[2]) push(m.index, monthValue(docYear, m[2]), 'asof');
  }
  for (const m of text.matchAll(/(20\d{2})年(\d{1,2})月/g)) {
    if (m[1] && m[2]) push(m.index, monthValue(Number(m[1]), m[2]), 'asof');
  }
  for (const m of text.matchAll(/(20\d{2})年(?![底末前\d—–-])/g)) {
    if (m[1]) push(m.index, m[1], 'any');
  }
  for (const m of text.matchAll(/今年|全年|年内|(?<![\d年])年底前?/g)) {
    // In a report's review part, 全年 is the year reviewed: it dates a result.
    if (reviewYear !== null) {
      push(m.index, String(reviewYear), 'asof');
      continue;
    }
    const year = planYear ?? docYear;
    if (!year) continue;
    // 今年年底 / 年底前 in a yearly plan: that plan's December.
    const yearEnd = m[0].startsWith('年底') || text.startsWith('年底', m.index + m[0].length);
    push(m.index, yearEnd ? `${year}-12` : String(year), 'target');
  }
  // Five-year plans by number: 到“十四五”末, “十四五”期间 → 2025.
  for (const m of text.matchAll(/(十[一二三四五六])五[”"]?(?:末|期末|时期末|期间)/g)) {
    const plan = fiveYearPlan(m[1] ?? '');
    // “十三五”期间 in a 十四五 plan looks back: a past period dates results.
    if (plan) push(m.index, String(plan.end), goalOrDate(plan.end));
  }
  for (const m of text.matchAll(/目前|截至目前|当前/g)) {
    if (docYear) push(m.index, String(docYear), 'asof');
  }
  // 去年 dates results at the year before the text's (比去年 compares, it does not date).
  for (const m of text.matchAll(/(?<![比较同])去年(?!同期)/g)) {
    if (docYear) push(m.index, String(docYear - 1), 'asof');
  }
  marks.sort((a, b) => a.at - b.at);
  return marks;
}

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

const GLOBAL_THEMES = THEME_KEYWORDS.map(([key, re]) => [key, new RegExp(re.source, 'g')] as const);

/** The theme whose keyword ends last in `text` (a title's head noun is at its end), or null. */
function lastTheme(text: string): ThemeKey | null {
  let best: ThemeKey | null = null;
  let bestEnd = -1;
  for (const [key, global] of GLOBAL_THEMES) {
    for (const m of text.matchAll(global)) {
      const end = m.index + m[0].length;
      if (end > bestEnd) {
        bestEnd = end;
        best = key;
      }
    }
  }
  return best;
}

/** The theme with the longest keyword in `text` (全连接工厂 beats 5G), or null. */
function longestTheme(text: string): ThemeKey | null {
  let best: ThemeKey | null = null;
  let bestLen = 0;
  for (const [key, global] of GLOBAL_THEMES) {
    for (const m of text.matchAll(global)) {
      if (m[0].length > bestLen) {
        bestLen = m[0].length;
        best = key;
      }
    }
  }
  return best;
}

/** The theme of a figure; `articleTheme` is its article title's (lastTheme), decided once per article. */
function themeOf(local: string, wider: string, articleTheme: ThemeKey | null, sentence = '', unit = ''): ThemeKey {
  // A figure in PFLOPS or EFLOPS is computing power, whatever else its words say (人工智能算力规模).
  if (unit && isComputeUnit(unit) && /FLOP|Flop/.test(unit)) return 'compute';
  // A figure in a themed plan keeps the plan's theme when its own words touch that theme too.
  if (articleTheme) {
    const re = THEME_KEYWORDS.find(([k]) => k === articleTheme)?.[1];
    if (re?.test(local)) return articleTheme;
  }
  // Without a themed plan around it, any word of the sentence is better than 'other'.
  // The metric's own words first (local starts with it), then the rest of its clause.
  const metricWords = local.slice(0, Math.max(0, local.indexOf(' ')));
  const own =
    longestTheme(metricWords) ??
    longestTheme(local) ??
    (wider ? longestTheme(wider) : null) ??
    (articleTheme ? null : longestTheme(sentence));
  if (own && !(articleTheme && WEAK_THEMES.has(own))) return own;
  return articleTheme ?? own ?? 'other';
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

function sentenceBounds(text: string, at: number): { start: number; end: number } {
  return sentenceSpan(text, at);
}

/** A paragraph that is an item of a list: ——…, 1. …, （一）…, 一是… */
const LIST_ITEM = /^\s*(?:——|—|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[-•·]|[一二三四五六七八九十]+是)/;

/** Figures about other countries are not Chinese policy figures. */
const FOREIGN_SUBJECT = /^(?:美国|欧盟|欧洲|日本|英国|德国|法国|韩国|印度|俄罗斯|全球|世界|国外|海外)/;

/** Future words that make a figure a goal even in a report (今年将突破800家). */
const FUTURE_CUE =
  /到\d{4}|至\d{4}年|力争|争取|确保|加快|将(?:达|实现|突破|超|建|新增|培育|打造|形成|推动|提升|提高|增|发放|投入|有)|预期|目标|计划|年底前|今年/;

/** Goal words strong enough to make a target inside a report's review part. */
const SECTION_FUTURE_CUE = /力争|争取|预期|目标|将(?:达|实现|突破|超)/;

/** 到2025年 after the year a review covers is a goal; 增加到2021年的… in a 2022 report is where a result got to. */
function namesLaterYear(text: string, year: number | null): boolean {
  for (const m of text.matchAll(/[到至]\s*(20\d{2})\s*年/g)) if (year === null || Number(m[1]) > year) return true;
  return false;
}

/** Words of a scoring rule: the figure is a weight or a score, not a goal. */
const SCORING_CUE = /权重|分值|计分|得分|评分|赋分|扣分|加分|满分|总分|占(?:总)?分/;

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

/** A sentence that opens in the past (…以来, 去年, 截至…) reports results in all its clauses. */
const PAST_OPENER = /^(?:[^，,。；]{0,20}以来|截至|截止|去年|上年|过去|近年来|近几年|近年|[^，,。；]{0,8}期间，)/;

function decideKind(
  text: string,
  fig: Figure,
  article: ArticleInfo,
  targetScope: boolean,
  docYear: number | null,
): Kind | null {
  const sentence = sentenceBounds(text, fig.numberStart);
  const head = text.slice(sentence.start, fig.numberStart);
  const clause = text.slice(fig.clauseStart, fig.clauseEnd);
  const clauseHead = text.slice(fig.clauseStart, fig.numberStart);
  if (FORECAST_CUE.test(clauseHead)) return null;
  // A 考评办法's weights and points (权重30%, 占总分20%) are how it scores, not goals.
  if ((fig.unit === '%' || fig.unit === '分') && SCORING_CUE.test(clause)) return null;
  if (SURVEY_CUE.test(text.slice(sentence.start, sentence.end))) return null;
  const money = isMoneyUnit(fig.unit) || /^[万亿]+$/.test(fig.unit);
  const after = text.slice(fig.figureEnd, Math.min(fig.clauseEnd + 1, fig.figureEnd + 12));
  const funded =
    FUNDING_VERB.test(clause) || /给予|予以|奖励|补贴|补助/.test(after) || /给予|予以|奖励|补贴|补助|资助/.test(head);
  if (money && funded) return 'funding';
  if (fig.unit === '%' && /给予|予以|奖励|补贴|补助/.test(clause)) {
    // A share paid out as a reward or subsidy is funding; a share a unit must hand on is a rule.
    return /奖励|补贴|补助|资助|配套|支持/.test(clause) ? 'funding' : null;
  }
  // 由2020年的640万户提升到6000万户: the figure after 由/从 is the baseline, a result.
  if (
    /(?:由|从)(?:\d{4}年(?:底|末)?(?:的)?)?$/.test(clauseHead) &&
    /^[^，,。；;]{0,4}(?:提升|提高|增加|增长|扩大|下降|降低|减少|降)(?:到|至)/.test(after)
  ) {
    return 'actual';
  }
  if (FOREIGN_SUBJECT.test(clauseHead.replace(/^(?:而|但|其中|同时|此外|目前|截至\S{0,8}?，)/, ''))) return null;
  if (article.sampleStudy && fig.unit === '%' && /占比|比重|占/.test(clause)) return null;
  const actualCue =
    ACTUAL_CUE.test(clauseHead) ||
    /^[^，,；;。]{0,6}(?:同比|比上年|较上年|环比)/.test(after) ||
    /^(?:截至|截止|目前)/.test(head);
  if (article.defaultKind === 'actual') {
    // In a report's review part 加快/推动 describe what was done; only a goal's own words make a target.
    if (article.fromSection) {
      const goal = SECTION_FUTURE_CUE.test(clauseHead) || namesLaterYear(clauseHead, article.reportYear) || targetScope;
      return goal ? 'target' : 'actual';
    }
    return FUTURE_CUE.test(clauseHead) ? 'target' : 'actual';
  }
  if (article.defaultKind === 'none') {
    if (FUTURE_CUE.test(clauseHead) || targetScope) return 'target';
    return /截至|累计|已/.test(clauseHead) ? 'actual' : null;
  }
  const strongTarget = STRONG_TARGET.test(head);
  if (actualCue && !strongTarget && !targetScope) return 'actual';
  const openingYear = /^(20\d{2})年/.exec(head)?.[1];
  const pastOpener =
    PAST_OPENER.test(head) || (openingYear !== undefined && docYear !== null && Number(openingYear) < docYear);
  if (pastOpener && !FUTURE_CUE.test(head) && !targetScope) return 'actual';
  if (/截至|截止/.test(head) && !/到\d{4}/.test(head)) return 'actual';
  return 'target';
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

interface RegionChoice {
  region: string | null;
  regionCode: string | null;
  /** The rule that decided, for the reviewer. */
  rule: string;
  stripped?: string;
}

/**
 * The region a figure's article falls back on (TARGETS-SPEC.md, region chain): in a newsletter each
 * article's own words, then the place its body names most; in a single document its issuer first,
 * since an opening sentence's 全国 or 中央 describes the setting, not who is bound.
 */
function baseRegion(article: ArticleInfo, ctx: DocContext, layout: { toc: boolean; articles: number }): RegionChoice {
  const own = (): RegionChoice => ({
    region: article.region,
    regionCode: article.regionCode,
    rule:
      article.regionSource === 'frequency'
        ? 'the place the article names most'
        : `the article's ${article.regionSource}`,
  });
  const issuer = ctx.issuer;
  const fromIssuer = (): RegionChoice | null => {
    if (!issuer) return null;
    const why = ctx.why.find((w) => w.field === 'issuer');
    const where = why?.line ? ` (line ${why.line}: ${why.evidence})` : '';
    return {
      region: issuer.fullName,
      regionCode: issuer.code,
      rule: `the document's issuer by ${why?.rule ?? 'context'}${where}`,
    };
  };
  const undecided: RegionChoice = { region: null, regionCode: null, rule: 'undecided: nothing names a place' };
  if (layout.toc) return article.regionSource ? own() : (fromIssuer() ?? undecided);
  // A digest's item heading (2.湖南省印发《…》) and a city's part of a provincial plan name their own place.
  if (article.regionSource === 'heading' && article.regionCode) {
    const inside = issuer ? article.regionCode.startsWith(issuer.code.replace(/(?:0000|00)$/, '')) : true;
    if (
      layout.articles >= 2 ||
      (inside && article.regionCode !== issuer?.code && article.regionCode !== NATIONAL_REGION.code)
    )
      return own();
  }
  return fromIssuer() ?? (article.regionSource ? own() : undecided);
}

function recordRegion(text: string, fig: Figure, base: RegionChoice): RegionChoice {
  const baseCode = base.regionCode ?? '';
  // A policy of another place quoted inside an article (《深圳市…方案》提出…) binds that place.
  const sentence = sentenceBounds(text, fig.numberStart);
  const head = text.slice(sentence.start, fig.numberStart);
  const quoted = /《([^》]+)》/.exec(head);
  if (quoted?.[1]) {
    const mention = findRegionMentions(quoted[1], false)[0];
    if (mention && mention.index === 0 && mention.region.code !== baseCode) {
      const inArticle = baseCode !== '' && mention.region.code.startsWith(baseCode.replace(/0+$/, ''));
      if (baseCode === NATIONAL_REGION.code || baseCode === '' || !inArticle) {
        return {
          region: mention.region.fullName,
          regionCode: mention.region.code,
          rule: 'the policy quoted in the sentence',
        };
      }
    }
  }
  // A metric that opens with a place (深圳市2024年软件业务收入… in a Guangdong report, and the 同比增长
  // that inherits it; 湖南省… in a national one) is that place's figure.
  // Another city's figure in a city's report (株洲市新建… in 长沙's) is that city's too; the province
  // around the report (“湖北精品”企业 in a 天门 report) names a brand or a ranking, not the place bound.
  const opener = findRegionMentions(fig.metric, false)[0];
  const ancestor = (code: string) =>
    code === NATIONAL_REGION.code || baseCode.startsWith(code.replace(/(?:0000|00)$/, ''));
  if (opener && opener.index === 0 && opener.region.code !== baseCode && !(baseCode && ancestor(opener.region.code))) {
    return {
      region: opener.region.fullName,
      regionCode: opener.region.code,
      rule: 'a place opening the metric',
      stripped: fig.metric.slice(0, opener.length),
    };
  }
  return base;
}

/** A metric without the place and year its clause opened with (深圳市2024年软件业务收入 → 软件业务收入). */
function withoutPlace(metric: string, place: string | undefined): string {
  if (!place || !metric.startsWith(place)) return metric;
  return metric.slice(place.length).replace(/^(?:\d{4}年(?:底|末|全年)?|全年|今年)[，,]?/, '') || metric;
}

function perYearOf(text: string, fig: Figure, kind: Kind): boolean {
  const sentence = sentenceBounds(text, fig.numberStart);
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
  if (article.planYear === null && ctx.genre === 'work-points' && ctx.year !== null) {
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
        const kind = decideKind(ptext, fig, scoped, inScope, docYear);
        if (!kind) continue;
        let deadline: string | null;
        if (kind === 'actual') {
          deadline =
            asofMark?.value ?? (scoped.reportYear ? String(scoped.reportYear) : docYear ? String(docYear) : null);
        } else {
          deadline = targetMark?.value ?? (scoped.planEndYear ? String(scoped.planEndYear) : null);
        }
        const q = quoteFor(clean, para.start, fig);
        if (!q) continue;
        const normalized = normalize(fig.value, fig.unit, kind);
        const local = `${fig.metric} ${ptext.slice(fig.clauseStart, fig.clauseEnd)}`;
        // The lead clause of the sentence (对…数据要素示范企业，给予…) names the subject of a figure
        // that has no words of its own; a clause holding another figure names that figure's instead.
        const sentence = sentenceBounds(ptext, fig.numberStart);
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
    });
  }
  records.sort((a, b) => a.line - b.line);
  return {
    title: (newsletter ? documentTitle(clean, layout.bodyStart) : ctx.title) || articles[0]?.title || sourceFile,
    issueDate,
    articles,
    records,
  };
}
