import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/services/audit.service';
import { type ApiClient, type Body, createTestUser, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let admin: ApiClient;
let analyst: ApiClient;
let viewer: ApiClient;
let targetId: number;
let documentId: number;

beforeAll(async () => {
  srv = await startTestServer();
  admin = await loginAs(srv, 'admin');
  analyst = await loginAs(srv, 'analyst');
  viewer = await loginAs(srv, 'viewer');
  // One of each kind of change, so the log has something to filter.
  const up = await analyst.upload('audit-doc.txt', '审计测试文件\n到2025年，全省5G基站达到9万个。\n');
  documentId = (up.body.document as { id: number }).id;
  targetId = buildTarget(srv.db).id;
  await analyst.send('PATCH', `/api/targets/${targetId}`, { version: 1, review: 'confirmed', reason: '核对' });
  await analyst.send('POST', `/api/targets/${targetId}/actuals`, { value: 3, asOf: '2025-01-31' });
  await admin.send('POST', '/api/users', {
    username: 'new-viewer',
    password: 'a long enough password',
    role: 'viewer',
  });
  await fetch(`${srv.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'new-viewer', password: 'wrong password' }),
  });
});
afterAll(() => srv.close());

type Page = { items: Body[]; total: number; page: number; pageSize: number };
const page = async (c: ApiClient, q = '') => (await c.get(`/api/audit${q}`)).body as unknown as Page;

describe('GET /api/audit', () => {
  it('records an upload, a review, an actual, a user change and a failed login, newest first', async () => {
    const { items } = await page(admin, '?pageSize=500');
    const actions = items.map((e) => e.action);
    for (const a of ['document.upload', 'target.review', 'actual.add', 'user.create', 'auth.login_failed']) {
      expect(actions).toContain(a);
    }
    const ids = items.map((e) => e.id as number);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const upload = items.find((e) => e.action === 'document.upload');
    expect(upload).toMatchObject({ username: analyst.user.username, entity: 'document', entityId: String(documentId) });
    expect(upload?.after).toMatchObject({
      fileName: 'audit-doc.txt',
      outcome: 'created',
      uploadedBy: analyst.user.username,
    });
    // The same field means the same thing before and after: the count of current figures.
    const after = upload?.after as { figures: unknown; figureChanges: { added: number; kept: number; gone: number } };
    expect(after.figures).toBe(after.figureChanges.added);
    const failed = items.find((e) => e.action === 'auth.login_failed');
    expect(failed).toMatchObject({ username: 'new-viewer', entity: 'session' });
  });

  it('filters by action, user, entity, entity id and time, and pages', async () => {
    const byAction = await page(analyst, '?action=target.review');
    expect(byAction.items.map((e) => e.entityId)).toEqual([String(targetId)]);
    const byUser = await page(analyst, `?user=${admin.user.username}&pageSize=500`);
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((e) => e.username === admin.user.username)).toBe(true);
    const byEntity = await page(analyst, `?entity=target&entityId=${targetId}`);
    expect(byEntity.total).toBe(1);

    const today = new Date().toISOString().slice(0, 10);
    const all = await page(analyst, '?pageSize=500');
    expect((await page(analyst, `?from=${today}&to=${today}&pageSize=500`)).total).toBe(all.total);
    expect((await page(analyst, '?to=2000-01-01')).total).toBe(0);
    expect((await page(analyst, '?from=2999-01-01T00:00:00Z')).total).toBe(0);

    const p1 = await page(analyst, '?pageSize=2&page=1');
    const p2 = await page(analyst, '?pageSize=2&page=2');
    expect(p1.items).toHaveLength(2);
    expect(p2.page).toBe(2);
    expect(p2.items[0]?.id).toBeLessThan(p1.items[1]?.id as number);
    expect(p1.total).toBe(all.total);

    expect((await analyst.get('/api/audit?action=delete.everything')).status).toBe(400);
    expect((await analyst.get('/api/audit?from=yesterday')).status).toBe(400);
  });

  it('is readable by analysts and admins but not viewers', async () => {
    expect((await viewer.get('/api/audit')).status).toBe(403);
    expect((await viewer.fetch('/api/export/audit.csv')).status).toBe(403);
    expect((await analyst.get('/api/audit')).status).toBe(200);
  });

  it('exports the filtered log as CSV, oldest first, with before and after as JSON', async () => {
    const res = await analyst.fetch('/api/export/audit.csv?entity=target');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/zhibiao-audit-\d{4}-\d{2}-\d{2}\.csv/);
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.action)).toEqual(['target.review']);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'at',
      'user id',
      'user',
      'action',
      'entity',
      'entity id',
      'before',
      'after',
      'reason',
      'batch',
    ]);
    expect(JSON.parse(rows[0]?.after ?? 'null')).toMatchObject({ review: 'confirmed' });
  });
});

describe('the audit log is append-only', () => {
  it('has no route that edits or deletes it', async () => {
    const { items } = await page(admin);
    const id = items[0]?.id;
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await admin.send(method, `/api/audit/${id}`, {})).status, method).toBe(404);
      expect((await admin.send(method, '/api/audit', {})).status, method).toBe(404);
    }
    expect((await admin.send('POST', '/api/audit', { action: 'auth.login' })).status).toBe(404);
  });

  it('is protected by the database itself against UPDATE and DELETE', async () => {
    const sqlite = srv.db.$client;
    expect(() => sqlite.prepare("UPDATE audit_log SET username = 'someone else'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect((await page(admin)).total).toBeGreaterThan(0);
  });

  it('keeps naming a user after the user is disabled', async () => {
    const name = await createTestUser(srv.db, 'analyst');
    const c = await loginAs(srv, 'admin');
    const users = (await c.get('/api/users')).body as unknown as { id: number; username: string }[];
    const id = users.find((u) => u.username === name)?.id;
    await c.send('PATCH', `/api/users/${id}`, { disabled: true });
    const { items } = await page(admin, `?action=user.create&entityId=${id}`);
    expect(items[0]?.after).toMatchObject({ username: name });
  });
});

describe('a slow reader of the audit export', () => {
  it('does not hold up reads and writes on the same server while it reads', async () => {
    const local = await startTestServer();
    try {
      const localAdmin = await loginAs(local, 'admin');
      const localAnalyst = await loginAs(local, 'analyst');
      const id = buildTarget(local.db).id;
      // Enough entries that the export's cursor is still open after the first chunk.
      local.db.transaction(() => {
        for (let i = 0; i < 50_000; i++) {
          recordAudit(local.db, null, { action: 'auth.login_failed', entity: 'session', after: { ip: `10.0.${i}` } });
        }
      });
      const res = await localAdmin.fetch('/api/export/audit.csv');
      const reader = res.body?.getReader();
      const first = await reader?.read();
      expect(first?.done).toBe(false);
      // While the client reads no further, the same server answers reads and stores writes.
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        statuses.push((await localAdmin.get('/api/audit?pageSize=5')).status);
        statuses.push((await localAnalyst.get(`/api/targets/${id}`)).status);
        statuses.push(
          (await localAnalyst.send('POST', `/api/targets/${id}/actuals`, { value: i, asOf: '2025-01-31' })).status,
        );
        statuses.push(
          (await localAnalyst.upload(`slow-${i}.txt`, `慢读期间${i}\n到2025年，全省5G基站达到${i + 1}万个。\n`)).status,
        );
      }
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s >= 400)).toEqual([]);
      let lines = 0;
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        lines += Buffer.from(chunk.value).toString('utf8').split('\n').length - 1;
      }
      expect(lines).toBeGreaterThan(49_000);
    } finally {
      await local.close();
    }
  });
});
