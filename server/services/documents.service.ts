import {
  type DocumentArticle,
  type DocumentDetail,
  type DocumentInfo,
  pageOfLine,
} from '../../shared/schemas/document';
import type { Db } from '../db/client';
import { NotFoundError } from '../lib/errors';
import {
  articlesOfDocument,
  articlesWithFigureCounts,
  getDocument,
  getOriginal,
  listDocuments,
  parsePageStarts,
} from '../repos/documents.repo';
import { targetsOfDocument } from '../repos/targets.repo';
import { contextViewOf } from './context.service';
import { toInfo } from './ingest.service';

export function listAllDocuments(db: Db): DocumentInfo[] {
  return listDocuments(db);
}

/** A document's text with line numbers, each line carrying the figures extracted from it. */
export function getDocumentDetail(db: Db, id: number): DocumentDetail {
  const doc = getDocument(db, id);
  if (!doc) throw new NotFoundError('Document', id);
  const figures = targetsOfDocument(db, id).filter((t) => t.goneAt === null);
  const byLine = new Map<number, DocumentDetail['lines'][number]['figures']>();
  for (const t of figures) {
    const list = byLine.get(t.line) ?? [];
    list.push({
      id: t.id,
      kind: t.kind,
      quote: t.quote,
      value: t.value,
      unit: t.unit,
      confidence: t.confidence,
      review: t.review,
    });
    byLine.set(t.line, list);
  }
  const pageStarts = parsePageStarts(doc.pageStarts);
  return {
    document: toInfo(doc, figures.length),
    context: contextViewOf(doc),
    articles: articlesOfDocument(db, id).map(({ documentId: _d, ...a }) => a),
    lines: doc.content.split('\n').map((text, i) => ({
      line: i + 1,
      page: pageOfLine(pageStarts, i + 1),
      text: text.replace(/\r$/, ''),
      figures: byLine.get(i + 1) ?? [],
    })),
  };
}

/** A document's articles, each with how many current figures it holds: what the documents list unfolds. */
export function listDocumentArticles(db: Db, id: number): DocumentArticle[] {
  if (!getDocument(db, id)) throw new NotFoundError('Document', id);
  return articlesWithFigureCounts(db, id).map(({ documentId: _d, ...a }) => a);
}

/** The file as uploaded, to download: its bytes, Content-Type and name. */
export function getDocumentOriginal(db: Db, id: number): { fileName: string; mediaType: string; bytes: Buffer } {
  const original = getOriginal(db, id);
  if (!original) {
    if (!getDocument(db, id)) throw new NotFoundError('Document', id);
    throw new NotFoundError('Original file of document', id);
  }
  return original;
}
