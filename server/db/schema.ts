/**
 * The metrics database. Field meanings follow TARGETS-SPEC.md; this file is the only source of
 * the table shapes (migrations are generated from it by drizzle-kit).
 */
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** One policy text. A re-ingest of the same file name with new content updates it in place. */
export const documents = sqliteTable('documents', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull().unique(),
  title: text('title').notNull(),
  /** From the masthead when present: YYYY-MM-DD, YYYY-MM or YYYY. */
  issueDate: text('issue_date'),
  sha256: text('sha256').notNull(),
  /** Encoding the upload was decoded from (UTF-8, UTF-8 with BOM, GB18030). */
  encoding: text('encoding').notNull(),
  size: integer('size').notNull(),
  /** Decoded text, kept so that every figure's source line can be shown. */
  content: text('content').notNull(),
  lineCount: integer('line_count').notNull(),
  /** How many distinct contents this file name has had. */
  revision: integer('revision').notNull().default(1),
  ingestedAt: text('ingested_at').notNull().default(now),
});

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    issuingBody: text('issuing_body'),
    region: text('region').notNull(),
    regionCode: text('region_code').notNull(),
    planStartYear: integer('plan_start_year'),
    planEndYear: integer('plan_end_year'),
    firstLine: integer('first_line').notNull(),
    lastLine: integer('last_line').notNull(),
  },
  (t) => [index('articles_document_idx').on(t.documentId)],
);

export const targets = sqliteTable(
  'targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
    sourceFile: text('source_file').notNull(),
    line: integer('line').notNull(),
    quote: text('quote').notNull(),
    kind: text('kind', { enum: ['target', 'actual', 'funding'] }).notNull(),
    article: text('article').notNull(),
    region: text('region').notNull(),
    regionCode: text('region_code').notNull(),
    theme: text('theme').notNull(),
    metric: text('metric').notNull(),
    comparator: text('comparator', { enum: ['>=', '>', '=', '<=', '<', '~', 'range'] }).notNull(),
    value: real('value').notNull(),
    valueMax: real('value_max'),
    unit: text('unit').notNull(),
    normalizedValue: real('normalized_value').notNull(),
    normalizedUnit: text('normalized_unit').notNull(),
    deadline: text('deadline'),
    perYear: integer('per_year', { mode: 'boolean' }).notNull().default(false),
    confidence: real('confidence').notNull(),
    review: text('review', { enum: ['extracted', 'confirmed', 'rejected', 'corrected'] })
      .notNull()
      .default('extracted'),
    baselineValue: real('baseline_value'),
    baselineDate: text('baseline_date'),
    binding: text('binding', { enum: ['预期性', '约束性', 'unknown'] })
      .notNull()
      .default('unknown'),
    /** Identifies the figure across re-ingests of its document (see ingest.service). */
    fingerprint: text('fingerprint').notNull(),
    /** Set when a later version of the document no longer contains the figure: marked, never deleted. */
    goneAt: text('gone_at'),
    /** Optimistic concurrency: every write increments it; a stale write is refused. */
    version: integer('version').notNull().default(1),
    // Denormalised from actuals and status.ts so that lists, filters and summaries stay in SQL.
    latestActualId: integer('latest_actual_id'),
    latestActualValue: real('latest_actual_value'),
    latestActualAsOf: text('latest_actual_as_of'),
    progress: real('progress'),
    expectedProgress: real('expected_progress'),
    status: text('status', { enum: ['achieved', 'on_track', 'at_risk', 'off_track', 'overdue', 'no_data'] })
      .notNull()
      .default('no_data'),
    /** The day `status` was computed for; statuses move with the calendar and are refreshed daily. */
    statusDate: text('status_date'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('targets_document_fingerprint_idx').on(t.documentId, t.fingerprint),
    index('targets_region_idx').on(t.regionCode),
    index('targets_theme_idx').on(t.theme),
    index('targets_deadline_idx').on(t.deadline),
    index('targets_status_idx').on(t.status),
    index('targets_document_line_idx').on(t.documentId, t.line),
  ],
);

/**
 * Reported actuals. Append-only: a correction is a new row and the old row's `supersededBy`
 * points at it, so history is never lost.
 */
export const actuals = sqliteTable(
  'actuals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    targetId: integer('target_id')
      .notNull()
      .references(() => targets.id, { onDelete: 'cascade' }),
    value: real('value').notNull(),
    /** YYYY-MM-DD */
    asOf: text('as_of').notNull(),
    note: text('note'),
    enteredBy: text('entered_by').notNull(),
    enteredAt: text('entered_at').notNull().default(now),
    supersededBy: integer('superseded_by').references((): AnySQLiteColumn => actuals.id),
  },
  (t) => [index('actuals_target_idx').on(t.targetId, t.asOf)],
);

/** GB/T 2260 divisions plus 全国 (000000). */
export const regions = sqliteTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level', { enum: ['country', 'province', 'city', 'district'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const themes = sqliteTable('themes', {
  key: text('key').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
});

/** Small key/value facts about the database (e.g. the day statuses were last refreshed). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
