import { and, asc, desc, eq, getTableColumns, isNull, lt, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { articles, documents, originals, targets } from '../db/schema';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type ArticleRow = typeof articles.$inferSelect;
export type NewArticleRow = typeof articles.$inferInsert;

// Written out with the tables named: inside drizzle's one-table select `${documents.id}` renders as a bare "id",
// which the subquery reads as the target's own id, so every document counted the one target whose id equals it.
const figureCount = sql<number>`(SELECT count(*) FROM "targets" AS "f" WHERE "f"."document_id" = "documents"."id" AND "f"."gone_at" IS NULL)`;

export function findDocumentByFileName(db: Db, fileName: string): DocumentRow | undefined {
  return db.select().from(documents).where(eq(documents.fileName, fileName)).get();
}

export function findDocumentBySha(db: Db, sha256: string): DocumentRow | undefined {
  return db.select().from(documents).where(eq(documents.sha256, sha256)).get();
}

export function getDocument(db: Db, id: number): DocumentRow | undefined {
  return db.select().from(documents).where(eq(documents.id, id)).get();
}

/** A document's lines kept split per database, by id and content hash (least recently used out). */
const LINES_CACHE_SIZE = 32;
/** Larger texts are split on each use rather than held in memory. */
const LINES_CACHE_MAX_CHARS = 2_000_000;
const linesCache = new WeakMap<Db, LRUCache<number, { sha256: string; lines: string[] }>>();

/**
 * Lines `from`–`to` (1-based, inclusive, clamped) of a document with its name and title: the context a
 * figure is shown in. Every target's detail asks for it, so a document's split lines are kept while its
 * content hash is unchanged instead of splitting the whole text (often 100 KB) on every request.
 */
export function documentLines(
  db: Db,
  id: number,
  from: number,
  to: number,
):
  | {
      id: number;
      fileName: string;
      title: string;
      pageStarts: PageStarts | null;
      lines: { line: number; text: string }[];
    }
  | undefined {
  const head = db.$client
    .prepare('SELECT id, file_name AS fileName, title, sha256, page_starts AS pageStarts FROM documents WHERE id = ?')
    .get(id) as { id: number; fileName: string; title: string; sha256: string; pageStarts: string | null } | undefined;
  if (!head) return undefined;
  const cache = linesCache.get(db) ?? new LRUCache({ max: LINES_CACHE_SIZE });
  linesCache.set(db, cache);
  let all = cache.get(id)?.sha256 === head.sha256 ? cache.get(id)?.lines : undefined;
  if (!all) {
    const { content } = db.$client.prepare('SELECT content FROM documents WHERE id = ?').get(id) as { content: string };
    all = content.split('\n').map((l) => l.replace(/\r$/, ''));
    if (content.length <= LINES_CACHE_MAX_CHARS) cache.set(id, { sha256: head.sha256, lines: all });
    else cache.delete(id);
  }
  const lines = [];
  for (let n = Math.max(1, from); n <= Math.min(all.length, to); n++) lines.push({ line: n, text: all[n - 1] ?? '' });
  return {
    id: head.id,
    fileName: head.fileName,
    title: head.title,
    pageStarts: parsePageStarts(head.pageStarts),
    lines,
  };
}

/** `[[page, firstLine], …]`: where each page of a PDF begins (see documents.pageStarts). */
export type PageStarts = [number, number][];

export function parsePageStarts(json: string | null): PageStarts | null {
  return json ? (JSON.parse(json) as PageStarts) : null;
}

/** Where each page begins, from the page of every (0-based) line. */
export function toPageStarts(pages: readonly number[] | undefined): PageStarts | null {
  if (!pages?.length) return null;
  const starts: PageStarts = [];
  pages.forEach((page, i) => {
    if (starts[starts.length - 1]?.[0] !== page) starts.push([page, i + 1]);
  });
  return starts;
}

/** Stores an original file once by its hash (the same bytes again are a no-op). */
export function putOriginal(db: Db, row: typeof originals.$inferInsert): void {
  db.insert(originals).values(row).onConflictDoNothing().run();
}

/** An original no document refers to any more (a file name got new content) is deleted. */
export function pruneOriginal(db: Db, sha256: string): void {
  db.$client
    .prepare(
      'DELETE FROM originals WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE original_sha256 = ?)',
    )
    .run(sha256, sha256);
}

/** A document's original file with its name, or undefined when the document or its original is not kept. */
export function getOriginal(
  db: Db,
  documentId: number,
): { fileName: string; mediaType: string; bytes: Buffer } | undefined {
  return db.$client
    .prepare(
      `SELECT d.file_name AS fileName, o.media_type AS mediaType, o.bytes AS bytes
       FROM documents d JOIN originals o ON o.sha256 = d.original_sha256 WHERE d.id = ?`,
    )
    .get(documentId) as { fileName: string; mediaType: string; bytes: Buffer } | undefined;
}

export function insertDocument(db: Db, row: NewDocumentRow): DocumentRow {
  return db.insert(documents).values(row).returning().get();
}

/** Every write moves the document's version on, so a correction of its context made against an older one is refused. */
export function updateDocument(db: Db, id: number, set: Partial<NewDocumentRow>): DocumentRow {
  const row = db
    .update(documents)
    .set({ ...set, version: sql`${documents.version} + 1` })
    .where(eq(documents.id, id))
    .returning()
    .get();
  if (!row) throw new Error(`document ${id} vanished during update`);
  return row;
}

/** Document metadata without the (large) text, with its count of current figures. */
export function listDocuments(db: Db) {
  return db
    .select({
      id: documents.id,
      fileName: documents.fileName,
      title: documents.title,
      issueDate: documents.issueDate,
      sha256: documents.sha256,
      encoding: documents.encoding,
      size: documents.size,
      lineCount: documents.lineCount,
      revision: documents.revision,
      ingestedAt: documents.ingestedAt,
      uploadedBy: documents.uploadedBy,
      engineVersion: documents.engineVersion,
      figures: figureCount,
      format: documents.format,
      originalSha256: documents.originalSha256,
      statedTitle: documents.statedTitle,
      statedRegionCode: documents.statedRegionCode,
      statedYear: documents.statedYear,
    })
    .from(documents)
    .orderBy(desc(documents.ingestedAt), desc(documents.id))
    .all();
}

export function documentFigureCount(db: Db, id: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(targets)
      .where(sql`${targets.documentId} = ${id} AND ${isNull(targets.goneAt)}`)
      .get()?.n ?? 0
  );
}

/**
 * The documents a re-extraction reads, by id: those read by an engine older than `belowVersion`, or every one
 * when it is null; `id` narrows to one document.
 */
export function documentsToReextract(db: Db, opts: { belowVersion: number | null; id?: number }): number[] {
  const c = [];
  if (opts.belowVersion !== null) c.push(lt(documents.engineVersion, opts.belowVersion));
  if (opts.id !== undefined) c.push(eq(documents.id, opts.id));
  return db
    .select({ id: documents.id })
    .from(documents)
    .where(and(...c))
    .orderBy(asc(documents.id))
    .all()
    .map((r) => r.id);
}

export function countDocuments(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(documents).get()?.n ?? 0;
}

/** A document's articles in reading order, each with its count of current figures. */
export function articlesWithFigureCounts(db: Db, documentId: number): (ArticleRow & { figures: number })[] {
  return db
    .select({
      ...getTableColumns(articles),
      figures: sql<number>`(SELECT count(*) FROM "targets" AS "f" WHERE "f"."article_id" = "articles"."id" AND "f"."gone_at" IS NULL)`,
    })
    .from(articles)
    .where(eq(articles.documentId, documentId))
    .orderBy(asc(articles.firstLine))
    .all();
}

export function articlesOfDocument(db: Db, documentId: number): ArticleRow[] {
  return db.select().from(articles).where(eq(articles.documentId, documentId)).orderBy(asc(articles.firstLine)).all();
}

/** Articles are re-derived on every ingest; targets keep their own copy of the article title. */
export function replaceArticles(db: Db, documentId: number, rows: Omit<NewArticleRow, 'documentId'>[]): ArticleRow[] {
  db.delete(articles).where(eq(articles.documentId, documentId)).run();
  if (!rows.length) return [];
  return db
    .insert(articles)
    .values(rows.map((r) => ({ ...r, documentId })))
    .returning()
    .all();
}
