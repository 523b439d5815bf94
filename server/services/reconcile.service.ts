/**
 * Reconciling a document's stored figures with a new reading of it — a re-upload of a changed text or a
 * re-extraction of the stored text by a newer engine. One rule for both (TARGETS-SPEC.md: analysts' work is
 * never lost): a new figure that matches a stored one takes over the stored row, so the row keeps its id, its
 * actuals and, when an analyst reviewed it, every field the analyst decided; new figures are added; stored
 * figures that nothing matched are marked gone — or, when an analyst's work hangs on them, kept live and
 * flagged (`unmatchedAt`) for an analyst to check.
 *
 * Planning is pure (what would change, for `npm run reextract -- --dry-run`); applying writes the plan inside
 * the caller's transaction.
 */
import { createHash } from 'node:crypto';
import type { ExtractedRecord } from '../../shared/schemas/record';
import { storedBinding } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { unitMultiplier } from '../extraction/numerals';
import type { ArticleRow } from '../repos/documents.repo';
import { insertTargets, markGone, type NewTargetRow, type TargetRow, updateTarget } from '../repos/targets.repo';
import { assignFigures } from './indicators.service';
import { refreshStatuses, statusOf } from './status.service';

/**
 * A figure's identity across versions of its document: what it is and the words it stands in,
 * not where (line numbers shift when a paragraph is added above) nor which article the splitter
 * put it in (a new heading can move article borders). A sentence stated twice gets two
 * fingerprints through its occurrence number.
 */
export function fingerprintsOf(records: readonly ExtractedRecord[]): string[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    const key = [r.kind, r.quote.replace(/\s+/g, ''), r.value, r.unit].join('\u241f');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(`${key}\u241f${n}`).digest('hex').slice(0, 32);
  });
}

/** Which rule matched a new figure to a stored one, strongest first. */
export type MatchRule = 'fingerprint' | 'line' | 'nearby' | 'corrected';

/** Where a figure stands in its document: refreshed on every matched row, reviewed or not. */
export interface FigureProvenance {
  sourceFile: string;
  line: number;
  quote: string;
  articleId: number | null;
}

/** The fields an analyst may have corrected as the engine gives them: refreshed only on unreviewed rows. */
export function extractedFields(r: ExtractedRecord) {
  return {
    kind: r.kind,
    article: r.article,
    // The table has no null region: '' is "undecided", shown for review, never counted as 全国.
    region: r.region ?? '',
    regionCode: r.regionCode ?? '',
    theme: r.theme,
    metric: r.metric,
    comparator: r.comparator,
    value: r.value,
    valueMax: r.valueMax,
    unit: r.unit,
    normalizedValue: r.normalizedValue,
    normalizedUnit: r.normalizedUnit,
    deadline: r.deadline,
    perYear: r.perYear,
    binding: storedBinding(r.binding),
    confidence: r.confidence,
  };
}

/** How far apart (in lines) a figure and a stored one with the same value and metric may be and still match. */
export const NEARBY_LINES = 3;

const near = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * The same quantity, whatever multiplier it was written with: 10 万个 and 100000 个 (a newer engine may scale a
 * number the older one kept in 万), or equal normalised values.
 */
function sameValue(t: TargetRow, r: ExtractedRecord): boolean {
  return (
    near(t.value * unitMultiplier(t.unit), r.value * unitMultiplier(r.unit)) ||
    near(t.normalizedValue, r.normalizedValue)
  );
}

const compact = (s: string) => s.replace(/\s+/g, '');

function longestCommonSubstring(a: string, b: string): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        const n = (prev[j - 1] ?? 0) + 1;
        cur[j] = n;
        if (n > best) best = n;
      }
    }
    prev = cur;
  }
  return best;
}

/**
 * Whether two metric names name the same thing as an engine's two readings of one sentence would: equal, one
 * inside the other (跨行业平台数量 read once as 平台数量), or sharing a run of at least half the shorter name
 * (跨行业数量 and 跨行业平台数量 share 跨行业).
 */
export function metricsOverlap(a: string, b: string): boolean {
  const x = compact(a);
  const y = compact(b);
  if (x === y) return true;
  if (!x || !y) return false;
  if (x.includes(y) || y.includes(x)) return true;
  return longestCommonSubstring(x, y) >= Math.max(2, Math.ceil(Math.min(x.length, y.length) / 2));
}

const hasAnalystWork = (t: TargetRow) => t.review !== 'extracted' || t.latestActualId !== null;

export interface FigureMatch {
  target: TargetRow;
  /** Index of the new figure in the extraction's records. */
  index: number;
  by: MatchRule;
}

/**
 * Matches a document's new figures to its stored targets (live or gone), each at most once, by in order:
 * 1. fingerprint (what the figure is and the words it stands in: `fingerprintsOf`);
 * 2. the same line, the same value (after 万/亿 scaling) and the same or an overlapping metric;
 * 3. the same value and the same metric within ±NEARBY_LINES lines, nearest first;
 * 4. a target whose value an analyst corrected (so the value cannot match) on the same line with an
 *    overlapping metric, when it is the only such target there and the figure the only such figure.
 * Within a rule, a live target beats a gone one and an exact metric an overlapping one.
 */
export function matchFigures(
  stored: readonly TargetRow[],
  records: readonly ExtractedRecord[],
  fingerprints: readonly string[],
): { matches: FigureMatch[]; unmatched: TargetRow[]; added: number[] } {
  const free = new Set(stored);
  const matched = new Map<number, FigureMatch>();
  const take = (target: TargetRow, index: number, by: MatchRule) => {
    free.delete(target);
    matched.set(index, { target, index, by });
  };
  const byLine = new Map<number, TargetRow[]>();
  for (const t of stored) byLine.set(t.line, [...(byLine.get(t.line) ?? []), t]);
  const rank = (r: ExtractedRecord, line: number) => (t: TargetRow) =>
    (t.goneAt === null ? 0 : 4) + (compact(t.metric) === compact(r.metric) ? 0 : 2) + Math.abs(t.line - line) / 100;
  const best = (candidates: TargetRow[], r: ExtractedRecord) => {
    const score = rank(r, r.line);
    return candidates.sort((a, b) => score(a) - score(b) || a.id - b.id)[0];
  };
  const pending = () => records.map((_, i) => i).filter((i) => !matched.has(i));

  const byFingerprint = new Map(stored.map((t) => [t.fingerprint, t]));
  records.forEach((_, i) => {
    const t = byFingerprint.get(fingerprints[i] as string);
    if (t && free.has(t)) take(t, i, 'fingerprint');
  });
  for (const i of pending()) {
    const r = records[i] as ExtractedRecord;
    const hit = best(
      (byLine.get(r.line) ?? []).filter((t) => free.has(t) && sameValue(t, r) && metricsOverlap(t.metric, r.metric)),
      r,
    );
    if (hit) take(hit, i, 'line');
  }
  for (const i of pending()) {
    const r = records[i] as ExtractedRecord;
    const candidates: TargetRow[] = [];
    for (let line = r.line - NEARBY_LINES; line <= r.line + NEARBY_LINES; line++) {
      for (const t of byLine.get(line) ?? []) {
        if (free.has(t) && sameValue(t, r) && compact(t.metric) === compact(r.metric)) candidates.push(t);
      }
    }
    const hit = best(candidates, r);
    if (hit) take(hit, i, 'nearby');
  }
  const left = pending();
  for (const i of left) {
    const r = records[i] as ExtractedRecord;
    const corrected = (byLine.get(r.line) ?? []).filter(
      (t) => free.has(t) && t.review === 'corrected' && metricsOverlap(t.metric, r.metric),
    );
    const [only] = corrected;
    if (corrected.length !== 1 || !only) continue;
    const rivals = left.filter((j) => {
      const o = records[j] as ExtractedRecord;
      return !matched.has(j) && o.line === r.line && metricsOverlap(only.metric, o.metric);
    });
    if (rivals.length === 1) take(only, i, 'corrected');
  }
  return {
    matches: [...matched.values()].sort((a, b) => a.index - b.index),
    unmatched: stored.filter((t) => free.has(t)),
    added: pending(),
  };
}

/** One stored target a reconciliation changes, with the fields that change (before → after). */
export interface TargetChange {
  target: TargetRow;
  what: 'kept' | 'gone' | 'flagged';
  by?: MatchRule;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Written to the row (the changes plus what is not shown: the new article id, fingerprint, version). */
  set: Partial<NewTargetRow>;
}

export interface FigurePlan {
  /** Matched targets: those with no change to show still get their new article id and fingerprint. */
  kept: TargetChange[];
  added: NewTargetRow[];
  gone: TargetChange[];
  flagged: TargetChange[];
}

/**
 * What reconciling a document's stored targets with a new extraction would do, written nowhere.
 * `provenance` places each new figure (its article id is null when planning without writing).
 */
export function planFigures(
  stored: readonly TargetRow[],
  records: readonly ExtractedRecord[],
  fingerprints: readonly string[],
  opts: {
    documentId: number;
    now: string;
    provenance: (r: ExtractedRecord) => FigureProvenance;
    /**
     * For a reviewed figure, the fields an analyst set (kept as they are) when its other extracted fields are to
     * follow the new reading — a corrected document context; null (or no function) keeps every field of a
     * reviewed figure, as a re-extraction does. The review decision is kept either way.
     */
    analystFields?: (t: TargetRow) => ReadonlySet<string> | null;
  },
): FigurePlan {
  const { matches, unmatched, added } = matchFigures(stored, records, fingerprints);
  const kept = matches.map(({ target: t, index, by }): TargetChange => {
    const r = records[index] as ExtractedRecord;
    const provenance = opts.provenance(r);
    // Analysts' decisions win: a reviewed figure only has its provenance refreshed, or when told, the fields no
    // analyst set.
    const analystSet = t.review === 'extracted' ? null : (opts.analystFields?.(t) ?? null);
    const fields =
      t.review === 'extracted'
        ? extractedFields(r)
        : analystSet
          ? Object.fromEntries(Object.entries(extractedFields(r)).filter(([k]) => !analystSet.has(k)))
          : {};
    const next: Record<string, unknown> = {
      sourceFile: provenance.sourceFile,
      line: provenance.line,
      quote: provenance.quote,
      ...fields,
      goneAt: null,
      unmatchedAt: null,
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const current = t as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(next)) {
      if (current[k] !== v) {
        before[k] = current[k];
        after[k] = v;
      }
    }
    const changed = Object.keys(after).length > 0;
    const set: Partial<NewTargetRow> = {
      ...(after as Partial<NewTargetRow>),
      articleId: provenance.articleId,
      fingerprint: fingerprints[index] as string,
      // The engine's reasons explain its reading, not an analyst's: refreshed on every row, never a change to show.
      reasons: r.reasons,
      // A refreshed figure is a change an analyst editing it must not silently overwrite: its version moves
      // on, so their stale PATCH gets a 409.
      ...(changed && { version: t.version + 1, updatedAt: opts.now }),
    };
    return { target: t, what: 'kept', by, before, after, set };
  });
  const gone: TargetChange[] = [];
  const flagged: TargetChange[] = [];
  for (const t of unmatched) {
    if (t.goneAt !== null) continue;
    if (!hasAnalystWork(t)) {
      gone.push({ target: t, what: 'gone', before: { goneAt: null }, after: { goneAt: opts.now }, set: {} });
    } else if (t.unmatchedAt === null) {
      const set = { unmatchedAt: opts.now };
      flagged.push({ target: t, what: 'flagged', before: { unmatchedAt: null }, after: set, set });
    }
  }
  return {
    kept,
    added: added.map((i) => {
      const r = records[i] as ExtractedRecord;
      return {
        ...opts.provenance(r),
        ...extractedFields(r),
        reasons: r.reasons,
        documentId: opts.documentId,
        fingerprint: fingerprints[i] as string,
      };
    }),
    gone,
    flagged,
  };
}

/** The counts of a plan: `kept` are matched targets with nothing to show changed, `changed` the others. */
export function planCounts(plan: FigurePlan) {
  const changed = plan.kept.filter((k) => Object.keys(k.after).length > 0).length;
  return {
    added: plan.added.length,
    kept: plan.kept.length - changed,
    changed,
    gone: plan.gone.length,
    flagged: plan.flagged.length,
  };
}

/** The stored article a figure on `line` under the article titled `title` belongs to. */
export function articleLocator(rows: readonly ArticleRow[]) {
  return (line: number, title: string): number | null =>
    rows.find((a) => a.title === title && line >= a.firstLine && line <= a.lastLine)?.id ??
    rows.find((a) => a.title === title)?.id ??
    null;
}

/**
 * Writes a plan inside the caller's transaction and brings the statuses of every matched and added target up to
 * date (their article, hence plan start, may have changed). Returns the ids of the added targets, in order.
 */
export function applyFigurePlan(db: Db, plan: FigurePlan, now: string, today: string): number[] {
  for (const k of plan.kept) updateTarget(db, k.target.id, k.set);
  for (const f of plan.flagged) updateTarget(db, f.target.id, f.set);
  markGone(
    db,
    plan.gone.map((g) => g.target.id),
    now,
  );
  // Multi-row statements: one drizzle INSERT built per figure was most of a 100-page PDF's ingest (≈ 2 s of 3).
  const added = insertTargets(db, withStatuses(db, plan.added, today));
  refreshStatuses(
    db,
    plan.kept.map((k) => k.target.id),
    today,
  );
  // A figure's metric may have changed with the new reading: assign it again (an analyst's choice stays).
  assignFigures(db, [...plan.kept.map((k) => k.target.id), ...added]);
  return added;
}

/**
 * New figures with their progress and status: a new figure has no actuals nor review, so its status follows from
 * its own fields, its article's plan start and its document's date, and it is written once with it rather than
 * inserted and then updated row by row (every update also moving the rollup triggers' counts twice).
 */
function withStatuses(db: Db, rows: NewTargetRow[], today: string): NewTargetRow[] {
  const first = rows[0];
  if (!first) return rows;
  const doc = db.$client.prepare('SELECT issue_date AS issueDate FROM documents WHERE id = ?').get(first.documentId) as
    | { issueDate: string | null }
    | undefined;
  const planStart = new Map(
    (
      db.$client
        .prepare('SELECT id, plan_start_year AS planStartYear FROM articles WHERE document_id = ?')
        .all(first.documentId) as { id: number; planStartYear: number | null }[]
    ).map((a) => [a.id, a.planStartYear]),
  );
  return rows.map((row) => {
    const s = statusOf(
      {
        id: 0,
        kind: row.kind,
        comparator: row.comparator,
        value: row.value,
        valueMax: row.valueMax ?? null,
        baselineValue: row.baselineValue ?? null,
        baselineDate: row.baselineDate ?? null,
        deadline: row.deadline ?? null,
        perYear: row.perYear ?? false,
        review: row.review ?? 'extracted',
        latestActualValue: null,
        latestActualAsOf: null,
        planStartYear: row.articleId != null ? (planStart.get(row.articleId) ?? null) : null,
        issueDate: row.documentId === first.documentId ? (doc?.issueDate ?? null) : null,
      },
      today,
    );
    return {
      ...row,
      progress: s.progress,
      expectedProgress: s.expectedProgress,
      status: s.status,
      statusDate: today,
    };
  });
}
