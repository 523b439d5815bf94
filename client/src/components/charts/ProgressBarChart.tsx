import { BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUSES, type Status } from '../../../../shared/taxonomy';
import { statusBars } from './statusBars';

export type ProgressBarDatum = {
  key: string;
  label: string;
  meanProgress: number | null;
  count: number;
} & Record<Status, number>;

/** The last status (in stacking order) the datum has any of: its segment ends the bar. */
export function outermostStatus(d: ProgressBarDatum): Status | undefined {
  for (let i = STATUSES.length - 1; i >= 0; i--) {
    const s = STATUSES[i] as Status;
    if (d[s] > 0) return s;
  }
  return undefined;
}

/** What the end of a bar says: the mean progress, or how many targets when none has progress yet. */
export const barEndLabel = (d: ProgressBarDatum) => (d.meanProgress === null ? `n=${d.count}` : `${d.meanProgress}%`);

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
          {statusBars(statusLabel, onSelect, (s) => (
            <LabelList
              // Only on the bar's outermost drawn segment, whichever status that is.
              dataKey={(d: ProgressBarDatum) => (outermostStatus(d) !== s ? '' : barEndLabel(d))}
              position="right"
              style={{ fontSize: 11, fill: '#1f2933' }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
