/** Today's date (YYYY-MM-DD) in China Standard Time, the calendar the policy deadlines are written in. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
