/**
 * The numbers that are not figures, as a table of named rules. `findFigures` reads a number and its unit,
 * then walks these tables in order: the first rule that fires rejects the number, and its name says why.
 * Each rule carries the constructions it stands for (`rejects`) and near misses it must let through
 * (`keeps`); tests/unit/extraction/rejections.test.ts runs every one of them.
 */

import {
  ALWAYS_STRUCTURE_AFTER,
  CONDITION_AFTER,
  DOCUMENT_STRUCTURE_AFTER,
  ENUMERATION_BEFORE,
  MAGNITUDE_AFTER,
  QUALIFIER_AFTER,
  STRUCTURE_VERB,
} from './lexicon';
import { CLAUSE_BREAKS, sentenceSpan, spanAround } from './spans';

/** A number read with its unit, before it is accepted as a figure. Offsets are in the paragraph text. */
export interface Candidate {
  text: string;
  /** Where the number starts, and where its unit (and a 万/亿 multiplier) ends. */
  start: number;
  unitEnd: number;
  /** Where the whole figure ends: past a range's second unit (10%-15%). */
  end: number;
  value: number;
  unit: string;
  /** Written in Chinese numerals (五, 十二, 两). */
  chinese: boolean;
  /** Written between quotes: “799”. */
  quoted: boolean;
  /** The 万/亿 of a Chinese numeral (五万 → 万). */
  unitPrefix: string;
}

export interface RejectionRule {
  name: string;
  why: string;
  test: (c: Candidate) => boolean;
  /** Texts whose number (the first whose digits equal `number`) this rule rejects. */
  rejects: ReadonlyArray<{ text: string; number: string }>;
  /** Texts whose number must survive every rule. */
  keeps?: ReadonlyArray<{ text: string; number: string }>;
}

export const COUNT_UNIT =
  /^(?:万|亿)?(?:个|家|座|项|条|户|人|名|所|件|场|次|栋|套|类|张|台|款|种|处|辆|架|块|份|位|支|人次)$/;
const TIME_LIMIT_UNIT = /^(?:分钟|小时|秒|天)$/;

const before = (c: Candidate, n: number) => c.text.slice(Math.max(0, c.start - n), c.start);
const afterUnit = (c: Candidate, n: number) => c.text.slice(c.unitEnd, c.unitEnd + n);
const afterFigure = (c: Candidate, n: number) => c.text.slice(c.end, c.end + n);
const clauseOf = (c: Candidate) => spanAround(c.text, c.start, CLAUSE_BREAKS);
const clauseHead = (c: Candidate) => c.text.slice(clauseOf(c).start, c.start);

/** A position inside an open “…” of its sentence: the numeral names something. */
function insideQuote(text: string, at: number): boolean {
  let open = 0;
  for (let i = sentenceSpan(text, at).start; i < at; i++) {
    const ch = text.charAt(i);
    if (ch === '“') open++;
    else if (ch === '”' && open > 0) open--;
  }
  return open > 0;
}

/** 包括…在内的19个行业: a position inside an inclusion that totals a list. */
function insideInclusion(text: string, at: number): boolean {
  const sentence = sentenceSpan(text, at);
  const open = text.slice(sentence.start, at).lastIndexOf('包括');
  return open >= 0 && text.slice(at, sentence.end).includes('在内');
}

/** Rules read where the unit ends, before a range written with its unit twice is joined. */
export const REJECT_AT_UNIT: readonly RejectionRule[] = [
  {
    name: 'grade-level',
    why: 'L4级, 三级: a grade, not a quantity',
    test: (c) => c.unit === '级' && (c.chinese || /^[A-Za-z]/.test(c.text.charAt(c.start - 1))),
    rejects: [{ text: '支持L4级自动驾驶测试', number: '4' }],
  },
  {
    name: 'magnitude-of-an-event',
    why: '6.8级地震: a decimal 级 measures an event, it is no grade and no goal',
    test: (c) => c.unit === '级' && !Number.isInteger(c.value),
    rejects: [{ text: '定日6.8级地震灾后重建', number: '6.8' }],
  },
  {
    name: 'rank-threshold',
    why: '自然指数前100名, 全国前10位: a place in a ranking, not a quantity',
    test: (c) => c.text.charAt(c.start - 1) === '前' && /^(?:名|位)$/.test(c.unit),
    rejects: [{ text: '进入自然指数前100名的高校', number: '100' }],
    keeps: [{ text: '引进高层次人才100名', number: '100' }],
  },
  {
    name: 'magnitude-class',
    why: '千亿级, 10亿级: a class of size, not a figure',
    test: (c) => c.unit.length > 1 && c.unit.endsWith('级'),
    rejects: [{ text: '打造10亿级产业集群', number: '10' }],
  },
  {
    name: 'named-in-quotes',
    why: 'inside an open quote a numeral names something (“三个驱动、五个机构”); a time limit stays',
    test: (c) => insideQuote(c.text, c.start) && !TIME_LIMIT_UNIT.test(c.unit),
    rejects: [{ text: '推进“5个中心建设”工程', number: '5' }],
    keeps: [{ text: '实现诉求“1”分钟响应', number: '1' }],
  },
  {
    name: 'scope-of-places',
    why: '对31个省级政府, 在19个行业: the places or sectors a statement covers; 对100家企业实施改造 is still a goal',
    test: (c) =>
      /(?:^|[，,、；;。\s])(?:对|在|将|把|从|向)(?:\d{4}年)?(?:我国|全国|全球|国内)?$/.test(before(c, 10)) &&
      /^(?:省|市|县|区|地级|省级|市级|地市|政府|城市|国家|行业|领域|部门|重点行业|重点领域)/.test(afterUnit(c, 4)),
    rejects: [{ text: '评估显示，对31个省级政府开展评估', number: '31' }],
    keeps: [{ text: '对100家企业实施数字化改造', number: '100' }],
  },
  {
    name: 'slogan-in-quotes',
    why: 'a digit between quotes is a slogan (“799”); a time limit written “1”分钟 stays',
    test: (c) => (c.quoted && !TIME_LIMIT_UNIT.test(c.unit)) || (!c.quoted && c.text.charAt(c.start - 1) === '“'),
    rejects: [{ text: '打造“1+3+N”体系', number: '1' }],
  },
  {
    name: 'enumeration-total',
    why: 'A、B等8个行业, 共5个: the total of a list, not a goal',
    test: (c) => ENUMERATION_BEFORE.test(before(c, 2)),
    rejects: [{ text: '覆盖制造、能源等8个行业', number: '8' }],
  },
  {
    name: 'article-one',
    why: '一个, 一项: a Chinese 一 before a measure word is an article, not a count',
    test: (c) => c.chinese && c.unit !== '成' && c.value < 2 && !c.unitPrefix,
    rejects: [{ text: '建成一个平台', number: '一' }],
  },
  {
    name: 'working-days',
    why: '五个工作日: a procedural time limit',
    test: (c) => /^(?:工作日|个工作日)/.test(afterUnit(c, 4)) || /^个工作日/.test(c.unit + afterUnit(c, 4)),
    rejects: [{ text: '在5个工作日内办结', number: '5' }],
  },
  {
    name: 'document-part',
    why: '5方面, 14个部门, 5个维度: the document’s (or its index system’s) own parts; 3项重点领域探索… is a task',
    test: (c) => {
      const structural = c.unit.replace(/^[万亿]/, '') + afterUnit(c, 12);
      const part = ALWAYS_STRUCTURE_AFTER.exec(structural);
      return (
        COUNT_UNIT.test(c.unit) &&
        part !== null &&
        !/^(?:探索|开展|推进|实施|打造|建设|推广|试点)/.test(structural.slice(part[0].length))
      );
    },
    rejects: [
      { text: '方案从5个方面提出具体措施', number: '5' },
      { text: '从服务环境、服务创新5个维度，构建评价指标体系', number: '5' },
    ],
  },
  {
    name: 'document-structure',
    why: '提出16项重点任务: a clause presenting the document counts its tasks; 实施10项重点工程 is a goal',
    test: (c) =>
      COUNT_UNIT.test(c.unit) &&
      DOCUMENT_STRUCTURE_AFTER.test(c.unit.replace(/^[万亿]/, '') + afterUnit(c, 12)) &&
      STRUCTURE_VERB.test(clauseHead(c)),
    rejects: [{ text: '方案提出16项重点任务', number: '16' }],
    keeps: [{ text: '实施10项重点工程', number: '10' }],
  },
  {
    name: 'magnitude-word',
    why: '百亿量级: a magnitude word after the number',
    test: (c) => MAGNITUDE_AFTER.test(afterUnit(c, 12)),
    rejects: [{ text: '形成千亿量级市场', number: '千' }],
  },
  {
    name: 'multiplier-as-adjective',
    why: 'a bare 万/亿 before a noun is an adjective (百万青年), or part of a Latin word',
    test: (c) =>
      /^[万亿]+$/.test(c.unit) &&
      (!/^(?:[、，,。；;：:）)\s”]|以上|以下|左右|多|余|和|及|基金|资金|$)/.test(afterUnit(c, 12)) ||
        /^[A-Za-z]/.test(afterUnit(c, 12))),
    rejects: [{ text: '开展百万青年技能培训', number: '百' }],
    keeps: [{ text: '培训人数达到1000万以上', number: '1000' }],
  },
];

/** Rules read where the whole figure ends. */
export const REJECT_AT_FIGURE: readonly RejectionRule[] = [
  {
    name: 'penalty',
    why: '处五万元以上十万元以下罚款: a regulation’s penalty',
    test: (c) => {
      const clause = clauseOf(c);
      return /罚款|罚金|没收|处罚/.test(c.text.slice(clause.start, clause.end));
    },
    rejects: [{ text: '处5万元以上10万元以下罚款', number: '5' }],
  },
  {
    name: 'size-class-of-places',
    why: '20户以上自然村, 10万人以上城市: a size class of places',
    test: (c) => /^(?:及)?(?:以上|以下)(?:的)?(?:自然村|行政村|村|城市|县城|乡镇|社区|人口)/.test(afterFigure(c, 10)),
    rejects: [{ text: '实现20户以上自然村5G覆盖', number: '20' }],
  },
  {
    name: 'places-covered',
    why: '全省86个县市区: the places a goal covers',
    test: (c) =>
      COUNT_UNIT.test(c.unit) &&
      /^(?:县市区|县（市、区）|县\(市、区\)|县区|市县|地市|市州|乡镇|街道)/.test(afterFigure(c, 10)),
    rejects: [{ text: '全省86个县市区全部接入', number: '86' }],
  },
  {
    name: 'event-participants',
    why: '24家机构联合发布…: the participants of an event',
    test: (c) =>
      /^[^，,。；;]{0,12}(?:联合发布|联合印发|联合签署|共同发布|共同签署|出席|参会|参加)/.test(
        c.text.slice(c.end, spanAround(c.text, c.end, CLAUSE_BREAKS).end),
      ),
    rejects: [{ text: '24家机构联合发布倡议', number: '24' }],
  },
  {
    name: 'sample-or-part',
    why: '基于2200家企业, 在内的19个行业, （包括…）: a sample, a total or the parts of something named',
    test: (c) => /(?:基于|在内的|之一的)$/.test(before(c, 3)) || insideInclusion(c.text, c.start),
    rejects: [
      { text: '基于2200家企业的调查', number: '2200' },
      { text: '包括5个新兴产业在内的产业体系', number: '5' },
    ],
  },
  {
    name: 'equivalence',
    why: '相当于6个三峡电站, 这个规模接近…: restates another figure in other terms',
    test: (c) =>
      /(?:相当于|约等于|约合|等同于)$/.test(before(c, 3)) ||
      /(?:这|该|此)[个一]?(?:规模|数字|数量|水平|体量)(?:已|将)?(?:接近|相当于|约为|约|超过|达到)?$/.test(
        before(c, 10),
      ),
    rejects: [
      { text: '年发电量相当于3个大型电站', number: '3' },
      { text: '突破1亿千瓦，这个规模接近6个大型电站', number: '6' },
    ],
    keeps: [{ text: '覆盖率接近80%', number: '80' }],
  },
  {
    name: 'category-and-above',
    why: '1000Mbps及以上接入速率的用户, 二级及以上医院: a category',
    test: (c) => /^(?:及以上|及以下)[\u4e00-\u9fa5A-Za-z]/.test(afterFigure(c, 10)),
    rejects: [{ text: '1000Mbps及以上接入速率的用户', number: '1000' }],
  },
  {
    name: 'qualifier-or-condition',
    why: '50亿元以上企业, 5亿元（3000万美元）以上产业项目, 合同金额500万元以上的，…: a qualifier or condition',
    test: (c) =>
      ((/元$/.test(c.unit) || /^[万亿]+$/.test(c.unit)) && QUALIFIER_AFTER.test(afterFigure(c, 20))) ||
      CONDITION_AFTER.test(afterFigure(c, 10)),
    rejects: [
      { text: '营收50亿元以上企业5家以上', number: '50' },
      { text: '力争5亿元（3000万美元）以上产业项目新开工150个', number: '5' },
      { text: '合同金额500万元以上的，给予奖励', number: '500' },
    ],
    keeps: [
      { text: '营收50亿元以上企业达到8家以上', number: '8' },
      { text: '按每人最高5000元标准给予企业一次性培训费用补助', number: '5000' },
    ],
  },
  {
    name: 'set-of-the-next',
    why: '五个行业的13个: only says which set the next figure is drawn from',
    test: (c) => /^[\u4e00-\u9fa5]{1,6}的\s*\d/.test(afterFigure(c, 10)),
    rejects: [{ text: '在5个行业的13个场景推广', number: '5' }],
  },
];

/** The name of the first rule of `rules` that rejects the candidate, or null. */
export function rejectionOf(c: Candidate, rules: readonly RejectionRule[]): string | null {
  for (const rule of rules) if (rule.test(c)) return rule.name;
  return null;
}
