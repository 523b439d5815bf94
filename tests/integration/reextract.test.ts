/**
 * Re-extraction keeps analysts' work (issue 12, item 6), on a real server and SQLite file. An analyst works on
 * an uploaded plan through the API; then "the engine improves": the stored text is re-read by the real engine
 * with a few changes a later engine would make written on top of its output (a quote that now starts at the
 * metric's words on the line above, a number read with its multiplier, a better metric name, a figure it now
 * finds, two it no longer finds) under a higher version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION, type ExtractOptions, extractDocument } from '../../server/extraction/index';
import { type Engine, reextractDocuments } from '../../server/services/reextract.service';
import type { ExtractionResult } from '../../shared/schemas/record';
import { type ApiClient, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

const PLAN = [
  '湖南省数字经济发展三年行动计划（2024—2026年）',
  '',
  '到2026年，全省5G基站数达到15万个，千兆光网用户突破500万户。',
  '',
  '全省数据中心标准机架数超过20万架。',
  '',
  '到2026年，全省数字经济规模达到2万亿元。',
  '',
  '到2026年，工业互联网平台连接设备数达到',
  '500万台。',
  '',
  '全省上云企业数量达到10万家。',
  '',
  '全省规模以上工业企业关键工序数控化率达到65%。',
  '',
  '全省数字经济增速保持两位数。',
  '',
].join('\n');

/** The real engine's reading with what a later engine reads differently in this plan. */
function improvedExtract(text: string, sourceFile: string, options?: ExtractOptions): ExtractionResult {
  const base = extractDocument(text, sourceFile, options);
  const records: ExtractionResult['records'] = [];
  for (const r of base.records) {
    switch (r.metric) {
      case '5G基站数': // quoted without 全省, 15万 read as 150000
        records.push({ ...r, quote: '5G基站数达到15万个', value: 150000, unit: '个' });
        break;
      case '千兆光网用户数量': // a month in the deadline
        records.push({ ...r, deadline: '2026-12' });
        break;
      case '数据中心标准机架数':
        records.push({ ...r, metric: '数据中心标准机架数量' });
        break;
      case '数字经济规模':
        records.push({ ...r, metric: '全省数字经济规模' });
        break;
      case '工业互联网平台连接设备数': // the quote starts where the sentence does, a line up
        records.push({ ...r, line: r.line - 1, quote: '工业互联网平台连接设备数达到' });
        break;
      case '上云企业数量': // no longer read
      case '规模以上工业企业关键工序数控化率':
        break;
      default:
        records.push(r);
    }
  }
  const model = base.records.find((r) => r.metric === '数字经济规模');
  if (model) {
    // 两位数 (double digits) now read as at least 10 %.
    records.push({
      ...model,
      line: 16,
      quote: '全省数字经济增速保持两位数',
      metric: '数字经济增速',
      comparator: '>=',
      value: 10,
      unit: '%',
      normalizedValue: 10,
      normalizedUnit: '%',
    });
  }
  return { ...base, records };
}

const LATER: Engine = { version: ENGINE_VERSION + 1, extract: improvedExtract };
const TODAY = '2025-06-30';

type Target = {
  id: number;
  line: number;
  quote: string;
  metric: string;
  value: number;
  unit: string;
  deadline: string | null;
  review: string;
  version: number;
  goneAt: string | null;
  unmatchedAt: string | null;
  latestActual: { value: number } | null;
};
type AuditItem = {
  action: string;
  entity: string;
  entityId: string | null;
  username: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

let srv: TestServer;
let analyst: ApiClient;
let docId: number;
const byMetric = new Map<string, Target>();

async function targetsOf(extra = ''): Promise<Target[]> {
  const { body } = await analyst.get(`/api/targets?document=${docId}&pageSize=500${extra}`);
  return body.items as Target[];
}
const need = (metric: string): Target => {
  const t = byMetric.get(metric);
  if (!t) throw new Error(`the engine did not find ${metric}`);
  return t;
};
async function audit(query: string): Promise<AuditItem[]> {
  const { body } = await analyst.get(`/api/audit?${query}&pageSize=500`);
  return body.items as AuditItem[];
}

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  analyst = await loginAs(srv, 'analyst');
  const up = await analyst.upload('hunan-digital-plan.txt', PLAN);
  expect(up.status).toBe(201);
  docId = (up.body.document as { id: number; engineVersion: number }).id;
  expect((up.body.document as { engineVersion: number }).engineVersion).toBe(ENGINE_VERSION);
  for (const t of await targetsOf()) byMetric.set(t.metric, t);

  const patch = async (t: Target, body: Record<string, unknown>) => {
    const res = await analyst.send('PATCH', `/api/targets/${t.id}`, { version: t.version, reason: 'checked', ...body });
    expect(res.status).toBe(200);
  };
  await patch(need('5G基站数'), { review: 'confirmed' });
  await patch(need('千兆光网用户数量'), { value: 520 });
  await patch(need('数据中心标准机架数'), { review: 'rejected' });
  await patch(need('规模以上工业企业关键工序数控化率'), { review: 'confirmed' });
  const actual = await analyst.send('POST', `/api/targets/${need('数字经济规模').id}/actuals`, {
    value: 1.6,
    asOf: '2025-03-31',
  });
  expect(actual.status).toBe(201);
  // The analyst's view of these before the engine improves, to send stale edits with later.
  for (const t of await targetsOf()) byMetric.set(t.metric, t);
});
afterAll(() => srv.close());

describe('re-extraction by a later engine', () => {
  it('writes nothing in a dry run and says what it would do', async () => {
    const auditBefore = (await audit('')).length;
    const before = await targetsOf('&includeGone=1');
    const dry = reextractDocuments(srv.db, { today: TODAY, engine: LATER, dryRun: true });
    expect(dry.documents.map((d) => [d.documentId, d.outcome])).toEqual([[docId, 'planned']]);
    expect(dry.totals).toMatchObject({ added: 1, gone: 1, flagged: 1 });
    expect(await targetsOf('&includeGone=1')).toEqual(before);
    expect((await audit('')).length).toBe(auditBefore);
  });

  it('keeps every analyst decision, correction and actual on the same ids', async () => {
    const report = reextractDocuments(srv.db, { today: TODAY, engine: LATER });
    const doc = report.documents[0];
    expect(doc).toMatchObject({ documentId: docId, outcome: 'reextracted', fromVersion: ENGINE_VERSION });
    expect(doc?.counts).toEqual({ added: 1, kept: 2, changed: 3, gone: 1, flagged: 1 });

    const after = new Map((await targetsOf()).map((t) => [t.id, t]));
    // Confirmed, matched on its line although quote and multiplier changed: its confirmed value stays.
    const confirmed = after.get(need('5G基站数').id);
    expect(confirmed).toMatchObject({ review: 'confirmed', value: 15, unit: '万个', quote: '5G基站数达到15万个' });
    // Corrected: the analyst's value and the extracted deadline they saw stay.
    expect(after.get(need('千兆光网用户数量').id)).toMatchObject({ review: 'corrected', value: 520, deadline: '2026' });
    // Rejected: still rejected, metric as it was.
    expect(after.get(need('数据中心标准机架数').id)).toMatchObject({
      review: 'rejected',
      metric: '数据中心标准机架数',
    });
    // Unreviewed with an actual: the better metric name, and its actual.
    expect(after.get(need('数字经济规模').id)).toMatchObject({
      review: 'extracted',
      metric: '全省数字经济规模',
      latestActual: { value: 1.6 },
    });
    const detail = await analyst.get(`/api/targets/${need('数字经济规模').id}`);
    expect((detail.body.actuals as { value: number }[]).map((a) => a.value)).toEqual([1.6]);
  });

  it('matches a figure whose line moved, marks a vanished one gone and flags a vanished confirmed one', async () => {
    const live = await targetsOf();
    const moved = live.find((t) => t.id === need('工业互联网平台连接设备数').id);
    expect(moved).toMatchObject({ line: 9, quote: '工业互联网平台连接设备数达到' });
    expect(need('工业互联网平台连接设备数').line).toBe(10);

    const cloud = need('上云企业数量');
    expect(live.some((t) => t.id === cloud.id)).toBe(false);
    const withGone = await targetsOf('&includeGone=1');
    expect(withGone.find((t) => t.id === cloud.id)?.goneAt).not.toBeNull();

    // Confirmed by an analyst, no longer found: still listed, flagged, and its page says so.
    const flagged = live.find((t) => t.id === need('规模以上工业企业关键工序数控化率').id);
    expect(flagged).toMatchObject({ review: 'confirmed', goneAt: null });
    expect(flagged?.unmatchedAt).not.toBeNull();

    const added = live.find((t) => t.metric === '数字经济增速');
    expect(added).toMatchObject({ line: 16, value: 10, review: 'extracted' });
    const { body } = await analyst.get('/api/documents');
    expect(
      (body as unknown as { id: number; engineVersion: number }[]).find((d) => d.id === docId)?.engineVersion,
    ).toBe(ENGINE_VERSION + 1);
  });

  it('refuses an edit made on a figure the re-extraction changed (409), and an analyst decision clears a flag', async () => {
    const stale = need('数字经济规模');
    const res = await analyst.send('PATCH', `/api/targets/${stale.id}`, {
      version: stale.version,
      metric: '旧名',
      reason: 'typo',
    });
    expect(res.status).toBe(409);

    const flaggedId = need('规模以上工业企业关键工序数控化率').id;
    const current = (await analyst.get(`/api/targets/${flaggedId}`)).body.target as Target;
    const ok = await analyst.send('PATCH', `/api/targets/${flaggedId}`, {
      version: current.version,
      review: 'rejected',
      reason: 'no longer in the plan',
    });
    expect(ok.status).toBe(200);
    expect((ok.body as unknown as Target).unmatchedAt).toBeNull();
  });

  it('writes what changed to the audit log as the system, with the counts and engine versions', async () => {
    const docs = await audit('action=document.reextract');
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      entity: 'document',
      entityId: String(docId),
      username: null,
      before: { engineVersion: ENGINE_VERSION },
      after: {
        engineVersion: ENGINE_VERSION + 1,
        figureChanges: { added: 1, kept: 2, changed: 3, gone: 1, flagged: 1 },
      },
    });
    const entries = await audit('action=target.reextract');
    expect(entries.every((e) => e.username === null && e.entity === 'target')).toBe(true);
    // 3 changed (the corrected and the rejected figure keep everything) + 1 added + 1 gone + 1 flagged.
    expect(entries).toHaveLength(6);
    const renamed = entries.find((e) => e.entityId === String(need('数字经济规模').id));
    expect(renamed?.before).toEqual({ metric: '数字经济规模' });
    expect(renamed?.after).toEqual({ metric: '全省数字经济规模' });
    const moved = entries.find((e) => e.entityId === String(need('工业互联网平台连接设备数').id));
    expect(moved?.before).toMatchObject({ line: 10, quote: '500万台' });
    expect(moved?.after).toMatchObject({ line: 9, quote: '工业互联网平台连接设备数达到' });
    const gone = entries.find((e) => e.entityId === String(need('上云企业数量').id));
    expect(gone?.after).toHaveProperty('goneAt');
  });

  it('does nothing the second time: every document was read by that engine', () => {
    const again = reextractDocuments(srv.db, { today: TODAY, engine: LATER });
    expect(again.documents).toEqual([]);
  });

  it('leaves a document whose extraction fails as it was and goes on with the others', async () => {
    const other = await analyst.upload('other-plan.txt', '上海市工作要点\n到2025年，全市数据交易额达到100亿元。\n');
    const otherId = (other.body.document as { id: number }).id;
    const before = await targetsOf('&includeGone=1');
    const breaking: Engine = {
      version: ENGINE_VERSION + 2,
      extract: (text, file, options) => {
        if (file === 'hunan-digital-plan.txt') throw new Error('engine broke on this text');
        return extractDocument(text, file, options);
      },
    };
    const report = reextractDocuments(srv.db, { today: TODAY, engine: breaking });
    expect(report.documents.map((d) => [d.documentId, d.outcome])).toEqual([
      [docId, 'failed'],
      [otherId, 'reextracted'],
    ]);
    expect(report.documents[0]?.error).toMatch(/engine broke/);
    expect(await targetsOf('&includeGone=1')).toEqual(before);
    const { body } = await analyst.get('/api/documents');
    const versions = new Map(
      (body as unknown as { id: number; engineVersion: number }[]).map((d) => [d.id, d.engineVersion]),
    );
    expect(versions.get(docId)).toBe(ENGINE_VERSION + 1);
    expect(versions.get(otherId)).toBe(ENGINE_VERSION + 2);
  });
});
