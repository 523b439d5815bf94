/**
 * Number and date formatting shared by the dashboard and exports. Chinese readers count in 万 (1e4)
 * and 亿 (1e8), English readers in thousands, millions, billions and trillions, so a large figure is
 * re-expressed in the reader's own steps rather than translated digit by digit.
 */

import { splitUnitMultiplier } from './units';

export type Locale = 'zh' | 'en';

const ZH_STEPS: [number, string][] = [
  [1e12, '万亿'],
  [1e8, '亿'],
  [1e4, '万'],
];
const EN_STEPS: [number, string][] = [
  [1e12, ' trillion'],
  [1e9, ' billion'],
  [1e6, ' million'],
];

/** Units whose base has an English name; the rest are shown as written. */
const EN_UNITS: Record<string, string> = {
  元: 'yuan',
  美元: 'US dollars',
  个: '',
  家: 'firms',
  座: 'sites',
  项: 'items',
  条: 'lines',
  户: 'households',
  人次: 'person-visits',
  人: 'people',
  名: 'people',
  所: 'institutions',
  件: 'items',
  套: 'sets',
  分钟: 'minutes',
  个百分点: 'percentage points',
  倍: '×',
  年: 'years',
  个月: 'months',
  千瓦: 'kW',
  平方米: 'm²',
  张: 'cards',
  次: 'times',
  场: 'events',
  栋: 'buildings',
  类: 'categories',
  成: '× 10%',
};

function trim(n: number, digits = 2): string {
  return Number(n.toFixed(digits)).toString();
}

/** A plain number in the reader's steps: 120000000000 → `1200亿` / `120 billion`. */
export function formatNumber(n: number, locale: Locale): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  for (const [step, word] of locale === 'zh' ? ZH_STEPS : EN_STEPS) {
    if (abs >= step) return `${trim(n / step)}${word}`;
  }
  return locale === 'zh' ? trim(n) : Number(trim(n)).toLocaleString('en-US');
}

/**
 * A value with its unit as the policy wrote it, for reading: `1.2` `万亿元` → `1.2万亿元` in Chinese
 * and `1.2 trillion yuan` in English; `70` `%` → `70%` in both.
 */
export function formatQuantity(value: number, unit: string, locale: Locale): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === '%' || unit === '％') return `${trim(value)}%`;
  if (locale === 'zh') return `${trim(value, 4)}${unit}`;
  const { multiplier, base } = splitUnitMultiplier(unit);
  const en = EN_UNITS[base];
  const number = formatNumber(value * multiplier, 'en');
  if (en === undefined) return `${number} ${unit}`;
  return en ? `${number} ${en}` : number;
}

/** `YYYY` → `2025年` / `2025`; `YYYY-MM` → `2025年6月` / `Jun 2025`; `YYYY-MM-DD` likewise with the day. */
export function formatPeriod(period: string | null, locale: Locale): string {
  if (!period) return '—';
  const [y, m, d] = period.split('-');
  if (locale === 'zh') return `${y}年${m ? `${Number(m)}月` : ''}${d ? `${Number(d)}日` : ''}`;
  if (!m) return y ?? period;
  const month = new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-US', {
    month: 'short',
    timeZone: 'UTC',
  });
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

export function formatPercent(p: number | null): string {
  return p === null || !Number.isFinite(p) ? '—' : `${trim(p, 1)}%`;
}
