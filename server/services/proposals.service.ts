import { periodEndDate } from '../../shared/period';
import type { Actor } from '../../shared/schemas/auth';
import type { Proposal } from '../../shared/schemas/proposal';
import type { ActualAdded } from '../../shared/schemas/target';
import { metricSimilarity } from '../../shared/similarity';
import type { Db } from '../db/client';
import { BadRequestError, NotFoundError } from '../lib/errors';
import { actualsOfTarget } from '../repos/actuals.repo';
import { reportedFigures } from '../repos/targets.lookup.repo';
import { getTarget, type TargetRow } from '../repos/targets.repo';
import { addActual } from './actuals.service';

/** Below this, two metric names are too unlike for a figure to be proposed (Dice over character pairs). */
export const MIN_SIMILARITY = 0.5;

/** A figure's value in the target's unit, through the normalised values both carry. */
function inTargetUnit(figure: TargetRow, target: TargetRow): number {
  if (figure.unit === target.unit) return figure.value;
  const scale = target.value !== 0 ? target.normalizedValue / target.value : 1;
  return Math.round((figure.normalizedValue / scale) * 1e6) / 1e6;
}

function proposalsFor(db: Db, target: TargetRow, today: string): Proposal[] {
  if (target.kind !== 'target') return [];
  const have = new Set(actualsOfTarget(db, target.id).map((a) => `${a.value}|${a.asOf}`));
  const out: Proposal[] = [];
  for (const f of reportedFigures(db, target.regionCode, target.normalizedUnit)) {
    if (!f.deadline) continue;
    const similarity = metricSimilarity(f.metric, target.metric);
    if (similarity < MIN_SIMILARITY) continue;
    const asOf = periodEndDate(f.deadline);
    if (asOf === null) continue;
    const value = inTargetUnit(f, target);
    // Already recorded (accepted before, or entered by hand with the same figure and date).
    if (asOf > today || have.has(`${value}|${asOf}`)) continue;
    out.push({
      figureId: f.id,
      metric: f.metric,
      quote: f.quote,
      sourceFile: f.sourceFile,
      line: f.line,
      article: f.article,
      value,
      asOf,
      similarity: Math.round(similarity * 100) / 100,
    });
  }
  return out.sort((a, b) => b.similarity - a.similarity || b.asOf.localeCompare(a.asOf));
}

/** Reported figures from the texts that may be this target's actuals, most alike first. */
export function listProposals(db: Db, targetId: number, today: string): Proposal[] {
  const target = getTarget(db, targetId);
  if (!target) throw new NotFoundError('Target', targetId);
  return proposalsFor(db, target, today);
}

/** Records a proposed figure as an actual of the target, citing where it was read. */
export function acceptProposal(db: Db, actor: Actor, targetId: number, figureId: number, today: string): ActualAdded {
  const target = getTarget(db, targetId);
  if (!target) throw new NotFoundError('Target', targetId);
  const p = proposalsFor(db, target, today).find((x) => x.figureId === figureId);
  if (!p) {
    throw new BadRequestError(
      `Figure ${figureId} is not a proposed actual of target ${targetId} (another region, unit or metric, or already recorded).`,
      undefined,
      'NOT_PROPOSED',
    );
  }
  return addActual(
    db,
    actor,
    targetId,
    { value: p.value, asOf: p.asOf, note: `${p.article}（${p.sourceFile} 第${p.line}行）：${p.quote}` },
    today,
  );
}
