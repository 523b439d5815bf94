import { createHash } from 'node:crypto';
import type { Actor } from '../../shared/schemas/auth';
import type { IngestResult } from '../../shared/schemas/document';
import type { ExtractedRecord } from '../../shared/schemas/record';
import type { Db } from '../db/client';
import { extractDocument } from '../extraction/index';
import { decodeText } from '../lib/encoding';
import { AppError, BadRequestError } from '../lib/errors';
import {
  type DocumentRow,
  documentFigureCount,
  findDocumentByFileName,
  findDocumentBySha,
  insertDocument,
  replaceArticles,
  updateDocument,
} from '../repos/documents.repo';
import {
  insertTargets,
  markGone,
  type NewTargetRow,
  type TargetRow,
  targetsOfDocument,
  updateTarget,
} from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import { refreshStatuses } from './status.service';

export interface IngestInput {
  fileName: string;
  content: Buffer;
}

/**
 * A figure's identity across versions of its document: what it is and the words it stands in,
 * not where (line numbers shift when a paragraph is added above) nor which article the splitter
 * put it in (a new heading can move article borders). A sentence stated twice gets two
 * fingerprints through its occurrence number.
 */
export function fingerprintsOf(records: readonly ExtractedRecord[]): string[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    const key = [r.kind, r.quote.replace(/\s+/g, ''), r.value, r.unit].join('\u241f');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(`${key}\u241f${n}`).digest('hex').slice(0, 32);
  });
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

/** The fields an analyst may have corrected: a re-ingest refreshes them only on untouched rows. */
function extractedFields(r: ExtractedRecord) {
  return {
    kind: r.kind,
    article: r.article,
    region: r.region,
    regionCode: r.regionCode,
    theme: r.theme,
    metric: r.metric,
    comparator: r.comparator,
    value: r.value,
    valueMax: r.valueMax,
    unit: r.unit,
    normalizedValue: r.normalizedValue,
    normalizedUnit: r.normalizedUnit,
    deadline: r.deadline,
    perYear: r.perYear,
    confidence: r.confidence,
  };
}

/**
 * Stores a policy text and its extracted figures in one transaction: nothing is half-stored.
 * The same content again is a no-op. A new version of a known file name re-extracts; figures whose
 * fingerprint matches keep their id, actuals and every review decision and correction; figures that
 * disappeared are marked gone, never deleted. An upload by a user (`actor`) is recorded on the
 * document and in the audit log; seeds and the CLI pass none.
 */
export function ingestDocument(db: Db, input: IngestInput, today: string, actor: Actor | null = null): IngestResult {
  const fileName = input.fileName.normalize('NFC').trim();
  if (!FILE_NAME.test(fileName))
    throw new BadRequestError('The file name is missing or not valid.', undefined, 'BAD_FILE_NAME');
  const { text, encoding } = decodeText(input.content);
  if (!text.trim()) throw new BadRequestError('The file holds no text.', undefined, 'EMPTY_FILE');
  const sha256 = createHash('sha256').update(text).digest('hex');

  const unchanged = (same: DocumentRow): IngestResult => ({
    outcome: 'unchanged',
    document: toInfo(same, documentFigureCount(db, same.id)),
    figures: { added: 0, kept: 0, gone: 0 },
  });
  // Checked here to skip the extraction, and again under the write lock below.
  const same = findDocumentBySha(db, sha256);
  if (same) return unchanged(same);

  // Extraction is pure and may take a moment on a big text: do it before taking the write lock.
  const extracted = extractDocument(text, fileName);
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
  const lineCount = text.split('\n').length;

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
        title: extraction.title || fileName,
        issueDate: extraction.issueDate,
        sha256,
        encoding,
        size: input.content.length,
        content: text,
        lineCount,
        ingestedAt: now,
        uploadedBy: actor?.username ?? null,
      };
      const doc = previous
        ? updateDocument(db, previous.id, { ...docFields, revision: previous.revision + 1 })
        : insertDocument(db, docFields);

      const articleRows = replaceArticles(
        db,
        doc.id,
        extraction.articles.map((a) => ({ ...a })),
      );
      const articleIdAt = (line: number, title: string): number | null =>
        articleRows.find((a) => a.title === title && line >= a.firstLine && line <= a.lastLine)?.id ??
        articleRows.find((a) => a.title === title)?.id ??
        null;

      const existing = new Map<string, TargetRow>(targetsOfDocument(db, doc.id).map((t) => [t.fingerprint, t]));
      const touched: number[] = [];
      const fresh: NewTargetRow[] = [];
      let kept = 0;
      extraction.records.forEach((r, i) => {
        const fingerprint = fingerprints[i] as string;
        const provenance = {
          sourceFile: fileName,
          line: r.line,
          quote: r.quote,
          articleId: articleIdAt(r.line, r.article),
        };
        const old = existing.get(fingerprint);
        if (old) {
          existing.delete(fingerprint);
          kept++;
          // Analysts' decisions win: a reviewed figure only has its provenance refreshed.
          // An untouched figure takes the new extraction, which is a change an analyst editing it must not
          // silently overwrite: its version moves on, so their stale PATCH gets a 409.
          const refresh = old.review === 'extracted' ? { ...extractedFields(r), version: old.version + 1 } : {};
          updateTarget(db, old.id, { ...provenance, ...refresh, goneAt: null, updatedAt: now });
          touched.push(old.id);
        } else {
          fresh.push({ ...provenance, ...extractedFields(r), documentId: doc.id, fingerprint });
        }
      });
      const added = fresh.length;
      touched.push(...insertTargets(db, fresh));
      const goneIds = [...existing.values()].filter((t) => t.goneAt === null).map((t) => t.id);
      markGone(db, goneIds, now);
      refreshStatuses(db, touched, today);
      const result = {
        outcome: previous ? 'updated' : 'created',
        document: toInfo(doc, added + kept),
        figures: { added, kept, gone: goneIds.length },
      } satisfies IngestResult;
      if (actor) {
        recordAudit(db, actor, {
          action: 'document.upload',
          entity: 'document',
          entityId: doc.id,
          before: previous ? toInfo(previous, kept + goneIds.length) : null,
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

export function toInfo(d: DocumentRow, figures: number) {
  const { content: _content, ...info } = d;
  return { ...info, figures };
}
