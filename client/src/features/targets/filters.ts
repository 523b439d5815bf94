import { TARGET_SORTS } from '../../../../shared/schemas/target';
import { KINDS, REVIEW_STATUSES, STATUSES, THEME_KEYS } from '../../../../shared/taxonomy';

/** The target list's filters as they live in the URL, so every view can be shared and reloaded. */
export interface TargetUrlFilters {
  region?: string;
  theme?: string;
  kind?: string;
  status?: string;
  review?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  document?: string;
  q?: string;
  sort?: string;
  order?: string;
  page?: string;
}

const ALLOWED: Record<keyof TargetUrlFilters, (v: string) => boolean> = {
  region: (v) => /^\d{6}$/.test(v),
  theme: (v) => (THEME_KEYS as readonly string[]).includes(v),
  kind: (v) => (KINDS as readonly string[]).includes(v),
  status: (v) => (STATUSES as readonly string[]).includes(v),
  review: (v) => (REVIEW_STATUSES as readonly string[]).includes(v),
  deadlineFrom: (v) => /^\d{4}(-\d{2})?$/.test(v),
  deadlineTo: (v) => /^\d{4}(-\d{2})?$/.test(v),
  document: (v) => /^\d+$/.test(v),
  q: (v) => v.trim().length > 0 && v.length <= 200,
  sort: (v) => (TARGET_SORTS as readonly string[]).includes(v),
  order: (v) => v === 'asc' || v === 'desc',
  page: (v) => /^[1-9]\d*$/.test(v),
};

/** Reads the filters from a query string, dropping any value the API would refuse. */
export function readFilters(sp: URLSearchParams): TargetUrlFilters {
  const out: TargetUrlFilters = {};
  for (const key of Object.keys(ALLOWED) as (keyof TargetUrlFilters)[]) {
    const v = sp.get(key);
    if (v !== null && ALLOWED[key](v)) out[key] = v;
  }
  return out;
}

/** The query string of a set of filters, in a stable order. */
export function filtersToSearch(f: TargetUrlFilters): string {
  const sp = new URLSearchParams();
  for (const key of Object.keys(ALLOWED) as (keyof TargetUrlFilters)[]) {
    const v = f[key];
    if (v) sp.set(key, v);
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Link to the target list with these filters. */
export function targetsLink(f: TargetUrlFilters): string {
  return `/targets${filtersToSearch(f)}`;
}
