import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { formatPercent, formatPeriod, formatQuantity } from '../../../../shared/format';
import { SummarySchema } from '../../../../shared/schemas/summary';
import { type Target, TargetListSchema } from '../../../../shared/schemas/target';
import { STATUSES } from '../../../../shared/taxonomy';
import { getJson, toSearch } from '../../api/http';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { STATUS_STYLE, StatusBadge } from '../../components/common/StatusBadge';
import { useLocale } from '../../i18n';
import { DeadlineTimelineCard, GroupBarsCard } from '../overview/SummaryCharts';
import { readFilters, type TargetUrlFilters, targetsLink } from '../targets/filters';

/** The most targets the list section shows (the API's largest page); the XLSX export has them all. */
const LIST_LIMIT = 500;

/** Today in China (YYYY-MM-DD), whatever the reader's computer's time zone. */
export function chinaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** `YYYY-MM` of the month `n` months after `today`'s. */
function monthAfter(today: string, n: number): string {
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

type Filters = Omit<TargetUrlFilters, 'page' | 'sort' | 'order'>;

const FilterStatementSchema = z.object({ text: z.string(), total: z.number().int() });

const briefingQueries = {
  summary: (f: Filters) =>
    queryOptions({
      queryKey: ['targets', 'summary', 'briefing', f],
      queryFn: ({ signal }) => getJson(`/api/summary${toSearch(f)}`, SummarySchema, signal),
    }),
  list: (f: Filters & { sort?: string; order?: string; pageSize: number }) =>
    queryOptions({
      queryKey: ['targets', 'list', 'briefing', f],
      queryFn: ({ signal }) => getJson(`/api/targets${toSearch(f)}`, TargetListSchema, signal),
    }),
  statement: (f: Filters, lang: string) =>
    queryOptions({
      queryKey: ['targets', 'filters', f, lang],
      queryFn: ({ signal }) => getJson(`/api/export/filters${toSearch({ ...f, lang })}`, FilterStatementSchema, signal),
    }),
};

function TargetRows({ rows }: { rows: Target[] }) {
  const { t, locale } = useLocale();
  return (
    <table className="data briefing-table">
      <thead>
        <tr>
          <th scope="col">{t('targets.region')}</th>
          <th scope="col">{t('targets.metric')}</th>
          <th scope="col">{t('targets.target')}</th>
          <th scope="col">{t('targets.deadline')}</th>
          <th scope="col">{t('targets.latest')}</th>
          <th scope="col">{t('targets.progress')}</th>
          <th scope="col">{t('targets.status')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((tg) => (
          <tr key={tg.id}>
            <td className="nowrap">{locale === 'zh' ? tg.region : tg.regionEn}</td>
            <td className="wrap">
              <Link to={`/targets/${tg.id}`}>{tg.metric || tg.quote}</Link>
            </td>
            <td className="num">
              {t(`comparator.${tg.comparator}`)} {formatQuantity(tg.value, tg.unit, locale)}
              {tg.valueMax !== null ? ` – ${formatQuantity(tg.valueMax, tg.unit, locale)}` : ''}
            </td>
            <td className="nowrap">{formatPeriod(tg.deadline, locale)}</td>
            <td className="num">{tg.latestActual ? formatQuantity(tg.latestActual.value, tg.unit, locale) : '—'}</td>
            <td className="num">{formatPercent(tg.progress)}</td>
            <td className="nowrap">
              <StatusBadge status={tg.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A briefing for a meeting: for the current filters, one A4 page per section — headline counts, the charts by
 * theme, by region and by deadline, the targets behind them, and what falls due in the next 12 months — titled
 * and dated in China time. It is laid out at the printed page's width on screen too, so that it prints as it
 * looks (the charts are SVG and stay sharp in a PDF).
 */
export function BriefingPage() {
  const { t, locale } = useLocale();
  const [sp] = useSearchParams();
  const { page: _p, sort: _s, order: _o, ...filters } = readFilters(sp);
  const today = chinaToday();
  const summary = useQuery(briefingQueries.summary(filters));
  const statement = useQuery(briefingQueries.statement(filters, locale));
  const list = useQuery(briefingQueries.list({ ...filters, sort: 'deadline', order: 'asc', pageSize: LIST_LIMIT }));
  // Due soon: the filter's deadline range narrowed to the next 12 months (a bare year bound is its first or last month).
  const fromBound = filters.deadlineFrom?.replace(/^(\d{4})$/, '$1-01');
  const toBound = filters.deadlineTo?.replace(/^(\d{4})$/, '$1-12');
  const from = fromBound && fromBound > monthAfter(today, 0) ? fromBound : monthAfter(today, 0);
  const to = toBound && toBound < monthAfter(today, 11) ? toBound : monthAfter(today, 11);
  const due = useQuery({
    ...briefingQueries.list({
      ...filters,
      deadlineFrom: from,
      deadlineTo: to,
      sort: 'deadline',
      order: 'asc',
      pageSize: 100,
    }),
    enabled: from <= to,
  });
  const dueRows = (due.data?.items ?? []).filter((tg) => tg.status !== 'achieved');
  const year = today.slice(0, 4);

  return (
    <div className="page briefing">
      <header className="briefing-head">
        <div>
          <h1>{t('briefing.title')}</h1>
          <p className="briefing-date">{t('briefing.dated', { date: today })}</p>
          {statement.data && (
            <p className="briefing-filters">{t('exportFile.filters', { filters: statement.data.text })}</p>
          )}
        </div>
        <div className="no-print row">
          <Link className="button" to={targetsLink(filters)}>
            {t('nav.targets')}
          </Link>
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('briefing.print')}
          </button>
        </div>
      </header>
      <LoadingPanel query={summary} isEmpty={(s) => s.total === 0}>
        {(s) => {
          const dueThisYear = s.byDeadlineYear.find((g) => g.year === year)?.count ?? 0;
          return (
            <>
              <section className="sheet" aria-label={t('briefing.headline')}>
                <h2>{t('briefing.headline')}</h2>
                <div className="kpis">
                  <div className="kpi">
                    <span className="kpi-value" data-testid="briefing-total">
                      {s.total}
                    </span>
                    <span className="kpi-label">{t('briefing.tracked')}</span>
                  </div>
                  {STATUSES.map((st) => (
                    <div key={st} className="kpi">
                      <span className="kpi-value" style={{ color: STATUS_STYLE[st]?.color }}>
                        <span aria-hidden="true">{STATUS_STYLE[st]?.icon} </span>
                        {s.byStatus[st] ?? 0}
                      </span>
                      <span className="kpi-label">{t(`status.${st}`)}</span>
                    </div>
                  ))}
                  <div className="kpi">
                    <span className="kpi-value">{dueThisYear}</span>
                    <span className="kpi-label">{t('briefing.dueThisYear')}</span>
                  </div>
                  <div className="kpi">
                    <span className="kpi-value">{formatPercent(s.meanProgress)}</span>
                    <span className="kpi-label">{t('briefing.meanProgress')}</span>
                  </div>
                </div>
              </section>
              <section className="sheet">
                <GroupBarsCard summary={s} base={filters} by="theme" fileName="briefing-by-theme" />
              </section>
              <section className="sheet">
                <GroupBarsCard summary={s} base={filters} by="region" fileName="briefing-by-region" />
              </section>
              <section className="sheet">
                <DeadlineTimelineCard summary={s} base={filters} fileName="briefing-deadlines" />
              </section>
            </>
          );
        }}
      </LoadingPanel>
      <section className="sheet" aria-labelledby="briefing-list">
        <h2 id="briefing-list">{t('briefing.list', { count: list.data?.total ?? 0 })}</h2>
        <LoadingPanel query={list} isEmpty={(l) => l.total === 0}>
          {(l) => (
            <>
              {l.total > l.items.length && (
                <p className="muted">{t('briefing.listMore', { shown: l.items.length, total: l.total })}</p>
              )}
              <TargetRows rows={l.items} />
            </>
          )}
        </LoadingPanel>
      </section>
      <section className="sheet" aria-labelledby="briefing-due">
        <h2 id="briefing-due">{t('briefing.dueSoon')}</h2>
        {dueRows.length ? <TargetRows rows={dueRows} /> : <p className="muted">{t('briefing.noneDue')}</p>}
      </section>
    </div>
  );
}
