/**
 * Periods as the policies and the API write them — `YYYY`, `YYYY-MM`, `YYYY-MM-DD` — and the five-year plans
 * they are named by. Deadlines mean the end of their period: `2025` is 31 Dec 2025, `2025-06` is 30 Jun 2025.
 */

export const MS_PER_DAY = 86_400_000;

const PERIOD = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/**
 * Day number (days since 1970-01-01, UTC) of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date. A year or month
 * resolves to its first or last day as asked; anything else, or an impossible date (2025-02-30), gives null.
 */
export function periodDay(text: string, edge: 'start' | 'end'): number | null {
  const match = PERIOD.exec(text.trim());
  if (match === null) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return Date.UTC(year, edge === 'start' ? 0 : 11, edge === 'start' ? 1 : 31) / MS_PER_DAY;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (match[3] === undefined) return Date.UTC(year, month - 1, edge === 'start' ? 1 : lastDay) / MS_PER_DAY;
  const day = Number(match[3]);
  if (day < 1 || day > lastDay) return null;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The last day of a period as `YYYY-MM-DD` (`2025` → `2025-12-31`, `2024-02` → `2024-02-29`); null if not a period. */
export function periodEndDate(period: string): string | null {
  const day = periodDay(period, 'end');
  return day === null ? null : new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Milliseconds (UTC) at the start of a period's last day, for charts' time axes; NaN if not a period. */
export function periodEndTime(period: string): number {
  const day = periodDay(period, 'end');
  return day === null ? Number.NaN : day * MS_PER_DAY;
}

const PLAN_NUMBERS = ['十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九'] as const;

/**
 * The years of a five-year plan named by its number, as policies write it: `十四五` (the 14th, 2021—2025) →
 * { start: 2021, end: 2025 }. `number` is the numeral before 五 (`十四`); null for one that is not a plan.
 */
export function fiveYearPlan(number: string): { start: number; end: number } | null {
  const n = PLAN_NUMBERS.indexOf(number as (typeof PLAN_NUMBERS)[number]);
  return n < 0 ? null : { start: 2006 + 5 * n, end: 2010 + 5 * n };
}
