import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import {
  ContextCorrectionSchema,
  type ContextPatch,
  DOCUMENT_GENRES,
  type DocumentContext,
} from '../../../../shared/schemas/context';
import type { DocumentDetail } from '../../../../shared/schemas/document';
import { ApiRequestError, sendJson } from '../../api/http';
import { useLocale } from '../../i18n';
import { RegionPicker } from '../targets/RegionPicker';

type Field = 'title' | 'issuer' | 'genre' | 'year' | 'planPeriod';
type Why = DocumentContext['why'][number];

/** Saves a correction of the document's context; the document is read again, so its figures and lines are stale. */
function useCorrectContextMutation(documentId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContextPatch) =>
      sendJson('PATCH', `/api/documents/${documentId}/context`, body, ContextCorrectionSchema),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['documents'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}

/** Why the engine decided a field: its rule, the evidence, and a link to the line that supplied it. */
function Reasons({ why }: { why: Why[] }) {
  const { t } = useLocale();
  if (!why.length) return <span className="muted">{t('docContext.noReason')}</span>;
  return (
    <>
      {why.map((w) => (
        <span key={`${w.rule}-${w.line}`} className="why">
          {w.rule}
          {w.line !== null && (
            <>
              {' · '}
              <Link to={{ hash: `L${w.line}` }}>{t('docContext.line', { line: w.line })}</Link>
            </>
          )}
          {w.evidence && <q>{w.evidence}</q>}
        </span>
      ))}
    </>
  );
}

interface Draft {
  title: string;
  regionCode: string | undefined;
  genre: string;
  year: string;
  planStart: string;
  planEnd: string;
}

function draftOf(c: DocumentContext | null): Draft {
  return {
    title: c?.title ?? '',
    regionCode: c?.issuer?.code,
    genre: c?.genre ?? '',
    year: c?.year !== null && c?.year !== undefined ? String(c.year) : '',
    planStart: c?.planPeriod ? String(c.planPeriod.start) : '',
    planEnd: c?.planPeriod ? String(c.planPeriod.end) : '',
  };
}

/** What an analyst changed in the form, as a correction: only the fields that differ from what is shown. */
function patchOf(before: Draft, after: Draft, version: number): ContextPatch | null {
  const patch: ContextPatch = { version };
  if (after.title.trim() && after.title.trim() !== before.title) patch.title = after.title.trim();
  if (after.regionCode && after.regionCode !== before.regionCode) patch.regionCode = after.regionCode;
  if (after.genre && after.genre !== before.genre) patch.genre = after.genre as ContextPatch['genre'];
  if (after.year && after.year !== before.year) patch.year = Number(after.year);
  if (after.planStart && after.planEnd && (after.planStart !== before.planStart || after.planEnd !== before.planEnd))
    patch.planPeriod = { start: Number(after.planStart), end: Number(after.planEnd) };
  return Object.keys(patch).length > 1 ? patch : null;
}

/**
 * What the engine decided about the document — title, issuing government, genre, year, plan period, its
 * articles — with why; an analyst corrects it here, and the document is read again with the correction.
 */
export function ContextPanel({ detail, canEdit }: { detail: DocumentDetail; canEdit: boolean }) {
  const { t } = useLocale();
  const { context, articles } = detail;
  const decided = context.decided;
  const correct = useCorrectContextMutation(detail.document.id);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(decided));
  const whyOf = (field: Field) => decided?.why.filter((w) => w.field === field) ?? [];
  const stated = {
    title: context.stated.title !== null,
    issuer: context.stated.regionCode !== null,
    genre: context.stated.genre !== null,
    year: context.stated.year !== null,
    planPeriod: context.stated.planPeriod !== null,
  };
  const statedKey = {
    title: 'title',
    issuer: 'regionCode',
    genre: 'genre',
    year: 'year',
    planPeriod: 'planPeriod',
  } as const;
  const genreName = (g: string | null | undefined) =>
    g ? ((DOCUMENT_GENRES as readonly string[]).includes(g) ? t(`docContext.genres.${g}`) : g) : t('docContext.none');
  const save = (patch: ContextPatch) =>
    correct.mutate(patch, {
      onSuccess: (r) => {
        setEditing(false);
        setDraft(draftOf(r.context.decided));
      },
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = patchOf(draftOf(decided), draft, context.version);
    if (patch) save(patch);
    else setEditing(false);
  };
  const rows: { field: Field; label: string; value: string }[] = [
    { field: 'title', label: t('docContext.title'), value: decided?.title || detail.document.title },
    { field: 'issuer', label: t('docContext.issuer'), value: decided?.issuer?.name ?? t('docContext.none') },
    { field: 'genre', label: t('docContext.genre'), value: genreName(decided?.genre) },
    { field: 'year', label: t('docContext.year'), value: decided?.year ? String(decided.year) : t('docContext.none') },
    {
      field: 'planPeriod',
      label: t('docContext.planPeriod'),
      value: decided?.planPeriod ? `${decided.planPeriod.start}—${decided.planPeriod.end}` : t('docContext.none'),
    },
  ];
  const conflict = correct.error instanceof ApiRequestError && correct.error.status === 409;
  return (
    <section className="card" aria-labelledby="context-h">
      <div className="card-head">
        <h2 id="context-h">{t('docContext.heading')}</h2>
        {canEdit && !editing && (
          <button
            type="button"
            onClick={() => {
              setDraft(draftOf(decided));
              correct.reset();
              setEditing(true);
            }}
          >
            {t('docContext.edit')}
          </button>
        )}
      </div>
      {!decided && <p className="muted">{t('docContext.notRead')}</p>}
      {editing ? (
        <form className="row context-form" onSubmit={submit} aria-label={t('docContext.heading')}>
          <label className="grow">
            {t('docContext.title')}
            <input
              value={draft.title}
              maxLength={300}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
          </label>
          <fieldset className="row">
            <legend>{t('docContext.issuer')}</legend>
            <RegionPicker value={draft.regionCode} onChange={(regionCode) => setDraft({ ...draft, regionCode })} />
          </fieldset>
          <label>
            {t('docContext.genre')}
            <select value={draft.genre} onChange={(e) => setDraft({ ...draft, genre: e.target.value })}>
              <option value="">{t('docContext.none')}</option>
              {DOCUMENT_GENRES.map((g) => (
                <option key={g} value={g}>
                  {genreName(g)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('docContext.year')}
            <input
              type="number"
              min={1949}
              max={2100}
              value={draft.year}
              onChange={(e) => setDraft({ ...draft, year: e.target.value })}
            />
          </label>
          <label>
            {t('docContext.planStart')}
            <input
              type="number"
              min={1949}
              max={2100}
              value={draft.planStart}
              onChange={(e) => setDraft({ ...draft, planStart: e.target.value })}
            />
          </label>
          <label>
            {t('docContext.planEnd')}
            <input
              type="number"
              min={1949}
              max={2100}
              value={draft.planEnd}
              onChange={(e) => setDraft({ ...draft, planEnd: e.target.value })}
            />
          </label>
          <button type="submit" className="primary" disabled={correct.isPending}>
            {correct.isPending ? t('docContext.saving') : t('docContext.save')}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {t('docContext.cancel')}
          </button>
        </form>
      ) : (
        <dl className="fields context-fields">
          {rows.map((r) => (
            <div key={r.field} data-field={r.field}>
              <dt>{r.label}</dt>
              <dd>
                <span className="context-value">{r.value}</span>
                {stated[r.field] && <span className="stated-mark"> {t('docContext.stated')}</span>}
                {canEdit && stated[r.field] && (
                  <button
                    type="button"
                    className="link"
                    disabled={correct.isPending}
                    onClick={() => save({ version: context.version, [statedKey[r.field]]: null })}
                  >
                    {t('docContext.unstate')}
                  </button>
                )}
                <div className="muted small">
                  <Reasons why={whyOf(r.field)} />
                </div>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {correct.isError && (
        <p role="alert" className="error">
          {conflict ? t('docContext.conflict') : correct.error.message}
        </p>
      )}
      {correct.isSuccess && (
        <p role="status">
          {t('docContext.saved', {
            changed: correct.data.figures.changed,
            added: correct.data.figures.added,
            gone: correct.data.figures.gone + correct.data.figures.flagged,
          })}
        </p>
      )}
      <h3>{t('docContext.articles')}</h3>
      <table className="data context-articles">
        <thead>
          <tr>
            <th scope="col">{t('docContext.articleTitle')}</th>
            <th scope="col">{t('docContext.articleRegion')}</th>
            <th scope="col">{t('docContext.articleLines')}</th>
            <th scope="col">{t('docContext.why')}</th>
          </tr>
        </thead>
        <tbody>
          {articles.map((a) => (
            <tr key={a.id}>
              <td>{a.title || t('docContext.untitled')}</td>
              <td>{a.region || t('docContext.undecided')}</td>
              <td>
                <Link to={{ hash: `L${a.firstLine}` }}>
                  {a.firstLine}–{a.lastLine}
                </Link>
              </td>
              <td className="muted small">
                {!a.regionCode
                  ? t('docContext.articleUndecided')
                  : a.regionCode === decided?.issuer?.code
                    ? t('docContext.articleIssuer')
                    : a.issuingBody
                      ? t('docContext.articleBody', { body: a.issuingBody })
                      : t('docContext.articleOwn')}
                {a.planStartYear !== null &&
                  a.planEndYear !== null &&
                  ` · ${t('docContext.articlePeriod', { start: a.planStartYear, end: a.planEndYear })}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
