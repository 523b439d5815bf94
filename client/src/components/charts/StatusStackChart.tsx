import { BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Status } from '../../../../shared/taxonomy';
import { statusBars } from './statusBars';

export type StatusStackDatum = { key: string; label: string } & Record<Status, number>;

interface Props {
  data: StatusStackDatum[];
  name: string;
  xLabel: string;
  yLabel: string;
  statusLabel: (s: Status) => string;
  onSelect: (key: string, status: Status) => void;
}

/** Counts per period stacked by status, each status with its colour and its icon in the legend. */
export function StatusStackChart({ data, name, xLabel, yLabel, statusLabel, onSelect }: Props) {
  return (
    <div role="img" aria-label={name} style={{ width: '100%', height: 330 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 12, right: 16, bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="label" label={{ value: xLabel, position: 'insideBottom', offset: -14 }} />
          <YAxis allowDecimals={false} label={{ value: yLabel, angle: -90, position: 'insideLeft' }} />
          <Tooltip />
          {/* Below the axis title: at the top it covered the y-axis's highest tick. */}
          <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 28 }} />
          {statusBars(statusLabel, onSelect)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
