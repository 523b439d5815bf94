import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/schemas/auth';
import type { IngestResult, UploadFields } from '../../shared/schemas/document';
import type { ExtractedRecord } from '../../shared/schemas/record';
import type { Db } from '../db/client';
import type { ContextHints } from '../extraction/context';
import { ENGINE_VERSION, extractDocument } from '../extraction/index';
import { type ReadSource, readSource, readTextSource } from '../formats/index';
import { AppError, BadRequestError } from '../lib/errors';
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
import { hintsOf } from './context.service';
import { storedTitle } from './documentTitle';
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
 * The most figures one document may hold. The densest text shipped (a provincial digital-economy plan) has 189;
 * a full five-year plan has well under 2,000. 5,000 leaves room for any real policy text, while a text that is
 * nothing but figures (a 1.8 MB file of `达到70%` made 199,920 targets and held the write lock for minutes) is
 * refused before anything is written.
 */
export const MAX_FIGURES_PER_DOCUMENT = 5000;

/** Every number of the record is finite, its normalised value included. */
const storable = (r: ExtractedRecord) =>
  Number.isFinite(r.value) &&
  Number.isFinite(r.normalizedValue) &&
  (r.valueMax === null || Number.isFinite(r.valueMax));

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

  const unchanged = (same: DocumentRow): IngestResult => ({
    outcome: 'unchanged',
    document: toInfo(same, documentFigureCount(db, same.id)),
    figures: { added: 0, kept: 0, gone: 0, flagged: 0 },
  });
  // Checked here to skip the extraction, and again under the write lock below.
  const same = findDocumentBySha(db, sha256);
  if (same) return unchanged(same);

  // What an analyst stated on this upload, else what was stated or corrected for the file's earlier version: a
  // corrected context holds for the file's new versions until an upload states otherwise.
  const known = findDocumentByFileName(db, fileName);
  const earlier = known ? hintsOf(known) : {};
  const hints: ContextHints = {
    ...earlier,
    title: stated.title ?? earlier.title ?? null,
    regionCode: stated.region ?? earlier.regionCode ?? null,
    year: stated.year ?? earlier.year ?? null,
  };
  // Extraction is pure and may take a moment on a big text: do it before taking the write lock.
  const extracted = extractDocument(text, fileName, {
    tables: source.tables,
    pages: source.pages,
    context: hints,
  });
  const context = JSON.stringify(extracted.context);
  // A figure whose number, or number × unit factor (a 306-digit 万亿元), is not finite cannot be stored or
  // served (JSON has no Infinity, and one such row made the shared list schema refuse the whole page): it is
  // not a real target, so it is left out here, where the engine's output enters the database.
  const extraction = { ...extracted, records: extracted.records.filter(storable) };
  if (extraction.records.length > MAX_FIGURES_PER_DOCUMENT) {
    throw new AppError(
      413,
      'TOO_MANY_FIGURES',
      `The text holds ${extraction.records.length} figures; one document may hold at most ${MAX_FIGURES_PER_DOCUMENT}. Split it into its parts and upload them one by one.`,
      { figures: extraction.records.length, limit: MAX_FIGURES_PER_DOCUMENT },
    );
  }
  const fingerprints = fingerprintsOf(extraction.records);
  const now = new Date().toISOString();
  const lineCount = source.lines.length;

  // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
  return db.transaction(
    (): IngestResult => {
      // The same content may have been stored meanwhile, by a simultaneous upload to another server process
      // that passed the check above while this one extracted: under the write lock the answer is final.
      const storedMeanwhile = findDocumentBySha(db, sha256);
      if (storedMeanwhile) return unchanged(storedMeanwhile);
      const previous = findDocumentByFileName(db, fileName);
      const docFields = {
        fileName,
        title: hints.title || storedTitle(extraction, text, fileName),
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
        statedTitle: hints.title ?? null,
        statedRegionCode: hints.regionCode ?? null,
        statedYear: hints.year ?? null,
        statedGenre: hints.genre ?? null,
        statedPlanStart: hints.planPeriod?.start ?? null,
        statedPlanEnd: hints.planPeriod?.end ?? null,
        context,
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
  const { content: _content, pageStarts: _pageStarts, context: _context, ...info } = d;
  return { ...info, figures };
}
