import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendActual } from '../../server/repos/actuals.repo';
import { updateTarget } from '../../server/repos/targets.repo';
import { type ApiClient, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

type Target = { id: number; quote: string; value: number; line: number; review: string; goneAt: string | null };
async function targetsOf(documentId: number, extra = ''): Promise<Target[]> {
  const res = await analyst.fetch(`/api/targets?document=${documentId}&pageSize=500${extra}`);
  return ((await res.json()) as { items: Target[] }).items;
}

const PLAN_V1 = [
  '湖南省数字经济发展三年行动计划（2024—2026年）',
  '',
  '到2026年，全省5G基站数达到15万个，千兆光网用户突破500万户。',
  '',
  '全省数据中心标准机架数超过20万架。',
  '',
].join('\n');

describe('POST /api/documents', () => {
  it('decodes a GB18030 upload and stores the text intact', async () => {
    const text = '福建省数字经济工作要点\n\n2025年，全省5G基站总数达到12万个，数字经济规模超过3万亿元。\n';
    const { status, body } = await analyst.upload('福建工作要点.txt', iconv.encode(text, 'gb18030'));
    expect(status).toBe(201);
    const doc = body.document as { id: number; encoding: string; fileName: string };
    expect(doc.encoding).toBe('GB18030');
    expect(doc.fileName).toBe('福建工作要点.txt');
    const detail = (await (await analyst.fetch(`/api/documents/${doc.id}`)).json()) as {
      lines: { line: number; text: string }[];
    };
    expect(detail.lines[2]?.text).toBe('2025年，全省5G基站总数达到12万个，数字经济规模超过3万亿元。');
  });

  it('accepts UTF-8 with a BOM and drops the BOM', async () => {
    const { status, body } = await analyst.upload(
      'bom.txt',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('上海市工作要点\n到2025年，全市数据交易额达到100亿元。\n'),
      ]),
    );
    expect(status).toBe(201);
    expect((body.document as { encoding: string }).encoding).toBe('UTF-8 with BOM');
  });

  it('refuses an empty file, a binary file and a missing file with a message saying why', async () => {
    const empty = await analyst.upload('empty.txt', Buffer.alloc(0));
    expect(empty.status).toBe(415);
    expect(empty.body.error?.code).toBe('EMPTY_FILE');
    const png = await analyst.upload(
      'image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    expect(png.status).toBe(415);
    expect(png.body.error?.code).toBe('BINARY_FILE');
    expect(png.body.error?.message).toMatch(/binary/);
    const none = await analyst.fetch(`/api/documents`, { method: 'POST', body: new FormData() });
    expect(none.status).toBe(400);
  });

  it('refuses a file over 10 MB with 413 and stores nothing', async () => {
    const before = (await (await analyst.fetch(`/api/health`)).json()) as { documents: number };
    const big = await analyst.upload('big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    expect(big.status).toBe(413);
    const after = (await (await analyst.fetch(`/api/health`)).json()) as { documents: number };
    expect(after.documents).toBe(before.documents);
  });

  it('treats the same content again as a no-op', async () => {
    const first = await analyst.upload('same.txt', '北京市工作要点\n全年新建5G基站6000个。\n');
    const again = await analyst.upload('same-copy.txt', '北京市工作要点\n全年新建5G基站6000个。\n');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('unchanged');
    expect((again.body.document as { id: number }).id).toBe((first.body.document as { id: number }).id);
  });

  it('re-ingests a changed version keeping actuals and review decisions, and marks vanished figures', async () => {
    const v1 = await analyst.upload('hunan-plan.txt', PLAN_V1);
    expect(v1.status).toBe(201);
    const docId = (v1.body.document as { id: number }).id;
    const before = await targetsOf(docId);
    const base = before.find((t) => t.value === 15);
    const racks = before.find((t) => t.value === 20);
    expect(base, 'the engine finds 5G基站数达到15万个').toBeDefined();
    expect(racks, 'the engine finds 机架数超过20万架').toBeDefined();
    if (!base || !racks) return;
    // An analyst confirmed the 5G figure and entered an actual against it.
    updateTarget(srv.db, base.id, { review: 'confirmed', metric: '5G基站总数（已核）' });
    appendActual(srv.db, { targetId: base.id, value: 12, asOf: '2025-03-31', enteredBy: 'analyst' });

    // v2 adds a paragraph under the title (shifting lines by two) and replaces the racks sentence.
    const [title, ...body] = PLAN_V1.split('\n');
    const v2 = [title, '', '新增一段说明，使后文行号下移。', ...body]
      .join('\n')
      .replace('全省数据中心标准机架数超过20万架。', '全省算力规模达到10EFLOPS。');
    const res = await analyst.upload('hunan-plan.txt', v2);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('updated');
    expect((res.body.figures as { gone: number }).gone).toBeGreaterThanOrEqual(1);

    const after = await targetsOf(docId);
    const kept = after.find((t) => t.id === base.id);
    expect(kept?.review).toBe('confirmed');
    expect(kept?.line).toBe(base.line + 2);
    const detail = (await (await analyst.fetch(`/api/targets/${base.id}`)).json()) as {
      target: { metric: string };
      actuals: { value: number }[];
    };
    expect(detail.target.metric).toBe('5G基站总数（已核）');
    expect(detail.actuals.map((a) => a.value)).toEqual([12]);
    expect(after.find((t) => t.id === racks.id)).toBeUndefined();
    const withGone = await targetsOf(docId, '&includeGone=1');
    expect(withGone.find((t) => t.id === racks.id)?.goneAt).not.toBeNull();
    expect(after.some((t) => t.value === 10)).toBe(true);
  });

  it('lists documents and shows a document with its figures on their lines', async () => {
    const list = (await (await analyst.fetch(`/api/documents`)).json()) as {
      id: number;
      fileName: string;
      figures: number;
    }[];
    const plan = list.find((d) => d.fileName === 'hunan-plan.txt');
    expect(plan?.figures).toBeGreaterThan(0);
    const detail = (await (await analyst.fetch(`/api/documents/${plan?.id}`)).json()) as {
      lines: { line: number; figures: { quote: string }[] }[];
    };
    const withFigures = detail.lines.filter((l) => l.figures.length);
    expect(withFigures.length).toBeGreaterThan(0);
    expect((await analyst.fetch(`/api/documents/424242`)).status).toBe(404);
  });

  it("serves each figure with the engine's reasons for its region, kind and deadline", async () => {
    const up = await analyst.upload(
      'reasons.txt',
      '武汉市人民政府关于印发数字武汉行动方案的通知\n到2026年，全市5G基站达到5万个。\n截至2024年底，已建成5G基站3万个。\n',
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const res = await analyst.fetch(`/api/targets?document=${(up.body.document as { id: number }).id}&pageSize=50`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { value: number; reasons: { region: string; kind: string; deadline: string } | null }[];
    };
    const goal = items.find((t) => t.value === 5);
    expect(goal?.reasons?.region).toMatch(/issuer.*line 1/);
    expect(goal?.reasons?.deadline).toBe('its own “到2026年” on line 2');
    const done = items.find((t) => t.value === 3);
    expect(done?.reasons?.kind).toMatch(/截至/);
    expect(done?.reasons?.deadline).toMatch(/^as of “截至2024年底” on line 3/);
  });
});
