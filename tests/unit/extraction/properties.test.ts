/**
 * Properties that hold for any input, policy-like or not: the engine is total, its quotes are real
 * substrings of the lines it names, and its numbers are sane.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../server/extraction/index';
import { ExtractionResultSchema } from '../../../shared/schemas/record';

const WORDS = [
  '到2025年',
  '2026年底',
  '全省',
  '本市',
  '湖南省',
  '上海市静安区',
  '力争',
  '达到',
  '超过',
  '不低于',
  '以上',
  '左右',
  '每年',
  '截至4月末',
  '同比增长',
  '给予',
  '最高',
  '万元',
  '亿元',
  '1.2万亿元',
  '个',
  '家',
  '%',
  '个百分点',
  '三成',
  '两',
  '百亿',
  '十倍',
  'PFlops',
  'EFLOPS',
  '5G',
  'Wi-Fi 7',
  '“799”',
  '《湖南省数字乡村发展行动方案(2023—2025年)》',
  '本期要目',
  '编者按',
  '- 01 ',
  '一、',
  '（二）',
  '1.',
  '，',
  '。',
  '：',
  '、',
  '2-3',
  '5至10',
  '３０',
  '％',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\uFEFF',
  '|',
  '  ',
  '\t',
  '指标',
  '2023年基数',
  '2025年目标',
  '（亿元）',
  '1,000',
  '包括',
  '在内',
  '——',
  '年底前',
  '由',
  '提升到',
];

const policyText = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS), fc.integer({ min: 0, max: 99999 }).map(String)), { maxLength: 80 })
    .map((parts) => parts.join('')),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

function checkInvariants(text: string): void {
  const result = extractDocument(text, 'any.txt');
  const lines = text.split('\n');
  expect(ExtractionResultSchema.safeParse(result).success).toBe(true);
  for (const r of result.records) {
    expect(r.line).toBeGreaterThanOrEqual(1);
    expect(r.line).toBeLessThanOrEqual(lines.length);
    expect(lines[r.line - 1] ?? '').toContain(r.quote);
    expect(Number.isFinite(r.value)).toBe(true);
    expect(Number.isFinite(r.normalizedValue)).toBe(true);
    if (r.valueMax !== null) expect(r.valueMax).toBeGreaterThanOrEqual(r.value);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  }
}

describe('extraction on arbitrary input', () => {
  it('never throws and keeps every record consistent with the text', () => {
    fc.assert(
      fc.property(policyText, (text) => {
        checkInvariants(text);
      }),
      { numRuns: 400 },
    );
  });

  it('handles the empty text and a text of only blank lines', () => {
    expect(extractDocument('', 'e.txt').records).toEqual([]);
    expect(extractDocument('\n\n\r\n', 'e.txt').records).toEqual([]);
  });

  it('quotes from the raw line even when the number was full-width or split by spaces', () => {
    const text = '到 2025 年，全省智能算力达到 ３６００ PFlops。';
    checkInvariants(text);
    const record = extractDocument(text, 'w.txt').records[0];
    expect(record?.value).toBe(3600);
    expect(record?.quote).toContain('３６００');
  });
});
