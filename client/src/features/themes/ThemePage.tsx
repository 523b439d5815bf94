import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { THEMES } from '../../../../shared/taxonomy';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { DeadlineTimelineCard, GroupBarsCard } from '../overview/SummaryCharts';
import { targetsLink } from '../targets/filters';
import { targetQueries } from '../targets/queries';

/** One theme across regions: deadlines by status and progress by region. */
export function ThemePage() {
  const { key = '' } = useParams();
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const theme = THEMES.find((x) => x.key === key);
  const summary = useQuery({ ...targetQueries.summary({ theme: theme?.key, kind: 'target' }), enabled: !!theme });
  if (!theme) return <p className="page">{t('common.empty')}</p>;
  return (
    <div className="page">
      <h1>{t('theme.title', { name: locale === 'zh' ? theme.zh : theme.en })}</h1>
      <p>
        <Link to={targetsLink({ theme: theme.key })}>{t('targets.title')} →</Link>
      </p>
      <LoadingPanel query={summary} isEmpty={(s) => s.total === 0}>
        {(s) => (
          <div className="grid-2">
            <DeadlineTimelineCard summary={s} base={{ theme: theme.key }} fileName={`theme-${key}-deadlines`} />
            <GroupBarsCard
              summary={s}
              base={{ theme: theme.key }}
              by="region"
              fileName={`theme-${key}-regions`}
              onSelect={(region) => navigate(`/regions/${region}`)}
            />
          </div>
        )}
      </LoadingPanel>
    </div>
  );
}
