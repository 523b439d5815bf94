import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  chinaDate,
  chinaDayBounds,
  chinaDayStart,
  chinaMonth,
  chinaYear,
  formatChinaTime,
} from '../../shared/chinaTime';

// 17:00 UTC on 30 November is 01:00 on 1 December in Beijing: the moment a UTC date is a day behind.
const LATE_EVENING_UTC = '2026-11-30T17:00:00Z';

describe.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])('China time, on a machine set to %s', (zone) => {
  const saved = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = zone;
    vi.useFakeTimers();
    vi.setSystemTime(new Date(LATE_EVENING_UTC));
  });
  afterEach(() => {
    vi.useRealTimers();
    process.env.TZ = saved;
  });

  it('says today is 1 December when the clock reads 30 November 17:00 UTC', () => {
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(chinaDate()).toBe('2026-12-01');
    expect(chinaMonth()).toBe('2026-12');
    expect(chinaYear()).toBe(2026);
  });

  it('counts months ahead across the year end', () => {
    expect(chinaMonth(new Date(), 1)).toBe('2027-01');
    expect(chinaMonth(new Date(), 11)).toBe('2027-11');
    expect(chinaMonth('2026-12-31T16:00:00Z')).toBe('2027-01');
  });

  it('shows an instant as the time on a Beijing clock', () => {
    expect(formatChinaTime(LATE_EVENING_UTC)).toBe('2026-12-01 01:00:00');
    expect(formatChinaTime('2026-03-14T16:30:05.123Z', { seconds: false })).toBe('2026-03-15 00:30');
    expect(formatChinaTime('2026-01-01T00:00:00Z')).toBe('2026-01-01 08:00:00');
    expect(formatChinaTime('not a time')).toBe('not a time');
  });

  it('starts a China day at its midnight in Beijing and ends it a millisecond before the next', () => {
    expect(new Date(chinaDayStart('2026-12-01')).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(chinaDayBounds('2026-12-01')).toEqual({
      start: '2026-11-30T16:00:00.000Z',
      end: '2026-12-01T15:59:59.999Z',
    });
    expect(chinaDate(chinaDayStart('2026-12-01') - 1)).toBe('2026-11-30');
    expect(chinaDate(chinaDayStart('2026-12-01'))).toBe('2026-12-01');
  });

  it('turns the day over at Beijing midnight however the instants are asked in turn', () => {
    // chinaDate keeps the last day it worked out with the instants it spans: each answer must still be its own.
    const midnight = chinaDayStart('2027-01-01');
    const asked = [midnight - 1, midnight, midnight + 86_400_000 - 1, midnight - 1, midnight + 86_400_000, midnight];
    expect(asked.map((t) => chinaDate(t))).toEqual([
      '2026-12-31',
      '2027-01-01',
      '2027-01-01',
      '2026-12-31',
      '2027-01-02',
      '2027-01-01',
    ]);
    vi.setSystemTime(midnight - 1);
    expect(chinaDate()).toBe('2026-12-31');
    vi.setSystemTime(midnight);
    expect(chinaDate()).toBe('2027-01-01');
    expect(() => chinaDate('not a time')).toThrow(RangeError);
  });
});
