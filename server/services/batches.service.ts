import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/schemas/auth';
import { type BulkPatch, type BulkResult, CORRECTABLE_FIELDS, type Target } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { AppError, BadRequestError, NotFoundError } from '../lib/errors';
import { auditOfBatch } from '../repos/audit.repo';
import { getTargetsById, type NewTargetRow, type TargetRow, updateTargetsIfVersion } from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { refreshStatuses } from './status.service';
import { correctionsOf, toTarget } from './targets.service';

// Bulk changes (issue 14): one decision or correction applied to many targets in one transaction, every record
// audited with the batch id, and the batch undone the same way. Optimistic concurrency as for one target: a
// stale version is reported with the current record and never overwritten.

interface Write {
  id: number;
  version: number;
  set: Partial<NewTargetRow>;
  before: TargetRow;
  action: 'target.correct' | 'target.review' | 'target.undo';
}

/** What an undo puts back from a record's snapshot before the batch: the fields an analyst may change. */
const REVERTED_FIELDS: readonly string[] = [...CORRECTABLE_FIELDS, 'review', 'unmatchedAt'];

/**
 * A batch's audit entry holds the fields it changed (old and new), with the figure's id, metric, version and
 * decision: an undo needs no more (the version check guarantees the rest is as the batch left it), and a whole
 * 40-field snapshot twice over was most of what a 1,000-target batch wrote to disk.
 */
function snapshot(row: TargetRow, w: Write): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    metric: row.metric,
    version: row.version,
    review: row.review,
    unmatchedAt: row.unmatchedAt,
  };
  const r = row as unknown as Record<string, unknown>;
  for (const key of Object.keys(w.set)) if (REVERTED_FIELDS.includes(key)) out[key] = r[key];
  return out;
}

/** The fields a target's progress and status are computed from (status.service statusOf). */
const STATUS_INPUTS = [
  'kind',
  'comparator',
  'value',
  'valueMax',
  'baselineValue',
  'baselineDate',
  'deadline',
  'perYear',
] as const;
/** Of the review decisions only a rejection counts: a rejected figure is not tracked. */
const movesStatus = (w: Write) =>
  STATUS_INPUTS.some((k) => k in w.set && w.set[k] !== w.before[k]) ||
  (w.set.review !== undefined && (w.set.review === 'rejected') !== (w.before.review === 'rejected'));

/**
 * Writes the planned changes, refreshes the statuses of the targets whose status inputs changed (a region or
 * theme correction moves none), and audits each written record with the batch id.
 */
function applyWrites(
  db: Db,
  actor: Actor,
  writes: Write[],
  today: string,
  audit: { batchId: string; reason: string },
): number[] {
  const written = updateTargetsIfVersion(db, writes);
  const byId = new Map(writes.map((w) => [w.id, w]));
  refreshStatuses(
    db,
    written.filter((id) => {
      const w = byId.get(id);
      return w !== undefined && movesStatus(w);
    }),
    today,
  );
  const afters = getTargetsById(db, written);
  const at = new Date();
  for (const id of written) {
    const w = byId.get(id);
    const after = afters.get(id);
    if (!w || !after) throw new NotFoundError('Target', id);
    recordAudit(
      db,
      actor,
      {
        action: w.action,
        entity: 'target',
        entityId: id,
        before: snapshot(w.before, w),
        after: snapshot(after, w),
        reason: audit.reason,
        batchId: audit.batchId,
      },
      at,
    );
  }
  return written;
}

/**
 * `PATCH /api/targets`: the same decision and/or corrected fields on every named target whose version is still
 * the one sent. A correction without a decision marks a target `corrected` (as for one target), which keeps it
 * from being overwritten by a re-extraction. A target whose version moved on is listed as a conflict with its
 * current record (and the refused attempt audited); a target that the change would leave as it is is neither
 * written nor audited. A field that cannot be applied to one of the targets (a range left without its upper
 * end) refuses the whole batch, naming that target: nothing is written.
 */
export function bulkUpdate(db: Db, actor: Actor, patch: BulkPatch, today: string): BulkResult {
  const batchId = randomUUID();
  const now = new Date().toISOString();
  // IMMEDIATE for the reason reviewTarget gives: it reads the versions before it writes.
  return db.transaction(
    () => {
      const conflicts: BulkResult['conflicts'] = [];
      const writes: Write[] = [];
      const currents = getTargetsById(
        db,
        patch.items.map((i) => i.id),
      );
      for (const item of patch.items) {
        const current = currents.get(item.id);
        if (!current) throw new NotFoundError('Target', item.id);
        if (current.version !== item.version) {
          const now = toTarget(current, today);
          conflicts.push({ id: item.id, current: now });
          recordAudit(db, actor, {
            action: 'target.conflict',
            entity: 'target',
            entityId: item.id,
            before: now,
            after: { ...patch.set, version: item.version },
            reason: patch.reason,
            batchId,
          });
          continue;
        }
        let changes: Partial<NewTargetRow>;
        try {
          changes = correctionsOf(current, patch.set);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          throw new BadRequestError(
            `Target ${item.id}: ${err.message} Nothing was changed.`,
            { id: item.id, details: err.details },
            err.code,
          );
        }
        const corrected = Object.keys(changes).length > 0;
        const review = patch.set.review ?? (corrected ? 'corrected' : current.review);
        if (!corrected && review === current.review) continue;
        writes.push({
          id: item.id,
          version: item.version,
          before: current,
          set: { ...changes, review, unmatchedAt: null, updatedAt: now, updatedBy: actor.username },
          action: corrected ? 'target.correct' : 'target.review',
        });
      }
      const updated = applyWrites(db, actor, writes, today, {
        batchId,
        reason: patch.reason,
      });
      return { batchId, updated, conflicts };
    },
    { behavior: 'immediate' },
  );
}

const UNDOABLE = new Set(['target.correct', 'target.review', 'target.undo']);

/**
 * `POST /api/batches/:batchId/undo`: puts every record a batch wrote back as it was before, if nobody changed
 * it since (its version is still the batch's `after`); the others are listed as conflicts and left alone. The
 * undo is a batch of its own (so it can be undone in turn), each record audited as `target.undo`.
 */
export function undoBatch(db: Db, actor: Actor, batchId: string, today: string): BulkResult & { undid: string } {
  const newBatchId = randomUUID();
  const now = new Date().toISOString();
  return db.transaction(
    () => {
      const all = auditOfBatch(db, batchId);
      if (!all.length) throw new NotFoundError('Batch', batchId);
      const entries = all.filter((e) => UNDOABLE.has(e.action));
      const conflicts: BulkResult['conflicts'] = [];
      const writes: Write[] = [];
      const currents = getTargetsById(
        db,
        entries.map((e) => Number(e.entityId)),
      );
      for (const e of entries) {
        const id = Number(e.entityId);
        const before = JSON.parse(e.before ?? 'null') as Target | null;
        const after = JSON.parse(e.after ?? 'null') as Target | null;
        const current = currents.get(id);
        if (!current || !before || !after) continue;
        if (current.version !== after.version) {
          conflicts.push({ id, current: toTarget(current, today) });
          continue;
        }
        const set: Record<string, unknown> = {};
        const was = before as unknown as Record<string, unknown>;
        for (const key of REVERTED_FIELDS) if (key in was) set[key] = was[key];
        writes.push({
          id,
          version: current.version,
          before: current,
          set: { ...(set as Partial<NewTargetRow>), updatedAt: now, updatedBy: actor.username },
          action: 'target.undo',
        });
      }
      const updated = applyWrites(db, actor, writes, today, {
        batchId: newBatchId,
        reason: `Undo of batch ${batchId}`,
      });
      return { batchId: newBatchId, undid: batchId, updated, conflicts };
    },
    { behavior: 'immediate' },
  );
}
