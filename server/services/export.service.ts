import type { Lang, TargetExportQuery, TargetFilters } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { regionByCode } from '../lib/regions';
import { getDocument } from '../repos/documents.repo';
import {
  ACTUAL_EXPORT_FIELD_KEYS,
  type ActualExportField,
  countExportRows,
  EXPORT_FIELD_KEYS,
  type ExportField,
  iterateExportActuals,
  iterateExportRows,
} from '../repos/targets.export.repo';
import { FILTER_KEYS } from '../repos/targets.where';
import { comparatorLabel, fill, labelOf, messagesOf, regionLabel, themeLabel } from './export.labels';
import { ensureStatusesFresh } from './status.service';

// The targets and actuals exports, for people: headers and labels in the reader's language, numbers as numbers,
// dates as dates, and the filter that chose the rows. The import (import.service) reads none of these columns by
// their position and refuses a targets export outright.

/** A cell as the exports write it: CSV writes a date as YYYY-MM-DD, XLSX as a date cell. */
export type ExportCell = string | number | Date | null;
export type ExportFormat = 'csv' | 'xlsx';

/** How a column is shown in a workbook: its width in characters and Excel number format. */
export interface ColumnLayout {
  width: number;
  numFmt?: string;
}

const ID = '0';
const NUMBER = 'General';
const DATE = 'yyyy-mm-dd';

const TARGET_LAYOUT: Record<ExportField, ColumnLayout> = {
  id: { width: 8, numFmt: ID },
  region: { width: 14 },
  regionCode: { width: 10 },
  theme: { width: 18 },
  kind: { width: 8 },
  metric: { width: 32 },
  comparator: { width: 8 },
  value: { width: 12, numFmt: NUMBER },
  valueMax: { width: 12, numFmt: NUMBER },
  unit: { width: 10 },
  deadline: { width: 10 },
  latestActual: { width: 12, numFmt: NUMBER },
  latestActualAsOf: { width: 13, numFmt: DATE },
  progress: { width: 10, numFmt: '0.0' },
  status: { width: 10 },
  review: { width: 10 },
  binding: { width: 10 },
  document: { width: 36 },
  line: { width: 7, numFmt: ID },
  quote: { width: 60 },
};

const ACTUAL_LAYOUT: Record<ActualExportField, ColumnLayout> = {
  id: { width: 9, numFmt: ID },
  targetId: { width: 9, numFmt: ID },
  region: { width: 14 },
  regionCode: { width: 10 },
  metric: { width: 32 },
  value: { width: 12, numFmt: NUMBER },
  unit: { width: 10 },
  asOf: { width: 12, numFmt: DATE },
  note: { width: 30 },
  enteredBy: { width: 12 },
  enteredAt: { width: 17 },
  supersededBy: { width: 10, numFmt: ID },
};

/** A YYYY-MM-DD date as a date cell (UTC midnight, which is how Excel's serial dates map), else as it is. */
function dateCell(v: unknown): ExportCell {
  if (typeof v !== 'string') return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
}

/** An ISO timestamp in China Standard Time, to the minute: `2025-06-30 17:05`. */
function chinaTime(v: unknown): ExportCell {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return v;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const num = (v: unknown): ExportCell => (typeof v === 'number' ? v : null);
const text = (v: unknown): ExportCell => (v === null || v === undefined ? null : String(v));

export interface ExportTable {
  keys: readonly string[];
  header: string[];
  layout: ColumnLayout[];
  rows: Iterable<ExportCell[]>;
}

/** The filtered targets, in the list's order, with their headers and labels in `lang`. */
export function targetsTable(db: Db, q: TargetExportQuery, today: string, format: ExportFormat): ExportTable {
  ensureStatusesFresh(db, today);
  const m = messagesOf(q.lang);
  const regionCodeAt = EXPORT_FIELD_KEYS.indexOf('regionCode');
  // One converter per column, by position: an export of 100,000 rows makes no object per row.
  const label = (labels: Record<string, string>) => (v: unknown) => labelOf(labels, String(v));
  const convert: Record<ExportField, (v: unknown, row: unknown[]) => ExportCell> = {
    id: num,
    region: (v, row) => regionLabel(String(row[regionCodeAt]), String(v), q.lang),
    regionCode: text,
    theme: (v) => themeLabel(String(v), q.lang),
    kind: label(m.kind),
    metric: text,
    comparator: (v) => comparatorLabel(String(v), q.lang, format),
    value: num,
    valueMax: num,
    unit: text,
    deadline: text,
    latestActual: num,
    // A CSV has no date type: the stored YYYY-MM-DD is what it writes.
    latestActualAsOf: format === 'xlsx' ? dateCell : text,
    progress: num,
    status: label(m.status),
    review: label(m.review),
    binding: label(m.exportFile.binding),
    document: text,
    line: num,
    quote: text,
  };
  const converters = EXPORT_FIELD_KEYS.map((k) => convert[k]);
  function* rows(): Generator<ExportCell[]> {
    for (const r of iterateExportRows(db, q, q.sort, q.order)) {
      const out = new Array<ExportCell>(converters.length);
      for (let i = 0; i < converters.length; i++) out[i] = (converters[i] as (typeof converters)[number])(r[i], r);
      yield out;
    }
  }
  return {
    keys: EXPORT_FIELD_KEYS,
    header: EXPORT_FIELD_KEYS.map((k) => m.exportFile.columns[k]),
    layout: EXPORT_FIELD_KEYS.map((k) => TARGET_LAYOUT[k]),
    rows: rows(),
  };
}

/** The actuals of the filtered targets (every actual, superseded ones included), with headers in `lang`. */
export function actualsTable(db: Db, f: TargetFilters, lang: Lang): ExportTable {
  const m = messagesOf(lang);
  const at = Object.fromEntries(ACTUAL_EXPORT_FIELD_KEYS.map((k, i) => [k, i])) as Record<ActualExportField, number>;
  function* rows(): Generator<ExportCell[]> {
    for (const r of iterateExportActuals(db, f)) {
      const get = (k: ActualExportField) => r[at[k]];
      const cells: Record<ActualExportField, ExportCell> = {
        id: num(get('id')),
        targetId: num(get('targetId')),
        region: regionLabel(String(get('regionCode')), String(get('region')), lang),
        regionCode: text(get('regionCode')),
        metric: text(get('metric')),
        value: num(get('value')),
        unit: text(get('unit')),
        asOf: dateCell(get('asOf')),
        note: text(get('note')),
        enteredBy: text(get('enteredBy')),
        enteredAt: chinaTime(get('enteredAt')),
        supersededBy: num(get('supersededBy')),
      };
      yield ACTUAL_EXPORT_FIELD_KEYS.map((k) => cells[k]);
    }
  }
  return {
    keys: ACTUAL_EXPORT_FIELD_KEYS,
    header: ACTUAL_EXPORT_FIELD_KEYS.map((k) => m.exportFile.actualColumns[k]),
    layout: ACTUAL_EXPORT_FIELD_KEYS.map((k) => ACTUAL_LAYOUT[k]),
    rows: rows(),
  };
}

/** The filter that chose the rows, as a reader would say it: `地区 湖北省；主题 数据要素`, or “all targets”. */
export function describeFilters(db: Db, f: TargetFilters, lang: Lang): string {
  const m = messagesOf(lang);
  const names = m.exportFile.filterNames as Record<string, string>;
  const parts: string[] = [];
  for (const key of [...FILTER_KEYS, 'includeGone'] as const) {
    const v = f[key];
    if (v === undefined || v === false) continue;
    let shown: string;
    switch (key) {
      case 'region': {
        const r = regionByCode(String(v));
        shown = r ? (lang === 'zh' ? r.fullName : r.nameEn) : String(v);
        break;
      }
      case 'theme':
        shown = themeLabel(String(v), lang);
        break;
      case 'kind':
        shown = labelOf(m.kind, String(v));
        break;
      case 'status':
        shown = labelOf(m.status, String(v));
        break;
      case 'review':
        shown = labelOf(m.review, String(v));
        break;
      case 'document':
        shown = getDocument(db, Number(v))?.title ?? String(v);
        break;
      case 'q':
        shown = `“${String(v)}”`;
        break;
      case 'includeGone':
        shown = m.exportFile.yes;
        break;
      default:
        shown = String(v);
    }
    parts.push(`${labelOf(names, key)} ${shown}`);
  }
  return parts.length ? parts.join(lang === 'zh' ? '；' : '; ') : m.exportFile.noFilters;
}

/** The filter in words and how many targets it chooses (the briefing page states both). */
export function filterStatement(db: Db, q: TargetExportQuery): { text: string; total: number } {
  return { text: describeFilters(db, q, q.lang), total: countExportRows(db, q) };
}

/** The title lines above a workbook's header: what it is, the filter, when it was exported. */
export function preamble(db: Db, q: TargetExportQuery, today: string): string[] {
  const m = messagesOf(q.lang);
  const count = countExportRows(db, q);
  return [
    `${m.exportFile.title} · ${fill(m.exportFile.count, { count })}`,
    fill(m.exportFile.filters, { filters: describeFilters(db, q, q.lang) }),
    fill(m.exportFile.exported, { date: today }),
  ];
}
