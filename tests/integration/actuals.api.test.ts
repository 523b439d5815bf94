import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Body, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let analyst: ApiClient;
let viewer: ApiClient;

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  analyst = await loginAs(srv, 'analyst');
  viewer = await loginAs(srv, 'viewer');
});
afterAll(() => srv.close());

type A = {
  id: number;
  value: number;
  asOf: string;
  enteredBy: string;
  supersededBy: number | null;
  note: string | null;
};
type T = { latestActual: { id: number; value: number; asOf: string } | null; progress: number | null; version: number };

const post = (targetId: number, body: unknown) => analyst.send('POST', `/api/targets/${targetId}/actuals`, body);
async function history(targetId: number): Promise<A[]> {
  return (await viewer.get(`/api/targets/${targetId}/actuals`)).body as unknown as A[];
}
async function audit(query: string): Promise<Body[]> {
  return (await analyst.get(`/api/audit?pageSize=500&${query}`)).body.items as Body[];
}

describe('POST /api/targets/:id/actuals', () => {
  it('appends an actual, records who entered it, and moves the latest actual and progress of the target', async () => {
    const t = buildTarget(srv.db, { baselineValue: 0 });
    const { status, body } = await post(t.id, { value: 5, asOf: '2025-03-31', note: '一季度统计' });
    expect(status).toBe(201);
    const actual = body.actual as A;
    expect(actual).toMatchObject({
      value: 5,
      asOf: '2025-03-31',
      enteredBy: analyst.user.username,
      supersededBy: null,
    });
    const target = body.target as T;
    expect(target.latestActual).toEqual({ id: actual.id, value: 5, asOf: '2025-03-31' });
    expect(target.progress).toBe(50);
    // Entering an actual is not an edit of the target's fields: a pending review keeps its version.
    expect(target.version).toBe(1);

    const [entry] = await audit(`action=actual.add&entityId=${actual.id}`);
    expect(entry).toMatchObject({ username: analyst.user.username, entity: 'actual', reason: '一季度统计' });
    expect(entry?.after).toMatchObject({ targetId: t.id, value: 5 });
  });

  it('keeps the superseded row in the history when a correction supersedes it', async () => {
    const t = buildTarget(srv.db, { baselineValue: 0 });
    const first = (await post(t.id, { value: 5, asOf: '2025-03-31' })).body.actual as A;
    const fix = await post(t.id, { value: 6, asOf: '2025-03-31', note: '统计局更正', supersedes: first.id });
    expect(fix.status).toBe(201);
    const second = fix.body.actual as A;
    expect((fix.body.target as T).latestActual).toMatchObject({ id: second.id, value: 6 });

    const rows = await history(t.id);
    expect(rows.map((r) => [r.id, r.value, r.supersededBy])).toEqual([
      [second.id, 6, null],
      [first.id, 5, second.id],
    ]);
    const [entry] = await audit(`action=actual.supersede&entityId=${first.id}`);
    expect(entry?.before).toMatchObject({ id: first.id, supersededBy: null });
    expect(entry?.after).toMatchObject({ id: first.id, supersededBy: second.id });
    expect(entry?.reason).toBe('统计局更正');

    const csv = await viewer.fetch('/api/export/actuals.csv?lang=en');
    const exported = parse(Buffer.from(await csv.arrayBuffer()).toString('utf8'), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(exported.find((r) => r['Actual ID'] === String(first.id))?.['Superseded by']).toBe(String(second.id));
  });

  it('keeps the latest as-of date current when an older actual is corrected', async () => {
    const t = buildTarget(srv.db);
    const march = (await post(t.id, { value: 5, asOf: '2025-03-31' })).body.actual as A;
    const june = (await post(t.id, { value: 7, asOf: '2025-06-30' })).body.actual as A;
    const fix = await post(t.id, { value: 4, asOf: '2025-03-31', supersedes: march.id });
    expect((fix.body.target as T).latestActual).toMatchObject({ id: june.id, value: 7 });
  });

  it('refuses to supersede a row twice, so two analysts correcting one figure cannot both win', async () => {
    const t = buildTarget(srv.db);
    const first = (await post(t.id, { value: 5, asOf: '2025-03-31' })).body.actual as A;
    const other = await loginAs(srv, 'analyst');
    const a = await post(t.id, { value: 6, asOf: '2025-03-31', supersedes: first.id });
    const b = await other.send('POST', `/api/targets/${t.id}/actuals`, {
      value: 7,
      asOf: '2025-03-31',
      supersedes: first.id,
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(409);
    expect((b.body.error?.details as { current?: A } | undefined)?.current?.id).toBe((a.body.actual as A).id);
    expect(await history(t.id)).toHaveLength(2);
  });

  it('refuses a future date, an impossible date, a foreign row to supersede and an unknown target', async () => {
    const t = buildTarget(srv.db);
    const elsewhere = buildTarget(srv.db);
    const foreign = (await post(elsewhere.id, { value: 1, asOf: '2025-01-31' })).body.actual as A;
    expect((await post(t.id, { value: 1, asOf: '2025-07-01' })).body.error?.code).toBe('AS_OF_IN_FUTURE');
    expect((await post(t.id, { value: 1, asOf: '2025-02-30' })).status).toBe(400);
    expect((await post(t.id, { value: 1, asOf: '2025-02' })).status).toBe(400);
    expect((await post(t.id, { value: 'many', asOf: '2025-02-01' })).status).toBe(400);
    expect((await post(t.id, { value: 1, asOf: '2025-01-31', supersedes: foreign.id })).status).toBe(400);
    expect((await post(999999, { value: 1, asOf: '2025-01-31' })).status).toBe(404);
    expect(await history(t.id)).toEqual([]);
    expect((await viewer.get('/api/targets/999999/actuals')).status).toBe(404);
  });
});
