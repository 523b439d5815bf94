import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
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

async function importFile(fileName: string, content: Buffer | string, query = '') {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content)]),
    fileName,
  );
  const res = await analyst.fetch(`/api/actuals/import${query}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Body };
}
type A = {
  id: number;
  value: number;
  asOf: string;
  note: string | null;
  enteredBy: string;
  supersededBy: number | null;
};
async function history(targetId: number): Promise<A[]> {
  return (await analyst.get(`/api/targets/${targetId}/actuals`)).body as unknown as A[];
}

describe('POST /api/actuals/import', () => {
  it('matches rows to targets by region, metric and deadline when the sheet has no ids', async () => {
    const a = buildTarget(srv.db, {
      region: '江西省',
      regionCode: '360000',
      metric: '千兆宽带用户数',
      deadline: '2025',
    });
    const b = buildTarget(srv.db, {
      region: '南昌市',
      regionCode: '360100',
      metric: '千兆宽带用户数',
      deadline: '2025',
    });
    // Two targets with the same key cannot be told apart by it.
    buildTarget(srv.db, { region: '江西省', regionCode: '360000', metric: '重复指标', deadline: '2026' });
    buildTarget(srv.db, { region: '江西省', regionCode: '360000', metric: '重复指标', deadline: '2026' });
    const good = await importFile(
      'by-key.csv',
      '地区,指标,期限,实际值,统计日期\n江西省,千兆宽带用户数,2025,180,2025-03-31\n360100,千兆宽带用户数,2025,60,2025-03-31\n',
    );
    expect(good.status).toBe(201);
    expect((await history(a.id)).map((x) => x.value)).toEqual([180]);
    expect((await history(b.id)).map((x) => x.value)).toEqual([60]);
    const bad = await importFile(
      'ambiguous.csv',
      'region,metric,deadline,value,asOf\n360000,重复指标,2026,1,2025-03-31\n360000,没有这个指标,2025,1,2025-03-31\n',
    );
    expect(bad.status).toBe(400);
    const errors =
      (bad.body.error?.details as { errors: { row: number; message: string }[] } | undefined)?.errors ?? [];
    expect(errors.map((e) => e.row)).toEqual([2, 3]);
    expect(errors[0]?.message).toMatch(/2 targets match/);
    expect(errors[1]?.message).toMatch(/No target matches/);
  });

  it('imports a UTF-8 CSV of actuals in one go, recording who entered them and moving each target', async () => {
    const a = buildTarget(srv.db, { baselineValue: 0 });
    const b = buildTarget(srv.db);
    const csv = `target id,value,as-of,note\r\n${a.id},5,2025-03-31,一季度\r\n${b.id},"1,234.5",2025-06-30,\r\n`;
    const { status, body } = await importFile('actuals.csv', csv);
    expect(status).toBe(201);
    expect(body).toMatchObject({ dryRun: false, format: 'csv', rows: 2, imported: 2, errors: [] });
    expect(await history(a.id)).toEqual([
      expect.objectContaining({ value: 5, asOf: '2025-03-31', note: '一季度', enteredBy: analyst.user.username }),
    ]);
    expect((await history(b.id))[0]?.value).toBe(1234.5);
    const detail = await analyst.get(`/api/targets/${a.id}`);
    expect(detail.body.target).toMatchObject({ latestActual: { value: 5, asOf: '2025-03-31' }, progress: 50 });

    const audit = (await analyst.get('/api/audit?action=actual.import')).body.items as Body[];
    expect(audit[0]?.after).toMatchObject({ fileName: 'actuals.csv', rows: 2 });
    expect(audit[0]?.after).toMatchObject({ actualIds: [expect.any(Number), expect.any(Number)] });
  });

  it('reads a GB18030 CSV with Chinese headers and slashed dates, as Excel saves it on Chinese Windows', async () => {
    const t = buildTarget(srv.db);
    const csv = `指标编号,实际值,统计日期,备注\r\n${t.id},8,2025/3/31,省统计局\r\n`;
    const { status, body } = await importFile('实际值.csv', iconv.encode(csv, 'gb18030'));
    expect(status).toBe(201);
    expect(body.imported).toBe(1);
    expect(await history(t.id)).toEqual([expect.objectContaining({ value: 8, asOf: '2025-03-31', note: '省统计局' })]);
  });

  it('reads the first sheet of an .xlsx workbook with real date cells', async () => {
    const t = buildTarget(srv.db);
    const first = buildTarget(srv.db);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('实际值');
    sheet.addRow(['Target ID', 'Value', 'As of', 'Note']);
    sheet.addRow([t.id, 6.5, new Date(Date.UTC(2025, 4, 31)), { richText: [{ text: '五月' }, { text: '快报' }] }]);
    sheet.addRow([]);
    sheet.addRow([first.id, { formula: '2*3', result: 6 }, '2025-04-30', null]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { status, body } = await importFile('actuals.xlsx', buf);
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'xlsx', rows: 2, imported: 2 });
    expect(await history(t.id)).toEqual([
      expect.objectContaining({ value: 6.5, asOf: '2025-05-31', note: '五月快报' }),
    ]);
    expect((await history(first.id))[0]).toMatchObject({ value: 6, asOf: '2025-04-30' });
  });

  it('lists every row error on a dry run, by row number, and stores nothing', async () => {
    const t = buildTarget(srv.db);
    const csv = [
      'targetId,value,asOf',
      `${t.id},5,2025-03-31`,
      '999999,5,2025-03-31',
      `${t.id},about 5,2025-03-31`,
      `${t.id},5,31/03/2025`,
      `${t.id},5,2025-12-31`,
      `abc,5,2025-03-31`,
    ].join('\n');
    const { status, body } = await importFile('mixed.csv', csv, '?dryRun=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, rows: 6, imported: 0 });
    const errors = body.errors as { row: number; column: string | null; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0]?.message).toMatch(/no target with id 999999/);
    expect(errors[1]?.column).toBe('value');
    expect(errors[2]?.message).toMatch(/YYYY-MM-DD/);
    expect(errors[3]?.message).toMatch(/after today/);
    expect(errors[4]?.column).toBe('targetId');
    expect(await history(t.id)).toEqual([]);
  });

  it('stores no row at all when one row is invalid', async () => {
    const t = buildTarget(srv.db);
    const csv = `targetId,value,asOf\n${t.id},5,2025-03-31\n${t.id},,2025-04-30\n`;
    const { status, body } = await importFile('one-bad.csv', csv);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('IMPORT_INVALID');
    expect(body.error?.details).toMatchObject({ errors: [expect.objectContaining({ row: 3 })] });
    expect(await history(t.id)).toEqual([]);
    expect(((await analyst.get(`/api/targets/${t.id}`)).body.target as Body).latestActual).toBeNull();
  });

  it('stores nothing on a dry run of a valid file', async () => {
    const t = buildTarget(srv.db);
    const { status, body } = await importFile('ok.csv', `targetId,value,asOf\n${t.id},5,2025-03-31\n`, '?dryRun=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, rows: 1, imported: 0, errors: [] });
    expect(await history(t.id)).toEqual([]);
  });

  it('corrects an earlier actual when a row names the one it supersedes', async () => {
    const t = buildTarget(srv.db);
    const old = (await analyst.send('POST', `/api/targets/${t.id}/actuals`, { value: 5, asOf: '2025-03-31' })).body
      .actual as A;
    const csv = `targetId,value,asOf,supersedes\n${t.id},5.5,2025-03-31,${old.id}\n`;
    expect((await importFile('fix.csv', csv)).status).toBe(201);
    const rows = await history(t.id);
    expect(rows.map((r) => [r.value, r.supersededBy])).toEqual([
      [5.5, null],
      [5, rows[0]?.id],
    ]);
  });

  it('refuses a sheet without the required columns, an old .xls and a missing file', async () => {
    const missing = await importFile('cols.csv', 'id,amount\n1,2\n');
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe('MISSING_COLUMNS');
    expect(missing.body.error?.details).toMatchObject({ missing: ['targetId', 'value', 'asOf'] });
    const xls = await importFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.status).toBe(415);
    expect((await importFile('empty.csv', 'targetId,value,asOf\n')).body.error?.code).toBe('EMPTY_IMPORT');
    const none = await analyst.fetch('/api/actuals/import', { method: 'POST', body: new FormData() });
    expect(none.status).toBe(400);
  });
});
