import { LRUCache } from 'lru-cache';
import type { Actor } from '../../shared/schemas/auth';
import { pageOfLine } from '../../shared/schemas/document';
import {
  CORRECTABLE_FIELDS,
  type Target,
  type TargetDetail,
  type TargetListQuery,
  type TargetPatch,
} from '../../shared/schemas/target';
import { isStale } from '../../shared/status';
import { normalizeInUnit } from '../../shared/units';
import type { Db } from '../db/client';
import { staleAfterDays } from '../lib/config';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors';
import { regionByCode } from '../lib/regions';
import { actualsOfTarget } from '../repos/actuals.repo';
import { documentLines } from '../repos/documents.repo';
import { listTargetIds, rowsInOrder, stampsOf } from '../repos/targets.list.repo';
import { getTarget, type NewTargetRow, type TargetRow, updateTargetIfVersion } from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { assignFigures } from './indicators.service';
import { ensureStatusesFresh, refreshStatuses } from './status.service';

/** Lines shown above and below a figure so a reader sees the sentence it came from. */
const CONTEXT_LINES = 4;

/**
 * A stored row as the API serves it. Written out field by field: an object rest/spread over 41 columns took
 * V8's generic path and cost ≈ 15 µs a row — more than reading the row — on every list page.
 */
export function toTarget(r: TargetRow, today: string, staleDays: number = staleAfterDays()): Target {
  return {
    id: r.id,
    documentId: r.documentId,
    articleId: r.articleId,
    sourceFile: r.sourceFile,
    line: r.line,
    quote: r.quote,
    kind: r.kind,
    article: r.article,
    region: r.region,
    regionEn: regionByCode(r.regionCode)?.nameEn ?? r.region,
    regionCode: r.regionCode,
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
    confidence: r.confidence,
    review: r.review,
    baselineValue: r.baselineValue,
    baselineDate: r.baselineDate,
    binding: r.binding,
    reasons: r.reasons ?? null,
    fingerprint: r.fingerprint,
    goneAt: r.goneAt,
    unmatchedAt: r.unmatchedAt,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    latestActual:
      r.latestActualId !== null && r.latestActualValue !== null && r.latestActualAsOf !== null
        ? { id: r.latestActualId, value: r.latestActualValue, asOf: r.latestActualAsOf }
        : null,
    progress: r.progress,
    expectedProgress: r.expectedProgress,
    status: r.status,
    lastReportedAt: r.latestActualAsOf,
    stale: isStale(r.latestActualAsOf, today, staleDays),
    indicatorId: r.indicatorId,
    indicatorManual: r.indicatorManual,
  };
}

/** How much of the rows' JSON a database's list pages keep (characters, least recently used out): ≈ 10,000 rows. */
const ROW_JSON_KEPT = 10_000_000;
const rowJson = new WeakMap<Db, LRUCache<number, { stamp: number; today: string; staleDays: number; json: string }>>();

/**
 * A page of the metrics table, each row with its latest actual, progress and status, as the JSON the list route
 * sends (a TargetList). Each row's JSON is kept with the
 * row's stamp, which every change to the row moves (migration 0015), and the day and stale age it was made for:
 * a page reads its rows' stamps and makes only the rows whose stamp moved again. Reading 50 whole rows of 46
 * columns, making Targets of them and writing their JSON was most of a list page's cost (≈ 1.4 ms of ≈ 2 at
 * 100,000 targets), paid again on every view of the same page while nothing on it changed. All in one snapshot.
 */
export function listTargetPageJson(db: Db, q: TargetListQuery, today: string): string {
  ensureStatusesFresh(db, today);
  const staleDays = staleAfterDays();
  let kept = rowJson.get(db);
  if (!kept) {
    kept = new LRUCache({ maxSize: ROW_JSON_KEPT, sizeCalculation: (v) => v.json.length + 100 });
    rowJson.set(db, kept);
  }
  const cache = kept;
  return db.$client.transaction(() => {
    const { ids, total } = listTargetIds(db, q);
    const stamps = stampsOf(db, ids);
    const json = new Map<number, string>();
    const missing: number[] = [];
    for (const id of ids) {
      const hit = cache.get(id);
      if (hit && hit.stamp === stamps.get(id) && hit.today === today && hit.staleDays === staleDays) {
        json.set(id, hit.json);
      } else missing.push(id);
    }
    for (const row of missing.length ? rowsInOrder(db, missing) : []) {
      const made = JSON.stringify(toTarget(row, today, staleDays));
      cache.set(row.id, { stamp: row.stamp, today, staleDays, json: made });
      json.set(row.id, made);
    }
    const items = ids.flatMap((id) => json.get(id) ?? []);
    return `{"items":[${items.join(',')}],"total":${total},"page":${q.page},"pageSize":${q.pageSize}}`;
  })();
}

/** One target with the lines around it in its document and its whole actuals history. */
export function getTargetDetail(db: Db, id: number, today: string): TargetDetail {
  ensureStatusesFresh(db, today);
  const row = getTarget(db, id);
  if (!row) throw new NotFoundError('Target', id);
  const doc = documentLines(db, row.documentId, row.line - CONTEXT_LINES, row.line + CONTEXT_LINES);
  if (!doc) throw new NotFoundError('Document', row.documentId);
  return {
    target: toTarget(row, today),
    context: {
      documentId: doc.id,
      fileName: doc.fileName,
      documentTitle: doc.title,
      page: pageOfLine(doc.pageStarts, row.line),
      lines: doc.lines,
    },
    actuals: actualsOfTarget(db, id),
  };
}

/** The corrected fields that differ from the stored row, made consistent with each other. */
export function correctionsOf(
  current: TargetRow,
  patch: Omit<TargetPatch, 'version' | 'reason'>,
): Partial<NewTargetRow> {
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
  // Lists, filters and sorting use the normalised value, so it must follow a corrected value or unit. In the
  // same unit the stored conversion factor is kept (the engine's own, e.g. TFLOPS → PFLOPS); a new unit (or a
  // value replacing 0, whose factor the stored row cannot tell) is normalised by shared/units.ts unless the
  // analyst says what it normalises to.
  if ((set.value !== undefined || set.unit !== undefined) && patch.normalizedValue === undefined) {
    if (set.unit !== undefined || current.value === 0) {
      const normalized = normalizeInUnit(set.value ?? current.value, set.unit ?? current.unit);
      set.normalizedValue = normalized.value;
      if (patch.normalizedUnit === undefined) set.normalizedUnit = normalized.unit;
    } else if (set.value !== undefined) {
      set.normalizedValue = (current.normalizedValue / current.value) * set.value;
    }
  }
  // value × the unit's factor can overflow where value alone does not (1e306 万亿元): an infinite normalised
  // value would be served as null and make the shared TargetListSchema refuse the whole page.
  const normalizedValue = set.normalizedValue ?? current.normalizedValue;
  if (!Number.isFinite(normalizedValue)) {
    throw new BadRequestError(
      `The value is too large: in ${current.normalizedUnit || 'the base unit'} it exceeds what can be stored.`,
      [{ path: 'value', message: 'value × unit factor is not a finite number' }],
      'VALUE_OUT_OF_RANGE',
    );
  }
  const comparator = set.comparator ?? current.comparator;
  const valueMax = set.valueMax !== undefined ? set.valueMax : current.valueMax;
  if (comparator === 'range' && valueMax === null) {
    throw new BadRequestError('A range needs valueMax.', undefined, 'RANGE_NEEDS_MAX');
  }
  // Checked on the values as they will be stored, since a PATCH may send only one end of the range.
  const value = set.value ?? current.value;
  if (valueMax !== null && valueMax < value) {
    throw new BadRequestError(
      `valueMax ${valueMax} is below value ${value}.`,
      [{ path: 'valueMax', message: 'valueMax must not be below value' }],
      'RANGE_INVERTED',
    );
  }
  return set;
}

/**
 * An analyst's review decision and/or correction of a target. `patch.version` must be the version the
 * analyst saw: if another write came first, nothing is written, the attempt is still audited (so both
 * intentions are on record) and a 409 carries the current record. A correction without an explicit
 * decision marks the target `corrected`, which also keeps it from being overwritten by a re-ingest. Any decision
 * or correction clears the flag of a figure a re-extraction no longer found (`unmatchedAt`).
 */
export function reviewTarget(db: Db, actor: Actor, id: number, patch: TargetPatch, today: string): Target {
  // IMMEDIATE: it reads before it writes, and under a deferred BEGIN a commit by another server process in
  // between makes SQLite refuse the upgrade to a write at once (SQLITE_BUSY, no busy wait).
  const outcome = db.transaction(
    (): { target: Target } | { conflict: Target } => {
      const current = getTarget(db, id);
      if (!current) throw new NotFoundError('Target', id);
      const refuse = () => {
        const now = toTarget(getTarget(db, id) ?? current, today);
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
      // Nothing changes (the same values, the decision already taken): no write, no new version, no audit entry,
      // so a resent PATCH does not make the next editor's copy stale.
      if (!corrected && review === current.review) return { target: toTarget(current, today) };
      const written = updateTargetIfVersion(db, id, patch.version, {
        ...changes,
        review,
        // An analyst who decides on a figure the engine no longer finds has checked it: the flag has done its work.
        unmatchedAt: null,
        updatedAt: new Date().toISOString(),
        updatedBy: actor.username,
      });
      if (!written) return refuse();
      refreshStatuses(db, [id], today);
      // A corrected metric or unit may name another indicator (an analyst's own assignment stays).
      if (changes.metric !== undefined || changes.normalizedUnit !== undefined) assignFigures(db, [id]);
      const after = getTarget(db, id);
      if (!after) throw new NotFoundError('Target', id);
      recordAudit(db, actor, {
        action: corrected ? 'target.correct' : 'target.review',
        entity: 'target',
        entityId: id,
        before: toTarget(current, today),
        after: toTarget(after, today),
        reason: patch.reason,
      });
      return { target: toTarget(after, today) };
    },
    { behavior: 'immediate' },
  );
  if ('conflict' in outcome) {
    throw new ConflictError(
      `Target ${id} was changed by someone else since version ${patch.version}; reload it and apply your change again.`,
      { current: outcome.conflict },
    );
  }
  return outcome.target;
}
