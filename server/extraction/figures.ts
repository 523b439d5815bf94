/**
 * Finds the figures of one paragraph: a number, its unit, its comparator and the words around it.
 * Which numbers are figures is decided here (a number needs a unit; years, ordinals, codes and
 * qualifiers are dropped); what a figure means (kind, deadline, theme) is decided in `index.ts`.
 */
import type { Comparator } from '../../shared/taxonomy';
import {
  FUNDING_VERB,
  LINK_VERBS,
  METRIC_PREFIX,
  PREFIX_COMPARATORS,
  QUALIFIER_AFTER,
  SUFFIX_COMPARATORS,
  UNIT_NOT_BEFORE,
  UNIT_WORD_BREAKERS,
  UNITS,
} from './lexicon';
import { MULTIPLIERS, parseNumberToken, splitChineseMultiplier } from './numerals';
import { type Candidate, COUNT_UNIT, REJECT_AT_FIGURE, REJECT_AT_UNIT, rejectionOf } from './rejections';
import { type Breaks, CLAUSE_BREAKS, LIST_BREAKS, sentenceSpan, spanAround } from './spans';

export interface Figure {
  /** Offsets in the paragraph text. */
  numberStart: number;
  numberEnd: number;
  /** End of unit and of a comparator word after it (以上, 左右). */
  figureEnd: number;
  value: number;
  valueMax: number | null;
  unit: string;
  comparator: Comparator;
  /** Offset where the clause holding the figure starts. */
  clauseStart: number;
  clauseEnd: number;
  metric: string;
  /** Where the metric words lie, to build the quote around them. */
  metricStart: number;
  metricEnd: number;
  chinese: boolean;
}

const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+/g;
const CLAUSE_BREAK = CLAUSE_BREAKS;
const LIST_BREAK = LIST_BREAKS;
const RANGE_SEP = /^\s*(?:[-—–~]{1,2}|至)\s*(\d+(?:\.\d+)?)/;
const ASCII_WORD = /[A-Za-z0-9./_-]/;

const UNITS_BY_FIRST = (() => {
  const map = new Map<string, string[]>();
  for (const u of UNITS) {
    const list = map.get(u.charAt(0)) ?? [];
    list.push(u);
    map.set(u.charAt(0), list);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
})();

function unitAt(text: string, at: number): string | null {
  const list = UNITS_BY_FIRST.get(text.charAt(at));
  if (!list) return null;
  for (const u of list) {
    if (!text.startsWith(u, at)) continue;
    // An ASCII unit must end at a word boundary: 5GB yes, 5GBASE no; 5G has no unit at all.
    if (/[A-Za-z]$/.test(u) && /[A-Za-z]/.test(text.charAt(at + u.length))) continue;
    const notBefore = UNIT_NOT_BEFORE[u];
    if (notBefore?.test(text.slice(at + u.length, at + u.length + 2))) continue;
    return u;
  }
  return null;
}

/** Unit as written after a number: optional 万/亿 multiplier, then a unit word, or the bare multiplier. */
function readUnit(text: string, at: number): { unit: string; end: number } | null {
  // "3600 PFlops": a space survives cleaning between two ASCII words, so skip it before a Latin unit.
  if (text.charAt(at) === ' ' && /[A-Za-z]/.test(text.charAt(at + 1))) {
    const latin = unitAt(text, at + 1);
    return latin ? { unit: latin, end: at + 1 + latin.length } : null;
  }
  const direct = unitAt(text, at);
  if (direct && !(direct.startsWith('万') && direct !== '万千瓦')) return { unit: direct, end: at + direct.length };
  for (const [prefix] of MULTIPLIERS) {
    if (!text.startsWith(prefix, at)) continue;
    const rest = unitAt(text, at + prefix.length);
    if (rest) return { unit: prefix + rest, end: at + prefix.length + rest.length };
    return { unit: prefix, end: at + prefix.length };
  }
  return direct ? { unit: direct, end: at + direct.length } : null;
}

function clauseBounds(text: string, at: number, breaks: Breaks): { start: number; end: number } {
  return spanAround(text, at, breaks);
}

function prefixComparator(before: string): Comparator | null {
  // 最高可获500万元, 最多补助200万元: a cap with a verb between.
  if (/(?:最高|最多)(?:可获|可得|可|给予|补助|奖励|支持|资助){0,2}$/.test(before)) return '<=';
  // 按不超过项目总投资的30%: the comparator governs a share of something named in between.
  if (/(?:不超过|不高于|最高不超过)[^，,。；;]{0,15}的$/.test(before)) return '<=';
  if (/(?:不低于|不少于)[^，,。；;]{0,15}的$/.test(before)) return '>=';
  // 至少培育20家, 不少于新建5个: the comparator may stand before the verb.
  const tail = before.replace(VERB_END, '').slice(-8);
  for (const [re, cmp] of PREFIX_COMPARATORS) if (re.test(tail)) return cmp;
  return null;
}

function suffixComparator(after: string): { cmp: Comparator; length: number } | null {
  for (const [re, cmp] of SUFFIX_COMPARATORS) {
    const m = re.exec(after);
    if (m) return { cmp, length: m[0].length };
  }
  return null;
}

/** A verb opening a count's metric: 打造50个数据集 measures 数据集数量, not 打造. */
const LEADING_VERB =
  /^(?:力争|加快|积极|重点|新)?(?:打造|建成|建设|培育|形成|推出|开通|引育|布局|攻克|研制|举办|促成|挖掘|推动|吸引|开展|实施|引进|建立|设立|发布|支持建设|组织|认定|创建|引导培育|培育集聚|集聚|遴选|征集|推广|支持|建)+/;

/** Verbs that set a quantity as a goal (建成, 培育…): they make 三个, 十家 quantities, not names. */
const TARGET_VERB =
  /打造|建成|建设|培育|形成|推出|新增|开通|引育|布局|攻克|研制|举办|促成|挖掘|推动|吸引|开展|实施|培训|引进|招引|建立|设立|达到|超过|突破|累计|完成|认定|创建/;

const VERB_END =
  /(?:打造|建成|建设|培育|形成|推出|新增|开通|引育|布局|攻克|研制|发布|举办|促成|挖掘|推动|支持|吸引|组织|策划|协助|签约|开展|部署|实施|发放|投入|给予|安装|引导|集聚|认定|创建|遴选|征集|落地|入驻|设立|构建|汇聚|出台|完成|培养|引进|招引|建立|达成)$/;

function cleanMetric(raw: string): string {
  let m = raw.replace(/^(?:和|及|与|以及|、|或)+/, '');
  m = m.replace(/^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]+是?|第[一二三四五六七八九十]+[，,、]?)/, '');
  // List numbering or a bullet glued to an item (1.政务服务…, （2）新建…, 三、…, ——5G…) is not part of its metric.
  m = m.replace(
    /^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|[—–-]{1,2}|[•·▪●○■□◆])\s*/,
    '',
  );
  m = m.replace(METRIC_PREFIX, '');
  m = m.replace(/【[^】]*】?/g, '');
  // 同比增长, 年均增长: the verb is part of a relative metric's name.
  const growth = /(同比|环比|年均)(增长|下降|提高|提升)$/.exec(m);
  m = m.replace(LINK_VERBS, '');
  if (growth?.[1] && growth[2] && m.endsWith(growth[1])) m += growth[2];
  // 千兆宽带用户数由2020年的640万户: the baseline's words end before 由.
  m = m.replace(/(?:由|从)(?:\d{4}年(?:底|末)?)?(?:的)?$/, '');
  m = m.replace(/[“”"‘’（）()【】《》\s]+$/g, '').replace(/^[“”"‘’）)\s]+/g, '');
  return m;
}

/** Every figure of a paragraph, left to right. */
export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  let previousEnd = 0;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const token = m[0];
    const start = m.index;
    let end = start + token.length;
    const chinese = !/^\d/.test(token);
    const before = text.charAt(start - 1);
    let value: number | null;
    let unitPrefix = '';
    if (chinese) {
      const split = splitChineseMultiplier(token);
      if (!split) continue;
      const bareMultiplier = /^[万亿]+$/.test(token);
      // 一 alone is an article (一批, 一体化), a bare 万 only counts after 超/突破 (超万人).
      if (token === '一') continue;
      if (bareMultiplier && !/(?:超|突破|逾|近|达|超过)$/.test(text.slice(Math.max(0, start - 2), start))) continue;
      value = split.value;
      unitPrefix = split.multiplier;
    } else {
      value = parseNumberToken(token);
      if (ASCII_WORD.test(before) && before !== '-' && before !== '~') continue;
      if (text.charAt(end) === '.' && /\d/.test(text.charAt(end + 1))) continue;
    }
    if (value === null || !Number.isFinite(value)) continue;
    if (before === '第' || before === '〔' || before === '[' || before === '届' || before === '期') continue;

    // A quoted digit is a slogan ("799", "1+3+N"), except a response time written “1”分钟内.
    let cursor = end;
    let quoted = false;
    if (before === '“' && text.charAt(end) === '”') {
      quoted = true;
      cursor = end + 1;
    }
    let valueMax: number | null = null;
    if (!chinese && !quoted) {
      const range = RANGE_SEP.exec(text.slice(cursor, cursor + 16));
      if (range?.[1]) {
        const hi = Number(range[1]);
        const afterHi = cursor + range[0].length;
        if (hi > value && (readUnit(text, afterHi) || !/\d/.test(text.charAt(afterHi)))) {
          valueMax = hi;
          cursor = afterHi;
        }
      }
    }
    let unitRead = readUnit(text, cursor);
    if (unitPrefix) {
      const rest = unitRead && !/^[万亿]/.test(unitRead.unit) ? unitRead : null;
      unitRead = { unit: unitPrefix + (rest?.unit ?? ''), end: rest ? rest.end : cursor };
    }
    if (!unitRead && !chinese && !quoted && valueMax === null) {
      // A ratio without unit (PUE不超过1.2, 指数达到0.85) counts when a comparator introduces it.
      const head = text.slice(Math.max(0, start - 6), start);
      const tailOk = /^(?:[，,。；;、）)\s]|以下|以内|以上|$)/.test(text.slice(cursor, cursor + 2));
      if (
        /\./.test(token) &&
        tailOk &&
        /(?:不超过|不高于|低于|控制在|达到|不低于|降至|降到|提升至|提高到)$/.test(head)
      ) {
        unitRead = { unit: '', end: cursor };
      }
    }
    if (!unitRead) continue;
    const unit = unitRead.unit;
    const lastUnitChar = unit.charAt(unit.length - 1);
    if (UNIT_WORD_BREAKERS[lastUnitChar]?.test(text.charAt(unitRead.end))) continue;
    // Chinese numerals count only where the phrasing is quantitative (超五成, 十倍, 百亿): elsewhere
    // they number slogans and lists (“三个驱动”, 四个重点任务).
    if (chinese && !(unit === '成' || unit === '倍' || /^[万亿]/.test(unit))) {
      const clauseHead = text.slice(clauseBounds(text, start, CLAUSE_BREAK).start, start);
      const quantified =
        TARGET_VERB.test(clauseHead) ||
        PREFIX_COMPARATORS.some(([re]) => re.test(clauseHead)) ||
        /^(?:以上|左右|以内)/.test(text.slice(unitRead.end, unitRead.end + 2));
      if (!quantified || COUNT_UNIT.test(unit) === false || value < 2) continue;
    }
    const candidate: Candidate = {
      text,
      start,
      unitEnd: unitRead.end,
      end: unitRead.end,
      value,
      unit,
      chinese,
      quoted,
      unitPrefix,
    };
    if (rejectionOf(candidate, REJECT_AT_UNIT)) continue;
    end = unitRead.end;
    const after = text.slice(end, end + 12);
    // A range written with its unit twice (10%-15%, 50亿元至100亿元) is one figure; before a noun
    // (50亿元至100亿元企业) it is a qualifier.
    const repeated = valueMax === null ? RANGE_SEP.exec(after) : null;
    const hiUnit = repeated?.[1] ? readUnit(text, end + repeated[0].length) : null;
    if (repeated?.[1] && hiUnit?.unit === unit) {
      if (QUALIFIER_AFTER.test(text.slice(hiUnit.end, hiUnit.end + 8))) continue;
      const hi = Number(repeated[1]);
      if (hi > value) {
        valueMax = hi;
        end = hiUnit.end;
      }
    }
    let figureEnd = end;
    const afterAll = text.slice(end, end + 10);
    if (rejectionOf({ ...candidate, end }, REJECT_AT_FIGURE)) continue;

    let comparator: Comparator = '=';
    const suffix = suffixComparator(afterAll);
    const clause = clauseBounds(text, start, CLAUSE_BREAK);
    const beforeText = text.slice(clause.start, start);
    if (valueMax !== null) comparator = 'range';
    else if (suffix) comparator = suffix.cmp;
    else comparator = prefixComparator(beforeText) ?? '=';
    if (suffix) figureEnd = end + suffix.length;

    // Metric: the words in front (X达到N), else the object after the figure (建成N个X).
    const listClause = clauseBounds(text, start, LIST_BREAK);
    // "62.2亿元和366.4亿元": the second figure's words start after the first figure.
    let metricStart = Math.max(listClause.start, previousEnd);
    // An opening bracket left open before the number starts the metric: 服务效能（申报预填比例超70%.
    const headText = text.slice(metricStart, start);
    const openParen = metricStart + Math.max(headText.lastIndexOf('（'), headText.lastIndexOf('('));
    if (openParen >= metricStart && !/[）)]/.test(text.slice(openParen, start))) metricStart = openParen + 1;
    const pre = text.slice(metricStart, start);
    let metric = cleanMetric(pre);
    let metricEnd = start;
    const count = COUNT_UNIT.test(unit);
    const postEnd = clauseBounds(text, figureEnd, LIST_BREAK).end;
    const rawObject = text.slice(figureEnd, Math.min(postEnd, figureEnd + 30));
    const object = (/^\s*(?:和|及|与|、)?\s*\d/.test(rawObject) ? '' : rawObject)
      .replace(/^(?:以上|左右|的|个|家)+/, '')
      .replace(/(?:建设|等)$/, '')
      .replace(/[“”"]/g, '');
    const bareVerb = metric.length <= 4 && /^[\u4e00-\u9fa5]+$/.test(metric) && !/[数量率额值度]$/.test(metric);
    if (metric.length < 2 || VERB_END.test(metric) || (count && object.length >= 2 && bareVerb)) {
      // The figure comes before its noun (建成N个X): the noun after it names the metric.
      if (object.length >= 2) {
        const verb = VERB_END.exec(metric)?.[0] ?? (bareVerb ? metric : '');
        metric = `${verb}${object}`;
        metricEnd = postEnd;
      }
    }
    // 设立总规模100亿元的产业基金, 发放最高5亿元的“训力券”: the thing after 的 is what is measured.
    const ofNoun = /元$|^[万亿]+$/.test(unit) ? /^的([\u4e00-\u9fa5“”]{2,20})/.exec(rawObject) : null;
    if (ofNoun?.[1]) {
      metric = `${ofNoun[1].replace(/[“”]/g, '')}${/规模/.test(pre) ? '规模' : ''}`;
      metricEnd = postEnd;
    }
    if (count) {
      metric = metric.replace(LEADING_VERB, '');
      if (metric.length >= 2 && !/[数量率额]$/.test(metric)) metric += '数量';
    }
    metric = metric
      .replace(/^[“"]+(?=[^”"]*$)/, '')
      .replace(/^[^“"]*?[”"]/, (m) => (m.includes('“') ? m : m.slice(0, -1)));
    if (metric.length > 40) metric = metric.slice(-40);
    previousEnd = figureEnd;
    out.push({
      numberStart: start,
      numberEnd: m.index + token.length,
      figureEnd,
      value,
      valueMax,
      unit,
      comparator,
      clauseStart: clause.start,
      clauseEnd: clause.end,
      metric,
      metricStart,
      metricEnd: Math.max(metricEnd, figureEnd),
      chinese,
    });
    NUMBER.lastIndex = Math.max(NUMBER.lastIndex, figureEnd);
  }
  propagateListUnits(text, out);
  inheritMetrics(out);
  return out;
}

/** 168万、83.9万、99.6万、23.4万个: the unit written once at the end belongs to every item. */
function propagateListUnits(text: string, figures: Figure[]): void {
  for (let i = figures.length - 2; i >= 0; i--) {
    const cur = figures[i];
    const next = figures[i + 1];
    if (!cur || !next) continue;
    if (!/^[万亿]+$/.test(cur.unit) || !next.unit.startsWith(cur.unit) || next.unit === cur.unit) continue;
    const between = text.slice(cur.figureEnd, next.numberStart);
    if (/^\s*(?:[、和及与]|以及)\s*$/.test(between)) cur.unit = next.unit;
  }
}

/** 包括A、5722个投资者、B在内的…: figures listed inside an inclusion describe a set's members. */
/** Relative phrasing that needs the subject named before it: 同比增长, 比上年末净增, 占…比重. */
const RELATIVE = /^(?:年均|同比|环比|比上年|较上年|比去年|较去年|比上年末|较上年末|较一季度|占比|占|其中|分别)/;

/**
 * Gives list items and relative figures a full metric: in "收入5924亿元，同比增长4%" the 4% is
 * the 收入's growth; in "168万、83.9万" the second item measures what the first does.
 */
function inheritMetrics(figures: Figure[]): void {
  let subject = '';
  let previous: Figure | null = null;
  for (const fig of figures) {
    if (fig.metric.length === 0 && previous) fig.metric = previous.metric;
    else if (RELATIVE.test(fig.metric) && subject) fig.metric = `${subject}${fig.metric.replace(/^(?:其中|分别)/, '')}`;
    else if (!RELATIVE.test(fig.metric) && fig.metric.length >= 2)
      subject = fig.metric.replace(/(?:总数|总量|数量)$/, '');
    previous = fig;
  }
}

/** True when the clause holding a figure is a condition of a funding clause (对…首次突破5亿元，给予…). */
export function isFundingCondition(text: string, fig: Figure): boolean {
  const clause = text.slice(fig.clauseStart, fig.clauseEnd);
  if (FUNDING_VERB.test(clause)) return false;
  const sentenceStart = sentenceSpan(text, fig.clauseStart).start;
  const sentenceEnd = sentenceSpan(text, fig.clauseEnd).end;
  const head = text.slice(sentenceStart, fig.numberStart);
  const rest = text.slice(fig.clauseEnd, sentenceEnd);
  if (!/给予|予以|奖励|补贴|补助|资助/.test(rest)) return false;
  // 对…企业，给予…; and what stands before the award in its sentence without being money (租赁面积在300平方米
  // 以内的, 按照每人不超过10平方米的标准, 年营业收入达到2000万元以上的) is who qualifies, not a goal.
  const after = text.slice(fig.figureEnd, fig.clauseEnd);
  // 其中，对…; 且年纳税额达到200万元以上、每年保持稳定增长的，给予…: a threshold ending in 的 before the award.
  return (
    /^(?:其中|同时|另外|此外)?[，,]?对/.test(head) ||
    (!/元$/.test(fig.unit) && /的(?:标准)?$/.test(after)) ||
    /以上[^，,。；;]*的[\u4e00-\u9fa5]{0,4}(?:企业|单位|项目|机构|团队)$/.test(after) ||
    /(?:以上|以下|以内)[^，,。；;]*的$/.test(text.slice(fig.numberStart, fig.clauseEnd))
  );
}
