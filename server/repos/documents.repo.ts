import { asc, desc, eq, isNull, sql } from 'drizzle-orm';
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
