import { z } from 'zod';

/** Every error response: `{ error: { code, message, details } }`. */
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const HealthSchema = z.object({ ok: z.literal(true), targets: z.number().int(), documents: z.number().int() });
export type Health = z.infer<typeof HealthSchema>;

/** A path parameter that must be a positive integer id. */
export const IdParamSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * The years a date or deadline in this product may have. Statistics of the People's Republic start in 1949
 * and plans look decades ahead, so 1900–2100 is generous; `0000-01-01`, a real ISO date, is a typing mistake.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const yearInRange = (s: string) => {
  // Not a year at all is the format check's to report, once.
  if (!/^\d{4}/.test(s)) return true;
  const year = Number(s.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const yearMessage = `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`;

/** YYYY-MM-DD that is a real calendar date, in a year between 1900 and 2100. */
export const IsoDateSchema = z.iso.date().refine(yearInRange, yearMessage);

/** Text to search for: no control characters (a NUL cut SQLite's pattern short, so `q=%00` matched every row). */
export const SearchTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/\p{Cc}/u.test(s), 'q must not contain control characters');

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
