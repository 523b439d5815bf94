import { z } from 'zod';
import { COMPARATORS, STATUSES, type Status, THEME_KEYS } from '../taxonomy';
import { SearchTextSchema } from './common';
import { RegionSchema } from './region';
import { SummarySchema } from './summary';
import { LatestActualSchema, RegionCodeSchema, TargetFiltersSchema } from './target';

/**
 * Statuses that mean "behind": everything but reached, on track and nothing to judge by. Derived from STATUSES
 * so a status added or split there (missed / unreported) counts as behind without a change here.
 */
const NOT_BEHIND: readonly Status[] = ['achieved', 'on_track', 'no_data'];
export const BEHIND_STATUSES: readonly Status[] = STATUSES.filter((s) => !NOT_BEHIND.includes(s));
export const isBehind = (s: Status) => BEHIND_STATUSES.includes(s);

const StatusCountsSchema = z.record(z.enum(STATUSES), z.number().int());

/** A name or synonym: one line of text, not empty. */
const NameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

export const IndicatorSchema = z.object({
  id: z.number().int(),
  /** Stable key of a shipped indicator; null for one an analyst created. */
  key: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  /** The normalised unit its figures are stated in. */
  unit: z.string(),
  theme: z.enum(THEME_KEYS),
  synonyms: z.array(z.string()),
  /** Live figures assigned to it. */
  targetCount: z.number().int(),
  /** Distinct regions with a live figure assigned to it. */
  regionCount: z.number().int(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema), total: z.number().int() });
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

export const IndicatorListQuerySchema = z
  .object({
    /** Substring of the name, English name or a synonym. */
    q: SearchTextSchema.optional(),
    theme: z.enum(THEME_KEYS).optional(),
  })
  .strict();
export type IndicatorListQuery = z.infer<typeof IndicatorListQuerySchema>;

/** One region's figure for an indicator: its representative target (latest deadline) and where it stands. */
export const IndicatorRegionRowSchema = z.object({
  regionCode: z.string(),
  region: z.string(),
  regionEn: z.string(),
  level: z.enum(['country', 'province', 'city', 'district']),
  targetId: z.number().int(),
  documentId: z.number().int(),
  metric: z.string(),
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  valueMax: z.number().nullable(),
  unit: z.string(),
  normalizedValue: z.number(),
  normalizedUnit: z.string(),
  deadline: z.string().nullable(),
  latestActual: LatestActualSchema.nullable(),
  progress: z.number().nullable(),
  expectedProgress: z.number().nullable(),
  status: z.enum(STATUSES),
  /** How many of the region's live targets count towards the indicator (with the filter's deadline year). */
  targetCount: z.number().int(),
});
export type IndicatorRegionRow = z.infer<typeof IndicatorRegionRowSchema>;

export const IndicatorDetailQuerySchema = z
  .object({
    /** Only regions of this level (provinces, cities or districts). */
    level: z.enum(['province', 'city', 'district']).optional(),
    /** Only targets due in this year. */
    year: z
      .string()
      .regex(/^\d{4}$/, 'year must be YYYY')
      .optional(),
  })
  .strict();
export type IndicatorDetailQuery = z.infer<typeof IndicatorDetailQuerySchema>;

export const IndicatorDetailSchema = z.object({
  indicator: IndicatorSchema,
  /** The national (全国) targets for the indicator, latest deadline first. */
  national: z.array(IndicatorRegionRowSchema),
  /** One row per region, ranked by progress (highest first; no progress last). */
  regions: z.array(IndicatorRegionRowSchema),
  /** Statuses of `regions`. */
  byStatus: StatusCountsSchema,
});
export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;

export const NewIndicatorSchema = z
  .object({
    name: NameSchema,
    nameEn: NameSchema.optional(),
    unit: z.string().trim().max(20),
    theme: z.enum(THEME_KEYS),
    synonyms: z.array(NameSchema).max(50).default([]),
  })
  .strict();
export type NewIndicator = z.infer<typeof NewIndicatorSchema>;

/** An analyst's assignment of a target: an indicator, or `null` for "none" (the engine will not assign it). */
export const TargetIndicatorSchema = z
  .object({ indicatorId: z.number().int().positive().nullable(), reason: z.string().max(500).optional() })
  .strict();
export type TargetIndicator = z.infer<typeof TargetIndicatorSchema>;

export const TargetIndicatorResultSchema = z.object({
  targetId: z.number().int(),
  indicatorId: z.number().int().nullable(),
  indicatorManual: z.boolean(),
});

/** Merge indicator `from` into the one in the path: its synonyms and targets move, it is deleted. */
export const MergeIndicatorSchema = z.object({ from: z.number().int().positive() }).strict();

/** Split chosen targets (and, optionally, synonyms) of the indicator in the path off into a new indicator. */
export const SplitIndicatorSchema = z
  .object({
    name: NameSchema,
    nameEn: NameSchema.optional(),
    targetIds: z.array(z.number().int().positive()).min(1).max(10_000),
    synonyms: z.array(NameSchema).max(50).default([]),
  })
  .strict();
export type SplitIndicator = z.infer<typeof SplitIndicatorSchema>;

export const RegionCodeParamSchema = z.object({ code: RegionCodeSchema });

/** The region overview takes the list's filters; the region itself comes from the path. */
export const RegionOverviewQuerySchema = TargetFiltersSchema;

/** A region's figure and the national one for the same indicator. */
export const RegionComparisonSchema = z.object({
  indicator: z.object({ id: z.number().int(), name: z.string(), nameEn: z.string(), unit: z.string() }),
  own: IndicatorRegionRowSchema,
  national: IndicatorRegionRowSchema.nullable(),
});

export const RegionOverviewSchema = z.object({
  region: RegionSchema,
  /** From the country down to the region's parent, for a breadcrumb. */
  parents: z.array(RegionSchema),
  /** Counts, status mix, themes and the region's children (cities of a province) each with its status mix. */
  summary: SummarySchema,
  /** The region's figures that count towards an indicator, beside the national target for it. */
  comparison: z.array(RegionComparisonSchema),
});
export type RegionOverview = z.infer<typeof RegionOverviewSchema>;
