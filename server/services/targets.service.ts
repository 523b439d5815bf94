import type { Actor } from '../../shared/schemas/auth';
import type { Summary } from '../../shared/schemas/summary';
import {
  CORRECTABLE_FIELDS,
  type Target,
  type TargetDetail,
  type TargetFilters,
  type TargetList,
  type TargetListQuery,
  type TargetPatch,
} from '../../shared/schemas/target';
import { STATUSES, type Status, THEME_KEYS, type ThemeKey } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors';
import { regionByCode } from '../lib/regions';
import { actualsOfTarget } from '../repos/actuals.repo';
import { getDocument } from '../repos/documents.repo';
import {
  getTarget,
  listTargets,
  type NewTargetRow,
  rollupServes,
  rollupVersion,
  summaryCells,
  type TargetRow,
  updateTargetIfVersion,
} from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { ensureStatusesFresh, refreshStatuses } from './status.service';

/** Lines shown above and below a figure so a reader sees the sentence it came from. */
const CONTEXT_LINES = 4;

export function toTarget(r: TargetRow): Target {
  const {
    latestActualId,
    latestActualValue,
    latestActualAsOf,
    statusDate: _statusDate,
    deadlineMonth: _deadlineMonth,
    theme,
    ...rest
  } = r;
  return {
    ...rest,
    regionEn: regionByCode(rest.regionCode)?.nameEn ?? rest.region,
    theme: theme as ThemeKey,
    latestActual:
      latestActualId !== null && latestActualValue !== null && latestActualAsOf !== null
        ? { id: latestActualId, value: latestActualValue, asOf: latestActualAsOf }
        : null,
  };
}

/** A page of the metrics table with each row's latest actual, progress and status. */
export function listTargetPage(db: Db, q: TargetListQuery, today: string): TargetList {
  ensureStatusesFresh(db, today);
  const { rows, total } = listTargets(db, q);
  return { items: rows.map(toTarget), total, page: q.page, pageSize: q.pageSize };
}

/** One target with the lines around it in its document and its whole actuals history. */
export function getTargetDetail(db: Db, id: number, today: string): TargetDetail {
  ensureStatusesFresh(db, today);
  const row = getTarget(db, id);
  if (!row) throw new NotFoundError('Target', id);
  const doc = getDocument(db, row.documentId);
  if (!doc) throw new NotFoundError('Document', row.documentId);
  const all = doc.content.split('\n');
  const from = Math.max(1, row.line - CONTEXT_LINES);
  const to = Math.min(all.length, row.line + CONTEXT_LINES);
  const lines = [];
  for (let n = from; n <= to; n++) lines.push({ line: n, text: (all[n - 1] ?? '').replace(/\r$/, '') });
  return {
    target: toTarget(row),
    context: { documentId: doc.id, fileName: doc.fileName, documentTitle: doc.title, lines },
    actuals: actualsOfTarget(db, id),
  };
}

function emptyStatusCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

interface Acc {
  count: number;
  progressTenths: number;
  progressCount: number;
  byStatus: Record<Status, number>;
}
const newAcc = (): Acc => ({ count: 0, progressTenths: 0, progressCount: 0, byStatus: emptyStatusCounts() });
const mean = (a: { progressTenths: number; progressCount: number }) =>
  a.progressCount ? Math.round(a.progressTenths / a.progressCount) / 10 : null;

/**
 * The code a region's figures are charted under: one level below the filter, so the national view
 * shows provinces and a province's view shows its cities (a district counts under its city).
 */
function rollUp(code: string, filterRegion: string | undefined): string {
  if (code === '000000') return code;
  const filterLevel = filterRegion ? regionByCode(filterRegion)?.level : 'country';
  if (filterLevel === 'country' || filterLevel === undefined) return `${code.slice(0, 2)}0000`;
  if (filterLevel === 'province') {
    const city = `${code.slice(0, 4)}00`;
    return regionByCode(city) ? city : code;
  }
  return code;
}

/**
 * Counts and mean progress of the filtered figures by status, region, theme, deadline year and
 * region × theme. Unless a kind is asked for, only targets are counted (reported figures and
 * funding have no progress), and rejected extractions never are.
 */
export function summarise(db: Db, f: TargetFilters, today: string): Summary {
  ensureStatusesFresh(db, today);
  const filters = { ...f, kind: f.kind ?? 'target' };
  const excludeRejected = !f.review;
  // A summary from the rollup is kept until the rollup changes: exact, and free for the many readers of
  // the overview between two writes.
  if (!rollupServes(filters, excludeRejected)) return computeSummary(db, f, filters, excludeRejected);
  const cache = summaryCache.get(db) ?? new Map<string, { version: number; summary: Summary }>();
  summaryCache.set(db, cache);
  const key = JSON.stringify(filters);
  const version = rollupVersion(db);
  const hit = cache.get(key);
  if (hit?.version === version) return hit.summary;
  const summary = computeSummary(db, f, filters, excludeRejected);
  cache.delete(key);
  cache.set(key, { version, summary });
  // Oldest first in a Map: drop the least recently stored beyond a few hundred filter combinations.
  for (const k of cache.keys()) {
    if (cache.size <= SUMMARY_CACHE_SIZE) break;
    cache.delete(k);
  }
  return summary;
}

const SUMMARY_CACHE_SIZE = 256;
const summaryCache = new WeakMap<Db, Map<string, { version: number; summary: Summary }>>();

function computeSummary(db: Db, f: TargetFilters, filters: TargetFilters, excludeRejected: boolean): Summary {
  const cells = summaryCells(db, filters, { excludeRejected });
  const total = newAcc();
  const byRegion = new Map<string, Acc>();
  const byTheme = new Map<string, Acc>();
  const byYear = new Map<string | null, Acc>();
  const matrix = new Map<string, Acc & { regionCode: string; theme: string }>();
  const add = (a: Acc, c: (typeof cells)[number]) => {
    a.count += c.count;
    a.progressTenths += c.progressTenths;
    a.progressCount += c.progressCount;
    if (c.status) a.byStatus[c.status] += c.count;
  };
  const get = <K>(m: Map<K, Acc>, k: K) => {
    const a = m.get(k) ?? newAcc();
    m.set(k, a);
    return a;
  };
  // A full cell counts in every grouping; a cell of the national rollup only in the grouping it sums.
  for (const c of cells) {
    const region = rollUp(c.regionCode, f.region);
    if (c.part === 'all' || c.part === 'region') {
      add(total, c);
      add(get(byRegion, region), c);
    }
    if (c.part === 'all' || c.part === 'theme') add(get(byTheme, c.theme), c);
    if (c.part === 'all' || c.part === 'year') add(get(byYear, c.year), c);
    if (c.part === 'all' || c.part === 'matrix') {
      const mk = `${region}|${c.theme}`;
      const m = matrix.get(mk) ?? { ...newAcc(), regionCode: region, theme: c.theme };
      matrix.set(mk, m);
      add(m, c);
    }
  }
  const group = (a: Acc) => ({ count: a.count, meanProgress: mean(a), byStatus: a.byStatus });
  return {
    total: total.count,
    meanProgress: mean(total),
    byStatus: total.byStatus,
    byRegion: [...byRegion]
      .map(([code, a]) => {
        const r = regionByCode(code);
        return { regionCode: code, region: r?.fullName ?? code, regionEn: r?.nameEn ?? code, ...group(a) };
      })
      .sort((x, y) => y.count - x.count || x.regionCode.localeCompare(y.regionCode)),
    byTheme: THEME_KEYS.filter((t) => byTheme.has(t)).map((t) => ({ theme: t, ...group(byTheme.get(t) ?? newAcc()) })),
    byDeadlineYear: [...byYear]
      .map(([year, a]) => ({ year, ...group(a) }))
      .sort((x, y) => (x.year ?? '9999').localeCompare(y.year ?? '9999')),
    matrix: [...matrix.values()].map((m) => ({
      regionCode: m.regionCode,
      theme: m.theme as ThemeKey,
      count: m.count,
      meanProgress: mean(m),
    })),
  };
}

/** The corrected fields that differ from the stored row, made consistent with each other. */
function correctionsOf(current: TargetRow, patch: TargetPatch): Partial<NewTargetRow> {
  const changes: Record<string, unknown> = {};
  for (const key of CORRECTABLE_FIELDS) {
    const v = patch[key];
    if (v !== undefined && v !== current[key]) changes[key] = v;
  }
  const set = changes as Partial<NewTargetRow>;
  // A new region code carries its official name unless the analyst wrote one.
  if (set.regionCode !== undefined && patch.region === undefined) {
    const region = regionByCode(set.regionCode);
    if (!region)
      throw new BadRequestError(`Region ${set.regionCode} is not a GB/T 2260 code.`, undefined, 'UNKNOWN_REGION');
    set.region = region.fullName;
  }
  // Lists, filters and sorting use the normalised value, so it must follow a corrected value. In the same
  // unit the conversion factor is unchanged; a new unit needs the analyst to say what it normalises to.
  if ((set.value !== undefined || set.unit !== undefined) && patch.normalizedValue === undefined) {
    // Without a new unit the factor is normalizedValue / value, which a stored value of 0 does not tell.
    if (set.unit !== undefined || current.value === 0) {
      throw new BadRequestError(
        'A new unit (or a value replacing 0) needs normalizedValue and normalizedUnit as well.',
        undefined,
        'NORMALIZATION_NEEDED',
      );
    }
    if (set.value !== undefined) {
      set.normalizedValue = (current.normalizedValue / current.value) * set.value;
    }
  }
  const comparator = set.comparator ?? current.comparator;
  const valueMax = set.valueMax !== undefined ? set.valueMax : current.valueMax;
  if (comparator === 'range' && valueMax === null) {
    throw new BadRequestError('A range needs valueMax.', undefined, 'RANGE_NEEDS_MAX');
  }
  return set;
}

/**
 * An analyst's review decision and/or correction of a target. `patch.version` must be the version the
 * analyst saw: if another write came first, nothing is written, the attempt is still audited (so both
 * intentions are on record) and a 409 carries the current record. A correction without an explicit
 * decision marks the target `corrected`, which also keeps it from being overwritten by a re-ingest.
 */
export function reviewTarget(db: Db, actor: Actor, id: number, patch: TargetPatch, today: string): Target {
  const outcome = db.transaction((): { target: Target } | { conflict: Target } => {
    const current = getTarget(db, id);
    if (!current) throw new NotFoundError('Target', id);
    const refuse = () => {
      const now = toTarget(getTarget(db, id) ?? current);
      recordAudit(db, actor, {
        action: 'target.conflict',
        entity: 'target',
        entityId: id,
        before: now,
        after: patch,
        reason: patch.reason,
      });
      return { conflict: now };
    };
    if (current.version !== patch.version) return refuse();
    const changes = correctionsOf(current, patch);
    const corrected = Object.keys(changes).length > 0;
    const review = patch.review ?? (corrected ? 'corrected' : current.review);
    const written = updateTargetIfVersion(db, id, patch.version, {
      ...changes,
      review,
      updatedAt: new Date().toISOString(),
      updatedBy: actor.username,
    });
    if (!written) return refuse();
    refreshStatuses(db, [id], today);
    const after = getTarget(db, id);
    if (!after) throw new NotFoundError('Target', id);
    recordAudit(db, actor, {
      action: corrected ? 'target.correct' : 'target.review',
      entity: 'target',
      entityId: id,
      before: toTarget(current),
      after: toTarget(after),
      reason: patch.reason,
    });
    return { target: toTarget(after) };
  });
  if ('conflict' in outcome) {
    throw new ConflictError(
      `Target ${id} was changed by someone else since version ${patch.version}; reload it and apply your change again.`,
      { current: outcome.conflict },
    );
  }
  return outcome.target;
}
