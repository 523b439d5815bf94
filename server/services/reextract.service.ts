/**
 * Re-extraction: when the engine improves (ENGINE_VERSION), the stored texts are read again and their figures
 * reconciled with the stored targets exactly as a re-upload reconciles them (reconcile.service), so analysts'
 * decisions, corrections and actuals stay attached to the same figures. Run by `npm run reextract` and by the
 * server at start for documents an older engine read. Every change is written to the audit log.
 */

import type { ExtractionResult } from '../../shared/schemas/record';
import type { Db } from '../db/client';
import { ENGINE_VERSION, type ExtractOptions, extractDocument } from '../extraction/index';
import { NotFoundError } from '../lib/errors';
import {
  type DocumentRow,
  documentsToReextract,
  getDocument,
  replaceArticles,
  updateDocument,
} from '../repos/documents.repo';
import { type NewTargetRow, targetsOfDocument } from '../repos/targets.repo';
import { type AuditActor, recordAudit } from './audit.service';
import { hintsOf } from './context.service';
import { storedTitle } from './documentTitle';
import {
  applyFigurePlan,
  articleLocator,
  type FigurePlan,
  type FigureProvenance,
  fingerprintsOf,
  type MatchRule,
  planCounts,
  planFigures,
} from './reconcile.service';

/** Re-extraction acts for no user: its audit entries carry no user, which the audit page shows as "System". */
export const SYSTEM_ACTOR: AuditActor = null;

/** An extraction engine and its version: the current one by default; tests stand a later one in. */
export interface Engine {
  version: number;
  extract: (text: string, sourceFile: string, options?: ExtractOptions) => ExtractionResult;
}

export const CURRENT_ENGINE: Engine = { version: ENGINE_VERSION, extract: extractDocument };

export interface ReextractOptions {
  /** The day statuses are computed for. */
  today: string;
  /** Re-read every selected document, also those the engine's version already read. */
  all?: boolean;
  /** Only this document; named explicitly, it is re-read whatever engine read it. */
  documentId?: number;
  /** Work out and return what would change, write nothing. */
  dryRun?: boolean;
  engine?: Engine;
  now?: () => Date;
}

export interface FigureCounts {
  added: number;
  /** Matched with nothing to change. */
  kept: number;
  /** Matched, and a field, its line or its quote changed. */
  changed: number;
  gone: number;
  /** Not found again but kept live and flagged: an analyst reviewed it or entered actuals. */
  flagged: number;
}

/** One target a re-extraction adds or changes, as printed by the CLI and written to the audit log. */
export interface FigureChange {
  /** Null for a figure a dry run would add. */
  targetId: number | null;
  what: 'added' | 'changed' | 'gone' | 'flagged';
  /** For a matched figure, the rule that matched it. */
  by?: MatchRule;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface DocumentReextract {
  documentId: number;
  fileName: string;
  fromVersion: number;
  toVersion: number;
  /**
   * `reextracted` (written), `planned` (dry run), `skipped` (its text was replaced, or another process re-read
   * it, while this one extracted) or `failed` (nothing was written; `error` says why).
   */
  outcome: 'reextracted' | 'planned' | 'skipped' | 'failed';
  counts: FigureCounts;
  changes: FigureChange[];
  error?: string;
}

export interface ReextractReport {
  engineVersion: number;
  dryRun: boolean;
  documents: DocumentReextract[];
  totals: FigureCounts & { documents: number; failed: number; skipped: number };
}

const NO_COUNTS: FigureCounts = { added: 0, kept: 0, changed: 0, gone: 0, flagged: 0 };

/** What an added target shows in the audit log and the dry run: the figure, not its internal keys. */
function shownNew(row: NewTargetRow): Record<string, unknown> {
  const { documentId: _d, fingerprint: _f, articleId: _a, ...shown } = row;
  return shown;
}

function changesOf(plan: FigurePlan, addedIds: readonly (number | null)[]): FigureChange[] {
  return [
    ...plan.kept
      .filter((k) => Object.keys(k.after).length > 0)
      .map(
        (k): FigureChange => ({
          targetId: k.target.id,
          what: 'changed',
          ...(k.by && { by: k.by }),
          before: k.before,
          after: k.after,
        }),
      ),
    ...plan.added.map(
      (row, i): FigureChange => ({ targetId: addedIds[i] ?? null, what: 'added', before: null, after: shownNew(row) }),
    ),
    ...plan.gone.map((g): FigureChange => ({ targetId: g.target.id, what: 'gone', before: g.before, after: g.after })),
    ...plan.flagged.map(
      (f): FigureChange => ({ targetId: f.target.id, what: 'flagged', before: f.before, after: f.after }),
    ),
  ];
}

function reextractOne(
  db: Db,
  id: number,
  opts: Required<Pick<ReextractOptions, 'today' | 'engine' | 'now'>> & { dryRun: boolean; force: boolean },
): DocumentReextract {
  const { engine } = opts;
  const read = getDocument(db, id);
  if (!read) throw new NotFoundError('Document', id);
  const base = {
    documentId: id,
    fileName: read.fileName,
    fromVersion: read.engineVersion,
    toVersion: engine.version,
  };
  let extraction: ExtractionResult;
  try {
    // The heavy part, outside any transaction: other processes go on writing meanwhile.
    // What an analyst stated about the document still holds; a format's tables are read from their
    // tab-separated lines in the stored text.
    extraction = engine.extract(read.content, read.fileName, { context: hintsOf(read) });
  } catch (err) {
    return { ...base, outcome: 'failed', counts: NO_COUNTS, changes: [], error: String(err) };
  }
  const fingerprints = fingerprintsOf(extraction.records);
  const now = opts.now().toISOString();
  const place =
    (articleIdAt: (line: number, title: string) => number | null) =>
    (r: ExtractionResult['records'][number]): FigureProvenance => ({
      sourceFile: read.fileName,
      line: r.line,
      quote: r.quote,
      articleId: articleIdAt(r.line, r.article),
    });

  if (opts.dryRun) {
    const plan = planFigures(targetsOfDocument(db, id), extraction.records, fingerprints, {
      documentId: id,
      now,
      provenance: place(() => null),
    });
    return { ...base, outcome: 'planned', counts: planCounts(plan), changes: changesOf(plan, []) };
  }

  try {
    // IMMEDIATE: it reads before it writes, and other server processes write to the file too.
    return db.transaction(
      (): DocumentReextract => {
        const doc = getDocument(db, id);
        // Replaced by an upload while this extracted (which read it with the current engine), or re-read by
        // another process: what was extracted here is stale or already applied.
        const stale = (d: DocumentRow) =>
          d.sha256 !== read.sha256 || (!opts.force && d.engineVersion >= engine.version);
        if (!doc || stale(doc)) return { ...base, outcome: 'skipped', counts: NO_COUNTS, changes: [] };
        const articleIdAt = articleLocator(
          replaceArticles(
            db,
            id,
            extraction.articles.map((a) => ({ ...a, region: a.region ?? '', regionCode: a.regionCode ?? '' })),
          ),
        );
        const plan = planFigures(targetsOfDocument(db, id), extraction.records, fingerprints, {
          documentId: id,
          now,
          provenance: place(articleIdAt),
        });
        const addedIds = applyFigurePlan(db, plan, now, opts.today);
        const title = doc.statedTitle || storedTitle(extraction, doc.content, doc.fileName);
        updateDocument(db, id, {
          title,
          issueDate: extraction.issueDate,
          engineVersion: engine.version,
          context: JSON.stringify(extraction.context),
        });
        const counts = planCounts(plan);
        const changes = changesOf(plan, addedIds);
        const at = new Date(now);
        const reason = `Engine v${doc.engineVersion} → v${engine.version}`;
        for (const c of changes) {
          recordAudit(
            db,
            SYSTEM_ACTOR,
            {
              action: 'target.reextract',
              entity: 'target',
              entityId: c.targetId,
              before: c.before,
              after: c.after,
              reason: c.by ? `${reason}; matched by ${c.by}` : `${reason}; ${c.what}`,
            },
            at,
          );
        }
        recordAudit(
          db,
          SYSTEM_ACTOR,
          {
            action: 'document.reextract',
            entity: 'document',
            entityId: id,
            before: { engineVersion: doc.engineVersion, title: doc.title, issueDate: doc.issueDate },
            after: { engineVersion: engine.version, title, issueDate: extraction.issueDate, figureChanges: counts },
            reason,
          },
          at,
        );
        return { ...base, fromVersion: doc.engineVersion, outcome: 'reextracted', counts, changes };
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    // The transaction rolled back: the document and its figures are as they were.
    return { ...base, outcome: 'failed', counts: NO_COUNTS, changes: [], error: String(err) };
  }
}

/**
 * Re-reads the stored documents an older engine read (or every selected one with `all`, or the one named) and
 * reconciles their figures, one short write transaction per document; a document that fails is left as it
 * was and reported, and the others go on. With `dryRun` nothing is written.
 */
export function reextractDocuments(db: Db, opts: ReextractOptions): ReextractReport {
  const engine = opts.engine ?? CURRENT_ENGINE;
  const dryRun = opts.dryRun ?? false;
  const force = opts.all === true || opts.documentId !== undefined;
  if (opts.documentId !== undefined && !getDocument(db, opts.documentId))
    throw new NotFoundError('Document', opts.documentId);
  const ids = documentsToReextract(db, {
    belowVersion: force ? null : engine.version,
    ...(opts.documentId !== undefined && { id: opts.documentId }),
  });
  const documents = ids.map((id) =>
    reextractOne(db, id, { today: opts.today, engine, now: opts.now ?? (() => new Date()), dryRun, force }),
  );
  const totals = { ...NO_COUNTS, documents: 0, failed: 0, skipped: 0 };
  for (const d of documents) {
    if (d.outcome === 'failed') totals.failed++;
    else if (d.outcome === 'skipped') totals.skipped++;
    else totals.documents++;
    for (const k of Object.keys(NO_COUNTS) as (keyof FigureCounts)[]) totals[k] += d.counts[k];
  }
  return { engineVersion: engine.version, dryRun, documents, totals };
}
