import type { Summary } from '../../shared/schemas/summary';
import type { Target, TargetDetail, TargetFilters, TargetList, TargetListQuery } from '../../shared/schemas/target';
import { STATUSES, type Status, THEME_KEYS, type ThemeKey } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { NotFoundError } from '../lib/errors';
import { regionByCode } from '../lib/regions';
import { actualsOfTarget } from '../repos/actuals.repo';
import { getDocument } from '../repos/documents.repo';
import { getTarget, listTargets, summaryCells, type TargetRow } from '../repos/targets.repo';
import { ensureStatusesFresh } from './status.service';

/** Lines shown above and below a figure so a reader sees the sentence it came from. */
const CONTEXT_LINES = 4;

export function toTarget(r: TargetRow): Target {
  const { latestActualId, latestActualValue, latestActualAsOf, statusDate: _statusDate, theme, ...rest } = r;
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
  progressSum: number;
  progressCount: number;
  byStatus: Record<Status, number>;
}
const newAcc = (): Acc => ({ count: 0, progressSum: 0, progressCount: 0, byStatus: emptyStatusCounts() });
const mean = (a: { progressSum: number; progressCount: number }) =>
  a.progressCount ? Math.round((a.progressSum / a.progressCount) * 10) / 10 : null;

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
  const cells = summaryCells(db, { ...f, kind: f.kind ?? 'target' }, { excludeRejected: !f.review });
  const total = newAcc();
  const byRegion = new Map<string, Acc>();
  const byTheme = new Map<string, Acc>();
  const byYear = new Map<string | null, Acc>();
  const matrix = new Map<string, Acc & { regionCode: string; theme: string }>();
  const add = (a: Acc, c: (typeof cells)[number]) => {
    a.count += c.count;
    a.progressSum += c.progressSum;
    a.progressCount += c.progressCount;
    a.byStatus[c.status] += c.count;
  };
  const get = <K>(m: Map<K, Acc>, k: K) => {
    const a = m.get(k) ?? newAcc();
    m.set(k, a);
    return a;
  };
  for (const c of cells) {
    const region = rollUp(c.regionCode, f.region);
    add(total, c);
    add(get(byRegion, region), c);
    add(get(byTheme, c.theme), c);
    add(get(byYear, c.year), c);
    const mk = `${region}|${c.theme}`;
    const m = matrix.get(mk) ?? { ...newAcc(), regionCode: region, theme: c.theme };
    matrix.set(mk, m);
    add(m, c);
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
