import { chinaDate, chinaDayStart } from '../../shared/chinaTime';

/** Today's date (YYYY-MM-DD) in China Standard Time, the calendar the policy deadlines are written in. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDate(now);
}

/** The instant (ms since the epoch) a China Standard Time day (YYYY-MM-DD) begins: its midnight in Beijing. */
export function startOfDayInChina(date: string): number {
  return chinaDayStart(date);
}

/** The China Standard Time day after `date`: the day of the instant a day and a half after its start. */
export function nextDayInChina(date: string): string {
  return chinaDate(chinaDayStart(date) + 36 * 3600_000);
}
