import type { Status } from '../../../../shared/taxonomy';
import { useLocale } from '../../i18n';

/**
 * Okabe–Ito colours, which readers with the common colour-vision deficiencies can tell apart, and an
 * icon on every badge so that status is never told by colour alone.
 */
export const STATUS_STYLE: Record<Status, { color: string; icon: string }> = {
  achieved: { color: '#009E73', icon: '✔' },
  on_track: { color: '#0072B2', icon: '●' },
  at_risk: { color: '#E69F00', icon: '▲' },
  off_track: { color: '#D55E00', icon: '✖' },
  overdue: { color: '#CC79A7', icon: '◆' },
  no_data: { color: '#8A8F98', icon: '○' },
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useLocale();
  const s = STATUS_STYLE[status];
  return (
    <span className="status-badge" style={{ borderColor: s.color, color: '#1f2933' }}>
      <span aria-hidden="true" style={{ color: s.color }}>
        {s.icon}
      </span>{' '}
      {t(`status.${status}`)}
    </span>
  );
}
