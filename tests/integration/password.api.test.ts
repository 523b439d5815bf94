import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getUser } from '../../server/repos/users.repo';
import {
  type ApiClient,
  anonymousClient,
  type Body,
  createTestUser,
  login,
  loginAs,
  TEST_PASSWORD,
} from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  srv = await startTestServer();
  admin = await loginAs(srv, 'admin');
});
afterAll(() => srv.close());

const NEW_PASSWORD = 'a fresh and longer passphrase';

function change(c: { send: ApiClient['send'] }, currentPassword: string, newPassword = NEW_PASSWORD) {
  return c.send('POST', '/api/auth/password', { currentPassword, newPassword });
}

async function auditOf(action: string, username: string): Promise<Body[]> {
  const { body } = await admin.get(`/api/audit?action=${action}&user=${username}&pageSize=500`);
  return body.items as Body[];
}

describe('POST /api/auth/password', () => {
  it('replaces the password: the old one stops working and the new one logs in', async () => {
    const c = await loginAs(srv, 'viewer');
    const before = getUser(srv.db, c.user.id)?.passwordHash;
    const res = await change(c, TEST_PASSWORD);
    expect(res.status).toBe(204);
    const stored = getUser(srv.db, c.user.id)?.passwordHash ?? '';
    expect(stored).not.toBe(before);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(login(srv.url, c.user.username)).rejects.toThrow(/401/);
    expect((await login(srv.url, c.user.username, NEW_PASSWORD)).user.id).toBe(c.user.id);
  });

  it("ends the user's other sessions and keeps the one that made the change", async () => {
    const name = await createTestUser(srv.db, 'analyst');
    const here = await login(srv.url, name);
    const elsewhere = await login(srv.url, name);
    const bystander = await loginAs(srv, 'analyst');
    expect((await change(here, TEST_PASSWORD)).status).toBe(204);
    expect((await elsewhere.get('/api/targets')).status).toBe(401);
    expect((await here.get('/api/targets')).status).toBe(200);
    // The surviving session keeps its CSRF token and can still write.
    expect(
      (await here.send('POST', '/api/auth/password', { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD }))
        .status,
    ).toBe(204);
    expect((await bystander.get('/api/targets')).status).toBe(200);
  });

  it('audits the change without the password or its hash', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    const c = await login(srv.url, name);
    await login(srv.url, name);
    const oldHash = getUser(srv.db, c.user.id)?.passwordHash ?? '';
    expect((await change(c, TEST_PASSWORD)).status).toBe(204);
    const newHash = getUser(srv.db, c.user.id)?.passwordHash ?? '';
    const entries = await auditOf('user.password_change', name);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ userId: c.user.id, entity: 'user', entityId: String(c.user.id) });
    expect(entries[0]?.after).toMatchObject({ endedSessions: 1 });
    const text = JSON.stringify(entries[0]);
    for (const secret of [TEST_PASSWORD, NEW_PASSWORD, oldHash, newHash, 'scrypt']) expect(text).not.toContain(secret);
  });

  it('refuses a wrong current password with 400 WRONG_PASSWORD and changes nothing', async () => {
    const c = await loginAs(srv, 'viewer');
    const res = await change(c, 'not my password');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'WRONG_PASSWORD',
      details: [{ path: 'currentPassword', message: 'the current password is wrong' }],
    });
    expect((await login(srv.url, c.user.username)).user.id).toBe(c.user.id);
    const failed = await auditOf('user.password_change_failed', c.user.username);
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed[0])).not.toContain('not my password');
  });

  it('counts wrong current passwords against the login lock: 5 lock the name for 15 minutes, login included', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    const c = await login(srv.url, name);
    for (let i = 0; i < 5; i++) expect((await change(c, `wrong guess ${i}`)).status).toBe(400);

    const locked = await c.fetch('/api/auth/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as Body).error?.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    // The same lock as failed logins: the right password does not log in either.
    const loginRes = await anonymousClient(srv.url).send('POST', '/api/auth/login', {
      username: name,
      password: TEST_PASSWORD,
    });
    expect(loginRes.status).toBe(429);
    expect(await auditOf('user.password_change_failed', name)).toHaveLength(5);
    const lockouts = await auditOf('auth.lockout', name);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]?.after).toMatchObject({ scope: 'user' });

    srv.advanceClock(15 * 60_000 + 1000);
    try {
      // The session outlives the lock (12 hours) and may change the password once the lock is over.
      expect((await change(c, TEST_PASSWORD)).status).toBe(204);
    } finally {
      srv.advanceClock(-(15 * 60_000 + 1000));
    }
  });

  it('starts the count afresh after a successful change, as a successful login does', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    const c = await login(srv.url, name);
    for (let i = 0; i < 4; i++) expect((await change(c, `wrong guess ${i}`)).status).toBe(400);
    expect((await change(c, TEST_PASSWORD)).status).toBe(204);
    for (let i = 0; i < 4; i++) expect((await change(c, `wrong again ${i}`)).status).toBe(400);
    expect((await change(c, NEW_PASSWORD, TEST_PASSWORD)).status).toBe(204);
  });

  it('refuses a new password that is too short, with the validation details', async () => {
    const c = await loginAs(srv, 'viewer');
    const res = await change(c, TEST_PASSWORD, 'short');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    expect(res.body.error?.details).toEqual([
      { path: 'newPassword', message: 'password must have at least 10 characters' },
    ]);
    expect((await login(srv.url, c.user.username)).user.id).toBe(c.user.id);
  });

  it('refuses a new password equal to the current one, also when typed in another Unicode form', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    const c = await login(srv.url, name);
    const same = await change(c, TEST_PASSWORD, TEST_PASSWORD);
    expect(same.status).toBe(400);
    expect(same.body.error?.details).toEqual([
      { path: 'newPassword', message: 'the new password must differ from the current one' },
    ]);
    // "é" precomposed and as e + combining acute hash the same (passwords are NFC-normalised).
    expect((await change(c, TEST_PASSWORD, 'café au lait 2025')).status).toBe(204);
    const decomposed = await change(c, 'café au lait 2025', 'cafe\u0301 au lait 2025');
    expect(decomposed.status).toBe(400);
    expect(decomposed.body.error?.code).toBe('VALIDATION_ERROR');
  });

  it('refuses a request without the X-CSRF-Token header with 403 and changes nothing', async () => {
    const c = await loginAs(srv, 'viewer');
    const res = await fetch(`${srv.url}/api/auth/password`, {
      method: 'POST',
      headers: { Cookie: c.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Body).error?.code).toBe('CSRF_TOKEN_INVALID');
    expect((await login(srv.url, c.user.username)).user.id).toBe(c.user.id);
  });

  it('refuses a caller who is not logged in with 401', async () => {
    const res = await change(anonymousClient(srv.url), TEST_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('NOT_AUTHENTICATED');
  });
});
