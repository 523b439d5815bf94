import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { type Status, THEMES } from '../../../../shared/taxonomy';
import { ChartCard } from '../../components/charts/ChartCard';
import { ProgressBarChart } from '../../components/charts/ProgressBarChart';
import { StatusStackChart } from '../../components/charts/StatusStackChart';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { deadlineStacks, regionBars } from '../overview/chartData';
import { targetsLink } from '../targets/filters';
import { targetQueries } from '../targets/queries';

/** One theme across regions: deadlines by status and progress by region. */
export function ThemePage() {
  const { key = '' } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const theme = THEMES.find((x) => x.key === key);
  const summary = useQuery({ ...targetQueries.summary({ theme: key, kind: 'target' }), enabled: !!theme });
  if (!theme) return <p className="page">{t('common.empty')}</p>;
  return (
    <div className="page">
      <h1>{t('theme.title', { name: locale === 'zh' ? theme.zh : theme.en })}</h1>
      <p>
        <Link to={targetsLink({ theme: key })}>{t('targets.title')} →</Link>
      </p>
      <LoadingPanel query={summary} isEmpty={(s) => s.total === 0}>
        {(s) => (
          <div className="grid-2">
            <ChartCard title={t('overview.timeline')} fileName={`theme-${key}-deadlines`}>
              <StatusStackChart
                data={deadlineStacks(s, t('overview.noDeadline'))}
                name={t('overview.timeline')}
                xLabel={t('common.year')}
                yLabel={t('common.count')}
                statusLabel={(st: Status) => t(`status.${st}`)}
                onSelect={(y, status) =>
                  navigate(
                    targetsLink(
                      y === 'none' ? { theme: key, status } : { theme: key, status, deadlineFrom: y, deadlineTo: y },
                    ),
                  )
                }
              />
            </ChartCard>
            <ChartCard title={t('overview.byRegion')} fileName={`theme-${key}-regions`}>
              <ProgressBarChart
                data={regionBars(s, locale, 'count')}
                name={t('overview.byRegion')}
                xLabel={t('common.count')}
                progressLabel={t('common.meanProgress')}
                statusLabel={(st: Status) => t(`status.${st}`)}
                onSelect={(region) => navigate(`/regions/${region}`)}
              />
            </ChartCard>
          </div>
        )}
      </LoadingPanel>
    </div>
  );
}
