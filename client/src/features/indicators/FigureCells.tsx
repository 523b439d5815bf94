import { Link } from 'react-router';
import { formatPercent, formatPeriod, formatQuantity } from '../../../../shared/format';
import type { IndicatorRegionRow } from '../../../../shared/schemas/indicator';
import { StatusBadge } from '../../components/common/StatusBadge';
import { useLocale } from '../../i18n';

/** A region's figure for an indicator as table cells: target (linked), due, latest actual, progress, status. */
export function FigureCells({ row }: { row: IndicatorRegionRow }) {
  const { locale } = useLocale();
  const value =
    row.comparator === 'range' && row.valueMax !== null
      ? `${formatQuantity(row.value, '', locale)}–${formatQuantity(row.valueMax, row.unit, locale)}`
      : formatQuantity(row.value, row.unit, locale);
  return (
    <>
      <td>
        <Link to={`/targets/${row.targetId}`} title={row.metric}>
          {value}
        </Link>
      </td>
      <td>{formatPeriod(row.deadline, locale)}</td>
      <td>
        {row.latestActual ? (
          <>
            {formatQuantity(row.latestActual.value, row.unit, locale)}{' '}
            <span className="muted">({row.latestActual.asOf})</span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="num">{formatPercent(row.progress)}</td>
      <td>
        <StatusBadge status={row.status} />
      </td>
    </>
  );
}
