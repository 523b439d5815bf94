import type { z } from 'zod';

/** The filters of a page as they live in its URL: each field of the schema, parsed, or absent. */
export type UrlFilters<S extends z.ZodObject, Omit extends keyof S['shape'] = never> = {
  [K in Exclude<keyof S['shape'], Omit>]?: z.output<S['shape'][K]>;
};

/**
 * What a URL can hold: whatever `writeUrlFilters` turns into text; empty values are left out. Several values of
 * one filter (themes, statuses) are written comma-separated, as the API reads them.
 */
export type UrlValues = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/** A value as URL text: a list comma-separated, an empty list or empty text as nothing. */
export function urlText(v: UrlValues[string]): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = Array.isArray(v) ? v.join(',') : String(v);
  return s === '' ? undefined : s;
}

/**
 * Reads a page's filters from its query string with the API's own zod schema, so the URL can never hold a
 * filter the API would refuse. A value the schema refuses is dropped, never thrown: a hand-edited or stale
 * link still opens the page, with the filters that make sense. Each field is parsed on its own, then the whole
 * object once more, so a rule between fields (a `from` after its `to`) drops the field it names.
 * `omit` names the fields of the schema that never come from the URL (e.g. `pageSize`).
 */
export function readUrlFilters<S extends z.ZodObject, O extends keyof S['shape'] = never>(
  schema: S,
  sp: URLSearchParams,
  omit: readonly O[] = [],
): UrlFilters<S, O> {
  const raw: Record<string, string> = {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if ((omit as readonly string[]).includes(key)) continue;
    const v = sp.get(key);
    if (v === null) continue;
    const parsed = field.safeParse(v);
    if (parsed.success && parsed.data !== undefined) {
      raw[key] = v;
      out[key] = parsed.data;
    }
  }
  // Rules between fields: drop the fields the whole schema still names, until it accepts what is left.
  for (let left = Object.keys(raw).length; left > 0; left--) {
    const whole = schema.safeParse(raw);
    if (whole.success) break;
    const named = whole.error.issues.map((i) => i.path[0]).filter((k) => typeof k === 'string' && k in raw);
    if (named.length === 0) break;
    for (const k of named) {
      delete raw[k as string];
      delete out[k as string];
    }
  }
  return out as UrlFilters<S, O>;
}

/** The query string of a set of filters, empty values left out, in the order of the object's keys. */
export function writeUrlFilters(values: UrlValues): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    const s = urlText(v);
    if (s !== undefined) sp.set(k, s);
  }
  return sp;
}

/** `?a=1&b=2`, or nothing when there is no filter: for links. */
export function urlSearch(values: UrlValues): string {
  const s = writeUrlFilters(values).toString();
  return s ? `?${s}` : '';
}
