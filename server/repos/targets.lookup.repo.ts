import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { targets } from '../db/schema';
import type { TargetRow } from './targets.repo';

// Lookups by meaning rather than id: figures reported for a metric, targets an imported row names.

/** Reported figures (kind `actual`) of a region in a normalised unit: candidates to propose as a target's actuals. */
export function reportedFigures(db: Db, regionCode: string, normalizedUnit: string): TargetRow[] {
  return db
    .select()
    .from(targets)
    .where(
      and(
        eq(targets.regionCode, regionCode),
        eq(targets.kind, 'actual'),
        eq(targets.normalizedUnit, normalizedUnit),
        ne(targets.review, 'rejected'),
        isNull(targets.goneAt),
      ),
    )
    .all();
}

/**
 * Targets named the way statistics offices' sheets name them: region (GB/T 2260 code or name as
 * stored), metric and deadline, each exactly. Rejected and vanished figures are not candidates.
 */
export function findTargetIdsByKey(db: Db, key: { region: string; metric: string; deadline: string }): number[] {
  const region = /^\d{6}$/.test(key.region) ? eq(targets.regionCode, key.region) : eq(targets.region, key.region);
  return db
    .select({ id: targets.id })
    .from(targets)
    .where(
      and(
        region,
        eq(targets.metric, key.metric),
        eq(targets.deadline, key.deadline),
        eq(targets.kind, 'target'),
        ne(targets.review, 'rejected'),
        isNull(targets.goneAt),
      ),
    )
    .all()
    .map((r) => r.id);
}
