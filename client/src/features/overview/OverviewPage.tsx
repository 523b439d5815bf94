import { type QueryClient, useQuery } from '@tanstack/react-query';
import { lazy, useState } from 'react';
import { Link } from 'react-router';
import { chinaMonth, chinaYear } from '../../../../shared/chinaTime';
import { formatPeriod, formatQuantity } from '../../../../shared/format';
import { STATUSES } from '../../../../shared/taxonomy';
import { ChartCard } from '../../components/charts/ChartCard';
import { AfterPaint } from '../../components/common/AfterPaint';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { STATUS_STYLE, StatusBadge } from '../../components/common/StatusBadge';
import { FilterBar, type FilterBarValue, readFilterBar, useUrlFilterBar } from '../../components/filters/FilterBar';
import { StaleKpi } from '../../components/filters/StaleKpi';
import { useLocale } from '../../i18n';
import { urlSearch } from '../../lib/urlFilters';
import { targetsLink } from '../targets/filters';
import { targetQueries } from '../targets/queries';
import { type BarSort, headline, heatColour, heatmap } from './chartData';

// The charts' code (the charting library) loads beside the page's and is evaluated on its own, so that it does not
// hold back the headline numbers; the page draws the charts after them (AfterPaint).
const summaryCharts = import('./SummaryCharts');
const GroupBarsCard = lazy(() => summaryCharts.then((m) => ({ default: m.GroupBarsCard })));
const DeadlineTimelineCard = lazy(() => summaryCharts.then((m) => ({ default: m.DeadlineTimelineCard })));

function SortSwitch({ value, onChange }: { value: BarSort; onChange: (v: BarSort) => void }) {
  const { t } = useLocale();
  return (
    <label className="inline">
      {t('overview.sortBy')}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as BarSort)}>
        <option value="count">{t('overview.sortCount')}</option>
        <option value="progress">{t('overview.sortProgress')}</option>
      </select>
    </label>
  );
}

/** The overview's filters: those chosen, counting targets (not actuals or funding) unless a kind is chosen. */
export function overviewFilters(chosen: FilterBarValue) {
  return { ...chosen, kind: chosen.kind ?? ('target' as const) };
}

/**
 * Asks for the overview's summary before the page is drawn, as the app starts on it, so that the data is on its
 * way while the page's code loads and the session is checked; the page's own query then finds it under the same
 * key.
 */
export function prefetchOverview(qc: QueryClient, search: string): void {
  void qc.prefetchQuery(targetQueries.summary(overviewFilters(readFilterBar(new URLSearchParams(search)))));
}

/** The landing page: what is due when, and which regions and themes are behind — all under the filters in the URL. */
export function OverviewPage() {
  const { t, locale } = useLocale();
  const [themeSort, setThemeSort] = useState<BarSort>('count');
  const [regionSort, setRegionSort] = useState<BarSort>('count');
  const [chosen, setFilters] = useUrlFilterBar();
  const base = overviewFilters(chosen);
  const now = new Date();
  const year = String(chinaYear(now));
  const summary = useQuery(targetQueries.summary(base));
  // The next twelve months, inside any deadline range chosen (a year bound read as its first or last month).
  const chosenFrom = base.deadlineFrom?.length === 4 ? `${base.deadlineFrom}-01` : base.deadlineFrom;
  const chosenTo = base.deadlineTo?.length === 4 ? `${base.deadlineTo}-12` : base.deadlineTo;
  const from = chosenFrom && chosenFrom > chinaMonth(now, 0) ? chosenFrom : chinaMonth(now, 0);
  const to = chosenTo && chosenTo < chinaMonth(now, 11) ? chosenTo : chinaMonth(now, 11);
  const upcomingFilters = { ...base, deadlineFrom: from, deadlineTo: to };
  const upcoming = useQuery({
    ...targetQueries.list({ ...upcomingFilters, sort: 'deadline', order: 'asc', pageSize: 12 }),
    // A chosen range wholly before or after the next twelve months has nothing due in them.
    enabled: from <= to,
  });

  return (
    <div className="page">
      <div className="card-head">
        <h1>{t('overview.title')}</h1>
        <Link className="button" to={`/briefing${urlSearch(base)}`}>
          {t('briefing.open')}
        </Link>
      </div>
      <FilterBar value={chosen} onChange={setFilters} />
      <LoadingPanel query={summary} isEmpty={(s) => s.total === 0}>
        {(s) => {
          const h = headline(s, year);
          return (
            <>
              <section className="kpis" aria-label={t('overview.title')}>
                <Link className="kpi" to={targetsLink(base)}>
                  <span className="kpi-value">{h.tracked}</span>
                  <span className="kpi-label">{t('overview.tracked')}</span>
                </Link>
                {STATUSES.filter((st) => st !== 'no_data').map((st) => (
                  <Link key={st} className="kpi" to={targetsLink({ ...base, status: [st] })}>
                    <span className="kpi-value" style={{ color: STATUS_STYLE[st].color }}>
                      <span aria-hidden="true">{STATUS_STYLE[st].icon} </span>
                      {h.counts[st]}
                    </span>
                    <span className="kpi-label">{t(`status.${st}`)}</span>
                  </Link>
                ))}
                <StaleKpi filters={base} />
                <Link className="kpi" to={targetsLink({ ...base, deadlineFrom: year, deadlineTo: year })}>
                  <span className="kpi-value">{h.dueThisYear}</span>
                  <span className="kpi-label">{t('overview.dueThisYear')}</span>
                </Link>
              </section>
              <AfterPaint minHeight={900}>
                {() => {
                  const heat = heatmap(s, locale);
                  return (
                    <>
                      <div className="grid-2">
                        <GroupBarsCard
                          summary={s}
                          base={base}
                          by="theme"
                          sort={themeSort}
                          fileName="progress-by-theme"
                          actions={<SortSwitch value={themeSort} onChange={setThemeSort} />}
                        />
                        <GroupBarsCard
                          summary={s}
                          base={base}
                          by="region"
                          sort={regionSort}
                          fileName="progress-by-region"
                          actions={<SortSwitch value={regionSort} onChange={setRegionSort} />}
                        />
                      </div>
                      <DeadlineTimelineCard summary={s} base={base} fileName="deadlines-by-year" />
                      <ChartCard title={t('overview.heatmap')} fileName="region-theme">
                        <div className="table-scroll">
                          <table className="heatmap">
                            <caption className="sr-only">{t('overview.heatmap')}</caption>
                            <thead>
                              <tr>
                                <th scope="col">{t('overview.region')}</th>
                                {heat.themes.map((th) => (
                                  <th key={th.key} scope="col">
                                    <Link to={`/themes/${th.key}`}>{th.label}</Link>
                                  </th>
                                ))}
                              </tr>
                            </thead>
                            <tbody>
                              {heat.regions.map((r) => (
                                <tr key={r.code}>
                                  <th scope="row">
                                    <Link to={`/regions/${r.code}`}>{r.label}</Link>
                                  </th>
                                  {heat.themes.map((th) => {
                                    const c = heat.cell(r.code, th.key);
                                    const progress = c?.meanProgress === null || !c ? '—' : `${c.meanProgress}%`;
                                    return (
                                      <td key={th.key} style={{ background: heatColour(c) }}>
                                        {c ? (
                                          <Link
                                            to={targetsLink({ ...base, region: r.code, theme: [th.key] })}
                                            aria-label={t('overview.cellLabel', {
                                              region: r.label,
                                              theme: th.label,
                                              count: c.count,
                                              progress,
                                            })}
                                          >
                                            {c.count}
                                            <small>{progress}</small>
                                          </Link>
                                        ) : null}
                                      </td>
                                    );
                                  })}
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      </ChartCard>
                    </>
                  );
                }}
              </AfterPaint>
            </>
          );
        }}
      </LoadingPanel>
      <ChartCard title={t('overview.upcoming')} fileName="upcoming" png={false}>
        {from > to ? (
          <p className="panel-state">{t('common.empty')}</p>
        ) : (
          <LoadingPanel query={upcoming} isEmpty={(l) => l.items.length === 0}>
            {(l) => (
              <ul className="upcoming">
                {l.items.map((tg) => (
                  <li key={tg.id}>
                    <Link to={`/targets/${tg.id}`}>
                      <span className="when">{formatPeriod(tg.deadline, locale)}</span>
                      <span>{locale === 'zh' ? tg.region : tg.regionEn}</span>
                      <span className="metric">{tg.metric}</span>
                      <span>{formatQuantity(tg.value, tg.unit, locale)}</span>
                      <StatusBadge status={tg.status} stale={tg.stale} />
                    </Link>
                  </li>
                ))}
                {l.total > l.items.length && (
                  <li className="see-all">
                    <Link to={targetsLink({ ...upcomingFilters, sort: 'deadline', order: 'asc' })}>
                      {t('honest.seeAll', { total: l.total })}
                    </Link>
                  </li>
                )}
              </ul>
            )}
          </LoadingPanel>
        )}
      </ChartCard>
    </div>
  );
}
