import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { TargetFiltersSchema } from '../../../../shared/schemas/target';
import {
  BINDINGS,
  type Binding,
  KINDS,
  type Kind,
  STATUSES,
  type Status,
  THEMES,
  type ThemeKey,
} from '../../../../shared/taxonomy';
import { documentQueries } from '../../features/documents/queries';
import { RegionPicker } from '../../features/targets/RegionPicker';
import { useLocale } from '../../i18n';
import { readUrlFilters, type UrlValues, writeUrlFilters } from '../../lib/urlFilters';
import { STATUS_STYLE } from '../common/StatusBadge';

/** The filters every page takes (the list's, without text search, review and paging), as they live in the URL. */
export interface FilterBarValue {
  region?: string;
  theme?: ThemeKey[];
  status?: Status[];
  deadlineFrom?: string;
  deadlineTo?: string;
  kind?: Kind;
  binding?: Binding;
  document?: number;
}

export type FilterKey = keyof FilterBarValue;
/** A change of some filters: a key set to undefined (or an empty list) clears that filter. */
export type FilterPatch = { [K in FilterKey]?: FilterBarValue[K] | undefined };

const FILTER_KEYS: readonly FilterKey[] = [
  'region',
  'theme',
  'status',
  'deadlineFrom',
  'deadlineTo',
  'kind',
  'binding',
  'document',
];

/** The filters in a URL's query, read with the API's own schema: a value the API would refuse is dropped. */
export function readFilterBar(sp: URLSearchParams): FilterBarValue {
  const parsed = readUrlFilters(TargetFiltersSchema, sp);
  const value: FilterBarValue = {};
  for (const k of FILTER_KEYS) if (parsed[k] !== undefined) Object.assign(value, { [k]: parsed[k] });
  return value;
}

/**
 * The page's filters read from its URL with the API's own schema (a value the API would refuse is dropped), and
 * a function that writes a change back to the URL, keeping every other parameter of the page.
 */
export function useUrlFilterBar(): [FilterBarValue, (patch: FilterPatch) => void] {
  const [sp, setSp] = useSearchParams();
  const value = readFilterBar(sp);
  const update = (patch: FilterPatch) => {
    const next: UrlValues = Object.fromEntries(sp.entries());
    for (const [k, v] of Object.entries(patch)) next[k] = v as UrlValues[string];
    delete next.page;
    setSp(writeUrlFilters(next));
  };
  return [value, update];
}

/** Several values of one filter as a row of checkboxes in a disclosure: none ticked means all. */
function MultiPick<T extends string>({
  legend,
  all,
  options,
  value,
  onChange,
}: {
  legend: string;
  all: string;
  options: readonly { key: T; label: string; icon?: string; color?: string }[];
  value: readonly T[] | undefined;
  onChange: (v: T[] | undefined) => void;
}) {
  const { t } = useLocale();
  const chosen = new Set(value ?? []);
  const toggle = (k: T) => {
    const next = new Set(chosen);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    // In the options' order, so one set of choices is one URL.
    const list = options.map((o) => o.key).filter((x) => next.has(x));
    onChange(list.length ? list : undefined);
  };
  return (
    <details className="multi-pick">
      <summary>
        {legend}: {chosen.size ? t('filters.chosen', { count: chosen.size }) : all}
      </summary>
      <fieldset>
        <legend className="sr-only">{legend}</legend>
        {options.map((o) => (
          <label key={o.key} className="check">
            <input type="checkbox" checked={chosen.has(o.key)} onChange={() => toggle(o.key)} />
            {o.icon && (
              <span aria-hidden="true" style={{ color: o.color }}>
                {o.icon}{' '}
              </span>
            )}
            {o.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** A four-digit year typed in, applied on Enter or when leaving the field; anything else clears the bound. */
function YearInput({ label, value, onChange }: { label: string; value?: string; onChange: (v?: string) => void }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = () => {
    const v = text.trim();
    const next = /^\d{4}(-\d{2})?$/.test(v) ? v : undefined;
    if (next !== value) onChange(next);
    if (!next) setText('');
  };
  return (
    <label>
      {label}
      <input
        type="text"
        inputMode="numeric"
        placeholder="2025"
        size={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
    </label>
  );
}

/**
 * The filter bar of the overview, theme and region pages (and the list's filters): region (province → city →
 * district), several themes, several statuses, deadline year range, kind, binding and document. It holds no
 * state of its own beyond half-typed years: `value` comes from the URL (`useUrlFilterBar`) and every change goes
 * to `onChange` as a patch. `hide` leaves out filters a page fixes itself (a theme page's theme, a region page's
 * region).
 */
export function FilterBar({
  value,
  onChange,
  hide = [],
}: {
  value: FilterBarValue;
  onChange: (patch: FilterPatch) => void;
  hide?: readonly FilterKey[];
}) {
  const { t, locale } = useLocale();
  const shown = (k: FilterKey) => !hide.includes(k);
  const documents = useQuery({ ...documentQueries.list(), enabled: shown('document') });
  const active = FILTER_KEYS.some((k) => shown(k) && value[k] !== undefined);
  return (
    <section className="filters filter-bar" aria-label={t('filters.title')}>
      {shown('region') && <RegionPicker value={value.region} onChange={(region) => onChange({ region })} />}
      {shown('theme') && (
        <MultiPick
          legend={t('filters.themes')}
          all={t('filters.allThemes')}
          options={THEMES.map((th) => ({ key: th.key, label: locale === 'zh' ? th.zh : th.en }))}
          value={value.theme}
          onChange={(theme) => onChange({ theme })}
        />
      )}
      {shown('status') && (
        <MultiPick
          legend={t('filters.statuses')}
          all={t('filters.allStatuses')}
          options={STATUSES.map((s) => ({
            key: s,
            label: t(`status.${s}`),
            icon: STATUS_STYLE[s].icon,
            color: STATUS_STYLE[s].color,
          }))}
          value={value.status}
          onChange={(status) => onChange({ status })}
        />
      )}
      {shown('deadlineFrom') && (
        <YearInput
          label={t('filters.yearFrom')}
          value={value.deadlineFrom}
          onChange={(deadlineFrom) => onChange({ deadlineFrom })}
        />
      )}
      {shown('deadlineTo') && (
        <YearInput
          label={t('filters.yearTo')}
          value={value.deadlineTo}
          onChange={(deadlineTo) => onChange({ deadlineTo })}
        />
      )}
      {shown('kind') && (
        <label>
          {t('filters.kind')}
          <select
            value={value.kind ?? ''}
            onChange={(e) => onChange({ kind: (e.target.value || undefined) as Kind | undefined })}
          >
            <option value="">{t('common.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('binding') && (
        <label>
          {t('filters.binding')}
          <select
            value={value.binding ?? ''}
            onChange={(e) => onChange({ binding: (e.target.value || undefined) as Binding | undefined })}
          >
            <option value="">{t('common.all')}</option>
            {BINDINGS.map((b) => (
              <option key={b} value={b}>
                {b === 'unknown' ? t('common.none') : b}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('document') && (
        <label className="grow">
          {t('filters.document')}
          <select
            value={value.document ?? ''}
            onChange={(e) => onChange({ document: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('common.all')}</option>
            {documents.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {active && (
        <div className="filter-actions">
          <button
            type="button"
            onClick={() => onChange(Object.fromEntries(FILTER_KEYS.filter(shown).map((k) => [k, undefined])))}
          >
            {t('filters.clear')}
          </button>
        </div>
      )}
    </section>
  );
}
