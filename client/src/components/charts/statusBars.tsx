import type { ReactNode } from 'react';
import { Bar } from 'recharts';
import { STATUSES, type Status } from '../../../../shared/taxonomy';
import { STATUS_STYLE } from '../common/StatusBadge';

/**
 * One stacked <Bar> per status, in the status colour with its icon in the legend; a click reports the
 * datum's key and the status. Returned as an array (not a component) because Recharts reads its
 * <Bar> children directly. `decorate(s)` is rendered inside each status's <Bar> (e.g. a <LabelList>): a label
 * at the bar's end has to sit on the outermost segment that is drawn, which is not the last status when a bar has
 * none of that status — Recharts draws no label for a zero-width segment.
 */
export function statusBars(
  statusLabel: (s: Status) => string,
  onSelect: (key: string, status: Status) => void,
  decorate?: (s: Status) => ReactNode,
) {
  return STATUSES.map((s) => (
    <Bar
      key={s}
      dataKey={s}
      stackId="status"
      name={`${STATUS_STYLE[s].icon} ${statusLabel(s)}`}
      fill={STATUS_STYLE[s].color}
      cursor="pointer"
      onClick={(d) => onSelect((d.payload as { key: string }).key, s)}
      isAnimationActive={false}
    >
      {decorate?.(s)}
    </Bar>
  ));
}
