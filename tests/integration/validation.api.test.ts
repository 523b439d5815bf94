import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetListSchema, TargetSchema } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

// Issue 11 (5) and (10): numbers and dates that pass a loose check and break what reads them later.

let srv: TestServer;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

const detail = async (id: number) => TargetSchema.parse((await analyst.get(`/api/targets/${id}`)).body.target);

describe('an infinite normalised value', () => {
  it('refuses PATCH value 1e306 on a 万亿元 figure with 400, and the list still parses', async () => {
    const t = buildTarget(srv.db, {
      unit: '万亿元',
      value: 2,
      normalizedValue: 2e12,
      normalizedUnit: '元',
      regionCode: '430000',
      region: '湖南省',
    });
    const res = await analyst.send('PATCH', `/api/targets/${t.id}`, { version: 1, value: 1e306, reason: '核对' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALUE_OUT_OF_RANGE');
    expect((await detail(t.id)).normalizedValue).toBe(2e12);
    const list = await analyst.get('/api/targets?region=430000');
    expect(() => TargetListSchema.parse(list.body)).not.toThrow();
  });

  it('keeps a 306-digit 万亿元 figure in an upload out of the table, so the list still parses', async () => {
    const huge = `1${'0'.repeat(305)}`;
    const up = await analyst.upload(
      'huge.txt',
      `巨额文件\n到2025年，湖南省数字经济规模达到${huge}万亿元。\n到2025年，湖南省5G基站达到8万个。\n`,
    );
    expect(up.status).toBe(201);
    const list = await analyst.get(`/api/targets?document=${(up.body.document as { id: number }).id}`);
    const parsed = TargetListSchema.parse(list.body);
    expect(parsed.items.every((t) => Number.isFinite(t.normalizedValue))).toBe(true);
    expect(parsed.items.map((t) => t.value)).toContain(8);
  });
});

describe('loose validation', () => {
  it('refuses an actual dated 0000-01-01', async () => {
    const t = buildTarget(srv.db);
    const res = await analyst.send('POST', `/api/targets/${t.id}/actuals`, { value: 1, asOf: '0000-01-01' });
    expect(res.status).toBe(400);
    expect((await analyst.get(`/api/targets/${t.id}/actuals`)).body).toEqual([]);
  });

  it('refuses a range whose valueMax is below its value', async () => {
    const t = buildTarget(srv.db);
    const res = await analyst.send('PATCH', `/api/targets/${t.id}`, {
      version: 1,
      comparator: 'range',
      value: 80,
      valueMax: 60,
      normalizedValue: 800_000,
      reason: '区间',
    });
    expect(res.status).toBe(400);
    expect((await detail(t.id)).comparator).toBe('=');
  });

  it('refuses a valueMax below the stored value when only valueMax is sent', async () => {
    const t = buildTarget(srv.db, { comparator: 'range', value: 10, valueMax: 20 });
    const res = await analyst.send('PATCH', `/api/targets/${t.id}`, { version: 1, valueMax: 5, reason: '区间' });
    expect(res.status).toBe(400);
    expect((await detail(t.id)).valueMax).toBe(20);
  });

  it('does not raise the version for a PATCH that changes nothing', async () => {
    const t = buildTarget(srv.db);
    const first = await analyst.send('PATCH', `/api/targets/${t.id}`, { version: 1, value: 10, reason: '同值' });
    expect(first.status).toBe(200);
    expect((first.body as { version: number }).version).toBe(1);
    const confirmed = await analyst.send('PATCH', `/api/targets/${t.id}`, {
      version: 1,
      review: 'confirmed',
      reason: '确认',
    });
    expect((confirmed.body as { version: number }).version).toBe(2);
    const again = await analyst.send('PATCH', `/api/targets/${t.id}`, {
      version: 2,
      review: 'confirmed',
      reason: '再确认',
    });
    expect((again.body as { version: number }).version).toBe(2);
  });

  it('matches q=%00 against nothing instead of every row', async () => {
    buildTarget(srv.db, { regionCode: '440000', region: '广东省' });
    const res = await analyst.get('/api/targets?region=440000&q=%00');
    expect(res.status === 400 || (res.status === 200 && res.body.total === 0)).toBe(true);
  });
});
