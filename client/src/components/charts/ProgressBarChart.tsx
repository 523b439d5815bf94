import { BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { STATUSES, type Status } from '../../../../shared/taxonomy';
import { statusBars } from './statusBars';

export type ProgressBarDatum = {
  key: string;
  label: string;
  meanProgress: number | null;
  count: number;
  /** How many of the targets have any progress: what the mean rests on. */
  reported: number;
} & Record<Status, number>;

/** The last status (in stacking order) the datum has any of: its segment ends the bar. */
export function outermostStatus(d: ProgressBarDatum): Status | undefined {
  for (let i = STATUSES.length - 1; i >= 0; i--) {
    const s = STATUSES[i] as Status;
    if (d[s] > 0) return s;
  }
  return undefined;
}

/** The words a bar's end label is made of, in the reader's language. */
export interface BarEndWords {
  /** How many targets, when none has progress yet: "24 项". */
  count: (count: number) => string;
  /** The mean progress of all of them: "均 92%". */
  mean: (mean: number) => string;
  /** The mean progress of the few that have any: "均 92%（1/24 有实绩）". */
  meanOfFew: (mean: number, reported: number, count: number) => string;
}

/**
 * What the end of a bar says, and says which: how many targets while none has progress, else the mean
 * progress — with how many of them it rests on when not all have reported (Fujian's one reported target of 24
 * is no "92%" for Fujian).
 */
export function barEndLabel(d: ProgressBarDatum, words: BarEndWords): string {
  if (d.meanProgress === null) return words.count(d.count);
  return d.reported < d.count ? words.meanOfFew(d.meanProgress, d.reported, d.count) : words.mean(d.meanProgress);
}

/** Rough width in pixels of a label at `fontSize`: a CJK character is about 1 em, anything else about 0.6. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? fontSize : fontSize * 0.6;
  return Math.ceil(w);
}

interface Props {
  data: ProgressBarDatum[];
  /** Accessible name of the chart. */
  name: string;
  xLabel: string;
  progressLabel: string;
  statusLabel: (s: Status) => string;
  endWords: BarEndWords;
  /** Says under the chart what the bar ends show. */
  note: string;
  onSelect: (key: string, status?: Status) => void;
}

/**
 * One horizontal bar per category: its targets stacked by status (so a theme that is behind shows
 * it even before actuals arrive), labelled with the mean progress; a click opens those targets.
 */
export function ProgressBarChart({ data, name, xLabel, progressLabel, statusLabel, endWords, note, onSelect }: Props) {
  // Bars, plus the axis, its title and a legend that wraps to three rows on a phone.
  const height = Math.max(240, data.length * 30 + 180);
  // Room for the longest category name and the longest end label, no more: a phone has 360 px for all of it.
  const axisWidth = Math.min(170, Math.max(48, ...data.map((d) => textWidth(d.label, 11) + 10)));
  const endWidth = Math.min(190, Math.max(40, ...data.map((d) => textWidth(barEndLabel(d, endWords), 11) + 12)));
  return (
    <>
      <div role="img" aria-label={name} style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: endWidth, bottom: 24, left: 4 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis
              type="number"
              allowDecimals={false}
              label={{ value: xLabel, position: 'insideBottom', offset: -14 }}
            />
            <YAxis type="category" dataKey="label" width={axisWidth} interval={0} tick={{ fontSize: 11 }} />
            <Tooltip
              labelFormatter={(label, payload) => {
                const d = payload?.[0]?.payload as ProgressBarDatum | undefined;
                return d
                  ? `${label} — ${progressLabel}: ${d.meanProgress ?? '—'}${d.meanProgress === null ? '' : '%'}`
                  : label;
              }}
            />
            {/* Below the axis title, never over the axis or the first bar. */}
            <Legend verticalAlign="bottom" wrapperStyle={{ paddingTop: 28 }} />
            {statusBars(statusLabel, onSelect, (s) => (
              <LabelList
                // Only on the bar's outermost drawn segment, whichever status that is.
                dataKey={(d: ProgressBarDatum) => (outermostStatus(d) !== s ? '' : barEndLabel(d, endWords))}
                position="right"
                style={{ fontSize: 11, fill: '#1f2933' }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-note">{note}</p>
    </>
  );
}
