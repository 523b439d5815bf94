import { asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client';
import { articles, documents, targets } from '../db/schema';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type ArticleRow = typeof articles.$inferSelect;
export type NewArticleRow = typeof articles.$inferInsert;

const figureCount = sql<number>`(SELECT count(*) FROM ${targets} WHERE ${targets.documentId} = ${documents.id} AND ${targets.goneAt} IS NULL)`;

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
): { id: number; fileName: string; title: string; lines: { line: number; text: string }[] } | undefined {
  const head = db.$client
    .prepare('SELECT id, file_name AS fileName, title, sha256 FROM documents WHERE id = ?')
    .get(id) as { id: number; fileName: string; title: string; sha256: string } | undefined;
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
  return { id: head.id, fileName: head.fileName, title: head.title, lines };
}

export function insertDocument(db: Db, row: NewDocumentRow): DocumentRow {
  return db.insert(documents).values(row).returning().get();
}

export function updateDocument(db: Db, id: number, set: Partial<NewDocumentRow>): DocumentRow {
  const row = db.update(documents).set(set).where(eq(documents.id, id)).returning().get();
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
      figures: figureCount,
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

export function countDocuments(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(documents).get()?.n ?? 0;
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
