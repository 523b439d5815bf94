import type { Actor } from '../../shared/schemas/auth';
import type { Actual, ActualAdded, NewActual } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors';
import { actualsOfTarget, appendActual, getActual, latestActual } from '../repos/actuals.repo';
import { getTarget, setLatestActual } from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { refreshStatuses } from './status.service';
import { toTarget } from './targets.service';

/** A target's whole actuals history, newest first, superseded rows included. */
export function actualsHistory(db: Db, targetId: number): Actual[] {
  if (!getTarget(db, targetId)) throw new NotFoundError('Target', targetId);
  return actualsOfTarget(db, targetId);
}

/**
 * Records a reported actual, or a correction of an earlier one (`supersedes`), and in the same transaction
 * moves the target's denormalised latest actual and recomputes its status. Actuals are append-only: a
 * correction is a new row and the old one only learns which row replaced it. Superseding a row someone
 * has already superseded is refused (409), so two analysts correcting one figure cannot both win.
 * Adding an actual does not change the target's `version`: it is not an edit of the target's fields.
 */
export function addActual(db: Db, actor: Actor, targetId: number, input: NewActual, today: string): ActualAdded {
  if (input.asOf > today) {
    throw new BadRequestError(`asOf ${input.asOf} is in the future.`, undefined, 'AS_OF_IN_FUTURE');
  }
  // IMMEDIATE takes the write lock before the first read. Under a deferred BEGIN, a commit by another server
  // process (serve.ts runs several) between this transaction's first read and its first write makes SQLite
  // refuse the upgrade to a write at once — SQLITE_BUSY, without waiting out the busy timeout — and the request
  // fails with a 500.
  return db.transaction(
    () => {
      const target = getTarget(db, targetId);
      if (!target) throw new NotFoundError('Target', targetId);
      const old = input.supersedes === undefined ? undefined : getActual(db, input.supersedes);
      if (input.supersedes !== undefined) {
        if (!old || old.targetId !== targetId) {
          throw new BadRequestError(
            `Actual ${input.supersedes} is not an actual of target ${targetId}.`,
            undefined,
            'NOT_AN_ACTUAL_OF_TARGET',
          );
        }
        if (old.supersededBy !== null) {
          throw new ConflictError(`Actual ${old.id} has already been superseded by actual ${old.supersededBy}.`, {
            current: getActual(db, old.supersededBy),
          });
        }
      }
      const added = appendActual(
        db,
        { targetId, value: input.value, asOf: input.asOf, note: input.note ?? null, enteredBy: actor.username },
        input.supersedes,
      );
      const latest = latestActual(db, targetId);
      setLatestActual(db, targetId, latest, new Date().toISOString());
      refreshStatuses(db, [targetId], today);
      recordAudit(db, actor, {
        action: 'actual.add',
        entity: 'actual',
        entityId: added.id,
        after: added,
        reason: input.note,
      });
      if (old) {
        recordAudit(db, actor, {
          action: 'actual.supersede',
          entity: 'actual',
          entityId: old.id,
          before: old,
          after: getActual(db, old.id),
          reason: input.note,
        });
      }
      const after = getTarget(db, targetId);
      if (!after) throw new NotFoundError('Target', targetId);
      return { actual: added, target: toTarget(after, today) };
    },
    { behavior: 'immediate' },
  );
}
