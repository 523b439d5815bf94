import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { THEMES } from '../../../../shared/taxonomy';
import { AfterPaint } from '../../components/common/AfterPaint';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { STATUS_STYLE } from '../../components/common/StatusBadge';
import { FilterBar, useUrlFilterBar } from '../../components/filters/FilterBar';
import { StaleKpi } from '../../components/filters/StaleKpi';
import { useLocale } from '../../i18n';
import { headline } from '../overview/chartData';
import { DeadlineTimelineCard, GroupBarsCard } from '../overview/SummaryCharts';
import { targetsLink } from '../targets/filters';
import { targetQueries } from '../targets/queries';

/** One theme across regions: its KPIs, deadlines by status and progress by region, under the filters in the URL. */
export function ThemePage() {
  const { key = '' } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const [chosen, setFilters] = useUrlFilterBar();
  const theme = THEMES.find((x) => x.key === key);
  const base = { ...chosen, theme: theme ? [theme.key] : undefined, kind: chosen.kind ?? ('target' as const) };
  const summary = useQuery({ ...targetQueries.summary(base), enabled: !!theme });
  if (!theme) return <p className="page">{t('common.empty')}</p>;
  const year = String(new Date().getUTCFullYear());
  return (
    <div className="page">
      <h1>{t('theme.title', { name: locale === 'zh' ? theme.zh : theme.en })}</h1>
      <FilterBar value={chosen} onChange={setFilters} hide={['theme']} />
      <p>
        <Link to={targetsLink(base)}>{t('targets.title')} →</Link>
      </p>
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
                {(['missed', 'unreported', 'off_track', 'achieved'] as const).map((st) => (
                  <Link key={st} className="kpi" to={targetsLink({ ...base, status: [st] })}>
                    <span className="kpi-value" style={{ color: STATUS_STYLE[st].color }}>
                      <span aria-hidden="true">{STATUS_STYLE[st].icon} </span>
                      {h.counts[st]}
                    </span>
                    <span className="kpi-label">{t(`status.${st}`)}</span>
                  </Link>
                ))}
                <StaleKpi filters={base} />
              </section>
              <AfterPaint minHeight={360}>
                {() => (
                  <div className="grid-2">
                    <DeadlineTimelineCard summary={s} base={base} fileName={`theme-${key}-deadlines`} />
                    <GroupBarsCard
                      summary={s}
                      base={base}
                      by="region"
                      fileName={`theme-${key}-regions`}
                      onSelect={(region) => navigate(`/regions/${region}`)}
                    />
                  </div>
                )}
              </AfterPaint>
            </>
          );
        }}
      </LoadingPanel>
    </div>
  );
}
