/**
 * Multipliers a figure's unit may start with, longest first (亿元 = 1e8 元, 万亿元 = 1e12 元): the one list the
 * dashboard's formatting, the server and the extraction engine read units by.
 */
export const UNIT_MULTIPLIERS: ReadonlyArray<readonly [prefix: string, factor: number]> = [
  ['万亿', 1e12],
  ['千亿', 1e11],
  ['百亿', 1e10],
  ['亿', 1e8],
  ['千万', 1e7],
  ['百万', 1e6],
  ['万', 1e4],
];

/** A unit as its leading multiplier and the rest: `亿元` → 1e8 and `元`; `个` → 1 and `个`; `万` alone stays `万`. */
export function splitUnitMultiplier(unit: string): { multiplier: number; base: string } {
  for (const [prefix, factor] of UNIT_MULTIPLIERS) {
    if (unit.startsWith(prefix) && unit.length > prefix.length)
      return { multiplier: factor, base: unit.slice(prefix.length) };
  }
  return { multiplier: 1, base: unit };
}

/**
 * A value in a unit as the base unit the lists compare and sort by: `3 亿元` → 3e8 `元`, `7 成` → 70 `%`,
 * `5 ‰` → 0.5 `%`. What an analyst's corrected unit normalises to, so normalizedValue follows value and unit.
 */
export function normalizeInUnit(value: number, unit: string): { value: number; unit: string } {
  if (unit === '成') return { value: value * 10, unit: '%' };
  if (unit === '‰') return { value: value / 10, unit: '%' };
  const { multiplier, base } = splitUnitMultiplier(unit);
  return { value: value * multiplier, unit: base };
}
