import type { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/schemas/common';
import { type UrlValues, writeUrlFilters } from '../lib/urlFilters';

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

function toError(status: number, body: unknown): ApiRequestError {
  const parsed = ApiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiRequestError(status, code, message, details);
  }
  return new ApiRequestError(status, 'HTTP', `HTTP ${status}`);
}

/**
 * The CSRF token of the current session. The session cookie is HTTP-only; this token, returned by
 * login and by `GET /api/auth/me`, goes back in `X-CSRF-Token` on every state-changing request.
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), so the app can show the login page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** GETs a JSON resource and parses it with the response schema shared with the server. */
export async function getJson<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const res = await fetch(path, { signal, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await readJson(res).catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw toError(res.status, body);
  }
  return schema.parse(body);
}

/** Sends a JSON body (POST, PATCH …) with the CSRF token; parses the answer with the shared schema. */
export async function sendJson<S extends z.ZodType>(
  method: string,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await readJson(res).catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw toError(res.status, data);
  }
  return schema.parse(data);
}

/**
 * Uploads a file as multipart form data with progress events (fetch has none for uploads, so this
 * uses XMLHttpRequest), and parses the answer with the shared schema.
 */
export function uploadFile<S extends z.ZodType>(
  path: string,
  file: File,
  schema: S,
  onProgress: (fraction: number) => void,
  fields: Record<string, string> = {},
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.responseType = 'json';
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = schema.safeParse(xhr.response);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiRequestError(xhr.status, 'BAD_RESPONSE', parsed.error.message));
      } else reject(toError(xhr.status, xhr.response));
    };
    xhr.onerror = () => reject(new ApiRequestError(0, 'NETWORK', 'network error'));
    const form = new FormData();
    // Text fields first: multer has them in req.body by the time it reads the file.
    for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
    form.append('file', file);
    xhr.send(form);
  });
}

/** `{a: 1, b: undefined}` → `?a=1`: only the parameters that are set go in the URL. */
export function toSearch(params: UrlValues): string {
  const s = writeUrlFilters(params).toString();
  return s ? `?${s}` : '';
}

/**
 * Whether a failed query is tried once more: what may pass on a second try (a dropped connection, a 5xx) is,
 * once; a 4xx — refused, not found, invalid — would answer the same again, so its error is shown at once
 * instead of after the retry's delay.
 */
export function retryQuery(failures: number, err: Error): boolean {
  if (err instanceof ApiRequestError && err.status >= 400 && err.status < 500) return false;
  return failures < 1;
}
