import { type FormEvent, useState } from 'react';
import type { BulkResult } from '../../../../shared/schemas/target';
import { BINDINGS, KINDS, THEMES } from '../../../../shared/taxonomy';
import { useLocale } from '../../i18n';
import { RegionSearch } from '../targets/RegionPicker';
import { type BulkSet, useBulkPatch, useUndoBatch } from './bulk';

export type BulkItem = { id: number; version: number };

/** The last bulk change or undo, kept so that it can be undone right away (the toast's button, U in the queue). */
type Last = { kind: 'bulk' | 'undo'; result: BulkResult };

/** Bulk changes and their undo, shared by a page's bar, toast and keyboard shortcuts. */
export function useBulk() {
  const patch = useBulkPatch();
  const undo = useUndoBatch();
  const [last, setLast] = useState<Last | null>(null);
  const { t } = useLocale();
  const run = async (items: BulkItem[], set: BulkSet, reason?: string) => {
    if (!items.length) return null;
    const result = await patch.mutateAsync({ items, set, reason: reason?.trim() || t('bulk.defaultReason') });
    setLast({ kind: 'bulk', result });
    return result;
  };
  const undoLast = async () => {
    if (last?.kind !== 'bulk') return;
    const result = await undo.mutateAsync(last.result.batchId);
    setLast({ kind: 'undo', result });
  };
  const error = patch.error ?? undo.error;
  return { run, undoLast, last, pending: patch.isPending || undo.isPending, error, dismiss: () => setLast(null) };
}
export type Bulk = ReturnType<typeof useBulk>;

/** What the last bulk change did, with Undo offered right after it. */
export function BulkToast({ bulk }: { bulk: Bulk }) {
  const { t } = useLocale();
  const { last } = bulk;
  if (bulk.error)
    return (
      <p role="alert" className="error">
        {bulk.error.message}
      </p>
    );
  if (!last) return null;
  const { updated, conflicts } = last.result;
  return (
    <div role="status" className="toast">
      {last.kind === 'bulk'
        ? t('bulk.done', { updated: updated.length })
        : t('bulk.undone', { updated: updated.length })}
      {conflicts.length > 0 && (
        <>
          {' '}
          {t(last.kind === 'bulk' ? 'bulk.conflicts' : 'bulk.undoConflicts', { count: conflicts.length })}{' '}
          {conflicts.map((c) => `#${c.id}`).join(', ')}
        </>
      )}
      {last.kind === 'bulk' && updated.length > 0 && (
        <button type="button" onClick={() => void bulk.undoLast()} disabled={bulk.pending}>
          {t('bulk.undo')}
        </button>
      )}
      <button type="button" className="link" aria-label="×" onClick={bulk.dismiss}>
        ×
      </button>
    </div>
  );
}

/**
 * Set region / kind / deadline / theme / binding on the selected targets, or confirm or reject them all: one
 * request, one batch in the audit log. Only the fields given a value are sent.
 */
export function BulkBar({ items, bulk, onApplied }: { items: BulkItem[]; bulk: Bulk; onApplied?: () => void }) {
  const { t, locale } = useLocale();
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [kind, setKind] = useState('');
  const [deadline, setDeadline] = useState('');
  const [theme, setTheme] = useState('');
  const [binding, setBinding] = useState('');
  const [reason, setReason] = useState('');
  const fields: BulkSet = {
    ...(regionCode ? { regionCode } : {}),
    ...(kind ? { kind: kind as NonNullable<BulkSet['kind']> } : {}),
    ...(deadline.trim() ? { deadline: deadline.trim() } : {}),
    ...(theme ? { theme: theme as NonNullable<BulkSet['theme']> } : {}),
    ...(binding ? { binding: binding as NonNullable<BulkSet['binding']> } : {}),
  };
  const send = async (set: BulkSet) => {
    const result = await bulk.run(items, set, reason).catch(() => null);
    if (!result) return;
    setRegionCode(null);
    setKind('');
    setDeadline('');
    setTheme('');
    setBinding('');
    setReason('');
    onApplied?.();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(fields).length) void send(fields);
  };
  const none = items.length === 0 || bulk.pending;
  return (
    <form className="bulk-bar" onSubmit={submit} aria-label={t('bulk.selected', { count: items.length })}>
      <strong>{t('bulk.selected', { count: items.length })}</strong>
      <RegionSearch label={t('targets.region')} value={regionCode} onChange={setRegionCode} />
      <label>
        {t('targets.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('bulk.keep')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('targets.deadline')}
        <input size={8} placeholder="2025 / 2025-12" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>
      <label>
        {t('targets.theme')}
        <select value={theme} onChange={(e) => setTheme(e.target.value)}>
          <option value="">{t('bulk.keep')}</option>
          {THEMES.map((th) => (
            <option key={th.key} value={th.key}>
              {locale === 'zh' ? th.zh : th.en}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('edit.binding')}
        <select value={binding} onChange={(e) => setBinding(e.target.value)}>
          <option value="">{t('bulk.keep')}</option>
          {BINDINGS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        {t('bulk.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </label>
      <button type="submit" disabled={none || Object.keys(fields).length === 0}>
        {t('bulk.apply')}
      </button>
      <button type="button" className="primary" disabled={none} onClick={() => void send({ review: 'confirmed' })}>
        {t('bulk.confirm')}
      </button>
      <button type="button" disabled={none} onClick={() => void send({ review: 'rejected' })}>
        {t('bulk.reject')}
      </button>
    </form>
  );
}
