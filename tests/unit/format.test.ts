import { describe, expect, it } from 'vitest';
import { formatNumber, formatPeriod, formatQuantity } from '../../shared/format';

describe('formatQuantity', () => {
  it('keeps the unit as written for Chinese readers', () => {
    expect(formatQuantity(1.2, '万亿元', 'zh')).toBe('1.2万亿元');
    expect(formatQuantity(3600, 'PFlops', 'zh')).toBe('3600PFlops');
  });

  it('re-expresses 万 and 亿 in English steps', () => {
    expect(formatQuantity(1.2, '万亿元', 'en')).toBe('1.2 trillion yuan');
    expect(formatQuantity(1000, '亿元', 'en')).toBe('100 billion yuan');
    expect(formatQuantity(374.8, '万个', 'en')).toBe('3.75 million');
    expect(formatQuantity(500, '万户', 'en')).toBe('5 million households');
  });

  it('writes shares the same in both languages', () => {
    expect(formatQuantity(70, '%', 'en')).toBe('70%');
    expect(formatQuantity(70, '%', 'zh')).toBe('70%');
  });

  it('leaves units it has no English for as written', () => {
    expect(formatQuantity(5, 'EFLOPS', 'en')).toBe('5 EFLOPS');
  });
});

describe('formatNumber', () => {
  it('counts in 万 and 亿 for Chinese and in millions for English', () => {
    expect(formatNumber(120_000_000_000, 'zh')).toBe('1200亿');
    expect(formatNumber(35_000, 'zh')).toBe('3.5万');
    expect(formatNumber(35_000, 'en')).toBe('35,000');
    expect(formatNumber(2_500_000, 'en')).toBe('2.5 million');
  });
});

describe('formatPeriod', () => {
  it('reads deadlines of a year, a month and a day', () => {
    expect(formatPeriod('2025', 'zh')).toBe('2025年');
    expect(formatPeriod('2025-06', 'zh')).toBe('2025年6月');
    expect(formatPeriod('2025-06', 'en')).toBe('Jun 2025');
    expect(formatPeriod('2025-06-30', 'en')).toBe('30 Jun 2025');
    expect(formatPeriod(null, 'en')).toBe('—');
  });
});
