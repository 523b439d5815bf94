/**
 * The review and plan parts of reports and plans (TARGETS-SPEC.md: "Kind follows the section"). Each
 * case names the construction that opens a part; the texts are short made-up documents.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../server/extraction/clean';
import { readContext } from '../../../server/extraction/context';
import { type Section, splitSections } from '../../../server/extraction/sections';

function sectionsOf(lines: string[]): { sections: Section[]; paragraphText: (i: number) => string } {
  const clean = cleanText(lines.join('\n'));
  const sections = splitSections(clean, readContext(clean));
  const paragraphText = (i: number) => {
    const p = clean.paragraphs[i];
    return p ? clean.text.slice(p.start, p.end) : '';
  };
  return { sections, paragraphText };
}

/** Each section as [kind, year, its opening paragraph's text]. */
function outline(lines: string[]): Array<[string, number | null, string]> {
  const { sections, paragraphText } = sectionsOf(lines);
  return sections.map((s) => [s.kind, s.year, paragraphText(s.firstParagraph)]);
}

const REPORT_HEAD = [
  '政府工作报告',
  '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上',
  '各位代表：',
  '现在，我代表市人民政府向大会报告工作，请予审议。',
];

describe('sections of a work report', () => {
  it('opens the review part at its heading (一、2023年工作回顾), dated at the reviewed year', () => {
    const parts = outline([...REPORT_HEAD, '一、2023年工作回顾', '过去一年，全市地区生产总值增长5.1%。']);
    expect(parts.at(-1)).toEqual(['review', 2023, '一、2023年工作回顾']);
  });

  it('opens the plan part at its heading (二、2024年工作安排), due at the report’s year', () => {
    const parts = outline([
      ...REPORT_HEAD,
      '一、2023年工作回顾',
      '过去一年，全市地区生产总值增长5.1%。',
      '二、2024年工作安排',
      '今年全市发展的主要预期目标是：地区生产总值增长5.5%左右。',
    ]);
    expect(parts.map(([kind, year]) => [kind, year])).toEqual([
      ['body', null],
      ['review', 2023],
      ['plan', 2024],
    ]);
    expect(parts[2]?.[2]).toBe('二、2024年工作安排');
  });

  it('keeps the lines before the first part as body', () => {
    const { sections } = sectionsOf([...REPORT_HEAD, '一、2023年工作回顾', '过去一年，经济稳中向好。']);
    expect(sections[0]).toMatchObject({ kind: 'body', firstParagraph: 0, rule: 'before the first section' });
  });

  it('covers every paragraph exactly once, in order', () => {
    const lines = [
      ...REPORT_HEAD,
      '一、2023年工作回顾',
      '过去一年，全市经济稳中向好。',
      '二、2024年工作安排',
      '今年主要预期目标是：地区生产总值增长5.5%左右。',
    ];
    const { sections } = sectionsOf(lines);
    const clean = cleanText(lines.join('\n'));
    expect(sections[0]?.firstParagraph).toBe(0);
    expect(sections.at(-1)?.lastParagraph).toBe(clean.paragraphs.length - 1);
    for (let k = 1; k < sections.length; k++)
      expect(sections[k]?.firstParagraph).toBe((sections[k - 1]?.lastParagraph ?? -2) + 1);
  });

  it('opens the plan part at 今年经济社会发展的主要预期目标是： without a heading', () => {
    const { sections, paragraphText } = sectionsOf([
      ...REPORT_HEAD,
      '一、2023年工作回顾',
      '过去一年，全市地区生产总值增长5.1%。',
      '今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业6万人。',
    ]);
    const plan = sections.at(-1);
    expect(plan).toMatchObject({ kind: 'plan', year: 2024, rule: 'plan opening words' });
    expect(paragraphText(plan?.firstParagraph ?? -1)).toMatch(/^今年经济社会发展的主要预期目标是/);
  });

  it('opens the review part at 过去一年 without a heading, dated the year before the report', () => {
    const { sections } = sectionsOf([...REPORT_HEAD, '过去一年，我们坚持稳中求进，全市地区生产总值增长5.1%。']);
    expect(sections.at(-1)).toMatchObject({ kind: 'review', year: 2023, rule: 'review opening words' });
  });

  it('dates goals under “十五五”时期主要目标任务 at the end of that plan', () => {
    const parts = outline([
      '政府工作报告',
      '——2026年1月12日在洛阳市第十七届人民代表大会第一次会议上',
      '各位代表：',
      '一、2025年和“十四五”时期工作回顾',
      '“十四五”时期，全市地区生产总值年均增长5.6%。',
      '二、“十五五”时期主要目标任务',
      '到2030年，全市数字经济核心产业增加值占地区生产总值比重达到12%。',
      '三、2026年工作安排',
      '今年主要预期目标是：地区生产总值增长5%左右。',
    ]);
    expect(parts.slice(1).map(([kind, year]) => [kind, year])).toEqual([
      ['review', 2025],
      ['plan', 2030],
      ['plan', 2026],
    ]);
  });

  it('reads a progress report’s 取得的成效 as review and its 下一步工作打算 as plan', () => {
    const { sections, paragraphText } = sectionsOf([
      '关于2023年数字政府建设进展情况的报告',
      '2024年2月1日',
      '一、取得的成效',
      '全年政务服务事项网上可办率达到98%。',
      '二、下一步工作打算',
      '力争政务服务事项网上可办率达到99%。',
    ]);
    const holding = (words: string) =>
      sections.find((s) =>
        Array.from({ length: s.lastParagraph - s.firstParagraph + 1 }, (_, k) =>
          paragraphText(s.firstParagraph + k),
        ).some((t) => t.includes(words)),
      );
    expect(holding('98%')).toMatchObject({ kind: 'review', line: 3 });
    expect(holding('99%')).toMatchObject({ kind: 'plan', line: 5 });
  });
});

describe('sections of a five-year plan', () => {
  const PLAN = [
    '宁波市数字经济发展“十四五”规划',
    '1.发展基础。“十三五”期间，全市数字经济核心产业增加值达到1200亿元，建成5G基站1.8万个。',
    '2.面临形势。当前，新一轮科技革命和产业变革深入发展。',
    '3.发展目标。到2025年，全市数字经济核心产业增加值突破2500亿元，建成5G基站5万个。',
  ];

  it('reads a run-in heading (1.发展基础。…) as review, dated the year before the plan starts', () => {
    const { sections } = sectionsOf(PLAN);
    expect(sections.find((s) => s.kind === 'review')).toMatchObject({ year: 2020, rule: 'review heading', line: 2 });
  });

  it('reads a run-in heading (3.发展目标。…) as plan, due at the plan’s end year', () => {
    const { sections } = sectionsOf(PLAN);
    expect(sections.find((s) => s.kind === 'plan')).toMatchObject({ year: 2025, rule: 'plan heading', line: 4 });
  });

  it('reads 第一章 发展基础 and 第二章 总体要求 headings', () => {
    const parts = outline([
      '江门市数字政府建设“十四五”规划',
      '第一章 发展基础',
      '“十三五”期间，全市政务服务事项网上可办率达到95%。',
      '第二章 总体要求',
      '到2025年，政务服务事项网上可办率达到100%。',
    ]);
    expect(parts.slice(1).map(([kind, year]) => [kind, year])).toEqual([
      ['review', 2020],
      ['plan', 2025],
    ]);
  });

  it('does not open sections at contents entries with leader dots', () => {
    const { sections, paragraphText } = sectionsOf([
      '江门市数字政府建设“十四五”规划',
      '目  录',
      '一、发展基础..............................1',
      '二、主要目标..............................4',
      '一、发展基础',
      '“十三五”期间，全市政务服务事项网上可办率达到95%。',
      '二、主要目标',
      '到2025年，政务服务事项网上可办率达到100%。',
    ]);
    const opened = sections.filter((s) => s.kind !== 'body');
    expect(opened.map((s) => s.kind)).toEqual(['review', 'plan']);
    for (const s of opened) expect(paragraphText(s.firstParagraph)).not.toMatch(/\.{4,}/);
    expect(opened[0]?.line).toBe(5);
  });
});

describe('texts that are not split', () => {
  it('keeps an action plan in one body section even when it has a 发展基础 heading', () => {
    const { sections } = sectionsOf([
      '关于推进5G规模化应用的实施方案',
      '一、发展基础',
      '全市已建成5G基站1万个。',
      '二、主要目标',
      '到2025年，建成5G基站3万个。',
    ]);
    expect(sections).toHaveLength(1);
    expect(sections[0]).toMatchObject({ kind: 'body', rule: 'whole text' });
  });

  it('keeps a work report without any review or plan words in one body section', () => {
    const { sections } = sectionsOf([...REPORT_HEAD, '一、坚持稳中求进', '全市经济运行总体平稳。']);
    expect(sections.map((s) => s.kind)).toEqual(['body']);
  });
});
