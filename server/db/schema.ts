/**
 * The metrics database. Field meanings follow TARGETS-SPEC.md; this file is the only source of
 * the table shapes (migrations are generated from it by drizzle-kit).
 */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../shared/schemas/auth';
import type { RecordReasons } from '../../shared/schemas/record';
import { BINDINGS, COMPARATORS, KINDS, REVIEW_STATUSES, STATUSES, THEME_KEYS } from '../../shared/taxonomy';

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
  /** Username of who uploaded the current content; null for seeds and the ingest CLI. */
  uploadedBy: text('uploaded_by'),
  /** The uploaded file's format; every format is stored as its text lines in `content`. */
  format: text('format', { enum: ['txt', 'pdf', 'docx', 'html'] })
    .notNull()
    .default('txt'),
  /** The uploaded file as it came, in `originals`; null for documents stored before originals were kept. */
  originalSha256: text('original_sha256').references(() => originals.sha256),
  /**
   * PDF: where each page begins, as JSON `[[page, firstLine], …]` (1-based, pages without text left out), so a
   * line's page is found without storing one number per line.
   */
  pageStarts: text('page_starts'),
  /** What the analyst stated on upload (the engine will honour them); null when not stated. */
  statedTitle: text('stated_title'),
  statedRegionCode: text('stated_region_code'),
  statedYear: integer('stated_year'),
  /** A genre (shared/schemas/context.ts DOCUMENT_GENRES) and plan period an analyst stated or corrected. */
  statedGenre: text('stated_genre'),
  statedPlanStart: integer('stated_plan_start'),
  statedPlanEnd: integer('stated_plan_end'),
  /**
   * What the engine decided about the document when it last read it (title, issuer, genre, year, plan period and
   * why), as JSON (shared/schemas/context.ts DocumentContext); null for documents read before it was kept.
   */
  context: text('context'),
  /** Optimistic concurrency for corrections of the document's context: every write of the row increments it. */
  version: integer('version').notNull().default(1),
  /**
   * The extraction engine's version (ENGINE_VERSION) that read the stored text; 0 for documents stored before
   * versions were recorded. A document read by an older engine is re-read by `npm run reextract` and at start.
   */
  engineVersion: integer('engine_version').notNull().default(0),
});

/**
 * Uploaded files as they came, content-addressed by the sha256 of their bytes: the same file uploaded under two
 * names is kept once. In the database rather than under the data directory so that a document and its original
 * are written in one transaction (a refused or failed upload leaves nothing behind) and the online backup
 * (`npm run backup`) carries them.
 */
export const originals = sqliteTable('originals', {
  sha256: text('sha256').primaryKey(),
  /** Content-Type to send it with. */
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  storedAt: text('stored_at').notNull().default(now),
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
    kind: text('kind', { enum: KINDS }).notNull(),
    article: text('article').notNull(),
    region: text('region').notNull(),
    regionCode: text('region_code').notNull(),
    theme: text('theme', { enum: THEME_KEYS }).notNull(),
    metric: text('metric').notNull(),
    comparator: text('comparator', { enum: COMPARATORS }).notNull(),
    value: real('value').notNull(),
    valueMax: real('value_max'),
    unit: text('unit').notNull(),
    normalizedValue: real('normalized_value').notNull(),
    normalizedUnit: text('normalized_unit').notNull(),
    deadline: text('deadline'),
    /**
     * The deadline as the month it ends in (`2025` → `2025-12`, `2025-06` stays), computed by SQLite so that
     * deadline filters compare an indexed column instead of an expression evaluated on every row.
     */
    deadlineMonth: text('deadline_month').generatedAlwaysAs(
      sql`(CASE WHEN length("deadline") = 4 THEN "deadline" || '-12' ELSE "deadline" END)`,
      { mode: 'virtual' },
    ),
    perYear: integer('per_year', { mode: 'boolean' }).notNull().default(false),
    confidence: real('confidence').notNull(),
    review: text('review', { enum: REVIEW_STATUSES }).notNull().default('extracted'),
    baselineValue: real('baseline_value'),
    baselineDate: text('baseline_date'),
    binding: text('binding', { enum: BINDINGS }).notNull().default('unknown'),
    /**
     * Why the engine decided region, kind and deadline (JSON `{ region, kind, deadline }`, RecordReasons), shown in
     * the review queue; refreshed whenever the engine reads the document again; null for figures stored before.
     */
    reasons: text('reasons', { mode: 'json' }).$type<RecordReasons>(),
    /** Identifies the figure across re-ingests of its document (see ingest.service). */
    fingerprint: text('fingerprint').notNull(),
    /** Set when a later version of the document no longer contains the figure: marked, never deleted. */
    goneAt: text('gone_at'),
    /**
     * Set when a re-extraction (or a new version of the document) no longer finds the figure although an analyst
     * reviewed it or entered actuals for it: such a figure stays live, shown flagged for an analyst to check,
     * instead of being marked gone. Cleared when the figure is found again or an analyst decides on it.
     */
    unmatchedAt: text('unmatched_at'),
    /** Optimistic concurrency: every write increments it; a stale write is refused. */
    version: integer('version').notNull().default(1),
    // Denormalised from actuals and status.ts so that lists, filters and summaries stay in SQL.
    latestActualId: integer('latest_actual_id'),
    latestActualValue: real('latest_actual_value'),
    latestActualAsOf: text('latest_actual_as_of'),
    progress: real('progress'),
    expectedProgress: real('expected_progress'),
    status: text('status', { enum: STATUSES }).notNull().default('no_data'),
    /** The day `status` was computed for; statuses move with the calendar and are refreshed daily. */
    statusDate: text('status_date'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    /** Username of the analyst who last reviewed or corrected the figure; null while untouched. */
    updatedBy: text('updated_by'),
    /**
     * The indicator (one measure across regions) the figure counts towards; null when none matched. Set by the
     * engine's matching (indicators.service) unless `indicatorManual`: an analyst's assignment — or their
     * "none" — wins and survives re-extraction.
     */
    indicatorId: integer('indicator_id').references((): AnySQLiteColumn => indicators.id, { onDelete: 'set null' }),
    indicatorManual: integer('indicator_manual', { mode: 'boolean' }).notNull().default(false),
    /**
     * Moves on every change to the row (migration 0015's trigger raises it after any UPDATE that did not): a
     * process may keep what it made of a row (the list's JSON of it) for as long as the stamp it read stays.
     * Never shown; the hot writers raise it themselves, sparing the trigger's second write.
     */
    stamp: integer('stamp').notNull().default(0),
  },
  (t) => [
    uniqueIndex('targets_document_fingerprint_idx').on(t.documentId, t.fingerprint),
    index('targets_region_idx').on(t.regionCode),
    index('targets_theme_idx').on(t.theme),
    index('targets_deadline_idx').on(t.deadline),
    index('targets_status_idx').on(t.status),
    index('targets_document_line_idx').on(t.documentId, t.line),
    // Lists hide gone figures, so these cover only live rows (partial indexes) and give the common sorts their
    // order without sorting the table: a page is read off the index, however deep. Nullable sort keys go last
    // in both directions: ascending sorts on `(x IS NULL), x`, descending on `x` (NULL is smallest in SQLite).
    index('targets_live_deadline_month_idx').on(t.deadlineMonth).where(sql`gone_at IS NULL`),
    index('targets_live_updated_idx').on(t.updatedAt, t.id).where(sql`gone_at IS NULL`),
    index('targets_live_deadline_asc_idx')
      .on(sql`(deadline IS NULL)`, t.deadline, t.id, t.deadlineMonth)
      .where(sql`gone_at IS NULL`),
    index('targets_live_deadline_desc_idx').on(t.deadline, t.id, t.deadlineMonth).where(sql`gone_at IS NULL`),
    index('targets_live_progress_asc_idx')
      .on(sql`(progress IS NULL)`, t.progress, t.id, t.deadlineMonth)
      .where(sql`gone_at IS NULL`),
    index('targets_live_progress_desc_idx').on(t.progress, t.id, t.deadlineMonth).where(sql`gone_at IS NULL`),
    // A region filter is a code range; with an equality filter in front of it (a theme, a status) the range
    // is narrow: a province's targets of one theme are ≈ 0.5 % of the table instead of ≈ 7 %. The sort keys
    // ride along so a page is ordered from the index entries without reading the rows.
    index('targets_live_theme_region_idx')
      .on(t.theme, t.regionCode, t.progress, t.deadline)
      .where(sql`gone_at IS NULL`),
    index('targets_live_status_region_idx')
      .on(t.status, t.regionCode, t.deadline, t.progress)
      .where(sql`gone_at IS NULL`),
    // The stale count of a summary (latest actual older than the configured age, docs/status.md): a range of
    // this index, read without touching the rows for the filters a summary most often has.
    index('targets_live_stale_idx')
      .on(t.latestActualAsOf, t.regionCode, t.theme, t.status, t.deadlineMonth)
      .where(sql`gone_at IS NULL AND kind = 'target' AND review != 'rejected' AND latest_actual_as_of IS NOT NULL`),
    // A region with several themes (or a document, a binding): the summary groups the range of this index.
    index('targets_live_region_theme_deadline_idx')
      .on(t.regionCode, t.theme, t.deadlineMonth, t.status)
      .where(sql`gone_at IS NULL`),
    // An indicator's page picks each region's representative figure from the index entries alone (kind,
    // review and the deadline ride along) and reads only those rows.
    index('targets_live_indicator_idx')
      .on(t.indicatorId, t.regionCode, t.kind, t.review, t.deadlineMonth)
      .where(sql`gone_at IS NULL AND indicator_id IS NOT NULL`),
  ],
);

/**
 * One measure across regions (每万人拥有5G基站数 whichever document and words state it): the catalogue ships with
 * the common ones (server/data/indicators.json) and grows as analysts create, merge and split indicators.
 */
export const indicators = sqliteTable('indicators', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Stable key of a shipped indicator (`5g_base_stations`); null for one an analyst created. */
  key: text('key').unique(),
  name: text('name').notNull().unique(),
  nameEn: text('name_en').notNull(),
  /** The normalised unit its figures are stated in (`个`, `%`, `元`, `PFLOPS`). */
  unit: text('unit').notNull(),
  theme: text('theme', { enum: THEME_KEYS }).notNull(),
  createdAt: text('created_at').notNull().default(now),
  createdBy: text('created_by'),
});

/**
 * The words a document may name an indicator by; `normalized` is the form the matching compares
 * (server/lib/indicatorMatch.ts). The indicator's own name is one of them.
 */
export const indicatorSynonyms = sqliteTable(
  'indicator_synonyms',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    synonym: text('synonym').notNull(),
    normalized: text('normalized').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.normalized] }),
    index('indicator_synonyms_normalized_idx').on(t.normalized),
  ],
);

/**
 * Pre-aggregated counts for the national summary: live, non-rejected figures by kind, province (cities and
 * districts counted under theirs; 全国 as itself), theme, deadline year ('' for none) and status, with the sum
 * of progress clamped to [0, 100] in tenths (integers, so sums stay exact however often rows move in and
 * out) and how many rows have progress. Kept by triggers on `targets` (migration 0003), so every write path —
 * ingest, review, actuals, the daily status refresh, the CLI — keeps it exact; `GET /api/summary` reads a
 * few thousand rows here instead of grouping every target.
 */
export const targetRollup = sqliteTable(
  'target_rollup',
  {
    kind: text('kind', { enum: KINDS }).notNull(),
    province: text('province').notNull(),
    theme: text('theme', { enum: THEME_KEYS }).notNull(),
    year: text('year').notNull(),
    status: text('status', { enum: STATUSES }).notNull(),
    count: integer('count').notNull(),
    progressTenths: integer('progress_tenths').notNull(),
    progressCount: integer('progress_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.province, t.theme, t.year, t.status] })],
);

/**
 * Every change of target_rollup as a signed delta, in commit order (migration 0004): a cell a target left
 * (`count` -1, its progress subtracted) and the cell it joined (+1), with the target's full region code, so a
 * summary computed once — national, a province's, any filter the rollup's columns can express — is brought up
 * to date by adding the few rows written since, instead of being computed again after every write. Kept by
 * the same triggers as target_rollup (so every write path logs) and pruned by a trigger of its own to the
 * most recent changes; a summary older than the oldest kept row is computed again. `seq` is AUTOINCREMENT so
 * it never goes back, even when pruning empties the table.
 */
export const targetRollupLog = sqliteTable('target_rollup_log', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: KINDS }).notNull(),
  regionCode: text('region_code').notNull(),
  theme: text('theme', { enum: THEME_KEYS }).notNull(),
  year: text('year').notNull(),
  status: text('status', { enum: STATUSES }).notNull(),
  count: integer('count').notNull(),
  progressTenths: integer('progress_tenths').notNull(),
  progressCount: integer('progress_count').notNull(),
});

/**
 * One row of two counters raised by triggers on `targets` (migration 0004), so a list's row count and its
 * pages' ids can be kept per filter set: `rows` moves when a row could enter or leave a filtered list or change
 * place in it (insert, delete, a change of region, theme, kind, review, deadline, document, binding, searched
 * text or gone — binding and article since migration 0013), `statuses` when a status changes. New actuals move
 * only `statuses`, so counts and pages of lists not filtered or sorted by status survive them.
 */
export const targetListVersion = sqliteTable('target_list_version', {
  id: integer('id').primaryKey(),
  rows: integer('rows').notNull(),
  statuses: integer('statuses').notNull(),
});

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

/** People who may log in. Users are disabled, never deleted, so the audit log keeps pointing at them. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Stored lower-case: `Admin` and `admin` are one account. */
  username: text('username').notNull().unique(),
  /** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash so they can be raised later. */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

/**
 * Login sessions. Only the SHA-256 of the random cookie token is stored, so a copy of the database
 * does not let anyone log in; the CSRF token is derived from the cookie token and is not stored either.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed-login counters for lockout and throttling, keyed `user:<name>` or `ip:<address>`. Kept in
 * the database so that a restart does not hand an attacker a fresh set of guesses.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: text('window_start').notNull(),
  lockedUntil: text('locked_until'),
});

/**
 * Who changed what, when: append-only (triggers in a migration refuse UPDATE and DELETE). `before`
 * and `after` are JSON snapshots of the entity, so every change can be read back and reversed by hand.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The acting user; null for an anonymous event such as a failed login. */
    userId: integer('user_id'),
    /** The acting user's name, or for a failed login the name that was tried. */
    username: text('username'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
    /** The bulk change (or undo) the entry belongs to; null for a change made on its own. */
    batchId: text('batch_id'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_batch_idx').on(t.batchId),
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_action_idx').on(t.action),
  ],
);
