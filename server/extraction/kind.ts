/**
 * Kind: is a figure a goal (target), a result (actual), money handed out (funding), or not a policy figure at all?
 *
 * A table of named rules, walked in order; the first rule that answers decides, and its `why` travels with the
 * record so a reviewer sees what the engine read. A rule answers with a kind, with `null` (not a figure to
 * keep: a forecast, a scoring weight), or with `undefined` (it does not apply). The figure's own words come
 * first; its section and article only supply the default (ENGINE-SKETCH.md: context decides defaults).
 * Each rule's examples run in tests/unit/extraction/kind.test.ts through the whole engine.
 */
import type { Kind } from '../../shared/taxonomy';
import type { ArticleInfo } from './articles';
import type { Figure } from './figures';
import { ACTUAL_CUE, FORECAST_CUE, FUNDING_VERB, isMoneyUnit, SURVEY_CUE } from './lexicon';
import { sentenceSpan } from './spans';

/** Words that make a figure a goal even after result words (到2025年…累计建成 is still a goal). */
export const STRONG_TARGET =
  /到\d{4}|至\d{4}年|力争|争取|确保|将|目标|要求|计划|提出|年底前|今年|全年|每年|年均|预期|打造|培育|新增|推动/;

/** Future words that make a figure a goal even in a report (今年将突破800家). */
export const FUTURE_CUE =
  /到\d{4}|至\d{4}年|力争|争取|确保|加快|将(?:达|实现|突破|超|建|新增|培育|打造|形成|推动|提升|提高|增|发放|投入|有)|预期|目标|计划|年底前|今年/;

/** Goal words strong enough to make a target inside a report's review part. */
const SECTION_FUTURE_CUE = /力争|争取|预期|目标|将(?:达|实现|突破|超)/;

/** Words of a scoring rule: the figure is a weight or a score, not a goal. */
export const SCORING_CUE = /权重|分值|计分|得分|评分|赋分|扣分|加分|满分|总分|占(?:总)?分/;

/** Figures about other countries are not Chinese policy figures. */
const FOREIGN_SUBJECT = /^(?:美国|欧盟|欧洲|日本|英国|德国|法国|韩国|印度|俄罗斯|全球|世界|国外|海外)/;

/** A sentence that opens in the past (…以来, 去年, 截至…) reports results in all its clauses. */
const PAST_OPENER = /^(?:[^，,。；]{0,20}以来|截至|截止|去年|上年|过去|近年来|近几年|近年|[^，,。；]{0,8}期间，)/;

const PAY_OUT = /给予|予以|奖励|补贴|补助/;

/** 到2025年 after the year a review covers is a goal; 增加到2021年的… in a 2022 report is where a result got to. */
function namesLaterYear(text: string, year: number | null): boolean {
  for (const m of text.matchAll(/[到至]\s*(20\d{2})\s*年/g)) if (year === null || Number(m[1]) > year) return true;
  return false;
}

/** Everything a kind rule may read about one figure, cut once. */
export interface KindCase {
  fig: Figure;
  /** The figure's article with its section's defaults applied. */
  article: ArticleInfo;
  /** A goal year (到2025年) stands before the figure in its own paragraph or the list it heads. */
  targetScope: boolean;
  docYear: number | null;
  /** From the sentence's start to the number. */
  head: string;
  /** The figure's clause, and its part before the number. */
  clause: string;
  clauseHead: string;
  /** The whole sentence. */
  sentence: string;
  /** A dozen characters after the figure. */
  after: string;
}

export function kindCase(
  text: string,
  fig: Figure,
  article: ArticleInfo,
  targetScope: boolean,
  docYear: number | null,
): KindCase {
  const s = sentenceSpan(text, fig.numberStart);
  return {
    fig,
    article,
    targetScope,
    docYear,
    head: text.slice(s.start, fig.numberStart),
    clause: text.slice(fig.clauseStart, fig.clauseEnd),
    clauseHead: text.slice(fig.clauseStart, fig.numberStart),
    sentence: text.slice(s.start, s.end),
    after: text.slice(fig.figureEnd, Math.min(fig.clauseEnd + 1, fig.figureEnd + 12)),
  };
}

export interface KindRule {
  name: string;
  /** What the rule read, as the reviewer is told. */
  why: string;
  decide: (c: KindCase) => Kind | null | undefined;
  /**
   * Constructions the rule decides, run through the whole engine by the unit tests: `text` is a small document,
   * `figure` the number as written in it, `kind` what it must become (null: no record).
   */
  examples: { text: string; figure: string; kind: Kind | null }[];
}

const money = (c: KindCase) => isMoneyUnit(c.fig.unit) || /^[万亿]+$/.test(c.fig.unit);
const resultWords = (c: KindCase) =>
  ACTUAL_CUE.test(c.clauseHead) ||
  /^[^，,；;。]{0,6}(?:同比|比上年|较上年|环比)/.test(c.after) ||
  /^(?:截至|截止|目前)/.test(c.head);

export const KIND_RULES: readonly KindRule[] = [
  {
    name: 'forecast',
    why: 'a forecast (预计…), not a goal the text sets',
    decide: (c) => (FORECAST_CUE.test(c.clauseHead) ? null : undefined),
    examples: [{ text: '到2025年，预计全市数字经济规模将达到5000亿元。', figure: '5000亿元', kind: null }],
  },
  {
    name: 'scoring-weight',
    why: "an evaluation's weight or score, not a goal",
    decide: (c) => ((c.fig.unit === '%' || c.fig.unit === '分') && SCORING_CUE.test(c.clause) ? null : undefined),
    examples: [{ text: '考核结果中，日常工作权重占30%。', figure: '30%', kind: null }],
  },
  {
    name: 'survey',
    why: "a survey's answer shares, not policy",
    decide: (c) => (SURVEY_CUE.test(c.sentence) ? null : undefined),
    examples: [],
  },
  {
    name: 'money-paid-out',
    why: 'money the policy pays out (给予/奖励/补贴…)',
    decide: (c) => {
      if (!money(c)) return undefined;
      const funded =
        FUNDING_VERB.test(c.clause) || PAY_OUT.test(c.after) || /给予|予以|奖励|补贴|补助|资助/.test(c.head);
      return funded ? 'funding' : undefined;
    },
    examples: [{ text: '对认定的示范企业，给予一次性奖励50万元。', figure: '50万元', kind: 'funding' }],
  },
  {
    name: 'share-paid-out',
    why: 'a share of costs the policy pays out (按…的30%给予补贴); a share a unit must hand on is no figure',
    decide: (c) => {
      if (c.fig.unit !== '%' || !PAY_OUT.test(c.clause)) return undefined;
      return /奖励|补贴|补助|资助|配套|支持/.test(c.clause) ? 'funding' : null;
    },
    examples: [{ text: '对企业上云费用按30%给予补贴。', figure: '30%', kind: 'funding' }],
  },
  {
    name: 'baseline-of-a-change',
    why: 'the starting point of a change (由…提升到…): a result',
    decide: (c) =>
      /(?:由|从)(?:\d{4}年(?:底|末)?(?:的)?)?$/.test(c.clauseHead) &&
      /^[^，,。；;]{0,4}(?:提升|提高|增加|增长|扩大|下降|降低|减少|降)(?:到|至)/.test(c.after)
        ? 'actual'
        : undefined,
    examples: [{ text: '到2025年，千兆宽带用户由2020年的640万户提升到6000万户。', figure: '640万户', kind: 'actual' }],
  },
  {
    name: 'foreign-subject',
    why: "another country's or the world's figure",
    decide: (c) =>
      FOREIGN_SUBJECT.test(c.clauseHead.replace(/^(?:而|但|其中|同时|此外|目前|截至\S{0,8}?，)/, ''))
        ? null
        : undefined,
    examples: [{ text: '全球数字经济规模达到30万亿美元。', figure: '30万亿美元', kind: null }],
  },
  {
    name: 'sample-share',
    why: "a share of a study's sample, not policy",
    decide: (c) => (c.article.sampleStudy && c.fig.unit === '%' && /占比|比重|占/.test(c.clause) ? null : undefined),
    examples: [],
  },
  {
    name: 'goal-in-review-part',
    why: "goal words (力争/目标/将达到, a later year) inside the report's review part",
    decide: (c) => {
      if (c.article.defaultKind !== 'actual' || !c.article.fromSection) return undefined;
      const goal =
        SECTION_FUTURE_CUE.test(c.clauseHead) || namesLaterYear(c.clauseHead, c.article.reportYear) || c.targetScope;
      return goal ? 'target' : undefined;
    },
    examples: [],
  },
  {
    name: 'review-part',
    why: "the report's review part reports results",
    decide: (c) => (c.article.defaultKind === 'actual' && c.article.fromSection ? 'actual' : undefined),
    examples: [
      {
        text: '政府工作报告\n一、2023年工作回顾\n全年地区生产总值增长6.5%，新建5G基站3000个。\n二、2024年工作安排\n地区生产总值增长6%左右。',
        figure: '3000个',
        kind: 'actual',
      },
    ],
  },
  {
    name: 'future-words-in-a-report',
    why: 'future words (将/力争/到2025年) in an article that reports results',
    decide: (c) => (c.article.defaultKind === 'actual' && FUTURE_CUE.test(c.clauseHead) ? 'target' : undefined),
    examples: [],
  },
  {
    name: 'report-article',
    why: 'an article that reports results (its title: 情况/进展/成效…)',
    decide: (c) => (c.article.defaultKind === 'actual' ? 'actual' : undefined),
    examples: [],
  },
  {
    name: 'goal-in-news',
    why: 'goal words in a news item',
    decide: (c) =>
      c.article.defaultKind === 'none' && (FUTURE_CUE.test(c.clauseHead) || c.targetScope) ? 'target' : undefined,
    examples: [],
  },
  {
    name: 'result-in-news',
    why: 'result words (截至/累计/已) in a news item',
    decide: (c) => (c.article.defaultKind === 'none' && /截至|累计|已/.test(c.clauseHead) ? 'actual' : undefined),
    examples: [],
  },
  {
    name: 'count-in-news',
    why: "a news item's count of an event, neither goal nor result",
    decide: (c) => (c.article.defaultKind === 'none' ? null : undefined),
    examples: [],
  },
  {
    name: 'result-words',
    why: 'result words (已建成/累计/同比增长/截至…) and no goal words',
    decide: (c) => (resultWords(c) && !STRONG_TARGET.test(c.head) && !c.targetScope ? 'actual' : undefined),
    examples: [{ text: '我市已建成5G基站1.2万个。', figure: '1.2万个', kind: 'actual' }],
  },
  {
    name: 'past-opener',
    why: 'the sentence opens in the past (…以来/去年/an earlier year)',
    decide: (c) => {
      const openingYear = /^(20\d{2})年/.exec(c.head)?.[1];
      const past =
        PAST_OPENER.test(c.head) ||
        (openingYear !== undefined && c.docYear !== null && Number(openingYear) < c.docYear);
      return past && !FUTURE_CUE.test(c.head) && !c.targetScope ? 'actual' : undefined;
    },
    examples: [
      {
        text: '“十三五”以来，全省数字经济年均增长15%。\n到2025年，数字经济规模达到2万亿元。',
        figure: '15%',
        kind: 'actual',
      },
    ],
  },
  {
    name: 'as-of-date',
    why: 'dated as of a day (截至…)',
    decide: (c) => (/截至|截止/.test(c.head) && !/到\d{4}/.test(c.head) ? 'actual' : undefined),
    examples: [],
  },
  {
    name: 'goal-by-default',
    why: 'a policy text sets goals: no words make it a result',
    decide: () => 'target',
    examples: [{ text: '到2025年，农村互联网普及率达到70%。', figure: '70%', kind: 'target' }],
  },
];

export interface KindDecision {
  kind: Kind | null;
  rule: KindRule;
}

/** Walks KIND_RULES; the last rule always answers, so a decision is always made. */
export function decideKind(c: KindCase): KindDecision {
  for (const rule of KIND_RULES) {
    const kind = rule.decide(c);
    if (kind !== undefined) return { kind, rule };
  }
  throw new Error('KIND_RULES must end with a rule that always decides');
}
