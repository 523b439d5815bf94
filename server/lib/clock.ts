/** Today's date (YYYY-MM-DD) in China Standard Time, the calendar the policy deadlines are written in. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The instant (ms since the epoch) a China Standard Time day (YYYY-MM-DD) begins: its midnight at UTC+8. */
export function startOfDayInChina(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** The China Standard Time day after `date`; China keeps no daylight saving time, so every day has 24 hours. */
export function nextDayInChina(date: string): string {
  return todayInChina(new Date(startOfDayInChina(date) + 24 * 3600_000));
}
