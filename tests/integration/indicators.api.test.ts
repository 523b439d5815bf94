import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { loadSeedsOnce } from '../../server/services/seeds.service';
import { STATUSES } from '../../shared/taxonomy';
import { type ApiClient, anonymousClient, type Body, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let analyst: ApiClient;
let admin: ApiClient;
let viewer: ApiClient;

type Indicator = { id: number; key: string | null; name: string; synonyms: string[]; targetCount: number };
type Row = { regionCode: string; targetId: number; progress: number | null; status: string; level: string };
type Detail = { indicator: Indicator; national: Row[]; regions: Row[]; byStatus: Record<string, number> };
type Target = { id: number; metric: string; regionCode: string; indicatorId: number | null; indicatorManual: boolean };

async function indicators(q = ''): Promise<Indicator[]> {
  const res = await viewer.get(`/api/indicators${q}`);
  expect(res.status).toBe(200);
  return res.body.items as Indicator[];
}
async function indicatorByKey(key: string): Promise<Indicator> {
  const found = (await indicators()).find((i) => i.key === key);
  if (!found) throw new Error(`no indicator ${key}`);
  return found;
}
async function detail(id: number, q = ''): Promise<Detail> {
  const res = await viewer.get(`/api/indicators/${id}${q}`);
  expect(res.status).toBe(200);
  return res.body as unknown as Detail;
}
async function targetsOf(documentId: number): Promise<Target[]> {
  return (await viewer.get(`/api/targets?document=${documentId}&pageSize=500`)).body.items as Target[];
}
async function upload(name: string, text: string): Promise<number> {
  const { status, body } = await analyst.upload(name, text);
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return (body.document as { id: number }).id;
}
async function report(targetId: number, value: number) {
  const res = await analyst.send('POST', `/api/targets/${targetId}/actuals`, { value, asOf: '2025-06-01' });
  expect(res.status).toBe(201);
}
async function auditOf(query: string): Promise<Body[]> {
  return (await admin.get(`/api/audit?pageSize=500&${query}`)).body.items as Body[];
}

const PROVINCES = [
  // code, name, 5G per 10,000 people target, actual reported mid-2025
  ['330000', '浙江省', 30, 29],
  ['320000', '江苏省', 26, 10],
  ['440000', '广东省', 28, 20],
] as const;

let docs: Record<string, number> = {};

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  analyst = await loginAs(srv, 'analyst');
  admin = await loginAs(srv, 'admin');
  viewer = await loginAs(srv, 'viewer');
  docs = {};
  for (const [code, name, goal] of PROVINCES) {
    docs[code] = await upload(
      `${code}-network.txt`,
      `${name}信息通信业发展规划（2021—2025年）\n\n到2025年，全省每万人拥有5G基站数达到${goal}个，农村互联网普及率达到80%。\n`,
    );
  }
  docs.national = await upload(
    'national-network.txt',
    '“十四五”信息通信行业发展规划\n\n到2025年，全国每万人拥有5G基站数达到26个。\n',
  );
  docs.hangzhou = await upload(
    'hangzhou-network.txt',
    '杭州市新型基础设施建设行动计划（2021—2025年）\n\n到2025年，全市每万人拥有5G基站数达到35个，政务服务事项网上可办率达到100%。\n',
  );
  for (const [code, , , actual] of PROVINCES) {
    const per10k = (await targetsOf(docs[code] as number)).find((t) => t.metric.includes('5G'));
    if (per10k) await report(per10k.id, actual);
  }
});
afterAll(() => srv.close());

describe('assignment at ingest', () => {
  it('assigns figures whose metric and unit match a name or synonym, in every region, national included', async () => {
    const ind = await indicatorByKey('5g_per_10k');
    for (const doc of Object.values(docs)) {
      const t = (await targetsOf(doc)).find((x) => x.metric.includes('5G'));
      expect(t?.indicatorId, `document ${doc}`).toBe(ind.id);
      expect(t?.indicatorManual).toBe(false);
    }
    expect(ind.targetCount).toBe(5);
    const rural = await indicatorByKey('rural_internet_penetration');
    expect(rural.targetCount).toBe(3);
  });

  it('lists the catalogue with counts and finds an indicator by a synonym', async () => {
    const all = await indicators();
    expect(all.length).toBeGreaterThanOrEqual(40);
    const found = await indicators(`?q=${encodeURIComponent('每万人5G基站')}`);
    expect(found.map((i) => i.key)).toContain('5g_per_10k');
    expect((await viewer.get('/api/indicators?q=')).status).toBe(400);
  });
});

describe('GET /api/indicators/:id', () => {
  it('ranks every region by progress with its status, and puts the national target beside', async () => {
    const ind = await indicatorByKey('5g_per_10k');
    const d = await detail(ind.id);
    expect(d.national.map((n) => n.regionCode)).toEqual(['000000']);
    expect(d.regions.map((r) => r.regionCode)).toEqual(['330000', '440000', '320000', '330100']);
    const progress = d.regions.map((r) => r.progress);
    expect(progress.slice(0, 3)).toEqual([...progress.slice(0, 3)].sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect(progress[3]).toBeNull();
    for (const r of d.regions) expect(STATUSES).toContain(r.status);
    const counted = Object.values(d.byStatus).reduce((a, b) => a + b, 0);
    expect(counted).toBe(d.regions.length);
    const provinces = await detail(ind.id, '?level=province');
    expect(provinces.regions.every((r) => r.level === 'province')).toBe(true);
    expect(provinces.regions).toHaveLength(3);
    expect((await detail(ind.id, '?year=2030')).regions).toHaveLength(0);
  });

  it('answers 404 for an unknown indicator and 400 for a bad query', async () => {
    expect((await viewer.get('/api/indicators/999999')).status).toBe(404);
    const bad = await viewer.get('/api/indicators/1?level=planet');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_ERROR');
  });
});

describe('analysts assign, create, merge and split', () => {
  it("keeps an analyst's assignment through a new version of the document", async () => {
    const gov = await indicatorByKey('gov_online_rate');
    const other = await indicatorByKey('gov_mobile_rate');
    const t = (await targetsOf(docs.hangzhou as number)).find((x) => x.metric.includes('可办率'));
    expect(t?.indicatorId).toBe(gov.id);
    const res = await analyst.send('PUT', `/api/targets/${t?.id}/indicator`, {
      indicatorId: other.id,
      reason: '本文件指掌上可办',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indicatorId: other.id, indicatorManual: true });
    // A new version of the text: the figure is matched again (same sentence), the analyst's choice stays.
    await upload(
      'hangzhou-network.txt',
      '杭州市新型基础设施建设行动计划（2021—2025年）\n\n前言。\n\n到2025年，全市每万人拥有5G基站数达到35个，政务服务事项网上可办率达到100%。\n',
    );
    const again = (await targetsOf(docs.hangzhou as number)).find((x) => x.id === t?.id);
    expect(again).toMatchObject({ indicatorId: other.id, indicatorManual: true });
    const [entry] = await auditOf(`entity=target&entityId=${t?.id}&action=target.indicator`);
    expect(entry).toMatchObject({ username: analyst.user.username, reason: '本文件指掌上可办' });
  });

  it('re-assigns a figure whose metric an analyst corrects, unless an analyst assigned it', async () => {
    const id = await upload(
      'factories.txt',
      '湖北省智能制造行动方案\n\n到2025年，全省智能工厂达到50家，上云企业达到3000家。\n',
    );
    const [factories, cloud] = await targetsOf(id);
    expect(factories?.indicatorId).toBe((await indicatorByKey('smart_factories')).id);
    const patch = async (t: Target | undefined, metric: string) => {
      const current = (await viewer.get(`/api/targets/${t?.id}`)).body.target as { version: number };
      const res = await analyst.send('PATCH', `/api/targets/${t?.id}`, {
        version: current.version,
        metric,
        reason: '更正指标名称',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as unknown as Target;
    };
    expect((await patch(factories, '5G全连接工厂数量')).indicatorId).toBe((await indicatorByKey('5g_factories')).id);
    await analyst.send('PUT', `/api/targets/${cloud?.id}/indicator`, { indicatorId: null });
    expect(await patch(cloud, '5G全连接工厂数量')).toMatchObject({ indicatorId: null, indicatorManual: true });
  });

  it('creates an indicator that takes the unassigned figures it matches, refusing a taken name', async () => {
    const id = await upload('lab.txt', '浙江省实验室体系建设方案\n\n到2025年，全省量子通信实验节点达到12个。\n');
    const [fig] = await targetsOf(id);
    expect(fig?.indicatorId).toBeNull();
    const res = await analyst.send('POST', '/api/indicators', {
      name: '量子通信实验节点数',
      unit: '个',
      theme: 'network',
      synonyms: ['量子通信实验节点'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '量子通信实验节点数', targetCount: 1, key: null });
    expect((await targetsOf(id))[0]?.indicatorId).toBe(res.body.id);
    const again = await analyst.send('POST', '/api/indicators', {
      name: '量子通信实验节点数',
      unit: '个',
      theme: 'network',
    });
    expect(again.status).toBe(409);
    const invalid = await analyst.send('POST', '/api/indicators', { name: '', unit: '个', theme: 'planet' });
    expect(invalid.status).toBe(400);
  });

  it('merges B into A (synonyms and targets move, B is gone) and splits chosen targets off again', async () => {
    const a = await indicatorByKey('5g_per_10k');
    const b = await indicatorByKey('rural_internet_penetration');
    const bDetail = await detail(b.id);
    const merged = await admin.send('POST', `/api/indicators/${a.id}/merge`, { from: b.id });
    expect(merged.status).toBe(200);
    expect(merged.body.targetCount).toBe(a.targetCount + b.targetCount);
    expect(merged.body.synonyms as string[]).toContain('农村互联网普及率');
    expect((await viewer.get(`/api/indicators/${b.id}`)).status).toBe(404);

    const moving = bDetail.regions.map((r) => r.targetId);
    const split = await analyst.send('POST', `/api/indicators/${a.id}/split`, {
      name: '乡村联网普及率',
      targetIds: moving,
      synonyms: ['农村互联网普及率'],
    });
    expect(split.status).toBe(201);
    expect(split.body).toMatchObject({ targetCount: moving.length, synonyms: ['农村互联网普及率'] });
    const after = await detail(a.id);
    expect(after.indicator.targetCount).toBe(a.targetCount);
    expect(after.indicator.synonyms).not.toContain('农村互联网普及率');
    const refused = await analyst.send('POST', `/api/indicators/${a.id}/split`, { name: '另一个', targetIds: moving });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('NOT_OF_INDICATOR');
    const self = await analyst.send('POST', `/api/indicators/${a.id}/merge`, { from: a.id });
    expect(self.status).toBe(400);

    const log = await auditOf('entity=indicator');
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['indicator.merge', 'indicator.split']));
  });
});

describe('who may change the catalogue', () => {
  const writes = (id: number, targetId: number) =>
    [
      ['POST', '/api/indicators', { name: `权限测试${id}`, unit: '个', theme: 'other' }],
      ['POST', `/api/indicators/${id}/merge`, { from: 999999 }],
      ['POST', `/api/indicators/${id}/split`, { name: `拆分测试${id}`, targetIds: [targetId] }],
      ['PUT', `/api/targets/${targetId}/indicator`, { indicatorId: null }],
    ] as const;

  it('refuses viewers (403), anonymous callers (401) and writes without the CSRF token (403)', async () => {
    const ind = await indicatorByKey('5g_base_stations');
    const [t] = await targetsOf(docs['330000'] as number);
    const anon = anonymousClient(srv.url);
    for (const [method, path, body] of writes(ind.id, t?.id ?? 0)) {
      expect((await viewer.send(method, path, body)).status, `${method} ${path}`).toBe(403);
      expect((await anon.send(method, path, body)).status, `${method} ${path}`).toBe(401);
      const noCsrf = await analyst.fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': '' },
        body: JSON.stringify(body),
      });
      expect(noCsrf.status, `${method} ${path}`).toBe(403);
    }
    expect((await anon.get('/api/indicators')).status).toBe(401);
    expect((await viewer.get(`/api/indicators/${ind.id}`)).status).toBe(200);
    // Nothing was written by any refused request.
    expect((await indicators()).some((i) => i.name.startsWith('权限测试'))).toBe(false);
    expect((await targetsOf(docs['330000'] as number)).find((x) => x.id === t?.id)?.indicatorManual).toBe(false);
  });

  it('lets an admin assign as an analyst does', async () => {
    const [t] = await targetsOf(docs['320000'] as number);
    const res = await admin.send('PUT', `/api/targets/${t?.id}/indicator`, { indicatorId: null });
    expect(res.status).toBe(200);
    expect((await targetsOf(docs['320000'] as number)).find((x) => x.id === t?.id)).toMatchObject({
      indicatorId: null,
      indicatorManual: true,
    });
  });
});

describe('GET /api/regions/:code/overview', () => {
  it("gives a province's KPIs, status mix, cities with theirs, and the national target beside its own", async () => {
    const res = await viewer.get('/api/regions/330000/overview');
    expect(res.status).toBe(200);
    const o = res.body as {
      region: { code: string };
      parents: { code: string }[];
      summary: { total: number; byStatus: Record<string, number>; byRegion: { regionCode: string; count: number }[] };
      comparison: { indicator: { name: string }; own: Row; national: Row | null }[];
    };
    expect(o.region.code).toBe('330000');
    expect(o.parents.map((p) => p.code)).toEqual(['000000']);
    const list = (await viewer.get('/api/targets?region=330000&kind=target&pageSize=500')).body;
    expect(o.summary.total).toBe(list.total);
    expect(o.summary.byRegion.map((c) => c.regionCode)).toContain('330100');
    const per10k = o.comparison.find((c) => c.indicator.name === '每万人拥有5G基站数');
    expect(per10k?.own.regionCode).toBe('330000');
    expect(per10k?.national?.regionCode).toBe('000000');
    expect((await viewer.get('/api/regions/999999/overview')).status).toBe(404);
    expect((await viewer.get('/api/regions/33/overview')).status).toBe(400);
    const themed = (await viewer.get('/api/regions/330000/overview?theme=gov')).body as typeof o;
    expect(themed.summary.total).toBeLessThan(o.summary.total);
  });
});

describe('coverage of the seeds', () => {
  it('assigns at least a third of the seed targets, the network and government measures among them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhibiao-seeds-'));
    const db = openDatabase(join(dir, 'seeds.db'));
    try {
      loadSeedsOnce(db, TODAY);
      const rows = db.$client
        .prepare(
          `SELECT t.metric, i.key FROM targets t LEFT JOIN indicators i ON i.id = t.indicator_id
           WHERE t.kind = 'target' AND t.gone_at IS NULL`,
        )
        .all() as { metric: string; key: string | null }[];
      const assigned = rows.filter((r) => r.key !== null);
      expect(rows.length).toBeGreaterThan(100);
      expect(assigned.length / rows.length).toBeGreaterThanOrEqual(0.33);
      const keyOf = (metric: string) => rows.find((r) => r.metric === metric)?.key;
      expect(keyOf('每万人拥有5G基站数')).toBe('5g_per_10k');
      expect(keyOf('农村互联网普及率')).toBe('rural_internet_penetration');
      expect(keyOf('在用数据中心机架数')).toBe('dc_racks');
      expect(keyOf('实际办件网办率')).toBe('gov_online_rate');
    } finally {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
