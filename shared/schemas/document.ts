import { z } from 'zod';
import { KINDS } from '../taxonomy';
import { DocumentContextViewSchema } from './context';
import { RegionCodeSchema } from './target';

/** Formats an upload may have: `.txt`, `.pdf`, `.docx`, `.html`/`.htm`. */
export const SOURCE_FORMATS = ['txt', 'pdf', 'docx', 'html'] as const;
export type SourceFormatName = (typeof SOURCE_FORMATS)[number];

/** Given pages of a PDF: the 1-based page a 1-based line stands on, from where each page starts. */
export function pageOfLine(pageStarts: readonly (readonly [number, number])[] | null, line: number): number | null {
  if (!pageStarts?.length) return null;
  let page: number | null = null;
  for (const [p, first] of pageStarts) {
    if (first > line) break;
    page = p;
  }
  return page;
}

/**
 * The optional fields of an upload (multipart form fields beside the file): what the analyst knows about the
 * document up front. Empty fields count as not stated.
 */
export const UploadFieldsSchema = z.object({
  title: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(300).optional()),
  region: z.preprocess((v) => (v === '' ? undefined : v), RegionCodeSchema.optional()),
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1949).max(2100).optional()),
});
export type UploadFields = z.infer<typeof UploadFieldsSchema>;

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
  /** The uploaded file's format (every format is shown as its text lines). */
  format: z.enum(SOURCE_FORMATS),
  /** sha256 of the original file, downloadable at /api/documents/:id/original; null when not kept. */
  originalSha256: z.string().nullable(),
  /** What the analyst stated on upload; null when not stated. */
  statedTitle: z.string().nullable(),
  statedRegionCode: z.string().nullable(),
  statedYear: z.number().int().nullable(),
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

/** An article of a document as the documents list shows it: with how many current figures it holds. */
export const DocumentArticleSchema = ArticleSchema.extend({ figures: z.number().int() });
export type DocumentArticle = z.infer<typeof DocumentArticleSchema>;

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
  /** What the engine decided about the document, what an analyst stated, and the version to correct it against. */
  context: DocumentContextViewSchema,
  articles: z.array(ArticleSchema),
  lines: z.array(
    z.object({
      line: z.number().int(),
      /** PDF: the page the line stands on; null for other formats. */
      page: z.number().int().nullable(),
      text: z.string(),
      figures: z.array(LineFigureSchema),
    }),
  ),
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
