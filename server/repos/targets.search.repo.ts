import { and, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { targets } from '../db/schema';
import { allRegions, regionCodeRange } from '../lib/regions';

// Text search over targets: two FTS5 indexes of each target's own texts — metric, quote, article and its
// document's title — kept in step by triggers (migrations 0011, 0014), and the region names, matched in the
// regions reference data.
//
// - `target_search` (trigram tokenizer): every term of the query has 3 or more characters. A term is a phrase
//   query, i.e. a substring of one of the four texts.
// - `target_search_chars` (one character per token): a term of 1 or 2 characters, which trigrams cannot find.
//   Every term of such a query is a phrase of characters there (letters and digits; the tokenizer drops
//   punctuation), so `5G` finds 5G and `算力` finds 算力 anywhere in the same four texts.
// - Region names: a term in a region's full name (杭州市, 上海市静安区 — a district's carries its city's) finds that
//   region's targets, and a term in a province's full name the whole province's. Derived from the region code,
//   they are not indexed per target: a region correction would re-index the whole row in both indexes (80 % of
//   a bulk correction of 1,000 targets' region, before migration 0014).
// Terms (separated by spaces) must all match, each in one of the texts or the region names. Case is folded.

export type SearchTable = 'target_search' | 'target_search_chars';

export interface SearchMatch {
  table: SearchTable;
  /** The FTS5 query; null when the text has nothing the index can match (only punctuation): no row matches. */
  match: string | null;
}

/** At most this many terms are used: a longer query is not more precise, only slower. */
const MAX_TERMS = 8;

const chars = (s: string) => [...s];

/** The terms of a search text. */
export function searchTerms(q: string): string[] {
  return q.split(/\s+/u).filter(Boolean).slice(0, MAX_TERMS);
}

/** How terms are asked of the indexes, all of them (`AND`) or any (`OR`, for scoring). */
export function searchMatch(q: string | readonly string[], join: 'AND' | 'OR' = 'AND'): SearchMatch {
  const terms = typeof q === 'string' ? searchTerms(q) : q;
  const glue = join === 'AND' ? ' ' : ' OR ';
  if (terms.length > 0 && terms.every((t) => chars(t).length >= 3)) {
    return { table: 'target_search', match: terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(glue) };
  }
  const phrases = terms
    .map((t) => chars(t).filter((c) => /[\p{L}\p{N}]/u.test(c)))
    .filter((cs) => cs.length > 0)
    .map((cs) => `"${cs.join(' ')}"`);
  return { table: 'target_search_chars', match: phrases.length ? phrases.join(glue) : null };
}

/** Column weights of bm25, in the indexes' column order: metric, quote, article, title. */
const BM25_WEIGHTS = '10.0, 2.0, 2.0, 1.0';

/**
 * The region codes a term finds: the regions whose full name contains it, a province with every code below it.
 * Null when no region name contains the term (the usual case, and then the term is asked of the texts alone).
 */
export function regionsMatching(term: string): { codes: string[]; ranges: { from: string; to: string }[] } | null {
  const t = term.toLowerCase();
  const codes: string[] = [];
  const ranges: { from: string; to: string }[] = [];
  for (const r of allRegions()) {
    if (!r.fullName.toLowerCase().includes(t)) continue;
    if (r.level === 'province') ranges.push(regionCodeRange(r.code));
    else codes.push(r.code);
  }
  return codes.length || ranges.length ? { codes, ranges } : null;
}

/** The FTS5 table and query of these terms, all of them to match; null when nothing can match. */
function textMatch(terms: readonly string[]): { table: SQL; match: string } | null {
  const { table, match } = searchMatch(terms);
  return match === null ? null : { table: sql.raw(table), match };
}

/** The ids of targets in these regions, one index range per branch (a province's range, or the listed codes). */
function regionIds({ codes, ranges }: NonNullable<ReturnType<typeof regionsMatching>>): SQL[] {
  const branches = ranges.map((r) => sql`SELECT id FROM targets WHERE region_code BETWEEN ${r.from} AND ${r.to}`);
  if (codes.length) {
    branches.push(
      sql`SELECT id FROM targets WHERE region_code IN (SELECT value FROM json_each(${JSON.stringify(codes)}))`,
    );
  }
  return branches;
}

/**
 * Rows matching one group of terms: all of `terms` in the texts, or (when given) the term's regions. Sparse: the
 * ids collected once, from the index and the region index, so the planner drives from them. Dense: checked per
 * row (see searchCondition).
 */
function matching(terms: readonly string[], regions: ReturnType<typeof regionsMatching>, dense: boolean): SQL {
  const text = textMatch(terms);
  if (dense) {
    const inText = text
      ? sql`EXISTS (SELECT 1 FROM ${text.table} WHERE ${text.table} MATCH ${text.match} AND rowid = ${targets.id})`
      : sql`0`;
    if (!regions) return inText;
    const ranges = regions.ranges.map((r) => sql`${targets.regionCode} BETWEEN ${r.from} AND ${r.to}`);
    const codes = regions.codes.length
      ? [sql`${targets.regionCode} IN (SELECT value FROM json_each(${JSON.stringify(regions.codes)}))`]
      : [];
    return sql`(${sql.join([inText, ...ranges, ...codes], sql` OR `)})`;
  }
  const branches = text ? [sql`SELECT rowid FROM ${text.table} WHERE ${text.table} MATCH ${text.match}`] : [];
  if (regions) branches.push(...regionIds(regions));
  return branches.length ? sql`${targets.id} IN (${sql.join(branches, sql` UNION ALL `)})` : sql`0`;
}

/**
 * The search as a filter. Usually `targets.id IN (…matches…)`: the matches are collected once, then the rows. When
 * the search matches much of the table (`dense`: `数` is in 99 % of the benchmark's targets), collecting 99,000 ids
 * took 60–80 ms for a page of 50; asking the index about each row in the list's order instead (EXISTS with
 * `rowid =`, ≈ 25 µs a row) finds a page of 50 within a few hundred rows (1.4 ms). For a rare term that per-row
 * check would walk the whole table, so it is used only when the count says the matches are dense. A term that is
 * also in region names matches either way, on its own; the other terms are asked of the index together.
 */
export function searchCondition(q: string, { dense = false } = {}): SQL {
  const terms = searchTerms(q);
  const regional = terms.map((t) => [t, regionsMatching(t)] as const).filter(([, r]) => r !== null);
  const textual = terms.filter((t) => !regional.some(([r]) => r === t));
  const parts: SQL[] = [];
  if (textual.length || !regional.length) parts.push(matching(textual, null, dense));
  for (const [t, regions] of regional) parts.push(matching([t], regions, dense));
  return and(...parts) ?? sql`0`;
}

/** From this many matches on, a list page checks each row against the index (see searchCondition). */
export const DENSE_MATCHES = 10_000;

/**
 * The matches with their bm25 score (lower is better), as a subquery `(rid, score)` to join targets on, for
 * ordering a list by relevance; null when nothing can match. When a term is also a region name, targets may match
 * it by region alone: the texts are then scored for any of the terms, and a target found by region names alone
 * has no score.
 */
export function rankedMatches(q: string): SQL | null {
  const terms = searchTerms(q);
  const { table, match } = searchMatch(terms, terms.some((t) => regionsMatching(t)) ? 'OR' : 'AND');
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

/**
 * Fills both search indexes from the targets table in one statement each, as migration 0014 does for existing
 * targets — for loading many rows at once with the insert trigger set aside (the benchmark's synthetic database):
 * row by row through the trigger, the index's incremental merges made 100,000 inserts take 20 minutes.
 */
export function rebuildSearchIndexes(db: Db): void {
  db.$client.exec(`
    DELETE FROM target_search;
    DELETE FROM target_search_chars;
    INSERT INTO target_search (rowid, metric, quote, article, title)
      SELECT t.id, t.metric, t.quote, t.article, coalesce((SELECT title FROM documents WHERE id = t.document_id), '')
      FROM targets t;
    INSERT INTO target_search_chars (rowid, metric, quote, article, title)
      SELECT t.id, search_chars(t.metric), search_chars(t.quote), search_chars(t.article),
        search_chars(coalesce((SELECT title FROM documents WHERE id = t.document_id), ''))
      FROM targets t;
  `);
}
