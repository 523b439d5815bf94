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
  missed: { color: '#CC79A7', icon: '◆' },
  unreported: { color: '#6A3D9A', icon: '◇' },
  no_data: { color: '#8A8F98', icon: '○' },
};

/** The stale flag's colour and icon: beside a status, never instead of it. */
export const STALE_STYLE = { color: '#8A6D3B', icon: '⌛' } as const;

export function StatusBadge({ status, stale = false }: { status: Status; stale?: boolean }) {
  const { t } = useLocale();
  const s = STATUS_STYLE[status];
  return (
    <>
      <span className="status-badge" style={{ borderColor: s.color, color: '#1f2933' }}>
        <span aria-hidden="true" style={{ color: s.color }}>
          {s.icon}
        </span>{' '}
        {t(`status.${status}`)}
      </span>
      {stale && (
        <span className="status-badge stale" style={{ borderColor: STALE_STYLE.color, color: '#1f2933' }}>
          <span aria-hidden="true" style={{ color: STALE_STYLE.color }}>
            {STALE_STYLE.icon}
          </span>{' '}
          {t('honest.stale')}
        </span>
      )}
    </>
  );
}
