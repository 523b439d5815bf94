import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Body, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let analyst: ApiClient;

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

type RowError = { row: number; column: string | null; message: string };

async function importFile(fileName: string, content: Buffer | string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from(content))]), fileName);
  const res = await analyst.fetch(`/api/actuals/import${query}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Body };
}

async function download(path: string): Promise<Buffer> {
  const res = await analyst.fetch(path);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const history = async (id: number) =>
  (await analyst.get(`/api/targets/${id}/actuals`)).body as unknown as { value: number; asOf: string }[];

/** A target in its own region, so that each test's export holds only its own targets. */
function regionTarget(regionCode: string, region: string) {
  return buildTarget(srv.db, { regionCode, region, baselineValue: 0, metric: `${region}5G基站数` });
}

describe('re-importing a targets export as actuals', () => {
  it('refuses the CSV export in either language and stores nothing', async () => {
    const t = regionTarget('130000', '河北省');
    for (const lang of ['zh', 'en'] as const) {
      const csv = await download(`/api/export/targets.csv?region=130000&lang=${lang}`);
      const { status, body } = await importFile('export.csv', csv, `?lang=${lang}`);
      expect(status).toBe(400);
      expect(body.error?.code).toBe('TARGETS_EXPORT_REFUSED');
      expect(body.error?.message).toMatch(
        lang === 'zh' ? /这是一份指标导出文件.*导入模板/ : /targets export.*template/,
      );
    }
    expect(await history(t.id)).toEqual([]);
    expect(((await analyst.get(`/api/targets/${t.id}`)).body.target as Body).status).not.toBe('achieved');
  });

  it('refuses the XLSX export, whose header stands under its title lines', async () => {
    const t = regionTarget('140000', '山西省');
    const xlsx = await download('/api/export/targets.xlsx?region=140000&lang=zh');
    const { status, body } = await importFile('export.xlsx', xlsx, '?lang=zh&dryRun=1');
    expect(status).toBe(400);
    expect(body.error?.code).toBe('TARGETS_EXPORT_REFUSED');
    expect(body.error?.message).toContain('比较');
    expect(await history(t.id)).toEqual([]);
  });

  it('refuses the English export of earlier versions, whose value and as-of columns were read as the actual', async () => {
    const t = regionTarget('150000', '内蒙古自治区');
    const old = `id,region,region code,theme,metric,comparator,value,value max,unit,deadline,latest actual,as-of,progress %,status,review status,document,line,quote\n${t.id},内蒙古自治区,150000,network,5G基站数,=,10,,万个,2025,,2025-03-31,,no_data,extracted,x.txt,2,q\n`;
    const { status, body } = await importFile('old-export.csv', old);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('TARGETS_EXPORT_REFUSED');
    expect(await history(t.id)).toEqual([]);
  });
});

describe('the import template', () => {
  it('downloads as CSV with explicit column names, and imports once filled in', async () => {
    const t = regionTarget('210000', '辽宁省');
    const zh = parse(await download('/api/actuals/template.csv?lang=zh'), { bom: true }) as string[][];
    expect(zh).toEqual([['指标编号', '地区', '指标', '期限', '实际值', '截至日期', '备注']]);
    const en = (await download('/api/actuals/template.csv?lang=en')).toString('utf8');
    expect(en.replace(/^\uFEFF/, '').trim()).toBe('target_id,region,metric,deadline,actual_value,as_of,note');
    const filled = `${en.trim()}\r\n${t.id},,,,4.5,2025-03-31,统计公报\r\n,辽宁省,辽宁省5G基站数,2025,5,2025-06-30,\r\n`;
    const { status, body } = await importFile('filled.csv', filled);
    expect(status).toBe(201);
    expect(body).toMatchObject({ imported: 2, errors: [] });
    expect((await history(t.id)).map((a) => [a.value, a.asOf])).toEqual([
      [5, '2025-06-30'],
      [4.5, '2025-03-31'],
    ]);
  });

  it('downloads as XLSX, and imports once filled in Excel (dates typed as dates)', async () => {
    const t = regionTarget('220000', '吉林省');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await download('/api/actuals/template.xlsx?lang=zh')).buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '指标编号',
      '地区',
      '指标',
      '期限',
      '实际值',
      '截至日期',
      '备注',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.worksheets[1]?.getCell('A1').value).toMatch(/实际值/);
    ws.addRow([t.id, null, null, null, 12, new Date('2025-05-31T00:00:00Z'), '月报']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const { status, body } = await importFile('filled.xlsx', filled, '?lang=zh');
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'xlsx', imported: 1 });
    expect((await history(t.id)).map((a) => [a.value, a.asOf])).toEqual([[12, '2025-05-31']]);
  });
});

const skippedOf = (b: Body) => b.skipped as { row: number; targetId: number; actualId: number }[];

describe('importing what is already recorded', () => {
  it('leaves out rows repeating a recorded actual, from the same sheet imported twice and from an actuals export', async () => {
    const t = regionTarget('230000', '黑龙江省');
    const sheet = `target_id,actual_value,as_of,note\r\n${t.id},4.5,2025-03-31,统计公报\r\n${t.id},6,2025-05-31,\r\n`;
    const first = await importFile('sheet.csv', sheet);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ imported: 2, skipped: [], errors: [] });
    // The same sheet again: nothing new, each row named with the actual it repeats; a dry run says so first.
    const check = await importFile('sheet.csv', sheet, '?dryRun=1');
    expect(check.body).toMatchObject({ dryRun: true, imported: 0, errors: [] });
    expect(skippedOf(check.body).map((r) => r.row)).toEqual([2, 3]);
    const again = await importFile('sheet.csv', sheet);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ imported: 0, errors: [] });
    expect(skippedOf(again.body)).toHaveLength(2);
    // The actuals export brought back, in either language, adds nothing either.
    for (const lang of ['zh', 'en'] as const) {
      const exported = await download(`/api/export/actuals.csv?region=230000&lang=${lang}`);
      const back = await importFile(`actuals-${lang}.csv`, exported, `?lang=${lang}`);
      expect(back.status, JSON.stringify(back.body)).toBe(201);
      expect(back.body).toMatchObject({ imported: 0, errors: [] });
      expect(skippedOf(back.body).map((r) => r.targetId)).toEqual([t.id, t.id]);
    }
    // A new value for a recorded date is not a repeat: it is stored.
    const changed = await importFile('changed.csv', `target_id,actual_value,as_of\r\n${t.id},7,2025-05-31\r\n`);
    expect(changed.body).toMatchObject({ imported: 1, skipped: [] });
    expect((await history(t.id)).map((a) => [a.value, a.asOf])).toEqual([
      [7, '2025-05-31'],
      [6, '2025-05-31'],
      [4.5, '2025-03-31'],
    ]);
  });
});

describe('dry-run messages', () => {
  const sheet = (id: number) =>
    [
      '指标编号,实际值,截至日期',
      `${id},约12,2025-03-31`,
      `${id},,2025/13/45`,
      `${id},12,2025-12-31`,
      '999999,12,2025-03-31',
      'abc,12,2025-03-31',
    ].join('\n');

  it('says in Chinese which row and column is wrong and how to fix it', async () => {
    const t = regionTarget('230000', '黑龙江省');
    const { status, body } = await importFile('bad.csv', sheet(t.id), '?dryRun=1&lang=zh');
    expect(status).toBe(200);
    const errors = body.errors as RowError[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '实际值'],
      [3, '实际值'],
      [3, '截至日期'],
      [4, '截至日期'],
      [5, '指标编号'],
      [6, '指标编号'],
    ]);
    expect(errors[0]?.message).toBe('“约12”不是数字：实际值只填数字（按指标的单位，不带 %、单位或“约”），例如 72.5。');
    expect(errors[1]?.message).toMatch(/缺少实际值/);
    expect(errors[2]?.message).toBe('“2025-13-45”不是有效日期：请按 YYYY-MM-DD 填写，例如 2025-06-30。');
    expect(errors[3]?.message).toMatch(/晚于今天/);
    expect(errors[4]?.message).toBe('没有编号为 999999 的指标：请核对指标编号。');
    expect(errors[5]?.message).toMatch(/“abc”不是指标编号/);
    for (const e of errors) expect(e.message).not.toMatch(/Invalid input|expected|NaN|received/);
    expect(await history(t.id)).toEqual([]);
  });

  it('says it in English with lang=en', async () => {
    const t = regionTarget('310000', '上海市');
    const { body } = await importFile('bad.csv', sheet(t.id), '?dryRun=1&lang=en');
    const errors = body.errors as RowError[];
    expect(errors.map((e) => e.row)).toEqual([2, 3, 3, 4, 5, 6]);
    expect(errors[0]).toEqual({
      row: 2,
      column: '实际值',
      message:
        '“约12” is not a number: enter the actual as a plain number in the target’s unit (no %, unit or “about”), e.g. 72.5.',
    });
    expect(errors[2]?.message).toMatch(/is not a real date: write it YYYY-MM-DD/);
    for (const e of errors) expect(e.message).not.toMatch(/Invalid input|expected number|NaN/);
  });

  it('names the template’s columns when the header lacks them, in the asked language', async () => {
    const zh = await importFile('cols.csv', '编号,数量\n1,2\n', '?lang=zh');
    expect(zh.status).toBe(400);
    expect(zh.body.error?.message).toBe(
      '表头缺少列：指标编号、实际值、截至日期。请使用导入模板：实际值、截至日期，以及指标编号或“地区 + 指标 + 期限”。',
    );
  });
});
