/**
 * Periods named in titles and sentences: 十四五 is 2021—2025 (the n-th five-year plan covers
 * 1951 + 5(n−1) … 1955 + 5(n−1)), (2023—2025年) is 2023..2025, 2024年 is 2024..2024.
 */

import { fiveYearPlan } from '../../shared/period';

/** The period of the five-year plan a text names by number (“十四五” → 2021..2025), or null. */
export function fiveYearPeriod(text: string): { start: number; end: number } | null {
  // “十四五”, and the formal name of the outline: 第十五个五年规划.
  const m = /(十[一二三四五六七八九])五/.exec(text) ?? /第(十[一二三四五六七八九])个五年/.exec(text);
  return m?.[1] ? fiveYearPlan(m[1]) : null;
}

/** Year range or single year of a title: (2023—2025年) → 2023..2025; “十四五” → 2021..2025. */
export function titlePeriod(title: string): { start: number; end: number } | null {
  const fiveYear = fiveYearPeriod(title);
  if (fiveYear) return fiveYear;
  const range = /(20\d{2})\s*年?\s*[-—–~至到]+\s*(20\d{2})/.exec(title);
  if (range?.[1] && range[2]) return { start: Number(range[1]), end: Number(range[2]) };
  const single = /(20\d{2})\s*年/.exec(title);
  if (single?.[1]) return { start: Number(single[1]), end: Number(single[1]) };
  return null;
}
