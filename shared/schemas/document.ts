import { z } from 'zod';
import { KINDS } from '../taxonomy';

export const DocumentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  title: z.string(),
  issueDate: z.string().nullable(),
  sha256: z.string(),
  encoding: z.string(),
  size: z.number().int(),
  lineCount: z.number().int(),
  revision: z.number().int(),
  ingestedAt: z.string(),
  /** Who uploaded the current content; null for the seed texts and the ingest CLI. */
  uploadedBy: z.string().nullable(),
  /** The extraction engine's version that read the stored text (0: stored before versions were recorded). */
  engineVersion: z.number().int(),
  figures: z.number().int(),
});
export type DocumentInfo = z.infer<typeof DocumentSchema>;

export const ArticleSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  issuingBody: z.string().nullable(),
  region: z.string(),
  regionCode: z.string(),
  planStartYear: z.number().int().nullable(),
  planEndYear: z.number().int().nullable(),
  firstLine: z.number().int(),
  lastLine: z.number().int(),
});

export const LineFigureSchema = z.object({
  id: z.number().int(),
  kind: z.enum(KINDS),
  quote: z.string(),
  value: z.number(),
  unit: z.string(),
  confidence: z.number(),
  review: z.string(),
});

export const DocumentDetailSchema = z.object({
  document: DocumentSchema,
  articles: z.array(ArticleSchema),
  lines: z.array(z.object({ line: z.number().int(), text: z.string(), figures: z.array(LineFigureSchema) })),
});
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;

/**
 * What an ingest did: `created`, `unchanged` (same content again: a no-op) or `updated`. Of the figures: `kept`
 * were matched to stored ones (same id, actuals and review), `gone` vanished and were marked so, `flagged`
 * vanished but stay live, flagged, because an analyst reviewed them or entered actuals.
 */
export const IngestResultSchema = z.object({
  outcome: z.enum(['created', 'unchanged', 'updated']),
  document: DocumentSchema,
  figures: z.object({
    added: z.number().int(),
    kept: z.number().int(),
    gone: z.number().int(),
    flagged: z.number().int(),
  }),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;
