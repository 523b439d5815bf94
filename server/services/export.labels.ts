import { en } from '../../client/src/i18n/en';
import { type Messages, zh } from '../../client/src/i18n/zh';
import type { Lang } from '../../shared/schemas/target';
import { THEMES } from '../../shared/taxonomy';
import { regionByCode } from '../lib/regions';

// The words of the files Zhibiao writes for people (exports, import templates, import messages), taken from the
// client's i18n files so that a label reads the same on screen and in the file, and a status or theme added
// to the taxonomy is labelled wherever its label is added.

export function messagesOf(lang: Lang): Messages {
  return lang === 'en' ? en : zh;
}

/** `{{name}}` placeholders filled as i18next fills them on the client. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

/** A label from a record of labels by key, or the key itself when a new key has no label yet. */
export function labelOf(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

export function themeLabel(key: string, lang: Lang): string {
  const theme = THEMES.find((t) => t.key === key);
  return theme ? theme[lang] : key;
}

export function regionLabel(code: string, storedName: string, lang: Lang): string {
  if (lang === 'zh') return storedName;
  return regionByCode(code)?.nameEn ?? storedName;
}

/**
 * A comparator as a reader writes it: ≥ > = ≤ < ≈, and “区间”/“range” for a range. In a CSV file, whose cells have
 * no type, the bare `=` is written as the full-width ＝ (U+FF1D): Excel and WPS read a cell that starts with `=` as
 * a formula (a lone `=` is an invalid one), and a leading apostrophe, the usual escape, is shown as typed when a
 * CSV is opened. An .xlsx cell is typed text, so there it stays `=`.
 */
export function comparatorLabel(comparator: string, lang: Lang, format: 'csv' | 'xlsx'): string {
  switch (comparator) {
    case '>=':
      return '≥';
    case '<=':
      return '≤';
    case '~':
      return '≈';
    case '=':
      return format === 'csv' ? '＝' : '=';
    case 'range':
      return messagesOf(lang).exportFile.range;
    default:
      return comparator;
  }
}
