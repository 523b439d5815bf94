import { periodEndTime } from '../../../../shared/period';
import type { TargetDetail } from '../../../../shared/schemas/target';

export interface ActualPoint {
  t: number;
  value: number;
}

/**
 * The series of the actuals chart: current (not superseded) actuals in time order, the target's
 * reference value or band, and the expected trajectory from the baseline to the target at the deadline.
 */
export function actualsSeries(d: TargetDetail) {
  const tg = d.target;
  const points: ActualPoint[] = d.actuals
    .filter((a) => a.supersededBy === null)
    .map((a) => ({ t: periodEndTime(a.asOf), value: a.value }))
    .sort((a, b) => a.t - b.t);
  const band =
    tg.comparator === 'range' && tg.valueMax !== null
      ? { from: Math.min(tg.value, tg.valueMax), to: Math.max(tg.value, tg.valueMax) }
      : tg.comparator === '~'
        ? { from: tg.value * 0.95, to: tg.value * 1.05 }
        : null;
  const deadline = tg.deadline ? periodEndTime(tg.deadline) : null;
  const trajectory =
    tg.baselineValue !== null && tg.baselineDate && deadline !== null
      ? [
          { t: periodEndTime(tg.baselineDate), value: tg.baselineValue },
          { t: deadline, value: tg.value },
        ]
      : [];
  const times = [...points.map((p) => p.t), ...trajectory.map((p) => p.t), ...(deadline !== null ? [deadline] : [])];
  const domain: [number, number] | null = times.length ? [Math.min(...times), Math.max(...times)] : null;
  return { points, band, reference: band ? null : tg.value, trajectory, deadline, domain };
}
