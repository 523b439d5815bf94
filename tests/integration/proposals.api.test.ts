import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSimilarity } from '../../shared/similarity';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildDocument, buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let analyst: ApiClient;
let viewer: ApiClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  analyst = await loginAs(srv, 'analyst');
  viewer = await loginAs(srv, 'viewer');
  const documentId = buildDocument(srv.db).id;
  const hubei = { documentId, region: '湖北省', regionCode: '420000' };
  ids.target = buildTarget(srv.db, {
    ...hubei,
    metric: '5G基站数',
    value: 10,
    unit: '万个',
    normalizedValue: 100_000,
    normalizedUnit: '个',
    deadline: '2025',
  }).id;
  // A progress report: 截至2024年4月末，全省5G基站总数达8.5万个.
  ids.report = buildTarget(srv.db, {
    ...hubei,
    kind: 'actual',
    metric: '5G基站总数',
    quote: '全省5G基站总数达8.5万个',
    value: 8.5,
    unit: '万个',
    normalizedValue: 85_000,
    normalizedUnit: '个',
    deadline: '2024-04',
  }).id;
  // The same figure in plain units still converts into the target's 万个.
  ids.plain = buildTarget(srv.db, {
    ...hubei,
    kind: 'actual',
    metric: '5G基站数量',
    quote: '5G基站数量92000个',
    value: 92_000,
    unit: '个',
    normalizedValue: 92_000,
    normalizedUnit: '个',
    deadline: '2024',
  }).id;
  // Not proposed: another region, another unit, another metric, a future date.
  buildTarget(srv.db, {
    documentId,
    region: '湖南省',
    regionCode: '430000',
    kind: 'actual',
    metric: '5G基站总数',
    normalizedUnit: '个',
    deadline: '2024',
  });
  buildTarget(srv.db, {
    ...hubei,
    kind: 'actual',
    metric: '5G基站总数',
    unit: '%',
    normalizedUnit: '%',
    deadline: '2024',
  });
  buildTarget(srv.db, { ...hubei, kind: 'actual', metric: '数据中心机架数', normalizedUnit: '个', deadline: '2024' });
  buildTarget(srv.db, { ...hubei, kind: 'actual', metric: '5G基站总数', normalizedUnit: '个', deadline: '2026' });
});
afterAll(() => srv.close());

describe('proposed actuals', () => {
  it('proposes reported figures of the same region, unit and metric, in the target unit', async () => {
    const { status, body } = await viewer.get(`/api/targets/${ids.target}/proposals`);
    expect(status).toBe(200);
    const list = body as unknown as { figureId: number; value: number; asOf: string }[];
    expect(list.map((p) => p.figureId).sort()).toEqual([ids.report, ids.plain].sort());
    expect(list.find((p) => p.figureId === ids.report)).toMatchObject({ value: 8.5, asOf: '2024-04-30' });
    expect(list.find((p) => p.figureId === ids.plain)).toMatchObject({ value: 9.2, asOf: '2024-12-31' });
  });

  it('lets an analyst accept one as an actual citing its source, after which it is no longer proposed', async () => {
    const refused = await viewer.send('POST', `/api/targets/${ids.target}/proposals/${ids.report}/accept`);
    expect(refused.status).toBe(403);
    const res = await analyst.send('POST', `/api/targets/${ids.target}/proposals/${ids.report}/accept`);
    expect(res.status).toBe(201);
    const added = res.body as unknown as {
      actual: { value: number; asOf: string; note: string };
      target: { latestActual: { value: number } };
    };
    expect(added.actual).toMatchObject({ value: 8.5, asOf: '2024-04-30' });
    expect(added.actual.note).toContain('全省5G基站总数达8.5万个');
    const after = (await viewer.get(`/api/targets/${ids.target}/proposals`)).body as unknown as { figureId: number }[];
    expect(after.map((p) => p.figureId)).toEqual([ids.plain]);
    const again = await analyst.send('POST', `/api/targets/${ids.target}/proposals/${ids.report}/accept`);
    expect(again.status).toBe(400);
    expect(again.body.error?.code).toBe('NOT_PROPOSED');
  });
});

describe('metricSimilarity', () => {
  it('finds a metric inside a longer name alike', () => {
    expect(metricSimilarity('5G基站数', '5G基站总数')).toBeGreaterThanOrEqual(0.5);
    expect(metricSimilarity('5G基站总数', '5G基站数')).toBeGreaterThanOrEqual(0.5);
  });

  it('keeps unrelated metrics apart', () => {
    expect(metricSimilarity('5G基站数', '数据中心机架数')).toBeLessThan(0.5);
    expect(metricSimilarity('', '数据')).toBe(0);
  });
});
