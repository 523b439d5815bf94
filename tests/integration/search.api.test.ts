import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markGone } from '../../server/repos/targets.repo';
import type { StaleSummary, Summary } from '../../shared/schemas/summary';
import type { Target } from '../../shared/schemas/target';
import { STATUSES } from '../../shared/taxonomy';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildDocument, buildTarget, buildTargets } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

// Issue 15 part A: search over metric, quote, article, document title and region names; the same filters on
// the list, the summary and the CSV; missed / unreported / stale.

const TODAY = '2026-03-01';
let srv: TestServer;
let viewer: ApiClient;
let analyst: ApiClient;
const ids = {} as { base5g: number; compute: number; quoteOnly: number; rural: number; data: number };
let titleDoc = 0;

interface Page {
  items: Target[];
  total: number;
}
const list = async (query: string): Promise<Page> => {
  const res = await viewer.get(`/api/targets?pageSize=500&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as Page;
};
const idsOf = async (query: string) => (await list(query)).items.map((t) => t.id).sort((a, b) => a - b);

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  viewer = await loginAs(srv, 'viewer');
  analyst = await loginAs(srv, 'analyst');
  const db = srv.db;
  const doc = buildDocument(db).id;
  ids.base5g = buildTarget(db, {
    documentId: doc,
    metric: '行政村5G基站覆盖率',
    quote: '到2025年，全省行政村5G基站覆盖率达到95%',
    region: '浙江省',
    regionCode: '330000',
    theme: 'rural',
    unit: '%',
    value: 95,
    deadline: '2025',
  }).id;
  ids.compute = buildTarget(db, {
    documentId: doc,
    metric: '智能算力规模',
    quote: '到2027年，全市智能算力规模超过10EFLOPS',
    region: '杭州市',
    regionCode: '330100',
    theme: 'compute',
    value: 10,
    unit: 'EFLOPS',
    deadline: '2027',
    binding: '约束性',
  }).id;
  // "5G" only in the quote, not in the metric: found too, ranked below a metric match.
  ids.quoteOnly = buildTarget(db, {
    documentId: doc,
    metric: '千兆光网覆盖率',
    quote: '千兆光网和5G网络覆盖所有乡镇，覆盖率达到100%',
    region: '湖北省',
    regionCode: '420000',
    theme: 'network',
    value: 100,
    unit: '%',
    deadline: '2026',
  }).id;
  ids.rural = buildTarget(db, {
    documentId: doc,
    metric: '农村互联网普及率',
    quote: '农村互联网普及率达到80%以上',
    region: '湖南省',
    regionCode: '430000',
    theme: 'rural',
    value: 80,
    unit: '%',
    deadline: '2024',
  }).id;
  titleDoc = buildDocument(db, '某文件\n到2026年，数据交易额达到50亿元。\n').id;
  srv.db.$client
    .prepare('UPDATE documents SET title = ? WHERE id = ?')
    .run('江苏省数据要素市场化配置改革方案', titleDoc);
  ids.data = buildTarget(db, {
    documentId: titleDoc,
    metric: '数据交易额',
    quote: '数据交易额达到50亿元',
    region: '江苏省',
    regionCode: '320000',
    theme: 'data',
    value: 50,
    unit: '亿元',
    deadline: '2026',
  }).id;
  // Statuses as of TODAY: base5g has a short actual after its deadline (missed); rural has none (unreported);
  // compute's actual is two years old (stale).
  for (const [id, value, asOf] of [
    [ids.base5g, 60, '2025-12-31'],
    [ids.compute, 2, '2024-01-31'],
  ] as const) {
    const res = await analyst.send('POST', `/api/targets/${id}/actuals`, { value, asOf });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => srv.close());

/** Every text a target is searched by, as the API and the database hold them, for checking results directly. */
function texts(t: Target, title: string) {
  return [t.metric, t.quote, t.article, t.region, title].join('\n').toLowerCase();
}
async function expectExactly(q: string) {
  const all = (await list('includeGone=0')).items;
  const titles = new Map<number, string>();
  for (const t of all) {
    if (!titles.has(t.documentId)) {
      titles.set(
        t.documentId,
        (srv.db.$client.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(t.documentId) as string) ?? '',
      );
    }
  }
  const expected = all
    .filter((t) => texts(t, titles.get(t.documentId) ?? '').includes(q.toLowerCase()))
    .map((t) => t.id)
    .sort((a, b) => a - b);
  expect(expected.length, `some target contains ${q}`).toBeGreaterThan(0);
  expect(await idsOf(`q=${encodeURIComponent(q)}`), q).toEqual(expected);
  return expected;
}

describe('GET /api/targets?q= (full-text search)', () => {
  it('finds a target by a Chinese substring of its metric, and nothing else', async () => {
    expect(await idsOf(`q=${encodeURIComponent('基站覆盖')}`)).toEqual([ids.base5g]);
    expect(await idsOf(`q=${encodeURIComponent('智能算力')}`)).toEqual([ids.compute]);
  });

  it('finds a target by a substring of its quote, with digits and units', async () => {
    expect(await idsOf(`q=${encodeURIComponent('10EFLOPS')}`)).toEqual([ids.compute]);
    expect(await idsOf(`q=${encodeURIComponent('达到95%')}`)).toEqual([ids.base5g]);
    expect(await idsOf(`q=${encodeURIComponent('所有乡镇')}`)).toEqual([ids.quoteOnly]);
  });

  it('returns exactly the targets whose text contains 5G (any case), the metric match first', async () => {
    const found = await expectExactly('5G');
    expect(found).toEqual(expect.arrayContaining([ids.base5g, ids.quoteOnly]));
    expect(await idsOf('q=5g')).toEqual(found);
    const ranked = (await list('q=5G')).items.map((t) => t.id);
    expect(ranked.indexOf(ids.base5g)).toBeLessThan(ranked.indexOf(ids.quoteOnly));
  });

  it('answers 1- and 2-character queries, which trigrams cannot', async () => {
    await expectExactly('网');
    await expectExactly('算力');
    await expectExactly('7');
    expect(await idsOf(`q=${encodeURIComponent('普及')}`)).toEqual([ids.rural]);
  });

  it('searches the document title and the region names', async () => {
    expect(await idsOf(`q=${encodeURIComponent('市场化配置')}`)).toEqual([ids.data]);
    // 杭州市's target is found by its province's name too.
    expect(await idsOf(`q=${encodeURIComponent('浙江省')}`)).toEqual([ids.base5g, ids.compute].sort((a, b) => a - b));
  });

  it('finds a region name in the reference data: a district by its city and province, a term in text or region', async () => {
    const district = buildTarget(srv.db, {
      metric: '社区养老服务覆盖率',
      quote: '社区养老服务覆盖率达到90%',
      region: '西湖区',
      regionCode: '330106',
      theme: 'society',
    }).id;
    // 浙江省杭州市西湖区: its city's name and its province's find it, beside the city's and the province's own.
    expect(await idsOf(`q=${encodeURIComponent('杭州')}`)).toEqual([ids.compute, district]);
    expect(await idsOf(`q=${encodeURIComponent('浙江')}`)).toEqual([ids.base5g, ids.compute, district]);
    // Every term must match, each in the texts or the region names.
    expect(await idsOf(`q=${encodeURIComponent('浙江 5G')}`)).toEqual([ids.base5g]);
    expect(await idsOf(`q=${encodeURIComponent('杭州 养老')}`)).toEqual([district]);
    expect(await idsOf(`q=${encodeURIComponent('湖北 养老')}`)).toEqual([]);
    // Ranked by relevance, a text match comes before a target found by its region's name alone.
    const regionOnly = buildTarget(srv.db, {
      metric: '工业互联网平台数',
      quote: '培育平台10个',
      regionCode: '320200',
    }).id;
    const inQuote = buildTarget(srv.db, {
      metric: '数字贸易额',
      quote: '对标江苏，数字贸易额翻番',
      regionCode: '430000',
    }).id;
    const ranked = (await list(`q=${encodeURIComponent('江苏')}`)).items.map((t) => t.id);
    expect([...ranked].sort((a, b) => a - b)).toEqual([ids.data, regionOnly, inQuote]);
    expect(ranked.at(-1)).toBe(regionOnly);
    // A corrected region is searched by its new names at once, and no longer by the old.
    const current = (await viewer.get(`/api/targets/${district}`)).body as unknown as { target: Target };
    const patch = await analyst.send('PATCH', `/api/targets/${district}`, {
      version: current.target.version,
      reason: '地区更正',
      regionCode: '420100',
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    expect(await idsOf(`q=${encodeURIComponent('杭州 养老')}`)).toEqual([]);
    expect(await idsOf(`q=${encodeURIComponent('武汉 养老')}`)).toEqual([district]);
    expect(await idsOf(`q=${encodeURIComponent('湖北 养老')}`)).toEqual([district]);
    // Out of the other tests' way.
    markGone(srv.db, [district, regionOnly, inQuote], '2025-06-02T00:00:00Z');
  });

  it('ANDs space-separated terms and combines with the other filters', async () => {
    expect(await idsOf(`q=${encodeURIComponent('5G 乡镇')}`)).toEqual([ids.quoteOnly]);
    expect(await idsOf(`q=5G&region=330000`)).toEqual([ids.base5g]);
    expect((await list(`q=5G&region=330000`)).total).toBe(1);
  });

  it('matches nothing for punctuation alone, and refuses control characters with a clear 400', async () => {
    expect((await list(`q=${encodeURIComponent('，')}`)).total).toBe(0);
    const bad = await viewer.get('/api/targets?q=%00');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/control characters|q/);
  });

  it('stays in step after an edit: the old metric is no longer found, the new one is', async () => {
    const id = buildTarget(srv.db, { metric: '电子证照应用数', quote: '电子证照应用数达到500项', theme: 'gov' }).id;
    expect(await idsOf(`q=${encodeURIComponent('电子证照')}`)).toEqual([id]);
    const current = (await viewer.get(`/api/targets/${id}`)).body as unknown as { target: Target };
    const patch = await analyst.send('PATCH', `/api/targets/${id}`, {
      version: current.target.version,
      reason: '指标名称更正',
      metric: '政务服务事项网办率',
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    expect(await idsOf(`q=${encodeURIComponent('网办率')}`)).toEqual([id]);
    // The quote still says 电子证照: found by it, no longer by the old metric alone.
    expect(await idsOf(`q=${encodeURIComponent('电子证照应用数达到')}`)).toEqual([id]);
    expect(await idsOf(`q=${encodeURIComponent('政务服务事项')}`)).toEqual([id]);
  });

  it('stays in step after a re-ingest: a vanished figure leaves the results, a new one and a new title join', async () => {
    const v1 = ['宁夏回族自治区数字经济行动计划', '', '到2026年，全区低空经济规模达到80亿元。', ''].join('\n');
    const up1 = await analyst.upload('ningxia-search.txt', v1);
    expect(up1.status, JSON.stringify(up1.body)).toBe(201);
    const first = await list(`q=${encodeURIComponent('低空经济')}`);
    expect(first.total).toBeGreaterThan(0);
    const v2 = ['宁夏回族自治区数字经济和无人机产业行动计划', '', '到2026年，全区通用机场达到5个。', ''].join('\n');
    const up2 = await analyst.upload('ningxia-search.txt', v2);
    expect(up2.status, JSON.stringify(up2.body)).toBe(200);
    expect((await list(`q=${encodeURIComponent('低空经济')}`)).total).toBe(0);
    const airports = await list(`q=${encodeURIComponent('通用机场')}`);
    expect(airports.total).toBeGreaterThan(0);
    // The document's new title is searchable for every figure of it.
    const byTitle = await list(`q=${encodeURIComponent('无人机产业')}`);
    expect(byTitle.items.map((t) => t.id).sort()).toEqual(airports.items.map((t) => t.id).sort());
  });

  it('filters the CSV export by q exactly as the list', async () => {
    const res = await viewer.fetch(`/api/export/targets.csv?q=5G&lang=en`);
    expect(res.status).toBe(200);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.ID)).sort((a, b) => a - b)).toEqual(await idsOf('q=5G'));
  });
});

describe('the same filters on the list and the summary', () => {
  const FILTERS = [
    '',
    'region=330000',
    'theme=rural,compute',
    'region=330000&theme=rural,compute&deadlineFrom=2025&deadlineTo=2027',
    'status=missed,unreported',
    'binding=约束性',
    `document=${0}`,
    'q=5G',
    'theme=network&theme=rural',
  ];

  it('gives the same totals and status counts for every filter set', async () => {
    for (const raw of FILTERS) {
      const f = raw.replace('document=0', `document=${titleDoc}`);
      const s = (await viewer.get(`/api/summary?kind=target&${encodeURI(f)}`)).body as unknown as Summary;
      const l = await list(`kind=target&${encodeURI(f)}`);
      const nonRejected = l.items.filter((t) => t.review !== 'rejected');
      expect(s.total, f).toBe(nonRejected.length);
      for (const st of STATUSES) {
        expect(s.byStatus[st], `${f} ${st}`).toBe(nonRejected.filter((t) => t.status === st).length);
      }
      const st = (await viewer.get(`/api/summary/stale?kind=target&${encodeURI(f)}`)).body as unknown as StaleSummary;
      expect(st.stale, f).toBe(nonRejected.filter((t) => t.stale).length);
    }
  });

  it('refuses an unknown theme or the retired status "overdue" with a 400 that names it', async () => {
    const bad = await viewer.get('/api/summary?theme=network,bogus');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('theme');
    const old = await viewer.get('/api/targets?status=overdue');
    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body.error)).toContain('status');
  });
});

describe('honest statuses', () => {
  it('tells missed (short actual) from unreported (nothing) after the deadline', async () => {
    const base = (await viewer.get(`/api/targets/${ids.base5g}`)).body as unknown as { target: Target };
    expect(base.target.status).toBe('missed');
    expect(base.target.lastReportedAt).toBe('2025-12-31');
    const rural = (await viewer.get(`/api/targets/${ids.rural}`)).body as unknown as { target: Target };
    expect(rural.target.status).toBe('unreported');
    expect(rural.target.lastReportedAt).toBeNull();
    expect(rural.target.stale).toBe(false);
  });

  it('flags a target whose latest actual is older than the configured age, and lists exactly those', async () => {
    const compute = (await viewer.get(`/api/targets/${ids.compute}`)).body as unknown as { target: Target };
    expect(compute.target.stale).toBe(true);
    expect(compute.target.lastReportedAt).toBe('2024-01-31');
    const s = (await viewer.get('/api/summary/stale?region=330000')).body as unknown as StaleSummary;
    expect(s.staleAfterDays).toBe(365);
    expect(s.staleBefore).toBe('2025-03-01');
    expect(s.stale).toBe(1);
    expect(await idsOf(`region=330000&reportedBefore=${s.staleBefore}`)).toEqual([ids.compute]);
    // A longer age makes it fresh again: the setting is read on each request.
    process.env.ZHIBIAO_STALE_AFTER_DAYS = '1000';
    try {
      const longer = (await viewer.get('/api/summary/stale?region=330000')).body as unknown as StaleSummary;
      expect(longer.stale).toBe(0);
      const detail = (await viewer.get(`/api/targets/${ids.compute}`)).body as unknown as { target: Target };
      expect(detail.target.stale).toBe(false);
    } finally {
      delete process.env.ZHIBIAO_STALE_AFTER_DAYS;
    }
  });

  it('follows a new actual at once: the stale count drops when the stale target is reported on', async () => {
    const id = buildTarget(srv.db, { region: '海南省', regionCode: '460000', deadline: '2030' }).id;
    const old = await analyst.send('POST', `/api/targets/${id}/actuals`, { value: 1, asOf: '2023-06-30' });
    expect(old.status).toBe(201);
    const stale = async () =>
      ((await viewer.get('/api/summary/stale?region=460000')).body as unknown as StaleSummary).stale;
    expect(await stale()).toBe(1);
    // The same value again, newer: neither status nor progress moves, only the date.
    const fresh = await analyst.send('POST', `/api/targets/${id}/actuals`, { value: 1, asOf: '2026-02-28' });
    expect(fresh.status).toBe(201);
    expect(await stale()).toBe(0);
  });

  it('shows the last-reported date in the CSV', async () => {
    const res = await viewer.fetch(`/api/export/targets.csv?region=330000&lang=en`);
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => Number(r.ID) === ids.compute);
    expect(row?.['Latest actual date']).toBe('2024-01-31');
  });
});

describe('broad searches (more matches than bm25 ranks)', () => {
  it('orders 500–10,000 matches metric-first and checks 10,000+ per row, each exactly the matching set', async () => {
    // 10,500 rows in one region: every quote says 普查; 700 quotes say 光纤入户, 40 metrics say 光纤入户率.
    buildTargets(srv.db, 10_500, (i) => ({
      regionCode: '450000',
      region: '广西壮族自治区',
      metric: i % 250 === 7 ? `光纤入户率${i}` : `普查指标${i}`,
      quote: i % 15 === 0 ? `经普查，光纤入户${i}户` : `经普查，第${i}项`,
    }));
    const broad = await list(`region=450000&q=${encodeURIComponent('光纤入户')}`);
    const inMetric = broad.items.filter((t) => t.metric.includes('光纤入户'));
    expect(broad.total).toBe(700 + 42); // i % 250 = 7 is never a multiple of 15
    expect(inMetric.length).toBe(42);
    // Metric matches first, then the rest, each by id.
    expect(broad.items.slice(0, 42)).toEqual(inMetric);
    expect(broad.items.slice(42).every((t) => !t.metric.includes('光纤入户') && t.quote.includes('光纤入户'))).toBe(
      true,
    );
    const dense = await list(`region=450000&q=${encodeURIComponent('普查')}&page=3`);
    expect(dense.total).toBe(10_500);
    const ids = (
      srv.db.$client
        .prepare("SELECT id FROM targets WHERE region_code = '450000' ORDER BY id")
        .pluck()
        .all() as number[]
    ).slice(1000, 1500);
    expect(dense.items.map((t) => t.id)).toEqual(ids);
  }, 120_000);
});
