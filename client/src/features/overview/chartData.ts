import type { Summary } from '../../../../shared/schemas/summary';
import { STATUSES, type Status, THEMES } from '../../../../shared/taxonomy';
import type { ProgressBarDatum } from '../../components/charts/ProgressBarChart';
import type { StatusStackDatum } from '../../components/charts/StatusStackChart';

export type BarSort = 'count' | 'progress';

function sortBars(rows: ProgressBarDatum[], sort: BarSort): ProgressBarDatum[] {
  return [...rows].sort((a, b) =>
    sort === 'count'
      ? b.count - a.count || a.label.localeCompare(b.label)
      : (b.meanProgress ?? -1) - (a.meanProgress ?? -1) || b.count - a.count,
  );
}

type Group = Summary['byTheme'][number];

function bar(key: string, label: string, g: Omit<Group, 'theme'>): ProgressBarDatum {
  const d = { key, label, meanProgress: g.meanProgress, count: g.count, reported: g.reported } as ProgressBarDatum;
  for (const st of STATUSES) d[st] = g.byStatus[st] ?? 0;
  return d;
}

export function themeBars(s: Summary, locale: 'zh' | 'en', sort: BarSort): ProgressBarDatum[] {
  const label = (key: string) => {
    const t = THEMES.find((x) => x.key === key);
    return t ? (locale === 'zh' ? t.zh : t.en) : key;
  };
  return sortBars(
    s.byTheme.map((g) => bar(g.theme, label(g.theme), g)),
    sort,
  );
}

/** Regions as bars, the largest `limit` of them (a national view has 30-odd provinces). */
export function regionBars(s: Summary, locale: 'zh' | 'en', sort: BarSort, limit = 20): ProgressBarDatum[] {
  return sortBars(
    s.byRegion.map((g) => bar(g.regionCode, locale === 'zh' ? g.region : g.regionEn, g)),
    sort,
  ).slice(0, limit);
}

/** Deadline years in order, each with its count per status; targets without a deadline last. */
export function deadlineStacks(s: Summary, noDeadlineLabel: string): StatusStackDatum[] {
  return s.byDeadlineYear.map((g) => {
    const row = { key: g.year ?? 'none', label: g.year ?? noDeadlineLabel } as StatusStackDatum;
    for (const st of STATUSES) row[st] = g.byStatus[st] ?? 0;
    return row;
  });
}

export interface Headline {
  tracked: number;
  counts: Record<Status, number>;
  dueThisYear: number;
}

export function headline(s: Summary, year: string): Headline {
  return {
    tracked: s.total,
    counts: s.byStatus as Record<Status, number>,
    dueThisYear: s.byDeadlineYear.find((g) => g.year === year)?.count ?? 0,
  };
}

export interface HeatCell {
  count: number;
  meanProgress: number | null;
}

/** Region × theme matrix as rows (regions, by count) and columns (themes in taxonomy order). */
export function heatmap(s: Summary, locale: 'zh' | 'en', maxRegions = 15) {
  const regions = s.byRegion.slice(0, maxRegions).map((r) => ({
    code: r.regionCode,
    label: locale === 'zh' ? r.region : r.regionEn,
  }));
  const themes = THEMES.filter((t) => s.byTheme.some((g) => g.theme === t.key)).map((t) => ({
    key: t.key,
    label: locale === 'zh' ? t.zh : t.en,
  }));
  const cells = new Map<string, HeatCell>();
  for (const m of s.matrix) cells.set(`${m.regionCode}|${m.theme}`, { count: m.count, meanProgress: m.meanProgress });
  return { regions, themes, cell: (region: string, theme: string) => cells.get(`${region}|${theme}`) };
}

/** Background of a heatmap cell: more saturated blue for more progress; grey where none is known. */
export function heatColour(c: HeatCell | undefined): string {
  if (!c || c.count === 0) return '#ffffff';
  if (c.meanProgress === null) return '#eef0f3';
  const t = Math.max(0, Math.min(100, c.meanProgress)) / 100;
  const l = Math.round(95 - t * 50);
  return `hsl(205, 70%, ${l}%)`;
}
