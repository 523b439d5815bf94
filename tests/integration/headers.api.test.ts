import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

// Issue 11 (9): private JSON must not be kept by a browser's or a proxy's cache.

let srv: TestServer;
let admin: ApiClient;
let targetId: number;
beforeAll(async () => {
  srv = await startTestServer();
  admin = await loginAs(srv, 'admin');
  targetId = buildTarget(srv.db).id;
});
afterAll(() => srv.close());

describe('Cache-Control on private JSON', () => {
  const paths = () => [
    '/api/users',
    '/api/audit',
    '/api/targets',
    `/api/targets/${targetId}`,
    `/api/targets/${targetId}/actuals`,
    '/api/documents',
    '/api/summary',
    '/api/auth/me',
    '/api/nothing-here',
  ];
  it('sends no-store on every JSON answer of the API, errors included', async () => {
    for (const path of paths()) {
      const res = await admin.fetch(path);
      await res.arrayBuffer();
      expect(`${path} ${res.headers.get('cache-control')}`).toBe(`${path} no-store`);
      // Nothing no-store is asked for again with If-None-Match: no ETag is computed for it.
      expect(`${path} ${res.headers.get('etag')}`).toBe(`${path} null`);
    }
  });

  it('sends no-store on a refusal before login too', async () => {
    const res = await fetch(`${srv.url}/api/targets`);
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
