import { useNavigate } from 'react-router';
import type { Summary } from '../../../../shared/schemas/summary';
import type { Status, ThemeKey } from '../../../../shared/taxonomy';
import { ChartCard } from '../../components/charts/ChartCard';
import { ProgressBarChart } from '../../components/charts/ProgressBarChart';
import { StatusStackChart } from '../../components/charts/StatusStackChart';
import { useLocale } from '../../i18n';
import { type TargetUrlFilters, targetsLink } from '../targets/filters';
import { type BarSort, deadlineStacks, regionBars, themeBars } from './chartData';

interface Props {
  summary: Summary;
  /** The filters the summary was drawn with; a click adds its year or status to them. */
  base: TargetUrlFilters;
  fileName: string;
}

/** Targets due per year stacked by status; a segment opens those targets. */
export function DeadlineTimelineCard({ summary, base, fileName }: Props) {
  const { t } = useLocale();
  const navigate = useNavigate();
  return (
    <ChartCard title={t('overview.timeline')} fileName={fileName}>
      <StatusStackChart
        data={deadlineStacks(summary, t('overview.noDeadline'))}
        name={t('overview.timeline')}
        xLabel={t('common.year')}
        yLabel={t('common.count')}
        statusLabel={(st: Status) => t(`status.${st}`)}
        onSelect={(y, status) =>
          navigate(
            targetsLink(
              y === 'none'
                ? { ...base, status: [status] }
                : { ...base, status: [status], deadlineFrom: y, deadlineTo: y },
            ),
          )
        }
      />
    </ChartCard>
  );
}

/** Targets per theme or per region stacked by status, labelled with mean progress; a segment opens them. */
export function GroupBarsCard({
  summary,
  base,
  fileName,
  by,
  sort = 'count',
  actions,
  onSelect,
}: Props & {
  by: 'theme' | 'region';
  sort?: BarSort;
  actions?: React.ReactNode;
  onSelect?: (key: string, status?: Status) => void;
}) {
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const title = by === 'theme' ? t('overview.byTheme') : t('overview.byRegion');
  const open = (key: string, status?: Status) =>
    navigate(
      targetsLink({
        ...base,
        ...(by === 'theme' ? { theme: [key as ThemeKey] } : { region: key }),
        status: status ? [status] : base.status,
      }),
    );
  return (
    <ChartCard title={title} fileName={fileName} actions={actions}>
      <ProgressBarChart
        data={by === 'theme' ? themeBars(summary, locale, sort) : regionBars(summary, locale, sort)}
        name={title}
        xLabel={t('common.count')}
        progressLabel={t('common.meanProgress')}
        statusLabel={(st: Status) => t(`status.${st}`)}
        endWords={{
          count: (count) => t('charts.endCount', { count }),
          mean: (mean) => t('charts.endMean', { mean }),
          meanOfFew: (mean, reported, count) => t('charts.endMeanOfFew', { mean, reported, count }),
        }}
        note={t('charts.endNote')}
        onSelect={onSelect ?? open}
      />
    </ChartCard>
  );
}
