/**
 * Periods named in titles and sentences: 十四五 is 2021—2025 (the n-th five-year plan covers
 * 1951 + 5(n−1) … 1955 + 5(n−1)), (2023—2025年) is 2023..2025, 2024年 is 2024..2024.
 */

const FIVE_YEAR_NUMBERS = ['十一', '十二', '十三', '十四', '十五', '十六'] as const;

/** The period of the five-year plan a text names by number (“十四五” → 2021..2025), or null. */
export function fiveYearPeriod(text: string): { start: number; end: number } | null {
  const m = /(十[一二三四五六])五/.exec(text);
  const n = m?.[1] ? FIVE_YEAR_NUMBERS.indexOf(m[1] as (typeof FIVE_YEAR_NUMBERS)[number]) : -1;
  return n >= 0 ? { start: 2006 + 5 * n, end: 2010 + 5 * n } : null;
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
