import type { Db } from '../../server/db/client';
import { createUser } from '../../server/services/users.service';
import type { Role } from '../../shared/schemas/auth';

/** A JSON response as the tests read it: any shape, with the API's error envelope when it failed. */
export type Body = Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };

/** Requests against the test server, JSON in and out. */
export interface HttpClient {
  url: string;
  /** `fetch` with the session cookie and `X-CSRF-Token` added when logged in. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  get: (path: string) => Promise<{ status: number; body: Body }>;
  send: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Body }>;
  /** `POST /api/documents` as multipart form data in the field `file` (and optional fields), as the dashboard uploads. */
  upload: (
    fileName: string,
    content: Buffer | string,
    fields?: Record<string, string>,
  ) => Promise<{ status: number; body: Body }>;
}

/** A logged-in client: sends the session cookie on every request and the CSRF token on every write. */
export interface ApiClient extends HttpClient {
  user: { id: number; username: string; role: Role };
  cookie: string;
  csrfToken: string;
}

export const TEST_PASSWORD = 'correct horse battery staple';

let seq = 0;

/** Creates a user straight through the users service (as an admin would), returning its name. */
export async function createTestUser(db: Db, role: Role, username = `${role}-${++seq}`): Promise<string> {
  await createUser(db, null, { username, password: TEST_PASSWORD, role });
  return username;
}

async function json(res: Response): Promise<Body> {
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as Body;
}

/** Logs in through the real API; throws when the login is refused. */
export async function login(url: string, username: string, password = TEST_PASSWORD): Promise<ApiClient> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await json(res);
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const csrfToken = body.csrfToken as string;
  return { ...httpClient(url, { cookie, csrfToken }), user: body.user as ApiClient['user'], cookie, csrfToken };
}

/** A client without a session, for checking what anonymous callers are refused. */
export function anonymousClient(url: string): HttpClient {
  return httpClient(url);
}

function httpClient(url: string, session?: { cookie: string; csrfToken: string }): HttpClient {
  const client: HttpClient = {
    url,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (session) {
        headers.set('Cookie', session.cookie);
        if (!headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', session.csrfToken);
      }
      return fetch(url + path, { ...init, headers });
    },
    get: async (path) => {
      const res = await client.fetch(path);
      return { status: res.status, body: await json(res) };
    },
    send: async (method, path, body) => {
      const res = await client.fetch(path, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await json(res) };
    },
    upload: async (fileName, content, fields = {}) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append(
        'file',
        new Blob([typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content)]),
        fileName,
      );
      const res = await client.fetch('/api/documents', { method: 'POST', body: form });
      return { status: res.status, body: await json(res) };
    },
  };
  return client;
}

/** A new user of the role, logged in. */
export async function loginAs(srv: { url: string; db: Db }, role: Role): Promise<ApiClient> {
  return login(srv.url, await createTestUser(srv.db, role));
}
