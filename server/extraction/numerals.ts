/**
 * Numeral parsing for policy texts: Arabic (already half-width after cleaning) and Chinese numerals.
 * Values are kept "as written": the 万/亿 multipliers that follow a number belong to its unit
 * (`1万亿元` → 1 with unit `万亿元`), so they are split off before a Chinese numeral is evaluated.
 */
import { UNIT_MULTIPLIERS } from '../../shared/units';

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/**
 * Value of a Chinese numeral such as 三十, 一百二十, 两千, 十五, 三万五千.
 * Returns null when the string holds anything else or is a bare multiplier.
 */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  let sawNumeral = false;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // Two digits in a row (二〇二五) is a year written digit by digit, not a quantity.
      if (digit >= 0) return null;
      digit = d;
      sawNumeral = true;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit < 0 ? 1 : digit) * small;
      digit = -1;
      sawNumeral = true;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big !== undefined) {
      const part = section + Math.max(digit, 0);
      total = (total + (part === 0 ? 1 : part)) * big;
      section = 0;
      digit = -1;
      continue;
    }
    return null;
  }
  if (!sawNumeral) return null;
  return total + section + Math.max(digit, 0);
}

/** Multipliers written between a number and its unit, longest first: the shared list the dashboard formats with. */
export const MULTIPLIERS = UNIT_MULTIPLIERS;

/** The leading multiplier of a unit as written (`万亿元` → 1e12, `亿GB` → 1e8, `个` → 1). */
export function unitMultiplier(unit: string): number {
  for (const [prefix, factor] of MULTIPLIERS) {
    if (unit.startsWith(prefix)) return factor;
  }
  return 1;
}

/** A number token as written: Arabic with optional decimals and thousands separators, or Chinese. */
export function parseNumberToken(token: string): number | null {
  const arabic = token.replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(arabic)) return Number(arabic);
  return parseChineseNumeral(token);
}

/**
 * Splits a Chinese numeral from a trailing multiplier: 百亿 → 100 and 亿, 一千二百万 → 1200 and 万.
 * A numeral made only of a multiplier (万) means one of it.
 */
export function splitChineseMultiplier(text: string): { value: number; multiplier: string } | null {
  let end = text.length;
  let multiplier = '';
  if (text.endsWith('万亿')) {
    multiplier = '万亿';
    end -= 2;
  } else if (text.endsWith('亿') || text.endsWith('万')) {
    multiplier = text.slice(-1);
    end -= 1;
  }
  const head = text.slice(0, end);
  if (head.length === 0) return multiplier ? { value: 1, multiplier } : null;
  const value = parseChineseNumeral(head);
  return value === null ? null : { value, multiplier };
}
