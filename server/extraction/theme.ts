/**
 * Theme: which of the product's themes a figure belongs to, from the lexicon's keywords (lexicon.ts THEME_KEYWORDS):
 * the article title's head noun sets a themed plan's theme; the figure's own words win when they name another.
 */
import type { ThemeKey } from '../../shared/taxonomy';
import { isComputeUnit, THEME_KEYWORDS, WEAK_THEMES } from './lexicon';

const GLOBAL_THEMES = THEME_KEYWORDS.map(([key, re]) => [key, new RegExp(re.source, 'g')] as const);

/** The theme whose keyword ends last in `text` (a title's head noun is at its end), or null. */
export function lastTheme(text: string): ThemeKey | null {
  let best: ThemeKey | null = null;
  let bestEnd = -1;
  for (const [key, global] of GLOBAL_THEMES) {
    for (const m of text.matchAll(global)) {
      const end = m.index + m[0].length;
      if (end > bestEnd) {
        bestEnd = end;
        best = key;
      }
    }
  }
  return best;
}

/** The theme with the longest keyword in `text` (全连接工厂 beats 5G), or null. */
function longestTheme(text: string): ThemeKey | null {
  let best: ThemeKey | null = null;
  let bestLen = 0;
  for (const [key, global] of GLOBAL_THEMES) {
    for (const m of text.matchAll(global)) {
      if (m[0].length > bestLen) {
        bestLen = m[0].length;
        best = key;
      }
    }
  }
  return best;
}

/** The theme of a figure; `articleTheme` is its article title's (lastTheme), decided once per article. */
export function themeOf(
  local: string,
  wider: string,
  articleTheme: ThemeKey | null,
  sentence = '',
  unit = '',
): ThemeKey {
  // A figure in PFLOPS or EFLOPS is computing power, whatever else its words say (人工智能算力规模).
  if (unit && isComputeUnit(unit) && /FLOP|Flop/.test(unit)) return 'compute';
  // A figure in a themed plan keeps the plan's theme when its own words touch that theme too.
  if (articleTheme) {
    const re = THEME_KEYWORDS.find(([k]) => k === articleTheme)?.[1];
    if (re?.test(local)) return articleTheme;
  }
  // Without a themed plan around it, any word of the sentence is better than 'other'.
  // The metric's own words first (local starts with it), then the rest of its clause.
  const metricWords = local.slice(0, Math.max(0, local.indexOf(' ')));
  const own =
    longestTheme(metricWords) ??
    longestTheme(local) ??
    (wider ? longestTheme(wider) : null) ??
    (articleTheme ? null : longestTheme(sentence));
  if (own && !(articleTheme && WEAK_THEMES.has(own))) return own;
  return articleTheme ?? own ?? 'other';
}
