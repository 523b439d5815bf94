/**
 * The indicator catalogue (issue 15 item 4): one measure across regions. It ships with the common indicators
 * (server/data/indicators.json), the engine assigns each figure whose metric and unit match one
 * (lib/indicatorMatch.ts) at ingest and re-extraction, and analysts assign, create, merge and split. An
 * analyst's assignment (or "none") is marked `indicator_manual` and never changed by the engine again.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../../shared/schemas/auth';
import type {
  Indicator,
  IndicatorDetail,
  IndicatorDetailQuery,
  IndicatorList,
  IndicatorListQuery,
  IndicatorRegionRow,
  NewIndicator,
  SplitIndicator,
  TargetIndicator,
} from '../../shared/schemas/indicator';
import { NATIONAL_REGION, STATUSES, type Status, THEME_KEYS } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors';
import { matchIndicator, normalizeMetric, type SynonymEntry } from '../lib/indicatorMatch';
import { regionByCode } from '../lib/regions';
import {
  addSynonyms,
  allIndicators,
  allSynonyms,
  assignableTargets,
  deleteIndicator,
  type FigureRow,
  getIndicator,
  type IndicatorRow,
  indicatorByName,
  indicatorCounts,
  indicatorCountsOf,
  indicatorFigures,
  indicatorKeys,
  insertIndicator,
  moveTargets,
  nationalFigures,
  removeSynonyms,
  setTargetIndicator,
  synonymsOf,
  targetIdsOfIndicator,
} from '../repos/indicators.repo';
import { getMeta, setMeta } from '../repos/meta.repo';
import { getTarget } from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { ensureStatusesFresh } from './status.service';

const CatalogueFileSchema = z.object({
  version: z.number().int().positive(),
  indicators: z.array(
    z.object({
      key: z.string().min(1),
      name: z.string().min(1),
      nameEn: z.string().min(1),
      unit: z.string(),
      theme: z.enum(THEME_KEYS),
      synonyms: z.array(z.string().min(1)),
    }),
  ),
});

export const CATALOGUE_FILE = new URL('../data/indicators.json', import.meta.url);

/** The shipped catalogue, read and checked once. */
let shipped: z.infer<typeof CatalogueFileSchema> | undefined;
export function shippedCatalogue() {
  shipped ??= CatalogueFileSchema.parse(JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')));
  return shipped;
}

const CATALOGUE_VERSION_KEY = 'indicatorCatalogueVersion';
/** Moves on every change of the catalogue, so each process's cached synonyms are read again. */
const CATALOGUE_REV_KEY = 'indicatorCatalogueRev';

function bumpRevision(db: Db): void {
  setMeta(db, CATALOGUE_REV_KEY, String(Number(getMeta(db, CATALOGUE_REV_KEY) ?? '0') + 1));
}

const synonymEntry = (synonym: string) => ({ synonym, normalized: normalizeMetric(synonym) });

/**
 * The matching rules' version (server/lib/indicatorMatch.ts): raised when they change, so that every database
 * matches again, once, the figures the engine assigned under the old rules. 2: a contained synonym must end the
 * metric.
 */
export const MATCHER_VERSION = 2;
const MATCHER_VERSION_KEY = 'indicatorMatcherVersion';

/**
 * Loads the shipped indicators a database does not have yet (by key), once per catalogue version: an indicator
 * an analyst merged away does not come back on the next start. Then assigns every live figure not yet
 * assigned — or, when the matching rules have changed since, matches again every figure no analyst decided.
 * Runs at every open of the database; a no-op once both versions are in.
 */
export function ensureIndicatorCatalogue(db: Db): { added: number; assigned: number } {
  const file = shippedCatalogue();
  const behind = () => ({
    catalogue: Number(getMeta(db, CATALOGUE_VERSION_KEY) ?? '0') < file.version,
    matcher: Number(getMeta(db, MATCHER_VERSION_KEY) ?? '0') < MATCHER_VERSION,
  });
  const before = behind();
  if (!before.catalogue && !before.matcher) return { added: 0, assigned: 0 };
  return db.transaction(
    () => {
      // Under the write lock: another process may have done it meanwhile.
      const now = behind();
      let added = 0;
      if (now.catalogue) {
        const have = indicatorKeys(db);
        for (const i of file.indicators) {
          if (have.has(i.key) || indicatorByName(db, i.name)) continue;
          const id = insertIndicator(db, { ...i, createdBy: null });
          addSynonyms(db, id, [i.name, ...i.synonyms].map(synonymEntry));
          added++;
        }
        setMeta(db, CATALOGUE_VERSION_KEY, String(file.version));
        bumpRevision(db);
      } else if (!now.matcher) {
        return { added: 0, assigned: 0 };
      }
      setMeta(db, MATCHER_VERSION_KEY, String(MATCHER_VERSION));
      const assigned = assignFigures(db, null, { onlyUnassigned: !now.matcher });
      return { added, assigned };
    },
    { behavior: 'immediate' },
  );
}

let cache: { rev: string; entries: SynonymEntry[] } | undefined;
/** Every synonym with its indicator's unit, cached until the catalogue changes (in any process). */
function catalogueEntries(db: Db): SynonymEntry[] {
  const rev = getMeta(db, CATALOGUE_REV_KEY) ?? '0';
  if (!cache || cache.rev !== rev || cacheDb !== db) {
    cache = { rev, entries: allSynonyms(db) };
    cacheDb = db;
  }
  return cache.entries;
}
let cacheDb: Db | undefined;

/**
 * Assigns figures the engine may assign (not decided by an analyst) to the indicator their metric and unit
 * match, or to none; `ids` null means every live figure. Run inside the caller's transaction. Returns how
 * many figures changed indicator.
 */
export function assignFigures(
  db: Db,
  ids: readonly number[] | null,
  { onlyUnassigned = false }: { onlyUnassigned?: boolean } = {},
): number {
  const entries = catalogueEntries(db);
  let changed = 0;
  const byIndicator = new Map<number | null, number[]>();
  // Documents repeat their metrics (and a large database far more): match each metric and unit once.
  const memo = new Map<string, number | null>();
  for (const t of assignableTargets(db, ids, onlyUnassigned)) {
    const key = `${t.metric}\u0000${t.normalizedUnit}`;
    let id = memo.get(key);
    if (id === undefined) {
      id = matchIndicator(entries, t.metric, t.normalizedUnit)?.indicatorId ?? null;
      memo.set(key, id);
    }
    if (id === t.indicatorId) continue;
    byIndicator.set(id, [...(byIndicator.get(id) ?? []), t.id]);
    changed++;
  }
  for (const [indicatorId, targetIds] of byIndicator) setTargetIndicator(db, targetIds, indicatorId, false);
  return changed;
}

function toIndicator(db: Db, row: IndicatorRow, counts?: { targetCount: number; regionCount: number }): Indicator {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    nameEn: row.nameEn,
    unit: row.unit,
    theme: row.theme,
    synonyms: synonymsOf(db, row.id)
      .map((s) => s.synonym)
      .filter((s) => s !== row.name),
    ...(counts ?? indicatorCountsOf(db, row.id)),
  };
}

/** The catalogue with each indicator's counts, most figures first; `q` finds a name or synonym. */
export function listIndicators(db: Db, q: IndicatorListQuery): IndicatorList {
  const counts = indicatorCounts(db);
  const needle = q.q ? q.q.normalize('NFKC').toUpperCase() : null;
  const normalizedNeedle = q.q ? normalizeMetric(q.q) : null;
  const items = allIndicators(db)
    .filter((i) => !q.theme || i.theme === q.theme)
    .map((i) => toIndicator(db, i, counts.get(i.id) ?? { targetCount: 0, regionCount: 0 }))
    .filter((i) => {
      if (!needle) return true;
      const texts = [i.name, i.nameEn, ...i.synonyms].map((s) => s.normalize('NFKC').toUpperCase());
      return (
        texts.some((s) => s.includes(needle)) ||
        (!!normalizedNeedle && texts.some((s) => normalizeMetric(s).includes(normalizedNeedle)))
      );
    })
    .sort((a, b) => b.targetCount - a.targetCount || a.id - b.id);
  return { items, total: items.length };
}

export function toRegionRow(f: FigureRow): IndicatorRegionRow {
  const region = regionByCode(f.regionCode);
  return {
    regionCode: f.regionCode,
    region: region?.fullName ?? f.region,
    regionEn: region?.nameEn ?? f.region,
    level: region?.level ?? 'district',
    targetId: f.id,
    documentId: f.documentId,
    metric: f.metric,
    comparator: f.comparator,
    value: f.value,
    valueMax: f.valueMax,
    unit: f.unit,
    normalizedValue: f.normalizedValue,
    normalizedUnit: f.normalizedUnit,
    deadline: f.deadline,
    latestActual:
      f.latestActualId !== null && f.latestActualValue !== null && f.latestActualAsOf !== null
        ? { id: f.latestActualId, value: f.latestActualValue, asOf: f.latestActualAsOf }
        : null,
    progress: f.progress,
    expectedProgress: f.expectedProgress,
    status: f.status,
    targetCount: f.n,
  };
}

/** Highest progress first; figures without progress last, by region code. */
export const byProgress = (a: IndicatorRegionRow, b: IndicatorRegionRow) =>
  (a.progress === null ? 1 : 0) - (b.progress === null ? 1 : 0) ||
  (b.progress ?? 0) - (a.progress ?? 0) ||
  a.regionCode.localeCompare(b.regionCode);

/**
 * An indicator across regions: every region's representative target (its latest deadline, or the one due in
 * `year`) with its latest actual, progress and status, ranked by progress; the national targets beside.
 */
export function indicatorDetail(db: Db, id: number, q: IndicatorDetailQuery, today: string): IndicatorDetail {
  ensureStatusesFresh(db, today);
  const row = getIndicator(db, id);
  if (!row) throw new NotFoundError('Indicator', id);
  const regions = indicatorFigures(db, id, q.year, q.level)
    .filter((f) => f.regionCode !== NATIONAL_REGION.code)
    .map(toRegionRow)
    .sort(byProgress);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const r of regions) byStatus[r.status]++;
  return {
    indicator: toIndicator(db, row),
    national: nationalFigures(db, id, NATIONAL_REGION.code).map(toRegionRow),
    regions,
    byStatus,
  };
}

function requireIndicator(db: Db, id: number): IndicatorRow {
  const row = getIndicator(db, id);
  if (!row) throw new NotFoundError('Indicator', id);
  return row;
}

function refuseTakenName(db: Db, name: string): void {
  if (indicatorByName(db, name)) {
    throw new ConflictError(`An indicator named ${name} exists already; merge into it or choose another name.`, {
      name,
    });
  }
}

/** A new indicator; unassigned figures (not decided by an analyst) that match it are assigned to it. */
export function createIndicator(db: Db, actor: Actor, body: NewIndicator): Indicator {
  return db.transaction(
    () => {
      refuseTakenName(db, body.name);
      const id = insertIndicator(db, {
        key: null,
        name: body.name,
        nameEn: body.nameEn ?? body.name,
        unit: body.unit,
        theme: body.theme,
        createdBy: actor.username,
      });
      addSynonyms(db, id, [body.name, ...body.synonyms].map(synonymEntry));
      bumpRevision(db);
      assignFigures(db, null, { onlyUnassigned: true });
      const created = toIndicator(db, requireIndicator(db, id));
      recordAudit(db, actor, { action: 'indicator.create', entity: 'indicator', entityId: id, after: created });
      return created;
    },
    { behavior: 'immediate' },
  );
}

/** An analyst's assignment of one target (or "none"): marked manual, so re-extraction keeps it. */
export function assignTargetIndicator(db: Db, actor: Actor, targetId: number, body: TargetIndicator) {
  return db.transaction(
    () => {
      const t = getTarget(db, targetId);
      if (!t) throw new NotFoundError('Target', targetId);
      if (body.indicatorId !== null) requireIndicator(db, body.indicatorId);
      const before = { indicatorId: t.indicatorId, indicatorManual: t.indicatorManual };
      setTargetIndicator(db, [targetId], body.indicatorId, true);
      const after = { indicatorId: body.indicatorId, indicatorManual: true };
      recordAudit(db, actor, {
        action: 'target.indicator',
        entity: 'target',
        entityId: targetId,
        before,
        after,
        reason: body.reason,
      });
      return { targetId, ...after };
    },
    { behavior: 'immediate' },
  );
}

/** Merges `fromId` into `intoId`: its synonyms and every target move over, and it is deleted. */
export function mergeIndicators(db: Db, actor: Actor, intoId: number, fromId: number): Indicator {
  if (intoId === fromId)
    throw new BadRequestError('An indicator cannot be merged into itself.', undefined, 'SAME_INDICATOR');
  return db.transaction(
    () => {
      const into = requireIndicator(db, intoId);
      const from = requireIndicator(db, fromId);
      const fromBefore = toIndicator(db, from);
      const intoBefore = toIndicator(db, into);
      addSynonyms(db, intoId, synonymsOf(db, fromId));
      const moved = moveTargets(db, fromId, intoId);
      deleteIndicator(db, fromId);
      bumpRevision(db);
      const after = toIndicator(db, into);
      recordAudit(db, actor, {
        action: 'indicator.merge',
        entity: 'indicator',
        entityId: intoId,
        before: { into: intoBefore, from: fromBefore },
        after: { ...after, movedTargets: moved },
      });
      return after;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Splits chosen targets of an indicator off into a new one (same unit and theme); the named synonyms move with
 * them. The moved targets are marked as an analyst's decision, so the old synonyms do not pull them back.
 */
export function splitIndicator(db: Db, actor: Actor, id: number, body: SplitIndicator): Indicator {
  return db.transaction(
    () => {
      const source = requireIndicator(db, id);
      refuseTakenName(db, body.name);
      const targetIds = [...new Set(body.targetIds)];
      const owned = targetIdsOfIndicator(db, id, targetIds);
      if (owned.length !== targetIds.length) {
        const foreign = targetIds.filter((t) => !owned.includes(t));
        throw new BadRequestError(
          `Targets ${foreign.join(', ')} are not assigned to indicator ${id}.`,
          { targetIds: foreign },
          'NOT_OF_INDICATOR',
        );
      }
      const before = toIndicator(db, source);
      const newId = insertIndicator(db, {
        key: null,
        name: body.name,
        nameEn: body.nameEn ?? body.name,
        unit: source.unit,
        theme: source.theme,
        createdBy: actor.username,
      });
      const moving = [body.name, ...body.synonyms].map(synonymEntry);
      removeSynonyms(
        db,
        id,
        moving.map((s) => s.normalized),
      );
      addSynonyms(db, newId, moving);
      setTargetIndicator(db, owned, newId, true);
      bumpRevision(db);
      const created = toIndicator(db, requireIndicator(db, newId));
      recordAudit(db, actor, {
        action: 'indicator.split',
        entity: 'indicator',
        entityId: id,
        before,
        after: { from: toIndicator(db, source), created, movedTargets: owned },
      });
      return created;
    },
    { behavior: 'immediate' },
  );
}
