import { z } from 'zod';
import { type DocumentContext, DocumentContextSchema } from './record';
import { RegionCodeSchema } from './target';

/**
 * A document's genre as the engine decides it (server/extraction/lexicon.ts GENRES, plus newsletter and other):
 * it sets how its figures are read (a work report's goals fall due in its year, a plan's at its period's end).
 */
export const DOCUMENT_GENRES = [
  'work-report',
  'evaluation',
  'progress-report',
  'work-points',
  'five-year-plan',
  'action-plan',
  'opinion',
  'newsletter',
  'other',
] as const;
export type DocumentGenre = (typeof DOCUMENT_GENRES)[number];

/** The years a document or its plan period may name. */
const YearSchema = z.number().int().min(1949).max(2100);

export const PlanPeriodSchema = z
  .object({ start: YearSchema, end: YearSchema })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'the plan period must not end before it starts', path: ['end'] });
export type PlanPeriod = z.infer<typeof PlanPeriodSchema>;

/** What the engine decided about a document (ExtractionResult.context), as stored with it and shown. */
export { type DocumentContext, DocumentContextSchema };

/** What an analyst stated about a document (on upload or as a correction); null where the engine decides. */
export const StatedContextSchema = z.object({
  title: z.string().nullable(),
  regionCode: z.string().nullable(),
  genre: z.enum(DOCUMENT_GENRES).nullable(),
  year: z.number().int().nullable(),
  planPeriod: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
});
export type StatedContext = z.infer<typeof StatedContextSchema>;

/** A document's context as the document page shows it: decided, stated, and the version to correct it against. */
export const DocumentContextViewSchema = z.object({
  /** Null for a document read before contexts were kept (it gets one at its next re-extraction). */
  decided: DocumentContextSchema.nullable(),
  stated: StatedContextSchema,
  /** The document's version: a correction sends it back and is refused (409) when someone changed it since. */
  version: z.number().int(),
});
export type DocumentContextView = z.infer<typeof DocumentContextViewSchema>;

/**
 * `PATCH /api/documents/:id/context`: an analyst's correction of what the engine decided. A field left out keeps
 * its stated value; null clears it (the engine decides again from the text). `version` is the document version
 * the analyst saw.
 */
export const ContextPatchSchema = z
  .object({
    version: z.number().int().positive(),
    title: z.string().trim().min(1).max(300).nullable().optional(),
    regionCode: RegionCodeSchema.nullable().optional(),
    genre: z.enum(DOCUMENT_GENRES).nullable().optional(),
    year: YearSchema.nullable().optional(),
    planPeriod: PlanPeriodSchema.nullable().optional(),
    /** Why: shown in the audit log next to the change. */
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((p) => (['title', 'regionCode', 'genre', 'year', 'planPeriod'] as const).some((k) => p[k] !== undefined), {
    message: 'send at least one of title, regionCode, genre, year, planPeriod',
  });
export type ContextPatch = z.infer<typeof ContextPatchSchema>;

/** What a correction did: the document's new context and what happened to its figures. */
export const ContextCorrectionSchema = z.object({
  context: DocumentContextViewSchema,
  title: z.string(),
  figures: z.object({
    added: z.number().int(),
    kept: z.number().int(),
    changed: z.number().int(),
    gone: z.number().int(),
    flagged: z.number().int(),
  }),
});
export type ContextCorrection = z.infer<typeof ContextCorrectionSchema>;
