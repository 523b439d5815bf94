import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TargetDetail } from '../../../../shared/schemas/target';
import { useLocale } from '../../i18n';
import { actualsSeries } from './chartData';

const fmtDate = (t: number) => new Date(t).toISOString().slice(0, 7);
/** A band's bound as a reader writes it: ≈ 5 gives 4.75–5.25, not 4.749999999. */
const formatBound = (x: number) => String(Number(x.toPrecision(6)));

/** Actuals over time against the target line (a band for ranges and ≈) and the expected trajectory. */
export function ActualsChart({ detail }: { detail: TargetDetail }) {
  const { t } = useLocale();
  const s = actualsSeries(detail);
  if (!s.points.length && !s.trajectory.length) return <p>{t('detail.noActuals')}</p>;
  const unit = detail.target.unit;
  return (
    <div role="img" aria-label={t('detail.actualsChart')} style={{ width: '100%', height: 280 }}>
      <ResponsiveContainer>
        <LineChart margin={{ top: 20, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={s.domain ?? ['auto', 'auto']}
            tickFormatter={fmtDate}
            label={{ value: t('detail.asOf'), position: 'insideBottom', offset: -14 }}
            allowDuplicatedCategory={false}
          />
          <YAxis label={{ value: `${t('detail.value')} (${unit})`, angle: -90, position: 'insideLeft' }} />
          <Tooltip labelFormatter={(v) => fmtDate(Number(v))} />
          <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 20 }} />
          {s.band && (
            <ReferenceArea
              // The axis reaches the band even when no actual has: a target the chart cuts off is no target.
              ifOverflow="extendDomain"
              y1={s.band.from}
              y2={s.band.to}
              fill="#009E73"
              fillOpacity={0.15}
              label={`${t('detail.targetLine')} ${formatBound(s.band.from)}–${formatBound(s.band.to)}${unit}`}
            />
          )}
          {s.reference !== null && (
            <ReferenceLine
              // The axis reaches the target even when every actual is far below it (a 3600 target on an axis that
              // stopped at 3200 was not drawn at all).
              ifOverflow="extendDomain"
              y={s.reference}
              stroke="#009E73"
              strokeDasharray="6 3"
              label={{ value: `${t('detail.targetLine')} ${s.reference}${unit}`, position: 'insideTopRight' }}
            />
          )}
          {s.deadline !== null && <ReferenceLine x={s.deadline} stroke="#8A8F98" />}
          {s.trajectory.length > 0 && (
            <Line
              data={s.trajectory}
              dataKey="value"
              name={t('detail.expected')}
              stroke="#8A8F98"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          <Line
            data={s.points}
            dataKey="value"
            name={t('detail.value')}
            stroke="#0072B2"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
