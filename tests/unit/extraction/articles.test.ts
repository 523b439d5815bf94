import { describe, expect, it } from 'vitest';
import { mastheadDate, splitArticles } from '../../../server/extraction/articles';
import { cleanText } from '../../../server/extraction/clean';
import { extractDocument } from '../../../server/extraction/index';
import { titlePeriod } from '../../../server/extraction/periods';

const NEWSLETTER = [
  '大数据发展动态',
  '2024年5月27日 第19期',
  '本期要目',
  '地方新政',
  '- 08 上海推进数字政府建设',
  '- 10 浙江省数据要素三年行动方案(2024—2026年)',
  '上海推进数字政府建设',
  '5月20日，上海市人民政府办公厅印发《上海市数字政府建设实施方案》。到2025年底，网办率达到85%。',
  '（来源：上海市人民政府）',
  '编者按',
  '近日，浙江省印发行动方案，全省培育数商1000家以上。',
  '浙江省数据要素三年行动方案(2024—2026年)',
  '全省数据产业规模突破5000亿元。',
].join('\n\n');

describe('splitting a newsletter into articles', () => {
  const clean = cleanText(NEWSLETTER);
  const { articles } = splitArticles(clean);
  const named = articles.filter((a) => a.title !== '大数据发展动态');

  it('finds the articles named in the table of contents', () => {
    expect(named.map((a) => a.title)).toEqual([
      '上海市数字政府建设实施方案',
      '浙江省数据要素三年行动方案(2024—2026年)',
    ]);
  });

  it('gives each article its region and GB/T 2260 code', () => {
    expect(named.map((a) => [a.region, a.regionCode])).toEqual([
      ['上海市', '310000'],
      ['浙江省', '330000'],
    ]);
  });

  it('reads the plan period of a title', () => {
    expect(named[1]?.planStartYear).toBe(2024);
    expect(named[1]?.planEndYear).toBe(2026);
    expect(titlePeriod('2023年数字福建工作要点')).toEqual({ start: 2023, end: 2023 });
  });

  it('opens an article at its editor’s note', () => {
    const zhejiang = named[1];
    const note = clean.paragraphs[zhejiang?.firstParagraph ?? -1];
    expect(note && clean.text.slice(note.start, note.end)).toBe('编者按');
  });

  it('reads the issue date from the masthead', () => {
    expect(mastheadDate(clean)).toBe('2024-05-27');
  });

  it('attributes each figure to the article and region it stands in', () => {
    const result = extractDocument(NEWSLETTER, 'n.txt');
    const byValue = new Map(result.records.map((r) => [r.value, r]));
    expect(byValue.get(85)?.region).toBe('上海市');
    expect(byValue.get(85)?.deadline).toBe('2025-12');
    expect(byValue.get(1000)?.region).toBe('浙江省');
    expect(byValue.get(5000)?.deadline).toBe('2026');
  });

  it('keeps the numbered sections of a single plan in one article with its period and region', () => {
    const plan = [
      '河南省制造业数字化转型行动方案（2024—2026年）',
      '一、重点任务',
      '1.推进智能工厂建设',
      '每年培育省级智能工厂50家以上。',
      '2.发展工业互联网平台',
      '培育省级工业互联网平台100个。',
    ].join('\n\n');
    const result = extractDocument(plan, 'plan.txt');
    expect(result.articles).toHaveLength(1);
    expect(result.records.map((r) => [r.value, r.region, r.deadline])).toEqual([
      [50, '河南省', '2026'],
      [100, '河南省', '2026'],
    ]);
  });

  it('opens a new article at each numbered news item of a digest without contents', () => {
    const digest = [
      '1.衢州市印发《衢州市数据要素实施方案》',
      '方案要求到2024年底，打造数据产品20个以上。',
      '2.湖南省印发《湖南省人工智能产业发展三年行动计划（2024-2026年）》',
      '全省智能算力达到3600PFlops。',
    ].join('\n\n');
    const result = extractDocument(digest, 'digest.txt');
    expect(result.records.map((r) => [r.value, r.region, r.deadline])).toEqual([
      [20, '衢州市', '2024-12'],
      [3600, '湖南省', '2026'],
    ]);
  });

  it('narrows a province or municipality to the county or district named right after it', () => {
    const county = extractDocument('浙江省安吉县数字乡村建设方案\n\n到2026年，全县农村电商销售额突破50亿元。', 'c.txt');
    expect(county.records[0]?.region).toBe('湖州市安吉县');
    expect(county.records[0]?.regionCode).toBe('330523');
    const district = extractDocument('上海市静安区数字化转型行动计划\n\n到2025年，全区建成10个应用场景。', 'd.txt');
    expect(district.records[0]?.region).toBe('上海市静安区');
  });

  it('treats a text without table of contents or headings as one article', () => {
    const result = extractDocument('到2025年，全国建成5G基站300万个。', 'plain.txt');
    expect(result.articles).toHaveLength(1);
    expect(result.records[0]?.region).toBe('全国');
  });
});
