/**
 * China time (Asia/Shanghai) for every date the product shows or defaults to. Policy deadlines, actuals and
 * the people who read them live on Beijing's calendar, whatever zone the browser or the server runs in, so an
 * instant is turned into a day or a clock time here, through Intl's time-zone data (no offset written by hand).
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: CHINA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: CHINA_TIME_ZONE, timeZoneName: 'longOffset' });

interface ChinaParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function chinaParts(at: Date): ChinaParts {
  const p: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(at)) p[type] = value;
  return {
    year: p.year ?? '',
    month: p.month ?? '',
    day: p.day ?? '',
    hour: p.hour ?? '',
    minute: p.minute ?? '',
    second: p.second ?? '',
  };
}

const toDate = (at: Date | string | number) => (at instanceof Date ? at : new Date(at));

/** The last day asked for, with the instants it spans: nearly every call asks for today. */
let lastDay = { day: '', from: 0, to: 0 };

/** The China calendar day (YYYY-MM-DD) of an instant; now by default. */
export function chinaDate(at: Date | string | number = new Date()): string {
  const d = toDate(at);
  const t = d.getTime();
  if (t >= lastDay.from && t < lastDay.to) return lastDay.day;
  const p = chinaParts(d);
  const day = `${p.year}-${p.month}-${p.day}`;
  // Intl's zone data, once per day asked for, rather than formatting the instant on every request.
  const from = chinaDayStart(day);
  const q = chinaParts(new Date(from + 36 * 3600_000));
  lastDay = { day, from, to: chinaDayStart(`${q.year}-${q.month}-${q.day}`) };
  return day;
}

/** The China calendar year of an instant; now by default. */
export function chinaYear(at: Date | string | number = new Date()): number {
  return Number(chinaParts(toDate(at)).year);
}

/** The China calendar month (YYYY-MM) `months` after the one an instant falls in. */
export function chinaMonth(at: Date | string | number = new Date(), months = 0): string {
  const p = chinaParts(toDate(at));
  const index = Number(p.year) * 12 + Number(p.month) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * An instant as China time, `YYYY-MM-DD HH:mm:ss` (or without the seconds): one sortable form in both
 * languages. Text that is not a time is returned as it is.
 */
export function formatChinaTime(at: Date | string | number, opts: { seconds?: boolean } = {}): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const p = chinaParts(d);
  const time = `${p.hour}:${p.minute}${opts.seconds === false ? '' : `:${p.second}`}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** China's offset from UTC at an instant, as ISO 8601 writes it (`+08:00`), read from Intl's zone data. */
function chinaOffset(at: Date): string {
  const name = offsetFormat.formatToParts(at).find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}:\d{2})?/.exec(name);
  return m?.[1] ?? 'Z';
}

/** The instant (ms since the epoch) a China calendar day (YYYY-MM-DD) begins: its midnight in Beijing. */
export function chinaDayStart(day: string): number {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  return Date.parse(`${day}T00:00:00${chinaOffset(noonUtc)}`);
}

/** The first and last instants (ISO, UTC) of a China calendar day, for APIs that filter by instant. */
export function chinaDayBounds(day: string): { start: string; end: string } {
  const start = chinaDayStart(day);
  const next = chinaDayStart(chinaDate(start + 36 * 3600_000));
  return { start: new Date(start).toISOString(), end: new Date(next - 1).toISOString() };
}
