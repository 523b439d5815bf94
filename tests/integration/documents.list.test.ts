import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedsOnce } from '../../server/services/seeds.service';
import type { DocumentArticle, DocumentInfo } from '../../shared/schemas/document';
import { type ApiClient, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let viewer: ApiClient;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  loadSeedsOnce(srv.db, '2025-06-30');
  viewer = await loginAs(srv, 'viewer');
  analyst = await loginAs(srv, 'analyst');
}, 120_000);
afterAll(() => srv.close());

const documents = async () => (await viewer.get('/api/documents')).body as unknown as DocumentInfo[];
const figuresOf = async (id: number) =>
  ((await viewer.get(`/api/targets?document=${id}&pageSize=1`)).body as unknown as { total: number }).total;

describe('GET /api/documents', () => {
  it("counts each document's own current figures (it said 1 for every document)", async () => {
    const docs = await documents();
    expect(docs.length).toBe(5);
    for (const d of docs) {
      expect(d.figures).toBe(await figuresOf(d.id));
      expect(d.figures).toBeGreaterThan(20);
    }
    expect(new Set(docs.map((d) => d.figures)).size).toBeGreaterThan(1);
  });

  it('names each newsletter by its masthead and issue, and none by a hash file name', async () => {
    const titles = (await documents()).map((d) => d.title).sort();
    expect(titles).toEqual([
      '大数据发展动态 2023年第22期',
      '大数据发展动态 2023年第25期',
      '大数据发展动态 2024年第19期',
      '大数据发展动态 2024年第49期',
      expect.stringMatching(/^大模型和大数据技术在区域经济高质量发展中的应用 等\d+篇$/),
    ]);
  });

  it('names an uploaded work report by its file, not by its salutation', async () => {
    const text =
      '各位代表：\n\n现在，我代表省人民政府，向大会报告工作。\n\n二、2025年主要目标\n\n到2025年底，5G基站数达到10万个。\n';
    const { status, body } = await analyst.upload('2025年某省政府工作报告.txt', Buffer.from(text));
    expect(status).toBe(201);
    expect((body.document as DocumentInfo).title).toBe('2025年某省政府工作报告');
  });
});

describe('GET /api/documents/:id/articles', () => {
  it("lists a document's articles in reading order with their figures", async () => {
    const doc = (await documents()).find((d) => d.title === '大数据发展动态 2024年第49期');
    expect(doc).toBeDefined();
    const { status, body } = await viewer.get(`/api/documents/${doc?.id}/articles`);
    expect(status).toBe(200);
    const articles = body as unknown as DocumentArticle[];
    expect(articles.length).toBeGreaterThan(5);
    expect(articles[0]?.title).toBe('数字经济高质量发展工作推进会在北京召开');
    const lines = articles.map((a) => a.firstLine);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const sum = articles.reduce((n, a) => n + a.figures, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(doc?.figures ?? 0);
  });

  it('answers 404 with the error shape for a document that does not exist', async () => {
    const { status, body } = await viewer.get('/api/documents/999999/articles');
    expect(status).toBe(404);
    expect(body.error?.code).toBeTruthy();
  });
});
