/**
 * Clause and sentence spans around a position. Scans stop after a bounded number of characters
 * either way: a text without punctuation (a table dump, a run of digits) must not make each figure
 * scan the whole paragraph, which would make extraction quadratic.
 */

export const MAX_SPAN = 150;
/** Sentences run longer than clauses; 每年 at the head of a long list still governs its items. */
export const MAX_SENTENCE = 250;

/** A set of break characters as a lookup table: a table read beats a regex test per character. */
export type Breaks = Uint8Array;

export function breaksOf(chars: string): Breaks {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

export const CLAUSE_BREAKS = breaksOf('，,；;。：:！？!?\n');
export const LIST_BREAKS = breaksOf('，,；;。：:！？!?\n、');
export const SENTENCE_BREAKS = breaksOf('。；;！？!?\n');

export function spanAround(text: string, at: number, breaks: Breaks, max = MAX_SPAN): { start: number; end: number } {
  const floor = Math.max(0, at - max);
  let start = at;
  while (start > floor && breaks[text.charCodeAt(start - 1)] !== 1) start--;
  const ceiling = Math.min(text.length, at + max);
  let end = at;
  while (end < ceiling && breaks[text.charCodeAt(end)] !== 1) end++;
  return { start, end };
}

export function sentenceSpan(text: string, at: number): { start: number; end: number } {
  return spanAround(text, at, SENTENCE_BREAKS, MAX_SENTENCE);
}
