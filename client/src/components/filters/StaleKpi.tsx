import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type TargetUrlFilters, targetsLink } from '../../features/targets/filters';
import { targetQueries } from '../../features/targets/queries';
import { useLocale } from '../../i18n';
import { STALE_STYLE } from '../common/StatusBadge';

/**
 * The stale KPI card: how many of the filtered targets have a latest actual older than the configured age
 * (docs/status.md); it opens the list of exactly those. For the overview, theme and region pages.
 */
export function StaleKpi({ filters }: { filters: Omit<TargetUrlFilters, 'page' | 'sort' | 'order'> }) {
  const { t } = useLocale();
  const stale = useQuery(targetQueries.stale(filters));
  const s = stale.data;
  return (
    <Link
      className="kpi"
      to={s ? targetsLink({ ...filters, reportedBefore: s.staleBefore }) : targetsLink(filters)}
      title={s ? t('honest.staleHint', { days: s.staleAfterDays }) : undefined}
    >
      <span className="kpi-value" style={{ color: STALE_STYLE.color }}>
        <span aria-hidden="true">{STALE_STYLE.icon} </span>
        {s ? s.stale : '…'}
      </span>
      <span className="kpi-label">{t('honest.stale')}</span>
    </Link>
  );
}
