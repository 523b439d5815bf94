import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/schemas/audit';
import type { DocumentDetail } from '../../shared/schemas/document';
import type { Target } from '../../shared/schemas/target';
import { type ApiClient, anonymousClient, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let analyst: ApiClient;
let viewer: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
  viewer = await loginAs(srv, 'viewer');
});
afterAll(() => srv.close());

const PLAN = [
  '湖南省数字经济发展三年行动计划（2024—2026年）',
  '',
  '到2026年，全省5G基站数达到15万个，千兆光网用户突破500万户。',
  '',
  '全省数据中心标准机架数超过20万架。',
  '',
].join('\n');

async function detail(id: number): Promise<DocumentDetail> {
  const res = await analyst.get(`/api/documents/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as DocumentDetail;
}

async function targetsOf(documentId: number): Promise<Target[]> {
  const res = await analyst.get(`/api/targets?document=${documentId}&pageSize=500&sort=id`);
  return (res.body as unknown as { items: Target[] }).items;
}

/** The plan under a name of its own: the same content twice would be one document. */
async function upload(name: string, text = PLAN): Promise<number> {
  const { status, body } = await analyst.upload(name, Buffer.from(`${text}（${name}）\n`));
  expect(status).toBe(201);
  return (body.document as { id: number }).id;
}

describe('the document context', () => {
  it('is decided at ingest and shown with the reasons', async () => {
    const id = await upload('湖南行动计划.txt');
    const { context } = await detail(id);
    expect(context.decided).toMatchObject({
      title: '湖南省数字经济发展三年行动计划（2024—2026年）',
      issuer: { code: '430000' },
      genre: 'action-plan',
      planPeriod: { start: 2024, end: 2026 },
    });
    expect(context.decided?.why.map((w) => w.field)).toEqual(expect.arrayContaining(['title', 'issuer', 'genre']));
    expect(context.decided?.why.find((w) => w.field === 'title')?.line).toBe(1);
    expect(context.stated).toEqual({ title: null, regionCode: null, genre: null, year: null, planPeriod: null });
    expect(context.version).toBeGreaterThanOrEqual(1);
  });
});

describe('PATCH /api/documents/:id/context', () => {
  it('moves the targets to the corrected region and keeps analysts’ decisions and corrections', async () => {
    const id = await upload('区域更正.txt');
    const before = await targetsOf(id);
    expect(before.length).toBe(3);
    expect(new Set(before.map((t) => t.regionCode))).toEqual(new Set(['430000']));
    const [confirmed, corrected, untouched] = before as [Target, Target, Target];
    expect(
      (
        await analyst.send('PATCH', `/api/targets/${confirmed.id}`, {
          version: confirmed.version,
          review: 'confirmed',
          reason: 'checked',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await analyst.send('PATCH', `/api/targets/${corrected.id}`, {
          version: corrected.version,
          regionCode: '420000',
          reason: 'the sentence is about Hubei',
        })
      ).status,
    ).toBe(200);

    const { context } = await detail(id);
    const res = await analyst.send('PATCH', `/api/documents/${id}/context`, {
      version: context.version,
      regionCode: '440000',
      reason: 'a Guangdong plan filed under the wrong name',
    });
    expect(res.status).toBe(200);
    expect(res.body.figures).toMatchObject({ added: 0, gone: 0, flagged: 0, changed: 2, kept: 1 });

    const after = new Map((await targetsOf(id)).map((t) => [t.id, t]));
    expect(after.get(confirmed.id)).toMatchObject({ regionCode: '440000', region: '广东省', review: 'confirmed' });
    expect(after.get(corrected.id)).toMatchObject({ regionCode: '420000', region: '湖北省', review: 'corrected' });
    expect(after.get(untouched.id)).toMatchObject({ regionCode: '440000', region: '广东省', review: 'extracted' });
    // A refreshed target's version moved on, so an analyst's stale edit of it is refused.
    expect(after.get(untouched.id)?.version).toBe(untouched.version + 1);

    const now = await detail(id);
    expect(now.context.stated.regionCode).toBe('440000');
    expect(now.context.decided?.issuer).toEqual({ code: '440000', name: '广东省' });
    expect(now.context.decided?.why.find((w) => w.field === 'issuer')?.rule).toBe('stated by an analyst');
    expect(now.context.version).toBeGreaterThan(context.version);
    expect(now.articles[0]?.regionCode).toBe('440000');

    const audit = await analyst.get(`/api/audit?action=document.context&entityId=${id}`);
    const entry = (audit.body as unknown as AuditPage).items[0];
    expect(entry).toMatchObject({
      username: analyst.user.username,
      entity: 'document',
      reason: 'a Guangdong plan filed under the wrong name',
      before: { stated: { regionCode: null }, decided: { issuer: { code: '430000' } } },
      after: {
        stated: { regionCode: '440000' },
        decided: { issuer: { code: '440000' } },
        figureChanges: { changed: 2 },
      },
    });
    const perTarget = await analyst.get(`/api/audit?action=target.context&entityId=${untouched.id}`);
    expect((perTarget.body as unknown as AuditPage).items[0]).toMatchObject({
      before: { regionCode: '430000' },
      after: { regionCode: '440000' },
    });
  });

  it('sets a plan period that dates the goals without a year of their own, and clears it again', async () => {
    // No period in the title: the goal year the text names most (2026) is its horizon.
    const id = await upload('规划期更正.txt', PLAN.replace('三年行动计划（2024—2026年）', '行动计划'));
    const undated = (await targetsOf(id)).find((t) => t.quote.includes('20万架'));
    expect(undated?.deadline).toBe('2026');
    const v1 = (await detail(id)).context.version;
    const set = await analyst.send('PATCH', `/api/documents/${id}/context`, {
      version: v1,
      planPeriod: { start: 2024, end: 2027 },
      genre: 'five-year-plan',
      year: 2024,
      title: '湖南省数字经济发展规划',
    });
    expect(set.status).toBe(200);
    const moved = (await targetsOf(id)).find((t) => t.id === undated?.id);
    expect(moved?.deadline).toBe('2027');
    const d = await detail(id);
    expect(d.document.title).toBe('湖南省数字经济发展规划');
    expect(d.context.stated).toEqual({
      title: '湖南省数字经济发展规划',
      regionCode: null,
      genre: 'five-year-plan',
      year: 2024,
      planPeriod: { start: 2024, end: 2027 },
    });
    expect(d.context.decided).toMatchObject({
      genre: 'five-year-plan',
      year: 2024,
      planPeriod: { start: 2024, end: 2027 },
    });

    // null hands the field back to the engine.
    const cleared = await analyst.send('PATCH', `/api/documents/${id}/context`, {
      version: d.context.version,
      planPeriod: null,
    });
    expect(cleared.status).toBe(200);
    expect((await targetsOf(id)).find((t) => t.id === undated?.id)?.deadline).toBe('2026');
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const id = await upload('并发更正.txt');
    const { context } = await detail(id);
    expect(
      (await analyst.send('PATCH', `/api/documents/${id}/context`, { version: context.version, year: 2024 })).status,
    ).toBe(200);
    const stale = await analyst.send('PATCH', `/api/documents/${id}/context`, {
      version: context.version,
      regionCode: '440000',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('CONFLICT');
    const now = await detail(id);
    expect(now.context.stated.regionCode).toBeNull();
    expect(now.context.stated.year).toBe(2024);
    expect(new Set((await targetsOf(id)).map((t) => t.regionCode))).toEqual(new Set(['430000']));
  });

  it('refuses a viewer (403), a write without the CSRF token (403) and an unknown document (404)', async () => {
    const id = await upload('权限.txt');
    const { context } = await detail(id);
    const body = { version: context.version, regionCode: '440000' };
    const byViewer = await viewer.send('PATCH', `/api/documents/${id}/context`, body);
    expect(byViewer.status).toBe(403);
    const noCsrf = await analyst.fetch(`/api/documents/${id}/context`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'wrong' },
      body: JSON.stringify(body),
    });
    expect(noCsrf.status).toBe(403);
    expect((await anonymousClient(srv.url).send('PATCH', `/api/documents/${id}/context`, body)).status).toBe(401);
    expect((await analyst.send('PATCH', '/api/documents/999999/context', body)).status).toBe(404);
    expect((await detail(id)).context.stated.regionCode).toBeNull();
  });

  it('refuses bad values with 400 and says which', async () => {
    const id = await upload('坏值.txt');
    const { context } = await detail(id);
    const v = context.version;
    const cases: [unknown, string][] = [
      [{ version: v, regionCode: '44' }, 'regionCode'],
      [{ version: v, planPeriod: { start: 2027, end: 2024 } }, 'planPeriod'],
      [{ version: v, year: 1800 }, 'year'],
      [{ version: v, genre: 'poem' }, 'genre'],
      [{ version: v, title: '   ' }, 'title'],
      [{ version: v, colour: 'red' }, ''],
      [{ version: v }, ''],
      [{ regionCode: '440000' }, 'version'],
    ];
    for (const [body, path] of cases) {
      const res = await analyst.send('PATCH', `/api/documents/${id}/context`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.message).toBeTruthy();
      if (path) expect(JSON.stringify(res.body.error?.details)).toContain(path);
    }
    const unknown = await analyst.send('PATCH', `/api/documents/${id}/context`, { version: v, regionCode: '990000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('UNKNOWN_REGION');
    const now = await detail(id);
    expect(now.context.version).toBe(v);
    expect(now.context.stated.regionCode).toBeNull();
  });
});
