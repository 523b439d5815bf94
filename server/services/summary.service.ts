import { LRUCache } from 'lru-cache';
import type { StaleSummary, Summary } from '../../shared/schemas/summary';
import type { TargetFilters } from '../../shared/schemas/target';
import { staleCutoff } from '../../shared/status';
import { NATIONAL_REGION, STATUSES, type Status, THEME_KEYS, type ThemeKey } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { staleAfterDays } from '../lib/config';
import { regionByCode, regionCodeRange } from '../lib/regions';
import {
  actualsVersion,
  type RollupDelta,
  rollupLogHead,
  rollupLogServes,
  rollupLogSince,
  type SummaryCell,
  staleCount,
  summaryCells,
  summaryCellsAt,
} from '../repos/targets.rollup.repo';
import { ensureStatusesFresh } from './status.service';

interface Acc {
  count: number;
  progressTenths: number;
  progressCount: number;
  byStatus: Record<Status, number>;
}

const newAcc = (): Acc => ({
  count: 0,
  progressTenths: 0,
  progressCount: 0,
  byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
});
const mean = (a: Acc) => (a.progressCount ? Math.round(a.progressTenths / a.progressCount) / 10 : null);

/**
 * The running sums a summary is drawn from: every grouping the charts show, as exact integers (progress in
 * tenths), so that cells can be added and — from the change log — subtracted without drift.
 */
interface SummaryState {
  total: Acc;
  byRegion: Map<string, Acc>;
  byTheme: Map<ThemeKey, Acc>;
  byYear: Map<string | null, Acc>;
  matrix: Map<string, Acc & { regionCode: string; theme: ThemeKey }>;
}

const newState = (): SummaryState => ({
  total: newAcc(),
  byRegion: new Map(),
  byTheme: new Map(),
  byYear: new Map(),
  matrix: new Map(),
});

/**
 * The code a region's figures are charted under: one level below the filter, so the national view
 * shows provinces and a province's view shows its cities (a district counts under its city).
 */
function rollUp(code: string, filterRegion: string | undefined): string {
  if (code === NATIONAL_REGION.code) return code;
  const filterLevel = filterRegion ? regionByCode(filterRegion)?.level : 'country';
  if (filterLevel === 'country' || filterLevel === undefined) return `${code.slice(0, 2)}0000`;
  if (filterLevel === 'province') {
    const city = `${code.slice(0, 4)}00`;
    return regionByCode(city) ? city : code;
  }
  return code;
}

function add(a: Acc, c: SummaryCell): void {
  a.count += c.count;
  a.progressTenths += c.progressTenths;
  a.progressCount += c.progressCount;
  if (c.status) a.byStatus[c.status] += c.count;
}

function accOf<K>(m: Map<K, Acc>, k: K): Acc {
  let a = m.get(k);
  if (!a) {
    a = newAcc();
    m.set(k, a);
  }
  return a;
}

/**
 * Adds cells (signed: a change-log cell a target left has count -1) to the sums. A full cell counts in every
 * grouping; a cell of the national rollup only in the grouping it sums (see `SummaryCell.part`).
 */
function addCells(state: SummaryState, cells: Iterable<SummaryCell>, filterRegion: string | undefined): void {
  for (const c of cells) {
    const region = rollUp(c.regionCode, filterRegion);
    if (c.part === 'all' || c.part === 'region') {
      add(state.total, c);
      add(accOf(state.byRegion, region), c);
    }
    if (c.part === 'all' || c.part === 'theme') add(accOf(state.byTheme, c.theme), c);
    if (c.part === 'all' || c.part === 'year') add(accOf(state.byYear, c.year), c);
    if (c.part === 'all' || c.part === 'matrix') {
      const mk = `${region}|${c.theme}`;
      let m = state.matrix.get(mk);
      if (!m) {
        m = { ...newAcc(), regionCode: region, theme: c.theme };
        state.matrix.set(mk, m);
      }
      add(m, c);
    }
  }
}

/**
 * Codes, years and theme keys (digits, lowercase ASCII, `_`) compared as text: the order localeCompare gave them,
 * without a call into ICU's collation per comparison — a fifth of rebuilding the national summary after a write.
 */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The API's shape of the sums; groups that the log has emptied are left out, as a fresh count would. */
function summaryOf(s: SummaryState): Summary {
  const group = (a: Acc) => ({
    count: a.count,
    meanProgress: mean(a),
    reported: a.progressCount,
    byStatus: { ...a.byStatus },
  });
  const live = <K, A extends Acc>(m: Map<K, A>) => [...m].filter(([, a]) => a.count !== 0);
  return {
    total: s.total.count,
    meanProgress: mean(s.total),
    byStatus: { ...s.total.byStatus },
    byRegion: live(s.byRegion)
      .map(([code, a]) => {
        const r = regionByCode(code);
        return { regionCode: code, region: r?.fullName ?? code, regionEn: r?.nameEn ?? code, ...group(a) };
      })
      .sort((x, y) => y.count - x.count || ordinal(x.regionCode, y.regionCode)),
    byTheme: THEME_KEYS.filter((t) => (s.byTheme.get(t)?.count ?? 0) !== 0).map((t) => ({
      theme: t,
      ...group(s.byTheme.get(t) ?? newAcc()),
    })),
    byDeadlineYear: live(s.byYear)
      .map(([year, a]) => ({ year, ...group(a) }))
      .sort((x, y) => ordinal(x.year ?? '9999', y.year ?? '9999')),
    matrix: live(s.matrix)
      .map(([, m]) => ({ regionCode: m.regionCode, theme: m.theme, count: m.count, meanProgress: mean(m) }))
      .sort((x, y) => ordinal(x.regionCode, y.regionCode) || ordinal(x.theme, y.theme)),
  };
}

/** Whether a change-log row falls under filters that `rollupLogServes`. */
function matcher(f: TargetFilters): (d: RollupDelta) => boolean {
  const range = f.region ? regionCodeRange(f.region) : undefined;
  return (d) =>
    (f.kind === undefined || d.kind === f.kind) &&
    (f.theme === undefined || f.theme.includes(d.theme)) &&
    (f.status === undefined || f.status.includes(d.status)) &&
    (range === undefined || (d.regionCode >= range.from && d.regionCode <= range.to)) &&
    (f.deadlineFrom === undefined || (d.year !== '' && d.year >= f.deadlineFrom)) &&
    (f.deadlineTo === undefined || (d.year !== '' && d.year <= f.deadlineTo));
}

interface Kept {
  head: number;
  state: SummaryState;
  summary: Summary;
  matches: (d: RollupDelta) => boolean;
}

/** Summaries kept per filter set and database (least recently stored out beyond this many). */
const CACHE_SIZE = 256;
/** Beyond this many changes to read, computing afresh is as cheap as catching up (and the log may be pruned). */
const MAX_CATCH_UP = 20_000;
const kept = new WeakMap<Db, LRUCache<string, Kept>>();

function computeKept(db: Db, f: TargetFilters, filters: TargetFilters): Kept {
  const { head, cells } = summaryCellsAt(db, filters, { excludeRejected: true });
  const state = newState();
  addCells(state, cells, f.region);
  return { head, state, summary: summaryOf(state), matches: matcher(filters) };
}

/** The newest changes of a database's log as last read (at most this many), shared by its kept summaries. */
const TAIL_SIZE = 5_000;
const logTails = new WeakMap<Db, RollupDelta[]>();

/**
 * The log's changes after `seq`, oldest first (at most MAX_CATCH_UP + 1): from the tail kept in memory where it
 * reaches back that far, reading from the database only what is newer than the tail. A written change never
 * changes (the log is appended to and pruned from the front), so every kept summary that a write touched — a
 * dozen filter sets on a busy overview — catches up from one read of its rows instead of one read each.
 */
function changesSince(db: Db, seq: number): RollupDelta[] {
  const tail = logTails.get(db);
  const first = tail?.[0];
  const last = tail?.at(-1);
  if (!tail || !first || !last || first.seq > seq + 1) {
    const read = rollupLogSince(db, seq, MAX_CATCH_UP + 1);
    logTails.set(db, read.slice(-TAIL_SIZE));
    return read;
  }
  const newer = rollupLogSince(db, last.seq, MAX_CATCH_UP + 1);
  if (newer.length && newer[0]?.seq !== last.seq + 1) {
    // The log was pruned past the tail's end: start the tail again from what was read. A summary behind that
    // gap finds its next change missing (catchUp) and is computed afresh.
    logTails.set(db, newer.slice(-TAIL_SIZE));
    return newer;
  }
  if (newer.length) {
    tail.push(...newer);
    if (tail.length > TAIL_SIZE) tail.splice(0, tail.length - TAIL_SIZE);
  }
  const from = firstAfter(tail, seq);
  return tail.slice(from, from + MAX_CATCH_UP + 1);
}

/** The index of the first change in `tail` (ordered by seq) after `seq`. */
function firstAfter(tail: readonly RollupDelta[], seq: number): number {
  let lo = 0;
  let hi = tail.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tail[mid]?.seq ?? 0) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Brings a kept summary up to the log's head: the changes since are read (one indexed range), those under
 * its filters added to its sums. Returns false when it is too far behind, or the log no longer holds the
 * changes it needs (pruned: the first change read is not the one right after its head).
 */
function catchUp(db: Db, k: Kept, head: number, filterRegion: string | undefined): boolean {
  if (head - k.head > MAX_CATCH_UP) return false;
  const deltas = changesSince(db, k.head);
  if (deltas.length > MAX_CATCH_UP || (deltas.length > 0 && deltas[0]?.seq !== k.head + 1)) return false;
  const cells: SummaryCell[] = [];
  for (const d of deltas) {
    if (!k.matches(d)) continue;
    cells.push({ ...d, part: 'all', year: d.year === '' ? null : d.year });
  }
  if (cells.length) {
    addCells(k.state, cells, filterRegion);
    k.summary = summaryOf(k.state);
  }
  k.head = deltas.at(-1)?.seq ?? k.head;
  return true;
}

/**
 * Counts and mean progress of the filtered figures by status, region, theme, deadline year and
 * region × theme. Unless a kind is asked for, only targets are counted (reported figures and
 * funding have no progress), and rejected extractions never are.
 *
 * A summary is computed once per filter set — nationally from target_rollup, for a region by grouping its
 * targets — and then kept exact by adding the changes target_rollup_log has recorded since: after an
 * analyst's new actual, the overview costs a few log rows instead of a regrouping (32 ms nationally on
 * 100,000 targets). Every request still sees every committed write.
 */
export function summarise(db: Db, f: TargetFilters, today: string): Summary {
  ensureStatusesFresh(db, today);
  const filters = { ...f, kind: f.kind ?? 'target' };
  return grouped(db, f, filters, !f.review);
}

/**
 * How many of the filtered targets (targets only unless a kind is asked for; rejected extractions never) are
 * stale: their latest actual is older than ZHIBIAO_STALE_AFTER_DAYS (365 by default) before today.
 */
export function staleSummary(db: Db, f: TargetFilters, today: string): StaleSummary {
  const filters = { ...f, kind: f.kind ?? 'target' };
  const days = staleAfterDays();
  const staleBefore = staleCutoff(today, days);
  return { stale: keptStaleCount(db, filters, staleBefore, !f.review), staleAfterDays: days, staleBefore };
}

/** Stale counts kept per filter set, cutoff day and database, with the versions they were counted at. */
const staleKept = new WeakMap<Db, LRUCache<string, { head: number; actuals: string; n: number }>>();

/**
 * The stale count, kept until a write could change it: a row moving in or out of the filters (the rollup log's
 * head) or an actual's new date (meta `actualsVersion`), both read in the count's own snapshot. Counting the
 * national stale targets reads ≈ 77,000 index entries at 100,000 targets (20 ms): too much for every request.
 */
function keptStaleCount(db: Db, filters: TargetFilters, cutoff: string, excludeRejected: boolean): number {
  // Filters on columns whose changes the log does not record (document, binding, text…): counted every time.
  if (!rollupLogServes(filters, excludeRejected)) return staleCount(db, filters, cutoff, { excludeRejected });
  let cache = staleKept.get(db);
  if (!cache) {
    cache = new LRUCache({ max: CACHE_SIZE });
    staleKept.set(db, cache);
  }
  const key = JSON.stringify([filters, cutoff, excludeRejected]);
  const c = cache;
  return db.$client.transaction(() => {
    const head = rollupLogHead(db);
    const actuals = actualsVersion(db);
    const hit = c.get(key);
    if (hit && hit.head === head && hit.actuals === actuals) return hit.n;
    const n = staleCount(db, filters, cutoff, { excludeRejected });
    c.set(key, { head, actuals, n });
    return n;
  })();
}

function grouped(db: Db, f: TargetFilters, filters: TargetFilters, excludeRejected: boolean): Summary {
  if (!rollupLogServes(filters, excludeRejected)) {
    const state = newState();
    addCells(state, summaryCells(db, filters, { excludeRejected }), f.region);
    return summaryOf(state);
  }
  let cache = kept.get(db);
  if (!cache) {
    cache = new LRUCache({ max: CACHE_SIZE });
    kept.set(db, cache);
  }
  const key = JSON.stringify(filters);
  const hit = cache.get(key);
  if (hit) {
    const head = rollupLogHead(db);
    if (hit.head === head || catchUp(db, hit, head, f.region)) return hit.summary;
  }
  const fresh = computeKept(db, f, filters);
  cache.set(key, fresh);
  return fresh.summary;
}
