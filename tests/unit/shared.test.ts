import { describe, expect, it } from 'vitest';
import { formatQuantity } from '../../shared/format';
import { fiveYearPlan, periodDay, periodEndDate, periodEndTime } from '../../shared/period';
import { toHalfWidth } from '../../shared/text';
import { splitUnitMultiplier } from '../../shared/units';

describe('periods', () => {
  it('dates a month or a year at its last day, leap years included', () => {
    expect(periodEndDate('2024-04')).toBe('2024-04-30');
    expect(periodEndDate('2024-02')).toBe('2024-02-29');
    expect(periodEndDate('2025-02')).toBe('2025-02-28');
    expect(periodEndDate('2024')).toBe('2024-12-31');
    expect(periodEndDate('2024-06-15')).toBe('2024-06-15');
  });

  it('refuses what is not a period instead of inventing a date', () => {
    expect(periodEndDate('2025-13')).toBeNull();
    expect(periodEndDate('2025-02-30')).toBeNull();
    expect(periodEndDate('soon')).toBeNull();
    expect(periodEndTime('2025-00')).toBeNaN();
  });

  it('gives a period its first or last day', () => {
    expect(periodDay('2025', 'start')).toBe(Date.UTC(2025, 0, 1) / 86_400_000);
    expect(periodDay('2025-06', 'start')).toBe(Date.UTC(2025, 5, 1) / 86_400_000);
    expect(periodEndTime('2025-06')).toBe(Date.UTC(2025, 5, 30));
  });

  it('maps a five-year plan by its number', () => {
    expect(fiveYearPlan('十四')).toEqual({ start: 2021, end: 2025 });
    expect(fiveYearPlan('十五')).toEqual({ start: 2026, end: 2030 });
    expect(fiveYearPlan('十一')).toEqual({ start: 2006, end: 2010 });
    expect(fiveYearPlan('二十')).toBeNull();
  });
});

describe('half-width conversion', () => {
  it('turns full-width digits, letters and number signs half-width, one character for one', () => {
    const wide = '５Ｇ基站达到１０．５万个，占比７０％　以上';
    const narrow = toHalfWidth(wide);
    expect(narrow).toBe('5G基站达到10.5万个，占比70% 以上');
    expect(narrow).toHaveLength(wide.length);
  });

  it('keeps Chinese punctuation, which separates clauses', () => {
    expect(toHalfWidth('一、（一）；：。')).toBe('一、（一）；：。');
  });
});

describe('unit multipliers', () => {
  it('splits the leading multiplier off a unit, longest first', () => {
    expect(splitUnitMultiplier('万亿元')).toEqual({ multiplier: 1e12, base: '元' });
    expect(splitUnitMultiplier('百亿元')).toEqual({ multiplier: 1e10, base: '元' });
    expect(splitUnitMultiplier('亿GB')).toEqual({ multiplier: 1e8, base: 'GB' });
    expect(splitUnitMultiplier('个')).toEqual({ multiplier: 1, base: '个' });
    // A bare multiplier is the unit itself (10万 people counted in 万).
    expect(splitUnitMultiplier('万')).toEqual({ multiplier: 1, base: '万' });
  });

  it('is what the English formatting reads units by', () => {
    expect(formatQuantity(1.2, '万亿元', 'en')).toBe('1.2 trillion yuan');
    expect(formatQuantity(3, '百亿元', 'en')).toBe('30 billion yuan');
  });
});
