import { z } from 'zod';
import { STATUSES, THEME_KEYS } from '../taxonomy';

const StatusCountsSchema = z.record(z.enum(STATUSES), z.number().int());

const GroupSchema = z.object({
  count: z.number().int(),
  /** Mean of progress clamped to [0, 100] over the group's targets that have any progress. */
  meanProgress: z.number().nullable(),
  /** How many of the group's targets have any progress: what `meanProgress` rests on. */
  reported: z.number().int(),
  byStatus: StatusCountsSchema,
});

/** Counts and mean progress of the filtered targets, grouped for the dashboard's charts. */
export const SummarySchema = z.object({
  total: z.number().int(),
  meanProgress: z.number().nullable(),
  byStatus: StatusCountsSchema,
  /** Grouped one level below the region filter: provinces nationally, cities within a province. */
  byRegion: z.array(GroupSchema.extend({ regionCode: z.string(), region: z.string(), regionEn: z.string() })),
  byTheme: z.array(GroupSchema.extend({ theme: z.enum(THEME_KEYS) })),
  byDeadlineYear: z.array(GroupSchema.extend({ year: z.string().nullable() })),
  matrix: z.array(
    z.object({
      regionCode: z.string(),
      theme: z.enum(THEME_KEYS),
      count: z.number().int(),
      meanProgress: z.number().nullable(),
    }),
  ),
});
export type Summary = z.infer<typeof SummarySchema>;

/**
 * `GET /api/summary/stale` (same filters as the summary): how many targets have a latest actual older than the
 * configured age (docs/status.md), whatever their status. Apart from the summary because it moves with every new
 * actual's date, which the rollup does not record: the summary stays a few log rows behind a write, this a count.
 */
export const StaleSummarySchema = z.object({
  stale: z.number().int(),
  /** The configured age, in days, so the page can say what stale means. */
  staleAfterDays: z.number().int(),
  /** The first day that is not stale: the list of the stale ones is `reportedBefore=<staleBefore>`. */
  staleBefore: z.string(),
});
export type StaleSummary = z.infer<typeof StaleSummarySchema>;
