import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { BEHIND_STATUSES, IndicatorDetailQuerySchema, isBehind } from '../../../../shared/schemas/indicator';
import { STATUSES, THEMES } from '../../../../shared/taxonomy';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { StatusBadge } from '../../components/common/StatusBadge';
import { useLocale } from '../../i18n';
import { readUrlFilters, writeUrlFilters } from '../../lib/urlFilters';
import { useCan } from '../auth/session';
import { FigureCells } from './FigureCells';
import { IndicatorCuration } from './IndicatorCuration';
import { indicatorQueries } from './queries';

const LEVELS = ['province', 'city', 'district'] as const;

/**
 * One indicator across regions: each region's target and latest actual ranked by progress, with its status,
 * and the national target beside. "Which provinces are behind on 5G" is this page with level=province&behind=1.
 */
export function IndicatorPage() {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const [sp, setSp] = useSearchParams();
  const filters = readUrlFilters(IndicatorDetailQuerySchema, sp);
  const behind = sp.get('behind') === '1';
  const analyst = useCan('analyst');
  const detail = useQuery({ ...indicatorQueries.detail(Number(id), filters), enabled: /^\d+$/.test(id) });
  const set = (patch: Record<string, string | undefined>) =>
    setSp(writeUrlFilters({ ...filters, behind: behind ? '1' : undefined, ...patch }));
  return (
    <div className="page">
      <p>
        <Link to="/indicators">← {t('indicator.catalogue')}</Link>
      </p>
      <LoadingPanel query={detail}>
        {(d) => {
          const theme = THEMES.find((x) => x.key === d.indicator.theme);
          const rows = behind ? d.regions.filter((r) => isBehind(r.status)) : d.regions;
          return (
            <>
              <h1>{locale === 'zh' ? d.indicator.name : d.indicator.nameEn}</h1>
              <p className="muted">
                {t('indicator.unit')}: {d.indicator.unit || '—'} · {t('indicator.theme')}:{' '}
                {theme ? (locale === 'zh' ? theme.zh : theme.en) : d.indicator.theme}
                {d.indicator.synonyms.length > 0 && (
                  <>
                    {' '}
                    · {t('indicator.synonyms')}: {d.indicator.synonyms.join('、')}
                  </>
                )}
              </p>
              <section className="card" aria-labelledby="nat-h">
                <h2 id="nat-h">{t('indicator.national')}</h2>
                {d.national.length === 0 ? (
                  <p>{t('indicator.noNational')}</p>
                ) : (
                  <table className="data" data-testid="national-targets">
                    <thead>
                      <FigureHead first={t('indicator.metric')} />
                    </thead>
                    <tbody>
                      {d.national.map((n) => (
                        <tr key={n.targetId}>
                          <td>{n.metric}</td>
                          <FigureCells row={n} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
              <form className="filters" onSubmit={(e) => e.preventDefault()}>
                <label>
                  {t('indicator.level')}
                  <select
                    name="level"
                    value={filters.level ?? ''}
                    onChange={(e) => set({ level: e.target.value || undefined })}
                  >
                    <option value="">{t('indicator.allLevels')}</option>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`indicator.levels.${l}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('indicator.year')}
                  <input
                    name="year"
                    inputMode="numeric"
                    pattern="\d{4}"
                    size={6}
                    defaultValue={filters.year ?? ''}
                    onBlur={(e) => set({ year: /^\d{4}$/.test(e.target.value) ? e.target.value : undefined })}
                  />
                </label>
                <label>
                  <input
                    type="checkbox"
                    name="behind"
                    checked={behind}
                    onChange={(e) => set({ behind: e.target.checked ? '1' : undefined })}
                  />{' '}
                  {t('indicator.onlyBehind')}
                </label>
              </form>
              <p className="muted" aria-live="polite">
                {STATUSES.filter((s) => d.byStatus[s]).map((s) => (
                  <span key={s} className="status-count">
                    <StatusBadge status={s} /> {d.byStatus[s]}{' '}
                  </span>
                ))}
              </p>
              <section className="card" aria-labelledby="rank-h">
                <h2 id="rank-h">
                  {behind
                    ? t('indicator.behindRanking', { n: rows.length })
                    : t('indicator.ranking', { n: rows.length })}
                </h2>
                {behind && (
                  <p className="muted">
                    {t('indicator.behindMeans')} {BEHIND_STATUSES.map((s) => t(`status.${s}`)).join('、')}
                  </p>
                )}
                {rows.length === 0 ? (
                  <p>{t('common.empty')}</p>
                ) : (
                  <div className="table-scroll">
                    <table className="data" data-testid="indicator-regions">
                      <thead>
                        <FigureHead first={t('indicator.region')} rank />
                      </thead>
                      <tbody>
                        {rows.map((r, i) => (
                          <tr key={r.regionCode} data-region={r.regionCode} data-status={r.status}>
                            <td className="num">{i + 1}</td>
                            <td>
                              <Link to={`/regions/${r.regionCode}`}>{locale === 'zh' ? r.region : r.regionEn}</Link>
                              {r.targetCount > 1 && (
                                <span className="muted"> {t('indicator.more', { n: r.targetCount - 1 })}</span>
                              )}
                            </td>
                            <FigureCells row={r} />
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
              {analyst && <IndicatorCuration detail={d} />}
            </>
          );
        }}
      </LoadingPanel>
    </div>
  );
}

function FigureHead({ first, rank = false }: { first: string; rank?: boolean }) {
  const { t } = useLocale();
  return (
    <tr>
      {rank && <th scope="col">#</th>}
      <th scope="col">{first}</th>
      <th scope="col">{t('indicator.target')}</th>
      <th scope="col">{t('indicator.deadline')}</th>
      <th scope="col">{t('indicator.latestActual')}</th>
      <th scope="col">{t('indicator.progress')}</th>
      <th scope="col">{t('indicator.status')}</th>
    </tr>
  );
}
