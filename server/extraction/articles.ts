/**
 * Splits a document into its articles. A newsletter names its articles in a table of contents
 * (本期要目); each is found again in the body as a heading, possibly preceded by its editor's
 * note (编者按). Without a table of contents, headings holding a 《policy title》 or a numbered
 * news item open an article. A single policy text is one article.
 */

import { NATIONAL_REGION } from '../../shared/taxonomy';
import { findRegionMentions, type Region, regionByCode, regionsNamed } from '../lib/regions';
import type { CleanText, Paragraph } from './clean';
import { PLAN_TITLE, REPORT_TITLE } from './lexicon';
import { titlePeriod } from './periods';

export interface ArticleInfo {
  title: string;
  issuingBody: string | null;
  /** null: neither the article's heading nor its opening names a place (the document's issuer decides). */
  region: string | null;
  regionCode: string | null;
  regionLevel: Region['level'] | null;
  /** How the region was found: the article's own words, or the place its body names most. */
  regionSource: 'heading' | 'opening' | 'frequency' | null;
  planStartYear: number | null;
  planEndYear: number | null;
  /** A yearly work plan's year (2023年数字福建工作要点), for 全年/今年. */
  planYear: number | null;
  /** Year a report covers (发展报告（2019—2024）→ 2024), default as-of for its results. */
  reportYear: number | null;
  /**
   * What a figure in this article is when the sentence itself does not say; `none` for news of
   * events (a forum was held), whose counts are neither goals nor results.
   */
  defaultKind: 'target' | 'actual' | 'none';
  /** The defaults above were set by the document's review or plan section, not by the article's title. */
  fromSection?: boolean;
  /** A study of a sample (基于2200家企业): its shares describe the sample, not policy. */
  sampleStudy: boolean;
  /** Paragraph of the article's own heading: its figures repeat the title, not the body. */
  titleParagraph: number;
  /** Paragraph indexes, inclusive. */
  firstParagraph: number;
  lastParagraph: number;
}

export const NATIONAL = { name: NATIONAL_REGION.name, code: NATIONAL_REGION.code } as const;

/** Bodies whose figures bind the whole country when they issue them. */
const NATIONAL_BODY =
  /国家|国务院|中共中央|中央|党中央|工信部|工业和信息化部|发展改革委|发改委|网信办|财政部|科技部|商务部|教育部|农业农村部|交通运输部|住房城乡建设部|人民银行|中国|全国|部办公厅|总局|信通院/;

const HEADING_NOISE = /^[#\s]+|^(?:[-•·]\s*)|^\d{1,2}\s*[.．、]\s*|^[一二三四五六七八九十]+[、.]\s*|^【[^】]*】\s*/g;

function paragraphText(clean: CleanText, p: Paragraph): string {
  return clean.text.slice(p.start, p.end);
}

function normTitle(s: string): string {
  return s.replace(/[\s#*《》“”"'‘’()（）【】\-—–~:：、，,.．·]/g, '').replace(/^\d{1,3}/, '');
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function titlesMatch(toc: string, heading: string): boolean {
  const a = normTitle(toc);
  const b = normTitle(heading);
  if (a.length < 4 || b.length < 4) return false;
  if (a === b) return true;
  if (a.includes(b) && b.length >= 6) return true;
  if (b.includes(a) && b.length <= a.length * 1.6 + 6) return true;
  return commonPrefix(a, b) >= Math.min(10, a.length);
}

const TOC_HEAD = /^(?:本期要目|本期目录|目录|要目)$/;
const TOC_ENTRY = /^(?:[-•·]\s*)?(\d{2,3})(?:\s+(\S.{3,})|([^\d.．、\s].{3,}))$/;

function findToc(clean: CleanText, texts: string[]): { titles: string[]; end: number } | null {
  const head = texts.findIndex((t) => TOC_HEAD.test(t.replace(/^[#\s]+/, '').trim()));
  if (head < 0) return null;
  const titles: string[] = [];
  let misses = 0;
  let lastEntry = head;
  let j = head + 1;
  for (; j < texts.length; j++) {
    const t = (texts[j] ?? '').replace(/^[#\s]+/, '');
    if (/^编者按/.test(t) || t.length > 90) break;
    const m = TOC_ENTRY.exec(t);
    const entry = m?.[2] ?? m?.[3];
    if (entry) {
      titles.push(entry.trim());
      misses = 0;
      lastEntry = j;
      continue;
    }
    const p = clean.paragraphs[j];
    if (p?.heading && t.length <= 12) {
      misses = 0;
      continue; // a section label such as 国策要论
    }
    if (++misses >= 3) break;
  }
  // A wrapped entry's second line belongs to the table; the first article may follow at once.
  let end = lastEntry + 1;
  while (
    end < texts.length &&
    end < lastEntry + 3 &&
    !TOC_ENTRY.test(texts[end] ?? '') &&
    !titles.some((t) => titlesMatch(t, texts[end] ?? '')) &&
    clean.paragraphs[end]?.heading &&
    (texts[end] ?? '').length <= 30 &&
    !/^[#\s]*编者按/.test(texts[end] ?? '')
  )
    end++;
  return titles.length > 0 ? { titles, end } : null;
}

const POLICY_END =
  /(?:方案|计划|意见|措施|办法|规划|要点|指南|规定|纲要|通知|条例|细则|清单|报告)(?:[(（][^)）]*[)）])*$/;

function bigramOverlap(a: string, b: string): number {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < a.length; i++) grams.add(a.slice(i, i + 2));
  let n = 0;
  for (let i = 0; i + 1 < b.length; i++) if (grams.has(b.slice(i, i + 2))) n++;
  return n;
}

function pickTitle(heading: string, body: string): string {
  const inHeading = /《([^》]{4,80})》/.exec(heading);
  if (inHeading?.[1]) return inHeading[1];
  const cleanedHeading = heading.replace(HEADING_NOISE, '').trim();
  // A news heading (上海发布…行动计划) paraphrases the policy the body names in 《》.
  const news = /发布|印发|出台|公布|推出|通过/.test(cleanedHeading);
  if (POLICY_END.test(cleanedHeading) && !news) return cleanedHeading;
  const firstSentence = body.split('。')[0] ?? '';
  for (const m of firstSentence.matchAll(/《([^》]{6,80})》/g)) {
    const candidate = m[1] ?? '';
    // A news heading paraphrases the policy it reports; the policy's own title is the better name.
    if (POLICY_END.test(candidate) && bigramOverlap(cleanedHeading, candidate) >= 3) return candidate;
  }
  // A "heading" that runs on is a paragraph without punctuation: name the article by its start.
  return cleanedHeading.length > 100 ? (cleanedHeading.split(/[。；，,]/)[0] ?? '').slice(0, 100) : cleanedHeading;
}

interface ResolvedRegion {
  name: string;
  code: string;
  level: Region['level'];
  source: 'heading' | 'opening' | 'frequency';
}

/** The place a run of names narrows to: 浙江省衢州市 → 衢州市, 浙江省安吉县 → 安吉县 (by its bare name). */
export function mostSpecific(mentions: ReturnType<typeof findRegionMentions>, text: string): Region | null {
  const first = mentions[0];
  if (!first) return null;
  let chosen = first.region;
  let end = first.index + first.length;
  for (const m of mentions.slice(1)) {
    // 浙江省衢州市: a child named right after its parent narrows the region.
    if (m.index === end && m.region.parentCode === chosen.code) {
      chosen = m.region;
      end = m.index + m.length;
    } else break;
  }
  // 浙江省安吉县: a county named right after its province or city, by its bare name.
  const prefix = chosen.level === 'province' ? chosen.code.slice(0, 2) : chosen.code.slice(0, 4);
  if (chosen.level !== 'district' && chosen.level !== 'country') {
    for (let k = 2; k <= 8 && end + k <= text.length; k++) {
      const child = regionsNamed(text.slice(end, end + k)).find(
        (r) => r.level !== 'province' && r.code !== chosen.code && r.code.startsWith(prefix),
      );
      if (child) return child;
    }
  }
  return chosen;
}

function resolveRegion(sources: string[], body: string): ResolvedRegion | null {
  for (const [k, text] of sources.entries()) {
    if (!text) continue;
    const source = k < 2 ? 'heading' : 'opening';
    // 在北京召开: the venue of a meeting is not the region its figures bind.
    const mentions = findRegionMentions(text, true).filter(
      (m) =>
        text.charAt(m.index - 1) !== '在' &&
        !/^(?:召开|举办|举行|开幕)/.test(text.slice(m.index + m.length, m.index + m.length + 2)),
    );
    const region = mostSpecific(mentions, text);
    const nationalAt = text.search(NATIONAL_BODY);
    if (nationalAt >= 0 && (!region || nationalAt < (mentions[0]?.index ?? 0))) {
      return { name: NATIONAL.name, code: NATIONAL.code, level: 'country', source };
    }
    if (region) return { name: region.fullName, code: region.code, level: region.level, source };
  }
  // A commentary about one place names it again and again without saying so in its title.
  const counts = new Map<string, number>();
  const mentions = findRegionMentions(body.slice(0, 6000), false);
  for (const m of mentions) counts.set(m.region.code, (counts.get(m.region.code) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [code, count] of counts) {
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  if (best && bestCount >= 3 && bestCount >= mentions.length * 0.6) {
    const r = regionByCode(best);
    if (r) return { name: r.fullName, code: r.code, level: r.level, source: 'frequency' };
  }
  // Unknown is not national: the document's issuer, or a reviewer, decides.
  return null;
}

/** Government bodies end with one of these words: 深圳市工业和信息化局, 湖北省政府办公厅. */
const ORGANIZATION =
  /[\u4e00-\u9fa5]{2,24}?(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|办公厅|委员会|办公室|管理局|数据局|局|厅|部|委|办|院|署|中心)(?:[、和][\u4e00-\u9fa5]{2,24}?(?:委员会|办公室|局|厅|部|委|办|院|署|中心))*/;

function issuingBody(sentence: string): string | null {
  // The issuer stands before the verb that issues: …印发, …发布, …出台.
  const verb = /(?:联合)?(?:印发|发布|出台|公布|发文|制定|召开|审议通过)/.exec(sentence);
  if (!verb) return null;
  const head = sentence
    .slice(0, verb.index)
    .replace(/\d+月\d+日|\d{4}年|近日|日前|近期|正式|于|等\d*个?部门|\d+/g, '，');
  const clauses = head.split(/[，,；;（(]/).filter((c) => c.length >= 2);
  const last = clauses[clauses.length - 1] ?? '';
  // Only a named organisation is an issuer; a purpose clause (为加快…，制定本方案) is not.
  return ORGANIZATION.exec(last)?.[0] ?? null;
}

function buildArticle(
  clean: CleanText,
  texts: string[],
  start: number,
  titleAt: number,
  end: number,
  untitled: boolean,
): ArticleInfo {
  // A heading wrapped over several short lines is one heading.
  let heading = texts[titleAt] ?? '';
  let k = titleAt + 1;
  while (k <= end && k < titleAt + 3 && clean.paragraphs[k]?.heading && heading.length < 80) {
    const next = texts[k] ?? '';
    if (!/^[（(]|^[^《]*》/.test(next) && !/《[^》]*$/.test(heading)) break;
    heading += next;
    k++;
  }
  let body = '';
  for (let i = k; i <= end && body.length < 400; i++) body += texts[i] ?? '';
  // Without any heading (a bare paragraph of text) the article has no title to report.
  const title = untitled ? '' : pickTitle(heading, body);
  const firstSentence = body.split(/[。]/)[0] ?? '';
  const region = resolveRegion(
    [heading.replace(HEADING_NOISE, ''), title, firstSentence],
    texts.slice(start, end + 1).join('\n'),
  );
  // A heading merged with its body (a wrapped news item) holds the body's years, not a plan period.
  const period = titlePeriod(title) ?? (heading.length <= 100 ? titlePeriod(heading) : null);
  const isReport = REPORT_TITLE.test(title) && !/方案|计划|意见|措施|要点|规划/.test(title);
  const isPlan = !isReport && PLAN_TITLE.test(title + heading);
  // A company's or a forum's news: its counts are neither goals nor results unless it says so.
  const isEvent =
    (!POLICY_END.test(title) && EVENT_TITLE.test(title)) ||
    /^(?:美国|欧盟|欧洲|日本|英国|德国|法国|韩国|印度|俄罗斯)/.test(title);
  const single = period && period.start === period.end;
  return {
    title,
    issuingBody: issuingBody(firstSentence),
    region: region?.name ?? null,
    regionCode: region?.code ?? null,
    regionLevel: region?.level ?? null,
    regionSource: region?.source ?? null,
    planStartYear: isPlan && period ? period.start : null,
    planEndYear: isPlan && period ? period.end : null,
    planYear: isPlan && single && period ? period.end : null,
    reportYear: isReport && period ? period.end : null,
    defaultKind: isEvent ? 'none' : isReport ? 'actual' : 'target',
    titleParagraph: titleAt,
    // Only a report can be a sample study; a plan that mentions a survey still sets shares as goals.
    sampleStudy: isReport && /基于\s*\d+\s*家|样本库|抽样调查|问卷|受访/.test(texts.slice(start, end + 1).join('')),
    firstParagraph: start,
    lastParagraph: end,
  };
}

/** News of an event or of a company rather than of a policy. */
const EVENT_TITLE =
  /召开|举办|举行|开幕|闭幕|大会|论坛|峰会|会议|成立|立项|颁奖|座谈|调研|考察|参加|赴|签约|上线|首次公布/;

/** Lines that follow an item's source but name no article: QR codes, links, figure captions. */
const NOT_A_TITLE = /扫描二维码|阅读全文|原文链接|下载原文|^[#\s]*图\s/;

/** A line that closes a newsletter item: its source, a QR code, a link. */
const ITEM_END = /^[（(]?(?:来源|来源于|信息来源)[:：]|^原文链接|^[（(]来源/;

/** A heading that names a policy in 《》: 《湖北省促进科技成果转化行动方案》印发. */
const POLICY_HEADING = /《[^》]{4,}(?:》|$)/;
/** Verbs of a news item about a policy or an event. */
const NEWS_VERB = /《[^》]+》|发布|印发|召开|举办|举行|出台|通过|成立|启动|开幕|亮相|颁奖|签约|上线/;

/** A numbered news item of a digest: 3.衢州市印发《…》的通知. */
const NUMBERED_ITEM = /^\d{1,2}\s*[.．、]\s*\S{6,}/;

export interface DocumentLayout {
  articles: ArticleInfo[];
  /** Paragraphs before this index are masthead and table of contents. */
  bodyStart: number;
}

/** The articles of a cleaned document, in order, covering every paragraph from the first on. */
export function splitArticles(clean: CleanText): DocumentLayout {
  const texts = clean.paragraphs.map((p) => paragraphText(clean, p));
  const n = texts.length;
  if (n === 0) return { articles: [], bodyStart: 0 };
  const starts: Array<{ start: number; titleAt: number; untitled?: boolean }> = [];
  const toc = findToc(clean, texts);
  if (toc) {
    let cursor = toc.end;
    for (const entry of toc.titles) {
      for (let i = cursor; i < n; i++) {
        const t = texts[i] ?? '';
        if (t.length > 100 || !clean.paragraphs[i]?.heading) continue;
        if (titlesMatch(entry, t)) {
          let start = i;
          const floor = starts.length > 0 ? (starts[starts.length - 1]?.titleAt ?? 0) + 1 : toc.end;
          for (let b = i - 1; b >= Math.max(floor, i - 6); b--) {
            if (/^[#\s]*编者按/.test(texts[b] ?? '')) {
              start = b;
              break;
            }
          }
          starts.push({ start, titleAt: i });
          cursor = i + 1;
          break;
        }
      }
    }
  }
  const bodyStart = toc ? toc.end : 0;
  const tocStarts = new Set(starts.map((s) => s.titleAt));
  for (let i = bodyStart; i < n; i++) {
    if (tocStarts.has(i)) continue;
    const p = clean.paragraphs[i];
    const t = texts[i] ?? '';
    const prevStart = [...starts].reverse().find((s) => s.titleAt < i);
    // The second line of a wrapped heading does not open another article.
    if (
      prevStart &&
      prevStart.titleAt === i - 1 &&
      clean.paragraphs[i - 1]?.heading &&
      p?.heading &&
      !NUMBERED_ITEM.test(t)
    )
      continue;
    let opens = false;
    // After an item's source line, the next heading opens the next item.
    let closedBefore = false;
    for (let b = i - 1; b >= Math.max(bodyStart, i - 4); b--) {
      const bt = texts[b] ?? '';
      if (ITEM_END.test(bt.trim())) {
        closedBefore = true;
        break;
      }
      if (!clean.paragraphs[b]?.heading || bt.length > 40) break;
    }
    if (
      p?.heading &&
      closedBefore &&
      t.replace(/[#\s]/g, '').length >= 6 &&
      !ITEM_END.test(t.trim()) &&
      !NOT_A_TITLE.test(t)
    )
      opens = true;
    else if (p?.heading) {
      const afterLabel = !toc && i > 0 && /^[#\s]*【[^】]+】\s*$/.test(texts[i - 1] ?? '') && t.length >= 6;
      // A numbered heading opens a news item only when it reports one (3.衢州市印发《…》); in a
      // single plan, 1.推进智能工厂建设 is a section of the same article.
      // A headline never ends in a full stop: 1.成立乡镇护渔队，得1分。 is an item of rules, not news.
      opens =
        POLICY_HEADING.test(t) ||
        afterLabel ||
        (!toc && NUMBERED_ITEM.test(t) && NEWS_VERB.test(t) && !/。\s*$/.test(t));
    } else if (!toc) {
      // A numbered news item whose heading wrapped into its body: 14. 山东…发布，…
      // An evaluation's scored item (1.成立乡镇护渔队，得1分。) reports nothing.
      const head = t.split('。')[0] ?? '';
      opens = NUMBERED_ITEM.test(t) && NEWS_VERB.test(head.slice(0, 60)) && !/[得扣加]\d+(?:\.\d+)?分/.test(head);
    }
    if (opens) starts.push({ start: i, titleAt: i });
  }
  starts.sort((a, b) => a.start - b.start);
  if (starts.length === 0 || (starts[0]?.start ?? 0) > 0) {
    const firstHeading = texts.findIndex((t, i) => clean.paragraphs[i]?.heading && t.replace(/[#\s]/g, '').length >= 4);
    starts.unshift({ start: 0, titleAt: Math.max(0, firstHeading), untitled: firstHeading < 0 });
  }
  const out: ArticleInfo[] = [];
  for (let a = 0; a < starts.length; a++) {
    const s = starts[a];
    if (!s) continue;
    const end = (starts[a + 1]?.start ?? n) - 1;
    if (end < s.start) continue;
    out.push(buildArticle(clean, texts, s.start, Math.min(s.titleAt, end), end, s.untitled === true));
  }
  return { articles: out, bodyStart };
}

/** Issue date from the masthead: the first full date in the opening lines. */
export function mastheadDate(clean: CleanText): string | null {
  const head = clean.rawLines.slice(0, 40).join('\n');
  const m = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(head);
  if (m?.[1] && m[2] && m[3]) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const ym = /(20\d{2})\s*年\s*(\d{1,2})\s*月/.exec(head);
  if (ym?.[1] && ym[2]) return `${ym[1]}-${ym[2].padStart(2, '0')}`;
  return null;
}
