import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatPercent, formatPeriod, formatQuantity } from '../../../../shared/format';
import { REVIEW_STATUSES, THEMES } from '../../../../shared/taxonomy';
import { toSearch } from '../../api/http';
import { PagedTable } from '../../components/common/PagedTable';
import { StatusBadge } from '../../components/common/StatusBadge';
import { FilterBar, type FilterBarValue } from '../../components/filters/FilterBar';
import { useLocale } from '../../i18n';
import { type UrlValues, urlSearch, writeUrlFilters } from '../../lib/urlFilters';
import { useCan } from '../auth/session';
import { BulkBar, BulkToast, useBulk } from '../review/BulkBar';
import { allMatching } from '../review/bulk';
import { useSelection } from '../review/useSelection';
import { readFilters, type TargetUrlFilters } from './filters';
import { PAGE_SIZE, targetQueries } from './queries';

function themeLabel(key: string, locale: 'zh' | 'en'): string {
  const th = THEMES.find((x) => x.key === key);
  return th ? (locale === 'zh' ? th.zh : th.en) : key;
}

const COMPARATOR_SIGN: Record<string, string> = {
  '>=': '≥',
  '>': '>',
  '=': '=',
  '<=': '≤',
  '<': '<',
  '~': '≈',
  range: '',
};

function SortHeader({
  field,
  label,
  filters,
  set,
}: {
  field: NonNullable<TargetUrlFilters['sort']>;
  label: string;
  filters: TargetUrlFilters;
  set: (f: TargetUrlFilters) => void;
}) {
  const active = (filters.sort ?? 'id') === field;
  const order = active && filters.order !== 'desc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (filters.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link" onClick={() => set({ ...filters, sort: field, order, page: undefined })}>
        {label} {active ? (filters.order === 'desc' ? '▼' : '▲') : ''}
      </button>
    </th>
  );
}

/** The metrics table with every filter in the URL, sortable, paged, exportable as exactly the filtered set. */
export function TargetsPage() {
  const { t, locale } = useLocale();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const set = (f: TargetUrlFilters) => setSp(writeUrlFilters(f));
  // A value the schema refuses (a half-typed deadline) is dropped again when the URL is read.
  const update = (patch: UrlValues) => setSp(writeUrlFilters({ ...filters, ...patch, page: undefined }));
  const list = useQuery(targetQueries.list(filters));
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const page = filters.page ?? 1;
  const { page: _p, ...exportFilters } = filters;
  // Bulk review (issue 14): select rows (shift-click for a range) or everything the filter matches, then act.
  const analyst = useCan('analyst');
  const bulk = useBulk();
  const selection = useSelection();
  const pageRows = (list.data?.items ?? []).map((tg) => ({ id: tg.id, version: tg.version }));
  const [selectingAll, setSelectingAll] = useState(false);
  const selectAllMatching = async () => {
    setSelectingAll(true);
    try {
      const { sort: _s, order: _o, ...where } = exportFilters;
      selection.set(await allMatching(where));
    } finally {
      setSelectingAll(false);
    }
  };
  const bar: FilterBarValue = {
    region: filters.region,
    theme: filters.theme,
    status: filters.status,
    deadlineFrom: filters.deadlineFrom,
    deadlineTo: filters.deadlineTo,
    kind: filters.kind,
    binding: filters.binding,
    document: filters.document,
  };

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: q.trim() || undefined });
  };

  return (
    <div className="page">
      <h1>{t('targets.title')}</h1>
      {/*
        The search is a form of its own with a submit button: a form with several text fields and no submit
        button has no implicit submission (HTML § 4.10.21.2), which is why Enter in the old search box did nothing.
      */}
      <search>
        <form className="filters search-form" onSubmit={submitSearch}>
          <label className="grow">
            {t('targets.q')}
            <input
              type="search"
              name="q"
              value={q}
              placeholder={t('search.placeholder')}
              onChange={(e) => setQ(e.target.value)}
            />
          </label>
          <div className="filter-actions">
            <button type="submit">{t('search.submit')}</button>
          </div>
        </form>
      </search>
      <FilterBar value={bar} onChange={(patch) => update(patch)} />
      <div className="filters">
        <label>
          {t('targets.review')}
          <select value={filters.review ?? ''} onChange={(e) => update({ review: e.target.value || undefined })}>
            <option value="">{t('common.all')}</option>
            {REVIEW_STATUSES.map((r) => (
              <option key={r} value={r}>
                {t(`review.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="filter-actions">
          <button type="button" onClick={() => set({})}>
            {t('common.clear')}
          </button>
          <a
            className="button"
            href={`/api/export/targets.csv${toSearch({ ...exportFilters, lang: locale })}`}
            download
          >
            {t('common.exportCsv')}
          </a>
          <a
            className="button"
            href={`/api/export/targets.xlsx${toSearch({ ...exportFilters, lang: locale })}`}
            download
          >
            {t('exportFile.xlsxButton')}
          </a>
          <Link
            className="button"
            to={`/briefing${urlSearch({ ...exportFilters, sort: undefined, order: undefined })}`}
          >
            {t('briefing.open')}
          </Link>
        </div>
      </div>
      {analyst && (
        <div className="row">
          <button type="button" className="link" disabled={selectingAll} onClick={() => void selectAllMatching()}>
            {t('bulk.selectAllMatching', { count: list.data?.total ?? 0 })}
          </button>
          {selection.selected.size > 0 && (
            <button type="button" className="link" onClick={selection.clear}>
              {t('bulk.clear')}
            </button>
          )}
        </div>
      )}
      <BulkToast bulk={bulk} />
      {analyst && selection.selected.size > 0 && (
        <BulkBar items={selection.items} bulk={bulk} onApplied={selection.clear} />
      )}
      <PagedTable
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ ...filters, page: p })}
        head={
          <tr>
            {analyst && (
              <th scope="col">
                <span className="sr-only">{t('bulk.selected', { count: selection.selected.size })}</span>
              </th>
            )}
            <SortHeader field="region" label={t('targets.region')} filters={filters} set={set} />
            <SortHeader field="theme" label={t('targets.theme')} filters={filters} set={set} />
            <SortHeader field="metric" label={t('targets.metric')} filters={filters} set={set} />
            <SortHeader field="value" label={t('targets.target')} filters={filters} set={set} />
            <SortHeader field="deadline" label={t('targets.deadline')} filters={filters} set={set} />
            <th scope="col">{t('targets.latest')}</th>
            <th scope="col">{t('honest.lastReported')}</th>
            <SortHeader field="progress" label={t('targets.progress')} filters={filters} set={set} />
            <SortHeader field="status" label={t('targets.status')} filters={filters} set={set} />
            <th scope="col">{t('targets.source')}</th>
          </tr>
        }
        rowKey={(tg) => tg.id}
        row={(tg) => (
          <tr>
            {analyst && (
              <td>
                <input
                  type="checkbox"
                  aria-label={t('bulk.select', { line: tg.line, metric: tg.metric || tg.quote })}
                  checked={selection.selected.has(tg.id)}
                  onClick={(e) =>
                    selection.onCheck(
                      e,
                      pageRows,
                      pageRows.findIndex((r) => r.id === tg.id),
                    )
                  }
                  onChange={() => {}}
                />
              </td>
            )}
            <td>
              <Link to={`/regions/${tg.regionCode}`}>{locale === 'zh' ? tg.region : tg.regionEn}</Link>
            </td>
            <td>
              <Link to={`/themes/${tg.theme}`}>{themeLabel(tg.theme, locale)}</Link>
            </td>
            <td>
              <Link to={`/targets/${tg.id}`}>{tg.metric || tg.quote}</Link>
              {tg.kind !== 'target' && <span className="tag">{t(`kind.${tg.kind}`)}</span>}
            </td>
            <td className="num">
              {COMPARATOR_SIGN[tg.comparator]} {formatQuantity(tg.value, tg.unit, locale)}
              {tg.valueMax !== null ? ` – ${formatQuantity(tg.valueMax, tg.unit, locale)}` : ''}
            </td>
            <td>{formatPeriod(tg.deadline, locale)}</td>
            <td className="num">{tg.latestActual ? formatQuantity(tg.latestActual.value, tg.unit, locale) : '—'}</td>
            <td className="last-reported">{tg.lastReportedAt ?? '—'}</td>
            <td className="num">{formatPercent(tg.progress)}</td>
            <td>
              <StatusBadge status={tg.status} stale={tg.stale} />
            </td>
            <td className="quote" title={`${tg.sourceFile} · ${t('targets.line', { line: tg.line })}`}>
              {tg.quote}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
