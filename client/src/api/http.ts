import type { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/schemas/common';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** GETs a JSON resource and parses it with the response schema shared with the server. */
export async function getJson<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ApiErrorSchema.safeParse(body);
    if (parsed.success)
      throw new ApiRequestError(
        res.status,
        parsed.data.error.code,
        parsed.data.error.message,
        parsed.data.error.details,
      );
    throw new ApiRequestError(res.status, 'HTTP', `请求失败 (HTTP ${res.status})`);
  }
  return schema.parse(body);
}

/** `{a: 1, b: undefined}` → `?a=1`: only the filters that are set go in the URL. */
export function toSearch(params: Record<string, string | number | boolean | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
