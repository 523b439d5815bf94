import { BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Status } from '../../../../shared/taxonomy';
import { statusBars } from './statusBars';

export type ProgressBarDatum = {
  key: string;
  label: string;
  meanProgress: number | null;
  count: number;
} & Record<Status, number>;

interface Props {
  data: ProgressBarDatum[];
  /** Accessible name of the chart. */
  name: string;
  xLabel: string;
  progressLabel: string;
  statusLabel: (s: Status) => string;
  onSelect: (key: string, status?: Status) => void;
}

/**
 * One horizontal bar per category: its targets stacked by status (so a theme that is behind shows
 * it even before actuals arrive), labelled with the mean progress; a click opens those targets.
 */
export function ProgressBarChart({ data, name, xLabel, progressLabel, statusLabel, onSelect }: Props) {
  const height = Math.max(180, data.length * 30 + 80);
  return (
    <div role="img" aria-label={name} style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 64, bottom: 20, left: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} label={{ value: xLabel, position: 'insideBottom', offset: -12 }} />
          <YAxis type="category" dataKey="label" width={170} interval={0} tick={{ fontSize: 11 }} />
          <Tooltip
            labelFormatter={(label, payload) => {
              const d = payload?.[0]?.payload as ProgressBarDatum | undefined;
              return d
                ? `${label} — ${progressLabel}: ${d.meanProgress ?? '—'}${d.meanProgress === null ? '' : '%'}`
                : label;
            }}
          />
          <Legend verticalAlign="top" />
          {statusBars(
            statusLabel,
            onSelect,
            <LabelList
              dataKey={(d: ProgressBarDatum) => (d.meanProgress === null ? `n=${d.count}` : `${d.meanProgress}%`)}
              position="right"
              style={{ fontSize: 11, fill: '#1f2933' }}
            />,
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
