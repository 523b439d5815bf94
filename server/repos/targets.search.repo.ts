import { type SQL, sql } from 'drizzle-orm';
import { targets } from '../db/schema';

// Text search over targets: two FTS5 indexes kept in step by triggers (migration 0011).
//
// - `target_search` (trigram tokenizer): every term of the query has 3 or more characters. A term is a phrase
//   query, i.e. a substring of a target's metric, quote, article, document title or region names.
// - `target_search_chars` (one character per token): a term of 1 or 2 characters, which trigrams cannot find.
//   Every term of such a query is a phrase of characters there (letters and digits; the tokenizer drops
//   punctuation), so `5G` finds 5G and `算力` finds 算力 anywhere in the same five texts.
// Terms (separated by spaces) must all match. Case is folded in both.

export type SearchTable = 'target_search' | 'target_search_chars';

export interface SearchMatch {
  table: SearchTable;
  /** The FTS5 query; null when the text has nothing the index can match (only punctuation): no row matches. */
  match: string | null;
}

/** At most this many terms are used: a longer query is not more precise, only slower. */
const MAX_TERMS = 8;

const chars = (s: string) => [...s];

/** How a search text is asked of the indexes. */
export function searchMatch(q: string): SearchMatch {
  const terms = q.split(/\s+/u).filter(Boolean).slice(0, MAX_TERMS);
  if (terms.length > 0 && terms.every((t) => chars(t).length >= 3)) {
    return { table: 'target_search', match: terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ') };
  }
  const phrases = terms
    .map((t) => chars(t).filter((c) => /[\p{L}\p{N}]/u.test(c)))
    .filter((cs) => cs.length > 0)
    .map((cs) => `"${cs.join(' ')}"`);
  return { table: 'target_search_chars', match: phrases.length ? phrases.join(' ') : null };
}

/** Column weights of bm25, in the indexes' column order: metric, quote, article, title, region. */
const BM25_WEIGHTS = '10.0, 2.0, 2.0, 1.0, 3.0';

/**
 * The search as a filter. Usually `targets.id IN (…matches…)`: the matches are collected once, then the rows. When
 * the search matches much of the table (`dense`: `数` is in 99 % of the benchmark's targets), collecting 99,000 ids
 * took 60–80 ms for a page of 50; asking the index about each row in the list's order instead (EXISTS with
 * `rowid =`, ≈ 25 µs a row) finds a page of 50 within a few hundred rows (1.4 ms). For a rare term that per-row
 * check would walk the whole table, so it is used only when the count says the matches are dense.
 */
export function searchCondition(q: string, { dense = false } = {}): SQL {
  const { table, match } = searchMatch(q);
  if (match === null) return sql`0`;
  const t = sql.raw(table);
  return dense
    ? sql`EXISTS (SELECT 1 FROM ${t} WHERE ${t} MATCH ${match} AND rowid = ${targets.id})`
    : sql`${targets.id} IN (SELECT rowid FROM ${t} WHERE ${t} MATCH ${match})`;
}

/** From this many matches on, a list page checks each row against the index (see searchCondition). */
export const DENSE_MATCHES = 10_000;

/**
 * The matches with their bm25 score (lower is better), as a subquery `(rid, score)` to join targets on, for
 * ordering a list by relevance; null when nothing can match.
 */
export function rankedMatches(q: string): SQL | null {
  const { table, match } = searchMatch(q);
  if (match === null) return null;
  const t = sql.raw(table);
  return sql`(SELECT rowid AS rid, bm25(${t}, ${sql.raw(BM25_WEIGHTS)}) AS score FROM ${t} WHERE ${t} MATCH ${match})`;
}

/**
 * Above this many matches a search is not ordered by bm25: bm25 reads each match's column sizes, ≈ 7–15 µs a match
 * (14–30 ms for the 1,900 targets of the benchmark that contain 5G, 0.7 s for a term in every title). Up to
 * DENSE_MATCHES it is ordered by where the text matches instead — targets whose metric contains it first (one
 * more index lookup per row, see metricMatches) — and beyond, in the list's id order.
 */
export const MAX_RANKED_MATCHES = 500;

/** `targets.id IN (…matches in the metric…)`: the cheap relevance of a broad search. */
export function metricMatches(q: string): SQL | null {
  const { table, match } = searchMatch(q);
  if (match === null) return null;
  const t = sql.raw(table);
  return sql`${targets.id} IN (SELECT rowid FROM ${t} WHERE ${t} MATCH ${`metric : (${match})`})`;
}
