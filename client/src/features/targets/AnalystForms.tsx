import { type FormEvent, useState } from 'react';
import { chinaDate } from '../../../../shared/chinaTime';
import type { Target, TargetPatch } from '../../../../shared/schemas/target';
import { BINDINGS, COMPARATORS, KINDS, THEMES } from '../../../../shared/taxonomy';
import { ApiRequestError } from '../../api/http';
import { useLocale } from '../../i18n';
import { useAddActualMutation, usePatchTargetMutation } from './mutations';
import { RegionSearch } from './RegionPicker';

/** Enter a reported figure as of a date; a later entry with the same purpose supersedes nothing silently. */
export function AddActualForm({ target }: { target: Target }) {
  const { t } = useLocale();
  const add = useAddActualMutation(target.id);
  const [value, setValue] = useState('');
  const [asOf, setAsOf] = useState(() => chinaDate());
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { value: Number(value), asOf, note: note.trim() || null },
      {
        onSuccess: () => {
          setValue('');
          setNote('');
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="add-actual-h">
      <h2 id="add-actual-h">{t('edit.addActual')}</h2>
      <form className="row" onSubmit={submit}>
        <label>
          {t('edit.value', { unit: target.unit })}
          <input type="number" step="any" required value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label>
          {t('edit.asOf')}
          <input type="date" required value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <label className="grow">
          {t('edit.note')}
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </label>
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('edit.save')}
        </button>
      </form>
      {add.isError && (
        <p role="alert" className="error">
          {add.error.message}
        </p>
      )}
      {add.isSuccess && <p role="status">{t('edit.saved')}</p>}
    </section>
  );
}

type Draft = Pick<
  Target,
  | 'kind'
  | 'regionCode'
  | 'article'
  | 'perYear'
  | 'metric'
  | 'comparator'
  | 'value'
  | 'valueMax'
  | 'unit'
  | 'deadline'
  | 'theme'
  | 'baselineValue'
  | 'baselineDate'
  | 'binding'
>;

function draftOf(t: Target): Draft {
  return {
    kind: t.kind,
    regionCode: t.regionCode,
    article: t.article,
    perYear: t.perYear,
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    valueMax: t.valueMax,
    unit: t.unit,
    deadline: t.deadline,
    theme: t.theme,
    baselineValue: t.baselineValue,
    baselineDate: t.baselineDate,
    binding: t.binding,
  };
}

/** Only the fields the analyst changed go in the PATCH, so the audit log shows exactly what was corrected. */
function changes(before: Draft, after: Draft): Partial<Draft> {
  const out: Partial<Draft> = {};
  for (const k of Object.keys(after) as (keyof Draft)[]) {
    if (after[k] !== before[k]) (out as Record<string, unknown>)[k] = after[k];
  }
  return out;
}

/**
 * Confirm, reject or correct any field of a target; the version seen is sent so a concurrent change is never
 * overwritten. `autoFocus` puts the cursor in the first field (the review queue opens it with E); `onDone` is
 * called after a save.
 */
export function ReviewForm({
  target,
  autoFocus,
  onDone,
  onCancel,
}: {
  target: Target;
  autoFocus?: boolean;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const { t, locale } = useLocale();
  const patch = usePatchTargetMutation(target.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(target));
  const [seenVersion, setSeenVersion] = useState(target.version);
  const [reason, setReason] = useState('');
  // When a fresh record arrives (after our save or someone else's), start from it.
  if (seenVersion !== target.version && !patch.isPending) {
    setSeenVersion(target.version);
    setDraft(draftOf(target));
  }
  const conflict = patch.error instanceof ApiRequestError && patch.error.status === 409;
  const send = (extra: Pick<TargetPatch, 'review'>) => {
    const body = {
      version: target.version,
      reason: reason.trim() || '—',
      ...changes(draftOf(target), draft),
      ...extra,
    };
    patch.mutate(body as TargetPatch, {
      onSuccess: () => {
        setReason('');
        onDone?.();
      },
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({});
  };
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">{t('edit.review')}</h2>
      {conflict && (
        <p role="alert" className="notice">
          {t('edit.conflict', { version: target.version })}
        </p>
      )}
      {patch.isError && !conflict && (
        <p role="alert" className="error">
          {patch.error.message}
        </p>
      )}
      <form
        className="row"
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onCancel) {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <label>
          {t('targets.kind')}
          <select
            // biome-ignore lint/a11y/noAutofocus: opened on purpose by a keyboard shortcut (E in the review queue)
            autoFocus={autoFocus}
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as Draft['kind'] })}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <RegionSearch
          label={t('targets.region')}
          value={draft.regionCode}
          onChange={(regionCode) => setDraft({ ...draft, regionCode })}
        />
        <label className="grow">
          {t('detail.article')}
          <input value={draft.article} onChange={(e) => setDraft({ ...draft, article: e.target.value })} />
        </label>
        <label className="grow">
          {t('targets.metric')}
          <input value={draft.metric} onChange={(e) => setDraft({ ...draft, metric: e.target.value })} />
        </label>
        <label>
          {t('edit.comparator')}
          <select
            value={draft.comparator}
            onChange={(e) => setDraft({ ...draft, comparator: e.target.value as Draft['comparator'] })}
          >
            {COMPARATORS.map((c) => (
              <option key={c} value={c}>
                {t(`comparator.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('targets.target')}
          <input
            type="number"
            step="any"
            value={draft.value}
            onChange={(e) => setDraft({ ...draft, value: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('edit.valueMax')}
          <input
            type="number"
            step="any"
            value={draft.valueMax ?? ''}
            onChange={(e) => setDraft({ ...draft, valueMax: num(e.target.value) })}
          />
        </label>
        <label>
          {t('edit.unit')}
          <input size={6} value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value })} />
        </label>
        <label>
          {t('targets.deadline')}
          <input
            size={8}
            placeholder="2025 / 2025-12"
            value={draft.deadline ?? ''}
            onChange={(e) => setDraft({ ...draft, deadline: e.target.value.trim() || null })}
          />
        </label>
        <label>
          {t('targets.theme')}
          <select value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value as Draft['theme'] })}>
            {THEMES.map((th) => (
              <option key={th.key} value={th.key}>
                {locale === 'zh' ? th.zh : th.en}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={draft.perYear}
            onChange={(e) => setDraft({ ...draft, perYear: e.target.checked })}
          />{' '}
          {t('detail.perYear')}
        </label>
        <label>
          {t('edit.baseline')}
          <input
            type="number"
            step="any"
            value={draft.baselineValue ?? ''}
            onChange={(e) => setDraft({ ...draft, baselineValue: num(e.target.value) })}
          />
        </label>
        <label>
          {t('edit.baselineDate')}
          <input
            size={10}
            placeholder="2023-12-31"
            value={draft.baselineDate ?? ''}
            onChange={(e) => setDraft({ ...draft, baselineDate: e.target.value.trim() || null })}
          />
        </label>
        <label>
          {t('edit.binding')}
          <select
            value={draft.binding}
            onChange={(e) => setDraft({ ...draft, binding: e.target.value as Draft['binding'] })}
          >
            {BINDINGS.map((b) => (
              <option key={b} value={b}>
                {t(`bindingValue.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t('edit.reason')}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </label>
        <button type="submit" disabled={patch.isPending}>
          {t('edit.saveCorrection')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={patch.isPending}
          onClick={() => send({ review: 'confirmed' })}
        >
          {t('edit.confirm')}
        </button>
        <button type="button" disabled={patch.isPending} onClick={() => send({ review: 'rejected' })}>
          {t('edit.reject')}
        </button>
      </form>
    </section>
  );
}
