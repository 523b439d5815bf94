import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../server/lib/csv';
import { appendActual, latestActual } from '../../server/repos/actuals.repo';
import { setLatestActual } from '../../server/repos/targets.repo';
import { refreshStatuses } from '../../server/services/status.service';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildDocument, buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let viewer: ApiClient;
const ids = { reach: 0, atLeast: 0, range: 0, formula: 0, minus: 0, other: 0 };

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  viewer = await loginAs(srv, 'viewer');
  const doc = buildDocument(srv.db);
  srv.db.$client.prepare('UPDATE documents SET title = ? WHERE id = ?').run('福建省数字经济发展行动方案', doc.id);
  const fj = { documentId: doc.id, region: '福建省', regionCode: '350000' } as const;
  ids.reach = buildTarget(srv.db, {
    ...fj,
    metric: '5G基站数',
    comparator: '=',
    value: 8,
    unit: '万个',
    theme: 'network',
    baselineValue: 0,
  }).id;
  ids.atLeast = buildTarget(srv.db, {
    ...fj,
    metric: '农村互联网普及率',
    comparator: '>=',
    value: 70,
    unit: '%',
    theme: 'rural',
  }).id;
  ids.range = buildTarget(srv.db, {
    ...fj,
    metric: '数字经济增速',
    comparator: 'range',
    value: 7,
    valueMax: 8,
    unit: '%',
    theme: 'data',
    binding: '约束性',
  }).id;
  ids.formula = buildTarget(srv.db, { ...fj, metric: '=SUM(A1)', quote: '+cmd|calc', comparator: '<=' }).id;
  ids.minus = buildTarget(srv.db, { ...fj, metric: '-@x', quote: '-5', comparator: '~' }).id;
  ids.other = buildTarget(srv.db, { region: '湖北省', regionCode: '420000', metric: '外省指标' }).id;
  // Three actuals of one target: the export still has one row for it.
  for (const [value, asOf] of [
    [2, '2024-12-31'],
    [4, '2025-03-31'],
    [6, '2025-06-30'],
  ] as const) {
    appendActual(srv.db, { targetId: ids.reach, value, asOf, note: null, enteredBy: 'tester' });
  }
  setLatestActual(srv.db, ids.reach, latestActual(srv.db, ids.reach), new Date().toISOString());
  refreshStatuses(srv.db, [ids.reach], TODAY);
});
afterAll(() => srv.close());

async function csv(query: string): Promise<Record<string, string>[]> {
  const res = await viewer.fetch(`/api/export/targets.csv${query}`);
  expect(res.status).toBe(200);
  return parse(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true, columns: true });
}

async function workbook(query: string): Promise<ExcelJS.Workbook> {
  const res = await viewer.fetch(`/api/export/targets.xlsx${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  expect(res.headers.get('content-disposition')).toMatch(/zhibiao-targets-2025-06-30\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** A sheet's rows under its header (row 4), as objects keyed by the header's text. */
function records(ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const header = (ws.getRow(4).values as ExcelJS.CellValue[]).slice(1).map(String);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n <= 4) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

describe('GET /api/export/targets.xlsx', () => {
  it('writes the filtered targets in Chinese: labels, numbers as numbers, the comparator as written, frozen header', async () => {
    const wb = await workbook('?region=350000&lang=zh');
    const ws = wb.getWorksheet('指标');
    if (!ws) throw new Error('no 指标 sheet');
    expect(ws.getCell('A1').value).toBe('指标清单 · 共 5 项');
    expect(ws.getCell('A2').value).toBe('筛选条件：地区 福建省');
    expect(ws.getCell('A3').value).toBe('导出日期：2025-06-30（北京时间）');
    expect((ws.getRow(4).values as unknown[]).slice(1, 8)).toEqual([
      '编号',
      '地区',
      '地区代码',
      '主题',
      '类型',
      '指标',
      '比较',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getColumn(6).width).toBe(32);
    const rows = records(ws);
    expect(rows.map((r) => r.编号)).toEqual([ids.reach, ids.atLeast, ids.range, ids.formula, ids.minus]);
    const reach = rows[0] ?? {};
    expect(reach).toMatchObject({
      地区: '福建省',
      主题: '网络基础设施',
      类型: '目标',
      比较: '=',
      目标值: 8,
      最新实绩: 6,
      审核: '待审核',
      约束属性: '未说明',
      文件: '福建省数字经济发展行动方案',
      行号: 2,
    });
    expect(typeof reach['进度（%）']).toBe('number');
    expect(reach.最新实绩日期).toEqual(new Date('2025-06-30T00:00:00Z'));
    expect(reach.状态).toMatch(/^(已达成|进展正常|有风险|滞后|已逾期|暂无数据)$/);
    expect(rows.map((r) => r.比较)).toEqual(['=', '≥', '区间', '≤', '≈']);
    expect(rows[2]).toMatchObject({ 目标值: 7, 目标上限: 8, 约束属性: '约束性' });
    // A workbook's text cell is never a formula: the metric is kept exactly as written.
    expect(rows[3]?.指标).toBe('=SUM(A1)');
    expect(ws.getRow(5).getCell(1).numFmt).toBe('0');
    expect(ws.getRow(5).getCell(13).numFmt).toBe('yyyy-mm-dd');

    const actuals = wb.getWorksheet('实绩');
    if (!actuals) throw new Error('no 实绩 sheet');
    expect(actuals.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const history = records(actuals);
    expect(history.map((a) => [a.指标编号, a.实际值, a.截至日期])).toEqual([
      [ids.reach, 2, new Date('2024-12-31T00:00:00Z')],
      [ids.reach, 4, new Date('2025-03-31T00:00:00Z')],
      [ids.reach, 6, new Date('2025-06-30T00:00:00Z')],
    ]);
  });

  it('writes English headers and labels with lang=en, and states every filter', async () => {
    const wb = await workbook('?region=350000&theme=rural&q=%E4%BA%92%E8%81%94%E7%BD%91&lang=en');
    const ws = wb.getWorksheet('Targets');
    if (!ws) throw new Error('no Targets sheet');
    expect(ws.getCell('A1').value).toBe('Targets · 1 targets');
    expect(ws.getCell('A2').value).toBe(
      'Filters: Region Fujian; Theme Digital countryside & smart agriculture; Search “互联网”',
    );
    const rows = records(ws);
    expect(rows).toEqual([
      expect.objectContaining({
        ID: ids.atLeast,
        Region: 'Fujian',
        Theme: 'Digital countryside & smart agriculture',
        Kind: 'Target',
        Comparator: '≥',
        'Target value': 70,
        Review: 'To review',
        Binding: 'Not stated',
      }),
    ]);
    expect(records(wb.getWorksheet('Actuals') as ExcelJS.Worksheet)).toEqual([]);
  });

  it('refuses a filter the list refuses, with the list’s error', async () => {
    const res = await viewer.fetch('/api/export/targets.xlsx?status=nonsense');
    expect(res.status).toBe(400);
    const bad = await viewer.fetch('/api/export/targets.xlsx?lang=fr');
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/export/targets.csv', () => {
  it('writes Chinese headers and labels by default, one row per target however many actuals it has', async () => {
    const rows = await csv('?region=350000');
    expect(Object.keys(rows[0] ?? {})).toContain('目标值');
    expect(rows.map((r) => r.编号)).toEqual(
      [ids.reach, ids.atLeast, ids.range, ids.formula, ids.minus].map((id) => String(id)),
    );
    expect(new Set(rows.map((r) => JSON.stringify(r))).size).toBe(rows.length);
    expect(rows[0]).toMatchObject({ 地区: '福建省', 主题: '网络基础设施', 文件: '福建省数字经济发展行动方案' });
  });

  it('neutralises only the cells a spreadsheet would run as formulas; the comparator = is written ＝', async () => {
    const rows = await csv('?region=350000&lang=en');
    const byId = new Map(rows.map((r) => [Number(r.ID), r]));
    expect(byId.get(ids.reach)?.Comparator).toBe('＝');
    expect(byId.get(ids.formula)).toMatchObject({ Metric: "'=SUM(A1)", 'Source text': "'+cmd|calc", Comparator: '≤' });
    expect(byId.get(ids.minus)).toMatchObject({ Metric: "'-@x", 'Source text': '-5', Comparator: '≈' });
    expect(byId.get(ids.range)).toMatchObject({ Comparator: 'range', 'Target value': '7', 'Target upper bound': '8' });
  });

  it('neutralises cell by cell', () => {
    expect(neutraliseCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('+1+1')).toBe("'+1+1");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('\t=1')).toBe("'\t=1");
    expect(neutraliseCell('＝')).toBe('＝');
    expect(neutraliseCell('≥')).toBe('≥');
    expect(neutraliseCell('-5')).toBe('-5');
    expect(neutraliseCell('-12.5%')).toBe('-12.5%');
    expect(neutraliseCell('-')).toBe('-');
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell('到2025年=70%')).toBe('到2025年=70%');
  });
});
