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

/** YYYY-MM-DD that is a real calendar date. */
export const IsoDateSchema = z.iso.date();

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
