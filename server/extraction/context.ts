/**
 * What a document is, decided before any of its figures: its title, the government that issued it,
 * its genre, its year and its plan period (TARGETS-SPEC.md, "Documents carry context"). Every figure
 * inherits from it unless its own words or its article say otherwise. Each decision keeps the line
 * that supplied it, so a reviewer can see why.
 */

import { NATIONAL_REGION } from '../../shared/taxonomy';
import { findRegionMentions, type Region, regionByCode } from '../lib/regions';
import { mostSpecific } from './articles';
import type { CleanText } from './clean';
import { GENRES, type Genre, ISSUER_LINE, PROVINCE_ABBREVIATIONS } from './lexicon';
import { fiveYearPeriod, titlePeriod } from './periods';

export interface ContextReason {
  field: 'title' | 'issuer' | 'genre' | 'year' | 'planPeriod';
  rule: string;
  /** 1-based raw line of the evidence, when a line supplied it. */
  line: number | null;
  evidence: string;
}

export interface DocContext {
  title: string;
  issuer: Region | null;
  genre: Genre;
  year: number | null;
  planPeriod: { start: number; end: number } | null;
  why: ContextReason[];
}

/** What an analyst stated about a document (upload fields, or a correction): it wins over the text. */
export interface ContextHints {
  title?: string | null;
  regionCode?: string | null;
  year?: number | null;
  genre?: Genre | null;
  planPeriod?: { start: number; end: number } | null;
}

/** How many opening lines may hold the title, subtitle, document number and issuer. */
const HEAD_LINES = 14;
/** How many closing lines may hold the signature (issuer and date). */
const TAIL_LINES = 12;

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,6})[〔[(（【]\s*(20\d{2})\s*[〕\])）】]\s*\d+\s*号/;
const FULL_DATE = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
/** 二〇二三年五月六日: a signature date written in Chinese numerals. */
const CHINESE_DATE = /([〇○零一二三四五六七八九]{4})年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日/;
const CHINESE_DIGITS = '〇一二三四五六七八九';

function chineseYear(text: string): number | null {
  const m = CHINESE_DATE.exec(text);
  if (!m?.[1]) return null;
  const digits = [...m[1]].map((ch) => CHINESE_DIGITS.indexOf(ch === '○' || ch === '零' ? '〇' : ch));
  return digits.some((d) => d < 0) ? null : Number(digits.join(''));
}
/** A national body opening a title, an issuer line or a document number (国发〔2017〕35号). */
const NATIONAL_ISSUER =
  /^(?:中华人民共和国|国务院|中共中央|国家[\u4e00-\u9fa5]{1,10}(?:局|委员会|部)|工业和信息化部|工信部|国家发展改革委|中央网信办|财政部|科技部|商务部|教育部|农业农村部|交通运输部|人力资源社会保障部|住房城乡建设部|国办发|国发)/;
const ADDRESSEE = /^(?:各位代表|同志们|各[市县区州盟]|各有关|各位委员)/;

interface HeadLine {
  index: number;
  text: string;
}

function nonBlankLines(clean: CleanText, from: number, to: number): HeadLine[] {
  const out: HeadLine[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, clean.rawLines.length); i++) {
    // Full-width digits (皖政办〔２０２１〕８号) read as ASCII ones; the title keeps its own brackets.
    const text = (clean.rawLines[i] ?? '')
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/^[#\s]+|\s+$/g, '');
    if (text) out.push({ index: i, text });
  }
  return out;
}

/** The words that name a genre, tried on the title, in the order of GENRES (most specific first). */
export function genreOf(title: string): Genre | null {
  for (const g of GENRES) if (g.title.test(title)) return g.key;
  return null;
}

/**
 * The title: the first lines before the body that read as a document's name (they end in a genre
 * word, or hold 《…》), joined when the name wraps over two or three lines.
 */
function readTitle(head: HeadLine[]): { text: string; line: number } | null {
  // Lines that stand around a title but are not part of it: dates, document numbers, issuers, addressees.
  const notTitle = (t: string) =>
    FULL_DATE.test(t) ||
    DOC_NUMBER.test(t) ||
    ISSUER_LINE.test(t) ||
    /^[（(]?此件|^[—-]{2}/.test(t) ||
    /[：:]$/.test(t);
  for (let k = 0; k < head.length; k++) {
    const first = head[k];
    if (!first) continue;
    if (ADDRESSEE.test(first.text)) break;
    if (notTitle(first.text) || first.text.length > 60 || /[。；，]/.test(first.text)) continue;
    let text = first.text.replace(/^《|》$/g, '');
    for (let extra = 0; extra <= 2; extra++) {
      if (genreOf(text)) return { text, line: first.index + 1 };
      const next = head[k + extra + 1];
      if (!next || notTitle(next.text) || /[。；，]/.test(next.text) || text.length + next.text.length > 70) break;
      text += next.text.replace(/^《|》$/g, '');
    }
  }
  return null;
}

function regionAtStart(raw: string): Region | null {
  // 2012年大庆市…统计公报: a year may stand before the place.
  const text = raw.replace(/^20\d{2}\s*年(?:度)?/, '');
  const mentions = findRegionMentions(text, true);
  const first = mentions[0];
  if (!first || first.index > 2) return null;
  // 浙江省衢州市…, 浙江省德清县…: a place named right after its parent narrows the issuer.
  return mostSpecific(mentions, text);
}

/** Every way a document names its issuer, most direct first; the first that answers decides. */
const ISSUER_RULES: ReadonlyArray<{
  name: string;
  find: (head: HeadLine[], tail: HeadLine[], title: HeadLine | null) => { region: Region; line: HeadLine } | null;
}> = [
  {
    // 泰安市2024年政府工作报告, 安徽省人民政府办公厅关于印发…
    name: 'region opening the title',
    find: (_h, _t, title) => {
      const region = title ? regionAtStart(title.text) : null;
      return region && title ? { region, line: title } : null;
    },
  },
  {
    // ——2024年1月8日在泰安市第十八届人民代表大会第三次会议上: a report names the congress it was given to.
    name: 'people’s congress of the report',
    find: (head) => {
      for (const line of head) {
        const m = /在([\u4e00-\u9fa5]{2,20}?)第[一二三四五六七八九十]+届人民代表大会/.exec(line.text);
        const region = m?.[1] ? regionAtStart(m[1]) : null;
        if (region) return { region, line };
      }
      return null;
    },
  },
  {
    // 现在，我代表泰州市人民政府向大会报告工作: the government a report speaks for.
    name: 'government the report speaks for',
    find: (head) => {
      for (const line of head) {
        const m = /我代表([\u4e00-\u9fa5]{2,20}?)人民政府/.exec(line.text);
        const region = m?.[1] ? regionAtStart(m[1]) : null;
        if (region) return { region, line };
      }
      return null;
    },
  },
  {
    // 国务院关于印发…, 工业和信息化部等八部门: national bodies bind the whole country.
    name: 'national body issuing',
    find: (head, tail, title) => {
      const lines = title ? [title, ...head.slice(0, 4), ...tail] : [...head.slice(0, 4), ...tail];
      for (const line of lines) {
        if (line.text.length > 60) continue;
        if (NATIONAL_ISSUER.test(line.text)) {
          const region = regionByCode(NATIONAL_REGION.code);
          if (region) return { region, line };
        }
      }
      return null;
    },
  },
  {
    // 皖政办秘〔2021〕82号: a province's documents are numbered with its one-character abbreviation.
    name: 'document number prefix',
    find: (head) => {
      for (const line of head) {
        const m = DOC_NUMBER.exec(line.text);
        const prefix = m?.[1];
        // Only a line that is the number itself; a sentence citing another document's number is not.
        if (!prefix || !m || m.index > 2 || line.text.length > 30) continue;
        const named = regionAtStart(prefix);
        if (named) return { region: named, line };
        const code = PROVINCE_ABBREVIATIONS[prefix.charAt(0)];
        const region = code && /政|办|发/.test(prefix) ? regionByCode(code) : undefined;
        if (region) return { region, line };
      }
      return null;
    },
  },
  {
    // 青岛市人民政府 / 湖南省发展和改革委员会 standing alone in the head or above the closing date.
    name: 'issuer line',
    find: (head, tail) => {
      for (const line of [...head, ...tail]) {
        if (line.text.length > 30 || !ISSUER_LINE.test(line.text)) continue;
        const region = regionAtStart(line.text);
        if (region) return { region, line };
      }
      return null;
    },
  },
];

/**
 * A text that says 全省 / 全市 over and over and names one place far more than any other is that
 * place's: the last resort before "undecided".
 */
function dominantRegion(clean: CleanText): { region: Region; rule: string } | null {
  const sample = clean.text.slice(0, 20000);
  // 全省 / 我市 / 本县: the level at which the text speaks of itself. A 盟 or an autonomous 州 is a city-level
  // government (全盟, 全州), a 旗 a county-level one (全旗).
  const selfWords = { province: 0, city: 0, county: 0 };
  for (const m of sample.matchAll(/[全本我]([省市县盟州旗])(?![场民面部长委])/g)) {
    if (m[1] === '省') selfWords.province++;
    else if (m[1] === '市' || m[1] === '盟' || m[1] === '州') selfWords.city++;
    else selfWords.county++;
  }
  // A city's report ranks itself 全省第一, a province's rarely says 全市: the lowest level it uses often wins.
  const level: [keyof typeof selfWords, number] | null =
    selfWords.county >= 3
      ? ['county', selfWords.county]
      : selfWords.city >= 3
        ? ['city', selfWords.city]
        : selfWords.province >= 2
          ? ['province', selfWords.province]
          : null;
  // One pass over the places the text names serves both readings below.
  const mentions = findRegionMentions(sample, true);
  if (level) {
    const counts = new Map<string, { region: Region; n: number }>();
    let total = 0;
    for (const m of mentions) {
      const r = m.region;
      // 天门市 (a county-level city) speaks of itself as 全市 too.
      const fits =
        level[0] === 'province'
          ? r.level === 'province'
          : level[0] === 'city'
            ? r.level === 'city' || (r.level === 'district' && r.fullName === r.name)
            : r.level === 'district';
      if (!fits) continue;
      total++;
      const c = counts.get(r.code) ?? { region: r, n: 0 };
      c.n++;
      counts.set(r.code, c);
    }
    let best: { region: Region; n: number } | null = null;
    for (const c of counts.values()) if (!best || c.n > best.n) best = c;
    if (best && best.n >= total * 0.5)
      return {
        region: best.region,
        rule: `the ${level[0]} the text names most and calls its own (全${level[0] === 'province' ? '省' : level[0] === 'city' ? '市' : '县'})`,
      };
  }
  // A text about one place that never says 全市 (a park's rules): the place it names far more than any other.
  const counts = new Map<string, { region: Region; n: number }>();
  let total = 0;
  for (const m of mentions) {
    if (m.region.level === 'country') continue;
    total++;
    const c = counts.get(m.region.code) ?? { region: m.region, n: 0 };
    c.n++;
    counts.set(m.region.code, c);
  }
  let top: { region: Region; n: number } | null = null;
  for (const c of counts.values()) if (!top || c.n > top.n) top = c;
  if (top && top.n >= 3 && top.n >= total * 0.6) return { region: top.region, rule: 'the place the text names most' };
  // A national text speaks of 我国 and of no province or city as its own.
  if (/我国/.test(sample) && selfWords.province + selfWords.city + selfWords.county === 0) {
    const national = regionByCode(NATIONAL_REGION.code);
    if (national) return { region: national, rule: 'speaks of 我国 as its own' };
  }
  return null;
}

function readYear(
  head: HeadLine[],
  tail: HeadLine[],
  title: string,
): { year: number; line: HeadLine | null; rule: string } | null {
  // The signature date below the text, or the date line under the title, is the date of issue.
  for (const line of [...tail].reverse()) {
    const m = FULL_DATE.exec(line.text);
    if (m?.[1] && line.text.length <= 24) return { year: Number(m[1]), line, rule: 'date of issue under the text' };
    const chinese = line.text.length <= 24 ? chineseYear(line.text) : null;
    if (chinese) return { year: chinese, line, rule: 'date of issue under the text' };
  }
  for (const line of head) {
    const m = FULL_DATE.exec(line.text);
    if (m?.[1] && line.text.length <= 60) return { year: Number(m[1]), line, rule: 'date in the opening lines' };
  }
  // 2024年政府工作报告 / 2023年数字福建工作要点: the year the text is about.
  const single = /(20\d{2})\s*年(?![—–\-~至到]\s*20\d{2})/.exec(title);
  if (single?.[1] && !titlePeriod(title)?.end)
    return { year: Number(single[1]), line: null, rule: 'year in the title' };
  if (single?.[1] && titlePeriod(title)?.start === titlePeriod(title)?.end)
    return { year: Number(single[1]), line: null, rule: 'year in the title' };
  return null;
}

/** A work report without a date: the year after the one its review part names, or the year its plan part names. */
function reportYear(clean: CleanText): { year: number; line: HeadLine | null; rule: string } | null {
  for (let i = 0; i < clean.rawLines.length; i++) {
    const text = (clean.rawLines[i] ?? '').trim();
    if (text.length > 40) continue;
    const review = /(20\d{2})年(?:工作)?回顾/.exec(text);
    if (review?.[1])
      return { year: Number(review[1]) + 1, line: { index: i, text }, rule: 'the year after the reviewed one' };
    const plan = /(20\d{2})年(?:政府)?(?:工作安排|主要预期目标|重点工作|工作任务)/.exec(text);
    if (plan?.[1]) return { year: Number(plan[1]), line: { index: i, text }, rule: 'the year the plan part names' };
  }
  return null;
}

const PERIOD_SENTENCE =
  /规划(?:期限?|时限|范围)?(?:为|是)?\s*(20\d{2})\s*年?\s*[—–\-~至到]+\s*(20\d{2})\s*年|规划基准年为\s*20\d{2}\s*年[，,]\s*(?:近期)?规划(?:水平|目标)年为\s*(20\d{2})\s*年/;

/**
 * Decides the document's context from its opening and closing lines and the title; `hints` (what an
 * analyst stated) win over everything read from the text.
 */
export function readContext(clean: CleanText, hints: ContextHints = {}, fallbackTitle = ''): DocContext {
  const why: ContextReason[] = [];
  const head = nonBlankLines(clean, 0, HEAD_LINES * 3).slice(0, HEAD_LINES);
  const tail = nonBlankLines(clean, clean.rawLines.length - TAIL_LINES * 2, clean.rawLines.length).slice(-TAIL_LINES);

  const found = readTitle(head);
  const title = hints.title?.trim() || found?.text || fallbackTitle;
  if (hints.title) why.push({ field: 'title', rule: 'stated by an analyst', line: null, evidence: hints.title });
  else if (found) why.push({ field: 'title', rule: 'opening lines', line: found.line, evidence: found.text });
  const titleLine = found ? (head.find((h) => h.index + 1 === found.line) ?? null) : null;
  const titleForRules = titleLine ? { index: titleLine.index, text: title } : null;

  let issuer: Region | null = null;
  if (hints.regionCode) {
    issuer = regionByCode(hints.regionCode) ?? null;
    if (issuer) why.push({ field: 'issuer', rule: 'stated by an analyst', line: null, evidence: issuer.fullName });
  }
  for (const rule of ISSUER_RULES) {
    if (issuer) break;
    const hit = rule.find(head, tail, titleForRules);
    if (hit) {
      issuer = hit.region;
      why.push({ field: 'issuer', rule: rule.name, line: hit.line.index + 1, evidence: hit.line.text });
    }
  }
  if (!issuer) {
    const dominant = dominantRegion(clean);
    if (dominant) {
      issuer = dominant.region;
      why.push({ field: 'issuer', rule: dominant.rule, line: null, evidence: issuer.fullName });
    }
  }

  // Every 政府工作报告 opens 我代表…人民政府，向大会报告工作, whatever its file was titled.
  // To a standing committee the government speaks instead: 下面，我代表行署作工作报告.
  const speech = head.find((h) => /向大会报告(?:政府)?工作|我代表[^，。]{0,20}作(?:政府)?工作报告/.test(h.text));
  // A text names itself: 特制定本方案, 制定本规划, 提出如下意见.
  const self = /(?:制定|编制|印发|出台)本(规划|纲要|方案|计划|意见|办法|细则|要点|措施)|提出(?:如下|以下)(意见)/.exec(
    clean.text.slice(0, 3000),
  );
  // 现就数字经济发展情况报告如下: a report to a people's congress standing committee on progress.
  const progress = /(?:现将|现就)[^。]{0,60}报告如下/.test(clean.text.slice(0, 3000));
  const genre =
    hints.genre ??
    genreOf(title) ??
    (speech
      ? 'work-report'
      : progress
        ? 'progress-report'
        : self
          ? (genreOf(self[1] ?? self[2] ?? '') ?? 'other')
          : 'other');
  why.push({
    field: 'genre',
    rule: hints.genre ? 'stated by an analyst' : 'genre words of the title',
    line: null,
    evidence: title,
  });

  let year: number | null = hints.year ?? null;
  if (year) why.push({ field: 'year', rule: 'stated by an analyst', line: null, evidence: String(year) });
  else {
    const y = readYear(head, tail, title) ?? (genre === 'work-report' ? reportYear(clean) : null);
    if (y) {
      year = y.year;
      why.push({
        field: 'year',
        rule: y.rule,
        line: y.line ? y.line.index + 1 : null,
        evidence: y.line?.text ?? title,
      });
    }
  }

  let planPeriod = hints.planPeriod ?? null;
  if (!planPeriod) {
    const fromTitle = titlePeriod(title) ?? fiveYearPeriod(title);
    if (fromTitle && fromTitle.end > fromTitle.start) {
      planPeriod = fromTitle;
      why.push({ field: 'planPeriod', rule: 'period in the title', line: null, evidence: title });
    } else {
      const m = PERIOD_SENTENCE.exec(clean.text.slice(0, 30000));
      if (m) {
        const end = Number(m[2] ?? m[3]);
        const start = m[1] ? Number(m[1]) : (year ?? end);
        planPeriod = { start: Math.min(start, end), end };
        why.push({ field: 'planPeriod', rule: 'the plan states its period', line: null, evidence: m[0] });
      }
    }
  }
  // A plan's year of writing is its period's first year when nothing else dates it.
  if (year === null && planPeriod) year = planPeriod.start;
  // A plan that names no period sets its horizon in its goals (到2023年，…): the goal year it names most
  // (the first of equals). Its goals without a year of their own fall due then.
  if (!planPeriod && genre !== 'work-report' && genre !== 'progress-report') {
    const counts = new Map<number, { n: number; first: number; evidence: string }>();
    for (const m of clean.text.matchAll(/(?:到|至)\s*(20\d{2})\s*年/g)) {
      const end = Number(m[1]);
      if (year !== null && end < year) continue;
      const c = counts.get(end) ?? { n: 0, first: m.index, evidence: m[0] };
      c.n++;
      counts.set(end, c);
    }
    let best: [number, { n: number; first: number; evidence: string }] | null = null;
    for (const entry of counts)
      if (!best || entry[1].n > best[1].n || (entry[1].n === best[1].n && entry[1].first < best[1].first)) best = entry;
    if (best) {
      planPeriod = { start: year ?? best[0], end: best[0] };
      why.push({
        field: 'planPeriod',
        rule: 'the goal year the text names most',
        line: null,
        evidence: best[1].evidence,
      });
    }
  }
  return { title, issuer, genre, year, planPeriod, why };
}
