import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatPercent, formatPeriod, formatQuantity } from '../../../../shared/format';
import type { RegionOverview } from '../../../../shared/schemas/indicator';
import { TargetFiltersSchema } from '../../../../shared/schemas/target';
import { NATIONAL_REGION, STATUSES, type Status } from '../../../../shared/taxonomy';
import { AfterPaint } from '../../components/common/AfterPaint';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { PagedTable } from '../../components/common/PagedTable';
import { STATUS_STYLE, StatusBadge } from '../../components/common/StatusBadge';
import { FilterBar, useUrlFilterBar } from '../../components/filters/FilterBar';
import { useLocale } from '../../i18n';
import { readUrlFilters, writeUrlFilters } from '../../lib/urlFilters';
import { FigureCells } from '../indicators/FigureCells';
import { indicatorQueries } from '../indicators/queries';
import { DeadlineTimelineCard, GroupBarsCard } from '../overview/SummaryCharts';
import { targetsLink } from '../targets/filters';
import { targetQueries } from '../targets/queries';

const TARGETS_PAGE_SIZE = 20;

/** Counts by status as small badges, the zeros left out. */
function StatusMix({ byStatus, label }: { byStatus: Record<Status, number>; label: string }) {
  return (
    <span className="status-mix" title={label}>
      {STATUSES.filter((s) => byStatus[s] > 0).map((s) => (
        <span key={s} className="status-count" data-status={s}>
          <StatusBadge status={s} /> {byStatus[s]}{' '}
        </span>
      ))}
    </span>
  );
}

/**
 * One region drilled down: KPIs and status mix, its themes and deadlines, its cities (or districts) each with
 * their status mix, its targets, and its figures beside the national targets for the same indicators — all
 * computed on the server (`GET /api/regions/:code/overview`) under the filters in the URL (region excepted).
 */
export function RegionPage() {
  const { code = '' } = useParams();
  const { t, locale } = useLocale();
  const [sp, setSp] = useSearchParams();
  const [bar, setBar] = useUrlFilterBar();
  const { region: _ignored, ...filters } = readUrlFilters(TargetFiltersSchema, sp);
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const overview = useQuery({ ...indicatorQueries.regionOverview(code, filters), enabled: /^\d{6}$/.test(code) });
  const base = { ...filters, region: code, kind: filters.kind ?? ('target' as const) };
  const list = useQuery(
    targetQueries.list({ ...base, sort: 'progress', order: 'asc', page, pageSize: TARGETS_PAGE_SIZE }),
  );
  const nameOf = (r: { fullName: string; nameEn: string }) => (locale === 'zh' ? r.fullName : r.nameEn);
  return (
    <div className="page">
      <LoadingPanel query={overview}>
        {(o: RegionOverview) => (
          <>
            <nav aria-label={t('regionPage.breadcrumb')} className="muted">
              {o.parents.map((p) => (
                <span key={p.code}>
                  <Link to={`/regions/${p.code}${sp.toString() ? `?${sp}` : ''}`}>{nameOf(p)}</Link> ›{' '}
                </span>
              ))}
            </nav>
            <h1>{t('region.title', { name: nameOf(o.region) })}</h1>
            <FilterBar value={bar} onChange={setBar} hide={['region']} />
            <section className="kpis" aria-label={t('regionPage.kpis')}>
              <Link className="kpi" to={targetsLink(base)}>
                <span className="kpi-value" data-testid="region-total">
                  {o.summary.total}
                </span>
                <span className="kpi-label">{t('regionPage.targets')}</span>
              </Link>
              <div className="kpi">
                <span className="kpi-value">{formatPercent(o.summary.meanProgress)}</span>
                <span className="kpi-label">{t('regionPage.meanProgress')}</span>
              </div>
              {STATUSES.map((st) => (
                <Link key={st} className="kpi" to={targetsLink({ ...base, status: [st] })} data-status={st}>
                  <span className="kpi-value" style={{ color: STATUS_STYLE[st].color }}>
                    {o.summary.byStatus[st] ?? 0}
                  </span>
                  <span className="kpi-label">{t(`status.${st}`)}</span>
                </Link>
              ))}
            </section>
            {o.summary.byRegion.length > 0 && (
              <section className="card" aria-labelledby="children-h">
                <h2 id="children-h">{t('regionPage.children')}</h2>
                <div className="table-scroll">
                  <table className="data" data-testid="region-children">
                    <thead>
                      <tr>
                        <th scope="col">{t('regionPage.region')}</th>
                        <th scope="col">{t('regionPage.targets')}</th>
                        <th scope="col">{t('regionPage.meanProgress')}</th>
                        <th scope="col">{t('region.statusMix')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {o.summary.byRegion.map((c) => (
                        <tr key={c.regionCode} data-region={c.regionCode}>
                          <td>
                            <Link
                              to={`/regions/${c.regionCode}${writeUrlFilters(filters).toString() ? `?${writeUrlFilters(filters)}` : ''}`}
                            >
                              {locale === 'zh' ? c.region : c.regionEn}
                            </Link>
                          </td>
                          <td className="num">
                            <Link to={targetsLink({ ...base, region: c.regionCode })}>{c.count}</Link>
                          </td>
                          <td className="num">{formatPercent(c.meanProgress)}</td>
                          <td>
                            <StatusMix byStatus={c.byStatus} label={t('region.statusMix')} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            )}
            {o.summary.total > 0 && (
              <AfterPaint minHeight={360}>
                {() => (
                  <div className="grid-2">
                    <DeadlineTimelineCard summary={o.summary} base={base} fileName={`region-${code}-deadlines`} />
                    <GroupBarsCard summary={o.summary} base={base} by="theme" fileName={`region-${code}-themes`} />
                  </div>
                )}
              </AfterPaint>
            )}
            {code !== NATIONAL_REGION.code && (
              <section className="card" aria-labelledby="cmp-h">
                <h2 id="cmp-h">{t('region.compare')}</h2>
                {o.comparison.length === 0 ? (
                  <p>{t('common.empty')}</p>
                ) : (
                  <div className="table-scroll">
                    <table className="data" data-testid="region-comparison">
                      <thead>
                        <tr>
                          <th scope="col">{t('indicator.name')}</th>
                          <th scope="col">{t('indicator.target')}</th>
                          <th scope="col">{t('indicator.deadline')}</th>
                          <th scope="col">{t('indicator.latestActual')}</th>
                          <th scope="col">{t('indicator.progress')}</th>
                          <th scope="col">{t('indicator.status')}</th>
                          <th scope="col">{t('region.national')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {o.comparison.map((c) => (
                          <tr key={c.indicator.id}>
                            <td>
                              <Link to={`/indicators/${c.indicator.id}`}>
                                {locale === 'zh' ? c.indicator.name : c.indicator.nameEn}
                              </Link>
                              {c.own.regionCode !== code && (
                                <span className="muted"> ({locale === 'zh' ? c.own.region : c.own.regionEn})</span>
                              )}
                            </td>
                            <FigureCells row={c.own} />
                            <td>
                              {c.national ? (
                                <Link to={`/targets/${c.national.targetId}`}>
                                  {formatQuantity(c.national.value, c.national.unit, locale)} (
                                  {formatPeriod(c.national.deadline, locale)})
                                </Link>
                              ) : (
                                '—'
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
            )}
          </>
        )}
      </LoadingPanel>
      <section className="card" aria-labelledby="own-h">
        <h2 id="own-h">
          {t('regionPage.ownTargets')} <Link to={targetsLink(base)}>{t('targets.title')} →</Link>
        </h2>
        <PagedTable
          query={list}
          page={page}
          pageSize={TARGETS_PAGE_SIZE}
          onPage={(p) => {
            const next = new URLSearchParams(sp);
            next.set('page', String(p));
            setSp(next);
          }}
          caption={t('regionPage.ownTargets')}
          minHeight={120}
          head={
            <tr>
              <th scope="col">{t('regionPage.region')}</th>
              <th scope="col">{t('indicator.metric')}</th>
              <th scope="col">{t('indicator.target')}</th>
              <th scope="col">{t('indicator.deadline')}</th>
              <th scope="col">{t('indicator.progress')}</th>
              <th scope="col">{t('indicator.status')}</th>
            </tr>
          }
          rowKey={(tg) => tg.id}
          row={(tg) => (
            <tr data-region={tg.regionCode}>
              <td>{locale === 'zh' ? tg.region : tg.regionEn}</td>
              <td>
                <Link to={`/targets/${tg.id}`}>{tg.metric || tg.quote}</Link>
              </td>
              <td>{formatQuantity(tg.value, tg.unit, locale)}</td>
              <td>{formatPeriod(tg.deadline, locale)}</td>
              <td className="num">{formatPercent(tg.progress)}</td>
              <td>
                <StatusBadge status={tg.status} />
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}
