import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../server/extraction/index';
import { storedTitle } from '../../server/services/documentTitle';

const seed = (name: string) => readFileSync(new URL(`../../seeds/${name}`, import.meta.url), 'utf8');
const titleOf = (text: string, fileName: string) => storedTitle(extractDocument(text, fileName), text, fileName);
const article = (title: string) => ({
  title,
  issuingBody: null,
  region: null,
  regionCode: null,
  planStartYear: null,
  planEndYear: null,
  firstLine: 1,
  lastLine: 2,
});

describe('the title a document is stored under', () => {
  it('names a newsletter issue by its masthead and the issue under it', () => {
    expect(titleOf(seed('004_e94a64959963c19a.txt'), '004_e94a64959963c19a.txt')).toBe('大数据发展动态 2024年第49期');
    expect(titleOf(seed('001_127229a6a221dbec.txt'), '001_127229a6a221dbec.txt')).toBe('大数据发展动态 2023年第25期');
  });

  it('keeps the masthead alone when no issue line stands under it', () => {
    const text = '大数据发展动态\n\n以战略视角解读数字中国\n\n本期内容\n';
    expect(storedTitle({ title: '大数据发展动态', articles: [] }, text, 'x.txt')).toBe('大数据发展动态');
  });

  it('names a report that opens with a salutation by a file name a person gave it', () => {
    const text = '各位代表：\n\n现在，我代表省人民政府，向大会报告工作。\n';
    expect(titleOf(text, '2025年某省政府工作报告.txt')).toBe('2025年某省政府工作报告');
  });

  it('names it by its first titled article when the file name is a hash', () => {
    const extraction = { title: '各位代表：', articles: [article('各位代表：'), article('二、2025年主要目标')] };
    expect(storedTitle(extraction, '各位代表：\n', '3b1db577883f80e2.txt')).toBe('二、2025年主要目标');
  });

  it('names a text the engine found no name for by its first titled article and how many there are', () => {
    const extraction = { title: 'a1b2.txt', articles: [article(''), article('数字乡村行动方案'), article('算力方案')] };
    expect(storedTitle(extraction, '【本期导读】\n', 'a1b2.txt')).toBe('数字乡村行动方案 等2篇');
  });

  it('keeps a plain policy title as the engine gave it', () => {
    const text = '湖南省数字经济发展三年行动计划（2024—2026年）\n\n到2026年，全省5G基站数达到15万个。\n';
    expect(titleOf(text, 'plan.txt')).toBe(extractDocument(text, 'plan.txt').title);
    expect(titleOf(text, 'plan.txt')).toContain('行动计划');
  });
});
