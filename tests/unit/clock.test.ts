import { describe, expect, it } from 'vitest';
import { nextDayInChina, startOfDayInChina, todayInChina } from '../../server/lib/clock';

describe('the China Standard Time calendar', () => {
  it('starts a day at midnight in Beijing, 16:00 UTC the day before', () => {
    expect(new Date(startOfDayInChina('2026-01-01')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('turns the date at that instant and not a millisecond before', () => {
    const midnight = startOfDayInChina('2026-01-01');
    expect(todayInChina(new Date(midnight - 1))).toBe('2025-12-31');
    expect(todayInChina(new Date(midnight))).toBe('2026-01-01');
  });

  it('finds the next day across the end of a month, a leap February and a year', () => {
    expect(nextDayInChina('2024-02-28')).toBe('2024-02-29');
    expect(nextDayInChina('2024-02-29')).toBe('2024-03-01');
    expect(nextDayInChina('2025-12-31')).toBe('2026-01-01');
  });
});
