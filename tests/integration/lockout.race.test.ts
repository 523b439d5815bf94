import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getThrottle } from '../../server/repos/sessions.repo';
import { createTestUser, TEST_PASSWORD } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

// The attack of issue 11 (1): many wrong passwords sent at the same moment, so that every one of them is
// checked against the lock before any has finished its ~150 ms hash and counted itself.

// Each test has its own server: the failures of one would otherwise lock 127.0.0.1 for the next.
let srv: TestServer;
beforeEach(async () => {
  srv = await startTestServer();
});
afterEach(() => srv.close());

function attempt(username: string, password: string): Promise<number> {
  return fetch(`${srv.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then(async (res) => {
    await res.arrayBuffer();
    return res.status;
  });
}

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => {
    acc[s] = (acc[s] ?? 0) + 1;
    return acc;
  }, {});

describe('login lockout under parallel guesses', () => {
  it('lets through at most 5 of 59 parallel wrong passwords for one name, then keeps the name locked', async () => {
    const name = await createTestUser(srv.db, 'analyst');
    const statuses = await Promise.all(Array.from({ length: 59 }, (_, i) => attempt(name, `wrong-${i}`)));
    const counts = tally(statuses);
    // Exactly the first five are checked (and fail); every other one is refused as locked, none slips past.
    expect(counts).toEqual({ 401: 5, 429: 54 });
    expect(getThrottle(srv.db, `user:${name}`)?.lockedUntil).not.toBeNull();
    // The lock holds for the right password too, also sent many times at once.
    const right = await Promise.all(Array.from({ length: 10 }, () => attempt(name, TEST_PASSWORD)));
    expect(tally(right)).toEqual({ 429: 10 });
  });

  it('never lets a concurrent failure clear a lock another request set', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    // Waves of guesses while the lock is being set: a late failure must leave the lock in place.
    for (let wave = 0; wave < 3; wave++) {
      await Promise.all(Array.from({ length: 23 }, (_, i) => attempt(name, `wave-${wave}-${i}`)));
      expect(getThrottle(srv.db, `user:${name}`)?.lockedUntil).not.toBeNull();
    }
    expect(await attempt(name, TEST_PASSWORD)).toBe(429);
  });

  it('still lets the right password in as the fifth try after four failures', async () => {
    const name = await createTestUser(srv.db, 'viewer');
    for (let i = 0; i < 4; i++) expect(await attempt(name, `nearly-${i}`)).toBe(401);
    expect(await attempt(name, TEST_PASSWORD)).toBe(200);
  });

  it('locks an address after 20 parallel failures spread over many names', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(`spread-${i}`, 'password123')));
    expect(tally(statuses)).toEqual({ 401: 20, 429: 40 });
    expect(
      getThrottle(srv.db, 'ip:127.0.0.1')?.lockedUntil ?? getThrottle(srv.db, 'ip:::ffff:127.0.0.1')?.lockedUntil,
    ).not.toBeNull();
  });
});
