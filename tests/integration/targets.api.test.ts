import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActual } from '../../server/repos/actuals.repo';
import { updateTarget } from '../../server/repos/targets.repo';
import { refreshStatuses } from '../../server/services/status.service';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildDocument, buildTarget, buildTargets } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let viewer: ApiClient;
const ids: Record<string, number> = {};

/** Reads as a viewer, the least a logged-in user can be. */
const get = (path: string) => viewer.get(path);

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  viewer = await loginAs(srv, 'viewer');
  const doc = buildDocument(srv.db);
  const documentId = doc.id;
  ids.hubei = buildTarget(srv.db, {
    documentId,
    region: '湖北省',
    regionCode: '420000',
    metric: '5G基站数',
    theme: 'network',
  }).id;
  ids.wuhan = buildTarget(srv.db, {
    documentId,
    region: '武汉市',
    regionCode: '420100',
    metric: '算力规模',
    theme: 'compute',
    value: 5,
    unit: 'EFLOPS',
    normalizedValue: 5000,
    normalizedUnit: 'PFLOPS',
    deadline: '2026-12',
  }).id;
  ids.jiangan = buildTarget(srv.db, {
    documentId,
    region: '武汉市江岸区',
    regionCode: '420102',
    metric: '千兆用户',
    deadline: '2024',
  }).id;
  ids.hunan = buildTarget(srv.db, {
    documentId,
    region: '湖南省',
    regionCode: '430000',
    metric: '农村互联网普及率',
    theme: 'rural',
    unit: '%',
    value: 70,
    normalizedValue: 70,
    normalizedUnit: '%',
  }).id;
  ids.nation = buildTarget(srv.db, {
    documentId,
    region: '全国',
    regionCode: '000000',
    metric: '数据标准',
    theme: 'data',
    kind: 'target',
    quote: '制修订30项以上数据领域基础通用国家标准',
  }).id;
  ids.actualKind = buildTarget(srv.db, {
    documentId,
    kind: 'actual',
    region: '全国',
    regionCode: '000000',
    metric: '5G基站总数',
    deadline: '2024-04',
  }).id;
  ids.injection = buildTarget(srv.db, {
    documentId,
    metric: '=cmd()',
    quote: '他说："达到 10,000 个", 然后\n换行',
    region: '湖北省',
    regionCode: '420000',
  }).id;
  // The Hubei target has half its way done: 5万 of 10万 by mid-2025.
  const a = appendActual(srv.db, { targetId: ids.hubei, value: 5, asOf: '2025-06-01', enteredBy: 'test' });
  updateTarget(srv.db, ids.hubei, { latestActualId: a.id, latestActualValue: 5, latestActualAsOf: '2025-06-01' });
  refreshStatuses(srv.db, Object.values(ids), TODAY);
});
afterAll(() => srv.close());

describe('GET /api/targets', () => {
  it('counts a city and a district target under their province', async () => {
    const { body } = await get('/api/targets?region=420000');
    const got = (body.items as { id: number }[]).map((t) => t.id).sort();
    expect(got).toEqual([ids.hubei, ids.wuhan, ids.jiangan, ids.injection].sort());
    expect(body.total).toBe(4);
  });

  it('narrows a city filter to the city and its districts', async () => {
    const { body } = await get('/api/targets?region=420100');
    expect((body.items as { id: number }[]).map((t) => t.id).sort()).toEqual([ids.wuhan, ids.jiangan].sort());
  });

  it('filters by theme, kind and deadline range together', async () => {
    const { body } = await get('/api/targets?theme=compute&kind=target&deadlineFrom=2026&deadlineTo=2026');
    expect((body.items as { id: number }[]).map((t) => t.id)).toEqual([ids.wuhan]);
    const before = await get('/api/targets?deadlineTo=2024');
    expect((before.body.items as { id: number }[]).map((t) => t.id).sort()).toEqual(
      [ids.jiangan, ids.actualKind].sort(),
    );
  });

  it('finds text in the metric or the quote', async () => {
    const { body } = await get(`/api/targets?q=${encodeURIComponent('国家标准')}`);
    expect((body.items as { id: number }[]).map((t) => t.id)).toEqual([ids.nation]);
  });

  it('pages through the table with a stable total', async () => {
    const p1 = await get('/api/targets?pageSize=3&page=1&sort=id');
    const p3 = await get('/api/targets?pageSize=3&page=3&sort=id');
    expect(p1.body.total).toBe(7);
    expect((p1.body.items as unknown[]).length).toBe(3);
    expect((p3.body.items as unknown[]).length).toBe(1);
    expect(p3.body.page).toBe(3);
  });

  it('carries the latest actual, progress and status on each item', async () => {
    const { body } = await get('/api/targets?region=420000&q=5G');
    const hubei = (body.items as { id: number; latestActual: unknown; progress: number; status: string }[]).find(
      (t) => t.id === ids.hubei,
    );
    expect(hubei?.latestActual).toMatchObject({ value: 5, asOf: '2025-06-01' });
    expect(hubei?.progress).toBe(50);
    expect(hubei?.status).not.toBe('no_data');
  });

  it('refuses a page size over 500 and an unknown filter with a 400 that says why', async () => {
    const big = await get('/api/targets?pageSize=501');
    expect(big.status).toBe(400);
    expect(big.body.error?.code).toBe('VALIDATION_ERROR');
    expect((await get('/api/targets?theme=weather')).status).toBe(400);
    expect((await get('/api/targets?region=42')).status).toBe(400);
    expect((await get('/api/targets?colour=red')).status).toBe(400);
    expect((await get('/api/targets?deadlineFrom=2026&deadlineTo=2025')).status).toBe(400);
  });
});

describe('GET /api/targets/:id', () => {
  it('returns the target with its source lines and actuals history', async () => {
    const { status, body } = await get(`/api/targets/${ids.hubei}`);
    expect(status).toBe(200);
    const context = body.context as { lines: { line: number; text: string }[] };
    expect(context.lines.find((l) => l.line === 2)?.text).toContain('5G基站达到10万个');
    expect((body.actuals as unknown[]).length).toBe(1);
  });

  it('answers 404 for an id that does not exist and 400 for one that is not a number', async () => {
    expect((await get('/api/targets/999999')).status).toBe(404);
    expect((await get('/api/targets/999999')).body.error?.code).toBe('NOT_FOUND');
    expect((await get('/api/targets/abc')).status).toBe(400);
  });
});

describe('GET /api/summary', () => {
  it('rolls cities up into their province and counts only targets by default', async () => {
    const { body } = await get('/api/summary');
    expect(body.total).toBe(6);
    const hubei = (body.byRegion as { regionCode: string; count: number }[]).find((r) => r.regionCode === '420000');
    expect(hubei?.count).toBe(4);
    const themes = (body.byTheme as { theme: string; count: number }[]).map((t) => t.theme);
    expect(themes).toEqual(['network', 'compute', 'data', 'rural']);
  });

  it('charts a province by its cities', async () => {
    const { body } = await get('/api/summary?region=420000');
    const codes = (body.byRegion as { regionCode: string }[]).map((r) => r.regionCode).sort();
    expect(codes).toEqual(['420000', '420100']);
  });
});

describe('GET /api/export/targets.csv', () => {
  it('streams the filtered set as Excel-ready CSV with formulas neutralised', async () => {
    const res = await viewer.fetch(`/api/export/targets.csv?region=420000&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/zhibiao-targets-\d{4}-\d{2}-\d{2}\.csv/);
    const buf = Buffer.from(await res.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(buf.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'ID',
      'Region',
      'Region code',
      'Theme',
      'Kind',
      'Metric',
      'Comparator',
      'Target value',
      'Target upper bound',
      'Unit',
      'Deadline',
      'Latest actual',
      'Latest actual date',
      'Progress (%)',
      'Status',
      'Review',
      'Binding',
      'Document',
      'Line',
      'Source text',
    ]);
    const injected = rows.find((r) => r.ID === String(ids.injection));
    expect(injected?.Metric).toBe("'=cmd()");
    expect(injected?.['Source text']).toBe('他说："达到 10,000 个", 然后\n换行');
    expect(rows.find((r) => r.ID === String(ids.hubei))?.Region).toBe('Hubei');
  });

  it('exports the actuals history', async () => {
    const res = await viewer.fetch(`/api/export/actuals.csv?lang=en`);
    const rows = parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toEqual([
      expect.objectContaining({ 'Target ID': String(ids.hubei), 'Actual value': '5', 'As of': '2025-06-01' }),
    ]);
  });
});

describe('errors', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error?.code).toBe('NOT_FOUND');
  });
});

describe('a long export', () => {
  it('lets reads and writes go on while a slow client reads it', async () => {
    buildTargets(srv.db, 50_000, (i) => ({ metric: `批量指标${i}`, regionCode: '350000', region: '福建省' }));
    const res = await viewer.fetch('/api/export/targets.csv?region=350000');
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    // With the export's cursor open, the API still answers reads and stores an upload.
    const list = await get('/api/targets?region=350000&pageSize=1');
    expect(list.status).toBe(200);
    const analyst = await loginAs(srv, 'analyst');
    const upload = await analyst.upload('during-export.txt', '导出期间上传\n到2025年，全省5G基站达到8万个。\n');
    expect(upload.status).toBe(201);
    expect(list.body.total).toBe(50_000);
    let bytes = first?.value?.length ?? 0;
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      bytes += chunk.value.length;
    }
    expect(bytes).toBeGreaterThan(50_000 * 50);
    // Building 50,000 rows also fills the two search indexes (migration 0011): more than the default 30 s on a busy machine.
  }, 120_000);
});

describe('deadline filters', () => {
  it('reads a bare-year deadline as the end of that year', async () => {
    const documentId = buildDocument(srv.db).id;
    const yearOnly = buildTarget(srv.db, { documentId, regionCode: '460000', region: '海南省', deadline: '2026' }).id;
    const june = buildTarget(srv.db, { documentId, regionCode: '460000', region: '海南省', deadline: '2026-06' }).id;
    const within = async (from: string, to: string) =>
      ((await get(`/api/targets?region=460000&deadlineFrom=${from}&deadlineTo=${to}`)).body.items as { id: number }[])
        .map((t) => t.id)
        .sort((a, b) => a - b);
    expect(await within('2026-11', '2027-10')).toEqual([yearOnly]);
    expect(await within('2026-01', '2026-10')).toEqual([june]);
    expect(await within('2026', '2026')).toEqual([yearOnly, june].sort((a, b) => a - b));
  });
});
