/**
 * A document's context (TARGETS-SPEC.md, "Documents carry context"): what the engine decided about the whole
 * document — title, issuing government, genre, year, plan period, and why — kept with the document at every
 * reading, shown on the document page, and corrected by an analyst. A correction is stored as the document's
 * stated context and the document is read again with it; its figures are reconciled as a re-extraction
 * reconciles them, except that reviewed figures follow the new context in every field no analyst set.
 */
import type { Actor } from '../../shared/schemas/auth';
import {
  type ContextCorrection,
  type ContextPatch,
  type DocumentContext,
  DocumentContextSchema,
  type DocumentContextView,
  type DocumentGenre,
  type StatedContext,
} from '../../shared/schemas/context';
import type { Db } from '../db/client';
import type { ContextHints } from '../extraction/context';
import { extractDocument } from '../extraction/index';
import type { Genre } from '../extraction/lexicon';
import { BadRequestError, ConflictError, NotFoundError } from '../lib/errors';
import { regionByCode } from '../lib/regions';
import {
  type DocumentRow,
  getDocument,
  parsePageStarts,
  replaceArticles,
  updateDocument,
} from '../repos/documents.repo';
import { type TargetRow, targetsOfDocument } from '../repos/targets.repo';
import { recordAudit } from './audit.service';
import {
  applyFigurePlan,
  articleLocator,
  type extractedFields,
  fingerprintsOf,
  planCounts,
  planFigures,
} from './reconcile.service';

// The engine's genres and the shared list are one list: this fails to compile when they part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const genresAgree: Same<Genre, DocumentGenre> = true;
void genresAgree;

/** What an analyst stated about a document, as the engine takes it. */
export function hintsOf(
  d: Pick<
    DocumentRow,
    'statedTitle' | 'statedRegionCode' | 'statedYear' | 'statedGenre' | 'statedPlanStart' | 'statedPlanEnd'
  >,
): ContextHints {
  return {
    title: d.statedTitle,
    regionCode: d.statedRegionCode,
    year: d.statedYear,
    genre: (d.statedGenre as Genre | null) ?? null,
    planPeriod:
      d.statedPlanStart !== null && d.statedPlanEnd !== null
        ? { start: d.statedPlanStart, end: d.statedPlanEnd }
        : null,
  };
}

function statedOf(d: DocumentRow): StatedContext {
  const h = hintsOf(d);
  return {
    title: h.title ?? null,
    regionCode: h.regionCode ?? null,
    genre: (h.genre as StatedContext['genre']) ?? null,
    year: h.year ?? null,
    planPeriod: h.planPeriod ?? null,
  };
}

function parseContext(json: string | null): DocumentContext | null {
  if (!json) return null;
  const parsed = DocumentContextSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export function contextViewOf(d: DocumentRow): DocumentContextView {
  return { decided: parseContext(d.context), stated: statedOf(d), version: d.version };
}

/** A PDF's page of every (0-based) line, from where each page starts; undefined for other formats. */
function pagesOf(d: DocumentRow): number[] | undefined {
  const starts = parsePageStarts(d.pageStarts);
  if (!starts?.length) return undefined;
  const pages: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    const [page, first] = starts[i] as [number, number];
    const next = starts[i + 1]?.[1] ?? d.lineCount + 1;
    for (let line = first; line < next; line++) pages[line - 1] = page;
  }
  return Array.from(pages, (p) => p ?? 0);
}

/** The fields of a figure the engine decides and an analyst may set (reconcile.service extractedFields). */
const FIELDS_FOLLOWING: ReadonlySet<string> = new Set<keyof ReturnType<typeof extractedFields>>([
  'kind',
  'article',
  'region',
  'regionCode',
  'theme',
  'metric',
  'comparator',
  'value',
  'valueMax',
  'unit',
  'normalizedValue',
  'normalizedUnit',
  'deadline',
  'perYear',
  'binding',
  'confidence',
]);

/**
 * The fields analysts set on each of these targets, read from the audit log: every field a user's change of the
 * target (a correction, single or in bulk) changed. What context corrections and re-extractions wrote is not an
 * analyst's setting.
 */
export function analystSetFields(db: Db, ids: readonly number[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!ids.length) return out;
  const rows = db.$client
    .prepare(
      `SELECT entity_id AS id, before, after FROM audit_log
       WHERE entity = 'target' AND user_id IS NOT NULL AND action NOT IN ('target.conflict', 'target.reextract', 'target.context')
         AND entity_id IN (SELECT CAST(value AS TEXT) FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as { id: string; before: string | null; after: string | null }[];
  for (const r of rows) {
    const before = (r.before ? JSON.parse(r.before) : {}) as Record<string, unknown>;
    const after = (r.after ? JSON.parse(r.after) : {}) as Record<string, unknown>;
    const set = out.get(Number(r.id)) ?? new Set<string>();
    for (const k of FIELDS_FOLLOWING)
      if (k in after && JSON.stringify(before[k]) !== JSON.stringify(after[k])) set.add(k);
    out.set(Number(r.id), set);
  }
  return out;
}

/** The stated fields of a document after a correction: what the patch sends, else what was stated. */
function mergeStated(current: StatedContext, patch: ContextPatch): StatedContext {
  return {
    title: patch.title !== undefined ? patch.title : current.title,
    regionCode: patch.regionCode !== undefined ? patch.regionCode : current.regionCode,
    genre: patch.genre !== undefined ? patch.genre : current.genre,
    year: patch.year !== undefined ? patch.year : current.year,
    planPeriod: patch.planPeriod !== undefined ? patch.planPeriod : current.planPeriod,
  };
}

const conflict = (id: number, version: number, current: DocumentRow) =>
  new ConflictError(
    `Document ${id} was changed by someone else since version ${version}; reload it and make your correction again.`,
    { current: contextViewOf(current) },
  );

/**
 * An analyst's correction of a document's context: stored as its stated context, the document read again with
 * it, its figures reconciled (a reviewed figure keeps its decision and every field an analyst set; its other
 * fields, like those of unreviewed figures, follow the new reading) and the whole written to the audit log, in
 * one transaction. `patch.version` must be the document's current version, else nothing is written (409).
 */
export function correctDocumentContext(
  db: Db,
  actor: Actor,
  id: number,
  patch: ContextPatch,
  today: string,
  at: Date = new Date(),
): ContextCorrection {
  const read = getDocument(db, id);
  if (!read) throw new NotFoundError('Document', id);
  if (read.version !== patch.version) throw conflict(id, patch.version, read);
  if (patch.regionCode && !regionByCode(patch.regionCode))
    throw new BadRequestError(
      `Region ${patch.regionCode} is not a GB/T 2260 code.`,
      [{ path: 'regionCode', message: 'unknown region code' }],
      'UNKNOWN_REGION',
    );
  const before = statedOf(read);
  const stated = mergeStated(before, patch);
  const noFigures = { added: 0, kept: 0, changed: 0, gone: 0, flagged: 0 };
  if (JSON.stringify(stated) === JSON.stringify(before))
    return { context: contextViewOf(read), title: read.title, figures: noFigures };

  const hints: ContextHints = { ...stated };
  // The heavy part, outside the transaction; a format's tables are read from their tab-separated lines.
  const pages = pagesOf(read);
  const extracted = extractDocument(read.content, read.fileName, { context: hints, ...(pages && { pages }) });
  const extraction = {
    ...extracted,
    records: extracted.records.filter((r) => Number.isFinite(r.value) && Number.isFinite(r.normalizedValue)),
  };
  const decided = extraction.context;
  const fingerprints = fingerprintsOf(extraction.records);
  const now = at.toISOString();

  return db.transaction(
    (): ContextCorrection => {
      const doc = getDocument(db, id);
      if (!doc) throw new NotFoundError('Document', id);
      // Written by someone else while this one extracted (another correction, an upload, a re-extraction).
      if (doc.version !== patch.version || doc.sha256 !== read.sha256) throw conflict(id, patch.version, doc);
      const articleIdAt = articleLocator(
        replaceArticles(
          db,
          id,
          extraction.articles.map((a) => ({ ...a, region: a.region ?? '', regionCode: a.regionCode ?? '' })),
        ),
      );
      const stored = targetsOfDocument(db, id);
      const setByAnalysts = analystSetFields(
        db,
        stored.filter((t) => t.review !== 'extracted').map((t) => t.id),
      );
      const plan = planFigures(stored, extraction.records, fingerprints, {
        documentId: id,
        now,
        provenance: (r) => ({
          sourceFile: doc.fileName,
          line: r.line,
          quote: r.quote,
          articleId: articleIdAt(r.line, r.article),
        }),
        // A corrected figure whose corrections the audit log does not show keeps every field.
        analystFields: (t: TargetRow) =>
          setByAnalysts.get(t.id) ?? (t.review === 'corrected' ? FIELDS_FOLLOWING : new Set<string>()),
      });
      const addedIds = applyFigurePlan(db, plan, now, today);
      const title = stated.title || extraction.title || doc.fileName;
      const updated = updateDocument(db, id, {
        title,
        issueDate: extraction.issueDate,
        statedTitle: stated.title,
        statedRegionCode: stated.regionCode,
        statedYear: stated.year,
        statedGenre: stated.genre,
        statedPlanStart: stated.planPeriod?.start ?? null,
        statedPlanEnd: stated.planPeriod?.end ?? null,
        context: JSON.stringify(decided),
      });
      const counts = planCounts(plan);
      for (const k of plan.kept) {
        if (!Object.keys(k.after).length) continue;
        recordAudit(
          db,
          actor,
          {
            action: 'target.context',
            entity: 'target',
            entityId: k.target.id,
            before: k.before,
            after: k.after,
            reason: `Document ${id} context corrected`,
          },
          at,
        );
      }
      plan.added.forEach((row, i) => {
        const { documentId: _d, fingerprint: _f, articleId: _a, ...shown } = row;
        recordAudit(
          db,
          actor,
          {
            action: 'target.context',
            entity: 'target',
            entityId: addedIds[i] ?? null,
            before: null,
            after: shown,
            reason: `Document ${id} context corrected; added`,
          },
          at,
        );
      });
      for (const g of [...plan.gone, ...plan.flagged]) {
        recordAudit(
          db,
          actor,
          {
            action: 'target.context',
            entity: 'target',
            entityId: g.target.id,
            before: g.before,
            after: g.after,
            reason: `Document ${id} context corrected; ${g.what}`,
          },
          at,
        );
      }
      recordAudit(
        db,
        actor,
        {
          action: 'document.context',
          entity: 'document',
          entityId: id,
          before: { title: doc.title, stated: before, decided: parseContext(doc.context) },
          after: { title, stated, decided, figureChanges: counts },
          reason: patch.reason ?? null,
        },
        at,
      );
      return { context: contextViewOf(updated), title, figures: counts };
    },
    { behavior: 'immediate' },
  );
}
