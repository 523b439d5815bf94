import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Body, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';
import { bombWorkbook } from '../setup/xlsxBomb';

// Issue 11 (2): a small .xlsx that inflates to millions of rows must be refused before it is read whole.

let srv: TestServer;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

/** Imports the workbook as a dry run, timing it and sampling this process's RSS (the server runs in it). */
async function importMeasured(buf: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(buf)]), 'bomb.xlsx');
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  try {
    const res = await analyst.fetch('/api/actuals/import?dryRun=1', { method: 'POST', body: form });
    const body = (await res.json()) as Body;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { status: res.status, body, ms: performance.now() - t0, growthMb: (peak - rss0) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

/** A workbook as Excel users make them: a header, then target id, value and a real date cell per row. */
async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实际值');
  ws.addRow(['targetId', 'value', 'asOf']);
  for (let i = 0; i < rows; i++) ws.addRow([999_999, i, new Date(Date.UTC(2025, 2, 31))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('an .xlsx decompression bomb', () => {
  it('refuses a workbook that inflates to 2,000,000 rows in under 2 s, growing memory by less than 100 MB', async () => {
    const bomb = await bombWorkbook(2_000_000);
    expect(bomb.length).toBeLessThan(1_000_000);
    const r = await importMeasured(bomb);
    console.log(`bomb (${bomb.length} bytes): ${r.status} in ${r.ms.toFixed(0)} ms, RSS +${r.growthMb.toFixed(1)} MB`);
    expect(r.status).toBe(413);
    expect(r.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(r.body.error?.message).toMatch(/MB/);
    expect(r.ms).toBeLessThan(2000);
    expect(r.growthMb).toBeLessThan(100);
  });

  it('refuses a bomb whose archive understates the inflated sizes just as fast', async () => {
    const bomb = await bombWorkbook(2_000_000, { lie: true });
    const r = await importMeasured(bomb);
    console.log(`lying bomb: ${r.status} in ${r.ms.toFixed(0)} ms, RSS +${r.growthMb.toFixed(1)} MB`);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.ms).toBeLessThan(2000);
    expect(r.growthMb).toBeLessThan(100);
  });

  it('stops reading a sheet at the row limit: a workbook of 10,001 rows is refused with 413', async () => {
    const r = await importMeasured(await workbook(10_001));
    expect(r.status).toBe(413);
    expect(r.body.error?.message).toMatch(/10000 rows/);
  });

  it('still reads a workbook of 10,000 rows, dates and all', async () => {
    const r = await importMeasured(await workbook(10_000));
    expect(r.status).toBe(200);
    // No target 999999 exists, so every row is reported: the sheet was read, row by row, dates as dates.
    expect(r.body).toMatchObject({ format: 'xlsx', rows: 10_000, imported: 0 });
    expect((r.body.errors as unknown[]).length).toBe(10_000);
  });
});
