import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/schemas/auth';
import type { IngestResult, UploadFields } from '../../shared/schemas/document';
import type { Db } from '../db/client';
import { ENGINE_VERSION, extractDocument } from '../extraction/index';
import { type ReadSource, readSource, readTextSource } from '../formats/index';
import { BadRequestError } from '../lib/errors';
import { regionByCode } from '../lib/regions';
import {
  type DocumentRow,
  documentFigureCount,
  findDocumentByFileName,
  findDocumentBySha,
  insertDocument,
  pruneOriginal,
  putOriginal,
  replaceArticles,
  toPageStarts,
  updateDocument,
} from '../repos/documents.repo';
import { targetsOfDocument } from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { applyFigurePlan, articleLocator, fingerprintsOf, planFigures } from './reconcile.service';

export interface IngestInput {
  fileName: string;
  /** The file's bytes as uploaded; kept as the document's original. */
  content: Buffer;
  /** The file read into lines, tables and pages (`readSource`); without it the content is read as plain text. */
  source?: ReadSource;
  /** What the analyst stated on upload. */
  stated?: UploadFields;
}

const FILE_NAME = /^[^\\/\0]{1,255}$/;

/**
 * Stores a policy text and its extracted figures in one transaction: nothing is half-stored.
 * The same content again is a no-op. A new version of a known file name re-extracts and reconciles its
 * figures with the stored ones as a re-extraction does (reconcile.service): matched figures keep their id,
 * actuals and every review decision and correction; figures that disappeared are marked gone, never deleted,
 * or kept live and flagged when an analyst reviewed them or entered actuals. An upload by a user (`actor`) is recorded on the
 * document and in the audit log; seeds and the CLI pass none.
 */
export function ingestDocument(db: Db, input: IngestInput, today: string, actor: Actor | null = null): IngestResult {
  const fileName = input.fileName.normalize('NFC').trim();
  if (!FILE_NAME.test(fileName))
    throw new BadRequestError('The file name is missing or not valid.', undefined, 'BAD_FILE_NAME');
  const read = input.source ?? readTextSource(input.content);
  const { source, encoding } = read;
  const text = source.lines.join('\n');
  if (!text.trim()) throw new BadRequestError('The file holds no text.', undefined, 'EMPTY_FILE');
  const stated = input.stated ?? {};
  if (stated.region !== undefined && !regionByCode(stated.region)) {
    throw new BadRequestError(
      `Region ${stated.region} is not a GB/T 2260 code.`,
      { region: stated.region },
      'UNKNOWN_REGION',
    );
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  const originalSha256 = createHash('sha256').update(input.content).digest('hex');
  const pageStarts = toPageStarts(source.pages);

  const same = findDocumentBySha(db, sha256);
  if (same) {
    return {
      outcome: 'unchanged',
      document: toInfo(same, documentFigureCount(db, same.id)),
      figures: { added: 0, kept: 0, gone: 0, flagged: 0 },
    };
  }

  // Extraction is pure and may take a moment on a big text: do it before taking the write lock.
  const extraction = extractDocument(text, fileName, {
    tables: source.tables,
    pages: source.pages,
    context: { title: stated.title ?? null, regionCode: stated.region ?? null, year: stated.year ?? null },
  });
  const fingerprints = fingerprintsOf(extraction.records);
  const now = new Date().toISOString();
  const lineCount = source.lines.length;

  // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
  return db.transaction(
    () => {
      const previous = findDocumentByFileName(db, fileName);
      const docFields = {
        fileName,
        title: stated.title || extraction.title || fileName,
        issueDate: extraction.issueDate,
        sha256,
        encoding,
        size: input.content.length,
        content: text,
        lineCount,
        ingestedAt: now,
        uploadedBy: actor?.username ?? null,
        format: source.format,
        originalSha256,
        pageStarts: pageStarts ? JSON.stringify(pageStarts) : null,
        statedTitle: stated.title ?? null,
        statedRegionCode: stated.region ?? null,
        statedYear: stated.year ?? null,
        engineVersion: ENGINE_VERSION,
      };
      putOriginal(db, {
        sha256: originalSha256,
        mediaType: read.mediaType,
        size: input.content.length,
        bytes: input.content,
      });
      const doc = previous
        ? updateDocument(db, previous.id, { ...docFields, revision: previous.revision + 1 })
        : insertDocument(db, docFields);
      if (previous?.originalSha256 && previous.originalSha256 !== originalSha256)
        pruneOriginal(db, previous.originalSha256);

      const articleIdAt = articleLocator(
        replaceArticles(
          db,
          doc.id,
          extraction.articles.map((a) => ({ ...a, region: a.region ?? '', regionCode: a.regionCode ?? '' })),
        ),
      );
      const liveBefore = previous ? documentFigureCount(db, doc.id) : 0;
      const plan = planFigures(targetsOfDocument(db, doc.id), extraction.records, fingerprints, {
        documentId: doc.id,
        now,
        provenance: (r) => ({
          sourceFile: fileName,
          line: r.line,
          quote: r.quote,
          articleId: articleIdAt(r.line, r.article),
        }),
      });
      applyFigurePlan(db, plan, now, today);
      const added = plan.added.length;
      const kept = plan.kept.length;
      const gone = plan.gone.length;
      const result = {
        outcome: previous ? 'updated' : 'created',
        document: toInfo(doc, documentFigureCount(db, doc.id)),
        figures: { added, kept, gone, flagged: plan.flagged.length },
      } satisfies IngestResult;
      if (actor) {
        recordAudit(db, actor, {
          action: 'document.upload',
          entity: 'document',
          entityId: doc.id,
          before: previous ? toInfo(previous, liveBefore) : null,
          // `figures` is the document's count of current figures on both sides (as toInfo gives it), so a
          // re-upload reads as old count → new count; what happened to them is `figureChanges`.
          after: { ...result.document, outcome: result.outcome, figureChanges: result.figures },
        });
      }
      return result;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Reads an uploaded file of any accepted format (PDF, DOCX, HTML, text) and ingests it as `ingestDocument` does.
 * Reading comes first and refuses what cannot be read, so a refused file stores nothing.
 */
export async function ingestFile(db: Db, input: IngestInput, today: string, actor: Actor | null = null) {
  const fileName = input.fileName.normalize('NFC').trim();
  if (!FILE_NAME.test(fileName))
    throw new BadRequestError('The file name is missing or not valid.', undefined, 'BAD_FILE_NAME');
  const source = await readSource(fileName, input.content);
  return ingestDocument(db, { ...input, source }, today, actor);
}

export function toInfo(d: DocumentRow, figures: number) {
  const { content: _content, pageStarts: _pageStarts, ...info } = d;
  return { ...info, figures };
}
