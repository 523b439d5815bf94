import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser } from '../../server/repos/users.repo';
import type { Role } from '../../shared/schemas/auth';
import {
  type ApiClient,
  anonymousClient,
  type Body,
  createTestUser,
  type HttpClient,
  login,
  loginAs,
  TEST_PASSWORD,
} from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
const as = {} as Record<Role, ApiClient>;
let targetId: number;

beforeAll(async () => {
  srv = await startTestServer();
  as.viewer = await loginAs(srv, 'viewer');
  as.analyst = await loginAs(srv, 'analyst');
  as.admin = await loginAs(srv, 'admin');
  targetId = buildTarget(srv.db).id;
});
afterAll(() => srv.close());

async function anonymous(method: string, path: string, body?: unknown) {
  const res = await fetch(srv.url + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

async function auditOf(action: string, extra = ''): Promise<Body[]> {
  const { body } = await as.admin.get(`/api/audit?action=${action}&pageSize=500${extra}`);
  return body.items as Body[];
}

let n = 0;
/** A state-changing route, a valid request for it, the least role allowed and the status it answers. */
interface Case {
  name: string;
  min: Role;
  ok: number;
  call: (c: HttpClient) => Promise<{ status: number }>;
}
const CASES: Case[] = [
  {
    name: 'POST /api/documents',
    min: 'analyst',
    ok: 201,
    call: (c) => c.upload(`matrix-${++n}.txt`, `第${n}号文件\n到2025年，全省5G基站达到${n}万个。\n`),
  },
  {
    name: 'PATCH /api/targets/:id',
    min: 'analyst',
    ok: 200,
    call: async (c) => {
      const { body } = await as.viewer.get(`/api/targets/${targetId}`);
      const version = (body.target as { version: number }).version;
      return c.send('PATCH', `/api/targets/${targetId}`, { version, review: 'confirmed', reason: 'matrix' });
    },
  },
  {
    name: 'POST /api/targets/:id/actuals',
    min: 'analyst',
    ok: 201,
    call: (c) => c.send('POST', `/api/targets/${targetId}/actuals`, { value: ++n, asOf: '2025-01-31' }),
  },
  {
    name: 'POST /api/actuals/import',
    min: 'analyst',
    ok: 201,
    call: (c) => {
      const form = new FormData();
      form.append('file', new Blob([`targetId,value,asOf\n${targetId},${++n},2025-02-28\n`]), 'import.csv');
      return c.fetch('/api/actuals/import', { method: 'POST', body: form });
    },
  },
  {
    name: 'POST /api/users',
    min: 'admin',
    ok: 201,
    call: (c) => c.send('POST', '/api/users', { username: `made-${++n}`, password: TEST_PASSWORD, role: 'viewer' }),
  },
  {
    name: 'PATCH /api/users/:id',
    min: 'admin',
    ok: 200,
    call: (c) => c.send('PATCH', `/api/users/${as.viewer.user.id}`, { role: 'viewer' }),
  },
];

describe('the authorization matrix', () => {
  const ROLES: Role[] = ['viewer', 'analyst', 'admin'];
  for (const c of CASES) {
    it(`refuses ${c.name} without a login (401)`, async () => {
      const res = await c.call(anonymousClient(srv.url));
      expect(res.status).toBe(401);
    });
    for (const role of ROLES) {
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf(c.min);
      it(`${allowed ? 'lets' : 'forbids'} ${role === 'viewer' ? 'a' : 'an'} ${role} ${allowed ? '' : 'to '}${c.name}${allowed ? '' : ' (403)'}`, async () => {
        const res = await c.call(as[role]);
        expect(res.status).toBe(allowed ? c.ok : 403);
      });
    }
  }
});

describe('reads', () => {
  const READS = [
    '/api/targets',
    `/api/targets/1`,
    '/api/targets/1/actuals',
    '/api/audit',
    '/api/export/audit.csv',
    '/api/summary',
    '/api/documents',
    '/api/documents/1',
    '/api/regions',
    '/api/themes',
    '/api/export/targets.csv',
    '/api/export/actuals.csv',
    '/api/auth/me',
    '/api/users',
  ];
  it('refuses every read without a login with 401', async () => {
    for (const path of READS) {
      const res = await fetch(srv.url + path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as Body).error?.code, path).toBe('NOT_AUTHENTICATED');
    }
  });

  it('refuses a forged or expired session cookie like no cookie at all', async () => {
    const res = await fetch(`${srv.url}/api/targets`, { headers: { Cookie: 'zhibiao_session=forged' } });
    expect(res.status).toBe(401);
    const c = await loginAs(srv, 'viewer');
    srv.advanceClock(13 * 3600_000);
    try {
      expect((await c.get('/api/targets')).status).toBe(401);
    } finally {
      srv.advanceClock(-13 * 3600_000);
    }
  });

  it('keeps /api/health public', async () => {
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  });

  it('lets a viewer read and export', async () => {
    expect((await as.viewer.get('/api/targets')).status).toBe(200);
    expect((await as.viewer.get(`/api/targets/${targetId}`)).status).toBe(200);
    expect((await as.viewer.fetch('/api/export/targets.csv')).status).toBe(200);
  });

  it('shows the user list to admins only', async () => {
    expect((await as.analyst.get('/api/users')).status).toBe(403);
    const { status, body } = await as.admin.get('/api/users');
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain('scrypt');
  });
});

describe('CSRF protection', () => {
  it('refuses a write with a session but no X-CSRF-Token with 403, and stores nothing', async () => {
    const before = (await as.admin.get('/api/users')).body as unknown as unknown[];
    const res = await as.admin.fetch('/api/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': '' },
      body: JSON.stringify({ username: 'csrf-victim', password: TEST_PASSWORD, role: 'admin' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Body).error?.code).toBe('CSRF_TOKEN_INVALID');
    const after = (await as.admin.get('/api/users')).body as unknown as unknown[];
    expect(after.length).toBe(before.length);
  });

  it('refuses a write whose request has the session cookie but no X-CSRF-Token header at all', async () => {
    const t = buildTarget(srv.db);
    const res = await fetch(`${srv.url}/api/targets/${t.id}`, {
      method: 'PATCH',
      headers: { Cookie: as.analyst.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: 1, review: 'rejected', reason: 'forged' }),
    });
    expect(res.status).toBe(403);
    expect(((await as.viewer.get(`/api/targets/${t.id}`)).body.target as { review: string }).review).toBe('extracted');
  });

  it("refuses a write carrying another session's token with 403", async () => {
    const res = await as.analyst.fetch('/api/documents', {
      method: 'POST',
      headers: { 'X-CSRF-Token': as.admin.csrfToken },
      body: new FormData(),
    });
    expect(res.status).toBe(403);
  });

  it('hands the token back from GET /api/auth/me so a reloaded page can go on writing', async () => {
    const { status, body } = await as.analyst.get('/api/auth/me');
    expect(status).toBe(200);
    expect(body.csrfToken).toBe(as.analyst.csrfToken);
    expect(body.user).toMatchObject({ username: as.analyst.user.username, role: 'analyst' });
  });
});

describe('login and logout', () => {
  it('sets an HTTP-only SameSite=Lax session cookie and stores the password as a salted scrypt hash', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    const res = await fetch(`${srv.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: name, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^zhibiao_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await res.json()) as Body;
    expect(typeof body.csrfToken).toBe('string');
    const stored = getUser(srv.db, (body.user as { id: number }).id)?.passwordHash ?? '';
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain(TEST_PASSWORD);
    // The database holds only a hash of the session token.
    const token = /^zhibiao_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const rows = srv.db.$client.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await anonymous('POST', '/api/auth/login', {
      username: as.viewer.user.username,
      password: 'not the password',
    });
    const unknown = await anonymous('POST', '/api/auth/login', { username: 'nobody-here', password: 'whatever12' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('answers a logout without a session with 401', async () => {
    expect((await anonymous('POST', '/api/auth/logout')).status).toBe(401);
  });

  it('ends the session on logout, after which the cookie no longer works', async () => {
    const c = await loginAs(srv, 'analyst');
    expect((await c.fetch('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': '' } })).status).toBe(403);
    const res = await c.fetch('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
    expect((await c.get('/api/targets')).status).toBe(401);
    expect(await auditOf('auth.logout', `&user=${c.user.username}`)).toHaveLength(1);
  });
});

describe('lockout', () => {
  it('locks a username for 15 minutes after 5 failed logins, even for the right password, and audits it', async () => {
    const name = await createTestUser(srv.db, 'analyst');
    for (let i = 0; i < 5; i++) {
      const res = await anonymous('POST', '/api/auth/login', { username: name, password: `wrong guess ${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await fetch(`${srv.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: name, password: TEST_PASSWORD }),
    });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as Body).error?.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    // Other users are not affected.
    expect((await loginAs(srv, 'viewer')).user.role).toBe('viewer');

    expect(await auditOf('auth.login_failed', `&user=${name}`)).toHaveLength(5);
    const lockouts = await auditOf('auth.lockout', `&user=${name}`);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]?.after).toMatchObject({ scope: 'user' });

    srv.advanceClock(15 * 60_000 + 1000);
    try {
      expect((await login(srv.url, name)).user.username).toBe(name);
    } finally {
      srv.advanceClock(-(15 * 60_000 + 1000));
    }
  });

  it('throttles an address that fails 20 logins across many usernames', async () => {
    const local = await startTestServer();
    try {
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${local.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: `guess-${i}`, password: 'password123' }),
        });
        expect(res.status).toBe(401);
      }
      const name = await createTestUser(local.db, 'viewer');
      const res = await fetch(`${local.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: name, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(429);
      expect(((await res.json()) as Body).error?.code).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      await local.close();
    }
  });
});

describe('user management', () => {
  it('lets an admin create a user who can then log in, and audits it without the password', async () => {
    const { status, body } = await as.admin.send('POST', '/api/users', {
      username: 'Li.Wei',
      password: 'a long enough password',
      role: 'analyst',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ username: 'li.wei', role: 'analyst', disabled: false });
    expect((await login(srv.url, 'li.wei', 'a long enough password')).user.role).toBe('analyst');
    const [entry] = await auditOf('user.create', '&entity=user');
    expect(entry).toMatchObject({ username: as.admin.user.username, entityId: String(body.id) });
    expect(JSON.stringify(entry)).not.toContain('a long enough password');
    const dup = await as.admin.send('POST', '/api/users', {
      username: 'li.wei',
      password: 'a long enough password',
      role: 'viewer',
    });
    expect(dup.status).toBe(409);
    const short = await as.admin.send('POST', '/api/users', { username: 'shorty', password: 'short', role: 'viewer' });
    expect(short.status).toBe(400);
  });

  it('applies a role change at once and ends the sessions of a disabled user', async () => {
    const c = await loginAs(srv, 'viewer');
    expect((await c.upload('promoted.txt', '文件\n到2025年，全省5G基站达到3万个。\n')).status).toBe(403);
    const promote = await as.admin.send('PATCH', `/api/users/${c.user.id}`, { role: 'analyst' });
    expect(promote.status).toBe(200);
    expect((await c.upload('promoted.txt', '文件\n到2025年，全省5G基站达到3万个。\n')).status).toBe(201);

    expect((await as.admin.send('PATCH', `/api/users/${c.user.id}`, { disabled: true })).status).toBe(200);
    expect((await c.get('/api/targets')).status).toBe(401);
    await expect(login(srv.url, c.user.username)).rejects.toThrow(/401/);
    const [entry] = await auditOf('user.update', `&entityId=${c.user.id}`);
    expect(entry?.before).toMatchObject({ disabled: false });
    expect(entry?.after).toMatchObject({ disabled: true });
  });

  it('resets a password, which ends the old sessions', async () => {
    const c = await loginAs(srv, 'viewer');
    const res = await as.admin.send('PATCH', `/api/users/${c.user.id}`, { password: 'a brand new password' });
    expect(res.status).toBe(200);
    expect((await c.get('/api/targets')).status).toBe(401);
    expect((await login(srv.url, c.user.username, 'a brand new password')).user.id).toBe(c.user.id);
  });

  it('refuses to demote or disable the last active admin', async () => {
    const local = await startTestServer();
    try {
      const admin = await loginAs(local, 'admin');
      const res = await admin.send('PATCH', `/api/users/${admin.user.id}`, { role: 'analyst' });
      expect(res.status).toBe(409);
      expect((await admin.send('PATCH', `/api/users/${admin.user.id}`, { disabled: true })).status).toBe(409);
    } finally {
      await local.close();
    }
  });
});
