import { z } from 'zod';
import { COMPARATORS, EXTRACTED_BINDINGS, KINDS, THEME_KEYS } from '../taxonomy';

/** `YYYY` or `YYYY-MM`: a deadline, or for an actual its as-of month. */
export const DeadlineSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'deadline must be YYYY or YYYY-MM');

/** The rule behind each of a record's region, kind and deadline, in words a reviewer reads. */
export const RecordReasonsSchema = z.object({
  region: z.string(),
  kind: z.string(),
  deadline: z.string(),
});
export type RecordReasons = z.infer<typeof RecordReasonsSchema>;

/**
 * One quantified figure found in a policy text, with exactly the field names of TARGETS-SPEC.md
 * (plus `confidence`). This is what the extraction engine emits and what `npm run extract` prints.
 */
export const ExtractedRecordSchema = z.object({
  /** The text's file name, e.g. `001_127229a6a221dbec.txt`. */
  sourceFile: z.string(),
  /** 1-based line of the raw file on which the number itself stands. */
  line: z.number().int().positive(),
  /** Exact substring of that raw line: the metric's words and the number with its unit. */
  quote: z.string().min(1),
  kind: z.enum(KINDS),
  /** Title of the article / policy inside the document the figure belongs to. */
  article: z.string(),
  /** Full official name of the region bound by the figure; `全国` for national; null when undecided. */
  region: z.string().nullable(),
  /** GB/T 2260 six-digit code of that region; `000000` for 全国; null when undecided (waits for review). */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  theme: z.enum(THEME_KEYS),
  metric: z.string(),
  comparator: z.enum(COMPARATORS),
  /** The number as written, in the unit as written (`1万亿元` → 1, unit `万亿元`). */
  value: z.number().finite(),
  /** Upper bound of a range, else null. */
  valueMax: z.number().finite().nullable(),
  unit: z.string(),
  normalizedValue: z.number().finite(),
  normalizedUnit: z.string(),
  deadline: DeadlineSchema.nullable(),
  perYear: z.boolean(),
  /** 预期性 → `expected`, 约束性 → `binding` (a table's 属性 column or the text's own words); null when not said. */
  binding: z.enum(EXTRACTED_BINDINGS).nullable(),
  /** How sure the engine is, in [0, 1]; the review queue shows low confidence first. */
  confidence: z.number().min(0).max(1),
  /**
   * Why the engine decided the fields a reviewer most often corrects, as the rule that fired and its evidence
   * ("the document's issuer by its title (line 1: 泰安市人民政府…)", "到2025年 on line 88"), for the review queue.
   */
  reasons: RecordReasonsSchema,
});
export type ExtractedRecord = z.infer<typeof ExtractedRecordSchema>;

/** What the engine decided about a whole document before reading its figures (TARGETS-SPEC.md: context). */
export const DocumentContextSchema = z.object({
  title: z.string(),
  /** The issuing government; null when nothing in the text names it. */
  issuer: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string() }).nullable(),
  /** work-report, five-year-plan, action-plan, opinion, work-points, progress-report, evaluation, newsletter, other. */
  genre: z.string(),
  year: z.number().int().nullable(),
  planPeriod: z.object({ start: z.number().int(), end: z.number().int() }).nullable(),
  /** Which rule decided each field, with the line (1-based) and words it read. */
  why: z.array(
    z.object({
      field: z.string(),
      rule: z.string(),
      line: z.number().int().nullable(),
      evidence: z.string().nullable(),
    }),
  ),
});
export type DocumentContext = z.infer<typeof DocumentContextSchema>;

/** An article inside a document (a newsletter holds many; a single plan is one). */
export const ExtractedArticleSchema = z.object({
  title: z.string(),
  issuingBody: z.string().nullable(),
  region: z.string().nullable(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  planStartYear: z.number().int().nullable(),
  planEndYear: z.number().int().nullable(),
  /** 1-based raw line numbers, inclusive. */
  firstLine: z.number().int().positive(),
  lastLine: z.number().int().positive(),
});
export type ExtractedArticle = z.infer<typeof ExtractedArticleSchema>;

export const ExtractionResultSchema = z.object({
  /** Title of the whole document (newsletter name or plan title). */
  title: z.string(),
  /** Issue date from the masthead, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, when present. */
  issueDate: z.string().nullable(),
  articles: z.array(ExtractedArticleSchema),
  records: z.array(ExtractedRecordSchema),
  context: DocumentContextSchema,
});
export type ExtractionResult = z.infer<typeof ExtractionResultSchema>;
