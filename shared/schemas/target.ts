import { z } from 'zod';
import { BINDINGS, COMPARATORS, KINDS, REVIEW_STATUSES, STATUSES, THEME_KEYS } from '../taxonomy';
import { IsoDateSchema, paged, SearchTextSchema, yearInRange } from './common';
import { DeadlineSchema, RecordReasonsSchema } from './record';

export const RegionCodeSchema = z.string().regex(/^\d{6}$/, 'region must be a six-digit GB/T 2260 code');

/** A deadline bound in a filter: `YYYY` or `YYYY-MM`. */
const DeadlineBoundSchema = DeadlineSchema;

export const TARGET_SORTS = [
  /** Best match first (bm25); only with `q`. Without an explicit sort a search is ordered so. */
  'relevance',
  'id',
  'deadline',
  'region',
  'theme',
  'metric',
  'value',
  'progress',
  'status',
  'confidence',
  'updatedAt',
] as const;

/**
 * Several values of one filter: `theme=network,compute` (or the key repeated), distinct, at least one. A URL
 * and the API carry them as one comma-separated value, so a filter that took one value still takes it.
 */
export function multiValueSchema<T extends string>(values: readonly [T, ...T[]]) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v.join(',') : v),
    z
      .string()
      .transform((s) => [...new Set(s.split(',').map((x) => x.trim()))].filter((x) => x !== ''))
      .pipe(z.array(z.enum(values)).min(1, `give at least one of: ${values.join(', ')}`)),
  );
}

/**
 * Filters shared by the list, the summary and the CSV export. `region` is a GB/T 2260 code and
 * includes everything below it (a province includes its cities and districts); `theme` and `status` take
 * several values (any of them matches).
 */
const filterShape = {
  region: RegionCodeSchema.optional(),
  theme: multiValueSchema(THEME_KEYS).optional(),
  kind: z.enum(KINDS).optional(),
  status: multiValueSchema(STATUSES).optional(),
  binding: z.enum(BINDINGS).optional(),
  review: z.enum(REVIEW_STATUSES).optional(),
  deadlineFrom: DeadlineBoundSchema.optional(),
  deadlineTo: DeadlineBoundSchema.optional(),
  document: z.coerce.number().int().positive().optional(),
  /** Targets whose latest actual is dated before this day: the stale ones, with the summary's `staleBefore`. */
  reportedBefore: IsoDateSchema.optional(),
  q: SearchTextSchema.optional(),
  /** Figures that a later version of their document no longer contains are hidden unless asked for. */
  includeGone: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
};

const deadlineOrder = {
  check: (f: { deadlineFrom?: string; deadlineTo?: string }) =>
    !f.deadlineFrom || !f.deadlineTo || f.deadlineFrom <= f.deadlineTo,
  params: { message: 'deadlineFrom must not be after deadlineTo', path: ['deadlineFrom'] },
};

export const TargetFiltersSchema = z.object(filterShape).strict().refine(deadlineOrder.check, deadlineOrder.params);
export type TargetFilters = z.infer<typeof TargetFiltersSchema>;

const listShape = {
  ...filterShape,
  /** Unset: by relevance when searching (`q`), else by id. */
  sort: z.enum(TARGET_SORTS).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

export const TargetListQuerySchema = z.object(listShape).strict().refine(deadlineOrder.check, deadlineOrder.params);
export type TargetListQuery = z.infer<typeof TargetListQuerySchema>;

/** The language a file for people (an export, a template, an import's messages) is written in. */
export const LangSchema = z.enum(['zh', 'en']);
export type Lang = z.infer<typeof LangSchema>;

/**
 * The exports take exactly what the list takes (so every filter the list gains flows through) and the
 * reader's language; page and pageSize are accepted, so a list's URL can be passed whole, and ignored.
 */
export const TargetExportQuerySchema = z
  .object({ ...listShape, lang: LangSchema.default('zh') })
  .strict()
  .refine(deadlineOrder.check, deadlineOrder.params);
export type TargetExportQuery = z.infer<typeof TargetExportQuerySchema>;

export const LatestActualSchema = z.object({ id: z.number().int(), value: z.number(), asOf: z.string() });

/** A row of the metrics table as the API serves it. */
export const TargetSchema = z.object({
  id: z.number().int(),
  documentId: z.number().int(),
  articleId: z.number().int().nullable(),
  sourceFile: z.string(),
  line: z.number().int(),
  quote: z.string(),
  kind: z.enum(KINDS),
  article: z.string(),
  region: z.string(),
  /** English name of the region, for the English dashboard. */
  regionEn: z.string(),
  regionCode: z.string(),
  theme: z.enum(THEME_KEYS),
  metric: z.string(),
  comparator: z.enum(COMPARATORS),
  value: z.number(),
  valueMax: z.number().nullable(),
  unit: z.string(),
  normalizedValue: z.number(),
  normalizedUnit: z.string(),
  deadline: z.string().nullable(),
  perYear: z.boolean(),
  confidence: z.number(),
  review: z.enum(REVIEW_STATUSES),
  baselineValue: z.number().nullable(),
  baselineDate: z.string().nullable(),
  binding: z.enum(BINDINGS),
  /** Why the engine decided region, kind and deadline; null for figures stored before reasons were kept. */
  reasons: RecordReasonsSchema.nullable(),
  fingerprint: z.string(),
  goneAt: z.string().nullable(),
  /**
   * When a re-extraction (or a new version of the document) stopped finding this figure, which an analyst had
   * reviewed or entered actuals for: it stays live and is shown flagged until found again or decided on.
   */
  unmatchedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who last reviewed or corrected the figure; null while it is as extracted. */
  updatedBy: z.string().nullable(),
  latestActual: LatestActualSchema.nullable(),
  /** % of the way from baseline to target reached by the latest actual (see shared/status.ts). */
  progress: z.number().nullable(),
  expectedProgress: z.number().nullable(),
  status: z.enum(STATUSES),
  /** The as-of date of the latest actual (when it was last reported on); null when nothing was. */
  lastReportedAt: z.string().nullable(),
  /** The latest actual is older than the configured age (ZHIBIAO_STALE_AFTER_DAYS, 365 by default). */
  stale: z.boolean(),
  /** The indicator the figure counts towards (null: none); `indicatorManual` when an analyst decided it. */
  indicatorId: z.number().int().nullable(),
  indicatorManual: z.boolean(),
});
export type Target = z.infer<typeof TargetSchema>;

export const TargetListSchema = paged(TargetSchema);
export type TargetList = z.infer<typeof TargetListSchema>;

export const ActualSchema = z.object({
  id: z.number().int(),
  targetId: z.number().int(),
  value: z.number(),
  asOf: z.string(),
  note: z.string().nullable(),
  enteredBy: z.string(),
  enteredAt: z.string(),
  supersededBy: z.number().int().nullable(),
});
export type Actual = z.infer<typeof ActualSchema>;

export const SourceLineSchema = z.object({ line: z.number().int(), text: z.string() });

export const TargetDetailSchema = z.object({
  target: TargetSchema,
  /** The lines around the figure in its document, so a reader sees the sentence it came from. */
  context: z.object({
    documentId: z.number().int(),
    fileName: z.string(),
    documentTitle: z.string(),
    /** PDF: the page the figure's line stands on (“第3页 第88行”); null for other formats. */
    page: z.number().int().nullable(),
    lines: z.array(SourceLineSchema),
  }),
  actuals: z.array(ActualSchema),
});
export type TargetDetail = z.infer<typeof TargetDetailSchema>;

/** What an analyst may decide about an extracted figure; `extracted` is only ever set by the engine. */
export const REVIEW_DECISIONS = ['confirmed', 'rejected', 'corrected'] as const;

/** A baseline's date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year means its end, as status.ts reads it). */
export const BaselineDateSchema = z.union([
  DeadlineSchema.refine(yearInRange, 'the year must be between 1900 and 2100'),
  IsoDateSchema,
]);

const finite = z.number().finite();

/** The fields of a target an analyst may correct; the rest (source line, quote, fingerprint…) is provenance. */
const correctableShape = {
  kind: z.enum(KINDS),
  article: z.string().trim().min(1).max(500),
  region: z.string().trim().min(1).max(100),
  regionCode: RegionCodeSchema,
  theme: z.enum(THEME_KEYS),
  metric: z.string().trim().min(1).max(300),
  comparator: z.enum(COMPARATORS),
  value: finite,
  valueMax: finite.nullable(),
  unit: z.string().trim().max(30),
  normalizedValue: finite,
  normalizedUnit: z.string().trim().max(30),
  deadline: DeadlineSchema.refine(yearInRange, 'the year must be between 1900 and 2100').nullable(),
  perYear: z.boolean(),
  baselineValue: finite.nullable(),
  baselineDate: BaselineDateSchema.nullable(),
  binding: z.enum(BINDINGS),
};
export const CORRECTABLE_FIELDS = Object.keys(correctableShape) as (keyof typeof correctableShape)[];

/**
 * `PATCH /api/targets/:id`: a review decision and/or corrected fields. `version` is the version the client
 * last saw: when someone else has changed the target since, nothing is written and the answer is 409 with
 * the current record. A field change without an explicit `review` marks the target `corrected`.
 */
export const TargetPatchSchema = z
  .object(correctableShape)
  .partial()
  .extend({
    version: z.number().int().positive(),
    /** Why: shown in the audit log next to the change. */
    reason: z.string().trim().min(1).max(2000),
    review: z.enum(REVIEW_DECISIONS).optional(),
  })
  .strict()
  .refine((p) => p.review !== undefined || CORRECTABLE_FIELDS.some((k) => p[k] !== undefined), {
    message: 'send a review decision or at least one field to correct',
  })
  .refine((p) => p.value === undefined || p.valueMax === undefined || p.valueMax === null || p.valueMax >= p.value, {
    message: 'valueMax must not be below value',
    path: ['valueMax'],
  });
export type TargetPatch = z.infer<typeof TargetPatchSchema>;

/** The most records one bulk change may name: a whole national plan's figures, and a request under 1 MB. */
export const BULK_MAX_ITEMS = 5000;

/**
 * `PATCH /api/targets`: one decision and/or correction applied to many targets, each named with the version
 * the client saw. Stale versions are reported as conflicts with the current record and never overwritten; the
 * rest are written in one transaction, each audited with the batch id so the batch can be undone.
 */
export const BulkPatchSchema = z
  .object({
    items: z
      .array(z.object({ id: z.number().int().positive(), version: z.number().int().positive() }).strict())
      .min(1)
      .max(BULK_MAX_ITEMS)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'each target may be named once'),
    set: z
      .object(correctableShape)
      .partial()
      .extend({ review: z.enum(REVIEW_DECISIONS).optional() })
      .strict()
      .refine((p) => Object.values(p).some((v) => v !== undefined), 'set a review decision or at least one field'),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();
export type BulkPatch = z.infer<typeof BulkPatchSchema>;

/** A target that someone changed since the version the client sent: left as it is, with what it is now. */
export const BulkConflictSchema = z.object({ id: z.number().int(), current: TargetSchema });

/** What a bulk change or an undo did: the ids written, the conflicts left alone, the batch to undo it by. */
export const BulkResultSchema = z.object({
  batchId: z.string(),
  updated: z.array(z.number().int()),
  conflicts: z.array(BulkConflictSchema),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** `POST /api/batches/:batchId/undo`. */
export const BatchParamSchema = z.object({ batchId: z.uuid() });

/**
 * `POST /api/targets/:id/actuals`: a reported figure, in the target's unit, as of a day. `supersedes` names
 * an earlier actual of the same target that this one corrects; that row stays in the history.
 */
export const NewActualSchema = z
  .object({
    value: finite,
    asOf: IsoDateSchema,
    note: z.string().trim().max(2000).nullable().optional(),
    supersedes: z.number().int().positive().optional(),
  })
  .strict();
export type NewActual = z.infer<typeof NewActualSchema>;

/** The stored actual and the target with its new latest actual, progress and status. */
export const ActualAddedSchema = z.object({ actual: ActualSchema, target: TargetSchema });
export type ActualAdded = z.infer<typeof ActualAddedSchema>;

/** `POST /api/actuals/import?dryRun=1` checks every row and writes nothing. */
export const ImportQuerySchema = z
  .object({
    dryRun: z
      .enum(['0', '1', 'true', 'false'])
      .transform((v) => v === '1' || v === 'true')
      .optional(),
    /** The language of the messages (the UI's); English by default for API clients. */
    lang: LangSchema.optional(),
  })
  .strict();

/** A row of an import that cannot be stored, by its row number in the file (the header is row 1). */
export const ImportRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

/** A row the import left out because its target already has that value as of that date (a sheet imported twice). */
export const ImportSkippedRowSchema = z.object({
  row: z.number().int(),
  targetId: z.number().int(),
  actualId: z.number().int(),
});

/**
 * What an import did. All or nothing: `imported` is 0 unless every row was valid. A dry run, or an
 * import with errors, lists every row error and writes nothing. Rows already recorded are `skipped`, not
 * stored twice.
 */
export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  format: z.enum(['csv', 'xlsx']),
  rows: z.number().int(),
  imported: z.number().int(),
  skipped: z.array(ImportSkippedRowSchema),
  errors: z.array(ImportRowErrorSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
