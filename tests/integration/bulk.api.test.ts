/**
 * Bulk review and correction (issue 14) on a real server and SQLite file: `PATCH /api/targets` applies one change
 * to many targets in one transaction, reports stale versions as conflicts without overwriting them, audits each
 * record with the batch id, and `POST /api/batches/:id/undo` puts back what nobody changed since.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION, extractDocument } from '../../server/extraction/index';
import { appendActual } from '../../server/repos/actuals.repo';
import { updateTarget } from '../../server/repos/targets.repo';
import { reextractDocuments } from '../../server/services/reextract.service';
import { refreshStatuses } from '../../server/services/status.service';
import { type ApiClient, anonymousClient, type Body, loginAs } from '../setup/auth';
import { POLICY, policyTxt } from '../setup/documents';
import { buildDocument, buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let analyst: ApiClient;
let other: ApiClient;
let viewer: ApiClient;

beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  analyst = await loginAs(srv, 'analyst');
  other = await loginAs(srv, 'analyst');
  viewer = await loginAs(srv, 'viewer');
});
afterAll(() => srv.close());

type T = {
  id: number;
  progress: number | null;
  status: string;
  version: number;
  review: string;
  region: string;
  regionCode: string;
  kind: string;
  metric: string;
  value: number;
  unit: string;
  normalizedValue: number;
  normalizedUnit: string;
  deadline: string | null;
  updatedBy: string | null;
};
type Result = { batchId: string; updated: number[]; conflicts: { id: number; current: T }[] };
type Entry = {
  action: string;
  entityId: string;
  batchId: string | null;
  reason: string | null;
  before: T;
  after: T;
};

async function target(id: number): Promise<T> {
  return (await viewer.get(`/api/targets/${id}`)).body.target as T;
}
async function batchEntries(batchId: string): Promise<Entry[]> {
  const { status, body } = await analyst.get(`/api/audit?pageSize=500&batch=${batchId}`);
  expect(status).toBe(200);
  return body.items as Entry[];
}
/** Three stored targets of one document, as extracted. */
function threeTargets() {
  const documentId = buildDocument(srv.db).id;
  return [0, 1, 2].map((i) => buildTarget(srv.db, { documentId, line: 2 + i, metric: `指标${i}` }));
}
const items = (ts: { id: number; version: number }[]) => ts.map((t) => ({ id: t.id, version: t.version }));

describe('who may make a bulk change', () => {
  it('refuses a viewer (403), a request without the CSRF token (403) and an anonymous caller (401)', async () => {
    const [t] = threeTargets();
    if (!t) throw new Error('no target');
    const body = { items: items([t]), set: { review: 'confirmed' }, reason: '核对' };
    const asViewer = await viewer.send('PATCH', '/api/targets', body);
    expect(asViewer.status).toBe(403);
    const noCsrf = await analyst.fetch('/api/targets', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'not-the-token' },
      body: JSON.stringify(body),
    });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as Body).error?.code).toBe('CSRF_TOKEN_INVALID');
    expect((await anonymousClient(srv.url).send('PATCH', '/api/targets', body)).status).toBe(401);

    const done = await analyst.send('PATCH', '/api/targets', body);
    expect(done.status).toBe(200);
    const batchId = (done.body as Result).batchId;
    expect((await viewer.send('POST', `/api/batches/${batchId}/undo`)).status).toBe(403);
    const undoNoCsrf = await analyst.fetch(`/api/batches/${batchId}/undo`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': '' },
    });
    expect(undoNoCsrf.status).toBe(403);
    // None of the refused attempts changed anything: the target is at the analyst's one write.
    expect(await target(t.id)).toMatchObject({ review: 'confirmed', version: 2 });
  });

  it('refuses malformed requests with a clear 400 and writes nothing', async () => {
    const [a, b] = threeTargets();
    if (!a || !b) throw new Error('no target');
    const cases: unknown[] = [
      { items: [], set: { review: 'confirmed' }, reason: 'x' },
      { items: [items([a])[0], items([a])[0]], set: { review: 'confirmed' }, reason: 'x' },
      { items: items([a]), set: {}, reason: 'x' },
      { items: items([a]), set: { review: 'extracted' }, reason: 'x' },
      { items: items([a]), set: { review: 'confirmed' } },
      { items: items([a]), set: { regionCode: '12' }, reason: 'x' },
      { items: items([a]), set: { version: 3 }, reason: 'x' },
    ];
    for (const c of cases) {
      const { status, body } = await analyst.send('PATCH', '/api/targets', c);
      expect(status, JSON.stringify(c)).toBe(400);
      expect(body.error?.code).toBe('VALIDATION_ERROR');
    }
    const unknownRegion = await analyst.send('PATCH', '/api/targets', {
      items: items([a]),
      set: { regionCode: '999999' },
      reason: 'x',
    });
    expect(unknownRegion.status).toBe(400);
    expect(unknownRegion.body.error?.code).toBe('UNKNOWN_REGION');
    // One target that cannot take the change (value 10, valueMax 5) refuses the whole batch, naming it.
    const inverted = buildTarget(srv.db, { value: 10 });
    const lowB = buildTarget(srv.db, { value: 1 });
    const res = await analyst.send('PATCH', '/api/targets', {
      items: items([lowB, inverted]),
      set: { comparator: 'range', valueMax: 5 },
      reason: 'x',
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('RANGE_INVERTED');
    expect(res.body.error?.message).toContain(`Target ${inverted.id}`);
    expect(await target(lowB.id)).toMatchObject({ version: 1, review: 'extracted' });
    const missing = await analyst.send('PATCH', '/api/targets', {
      items: [...items([b]), { id: 99_999_999, version: 1 }],
      set: { review: 'confirmed' },
      reason: 'x',
    });
    expect(missing.status).toBe(404);
    expect(await target(b.id)).toMatchObject({ version: 1, review: 'extracted' });
  });
});

describe('PATCH /api/targets', () => {
  it('applies the change to every current version, reports the stale one and loses nobody’s edit', async () => {
    const [a, b, c] = threeTargets();
    if (!a || !b || !c) throw new Error('no target');
    // Someone else corrects b after the analyst loaded the list.
    const single = await other.send('PATCH', `/api/targets/${b.id}`, { version: 1, metric: '他人的修正', reason: 'x' });
    expect(single.status).toBe(200);

    const { status, body } = await analyst.send('PATCH', '/api/targets', {
      items: items([a, b, c]),
      set: { regionCode: '420100', kind: 'funding', deadline: '2027' },
      reason: '整批改为武汉市',
    });
    expect(status).toBe(200);
    const result = body as Result;
    expect(result.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.updated.sort()).toEqual([a.id, c.id].sort());
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]?.id).toBe(b.id);
    expect(result.conflicts[0]?.current).toMatchObject({ metric: '他人的修正', version: 2, regionCode: '420000' });

    for (const t of [a, c]) {
      expect(await target(t.id)).toMatchObject({
        region: '武汉市',
        regionCode: '420100',
        kind: 'funding',
        deadline: '2027',
        review: 'corrected',
        version: 2,
        updatedBy: analyst.user.username,
      });
    }
    // The stale one keeps the other analyst's edit and nothing of the batch.
    expect(await target(b.id)).toMatchObject({
      metric: '他人的修正',
      regionCode: '420000',
      kind: 'target',
      version: 2,
    });

    const entries = await batchEntries(result.batchId);
    expect(entries.map((e) => [e.action, Number(e.entityId)]).sort()).toEqual(
      [
        ['target.conflict', b.id],
        ['target.correct', a.id],
        ['target.correct', c.id],
      ].sort(),
    );
    for (const e of entries) {
      expect(e.batchId).toBe(result.batchId);
      expect(e.reason).toBe('整批改为武汉市');
    }
    const ofA = entries.find((e) => Number(e.entityId) === a.id);
    expect(ofA?.before).toMatchObject({ regionCode: '420000', version: 1 });
    expect(ofA?.after).toMatchObject({ regionCode: '420100', version: 2 });
  });

  it('confirms many at once as a review, and does not write or audit targets already so', async () => {
    const [a, b] = threeTargets();
    if (!a || !b) throw new Error('no target');
    const first = (await analyst.send('PATCH', '/api/targets', {
      items: items([a]),
      set: { review: 'confirmed' },
      reason: '核对',
    })) as unknown as { status: number; body: Result };
    expect(first.status).toBe(200);
    const second = (await analyst.send('PATCH', '/api/targets', {
      items: [{ id: a.id, version: 2 }, ...items([b])],
      set: { review: 'confirmed' },
      reason: '核对',
    })) as unknown as { status: number; body: Result };
    expect(second.body.updated).toEqual([b.id]);
    expect(second.body.conflicts).toEqual([]);
    expect((await batchEntries(second.body.batchId)).map((e) => e.action)).toEqual(['target.review']);
    expect(await target(a.id)).toMatchObject({ review: 'confirmed', version: 2 });
  });

  it('recomputes progress and status where a change moves them: a new value, a rejection', async () => {
    // 5 of the way from 0 to 10 by 2025: progress 50 %.
    const halfway = () => {
      const t = buildTarget(srv.db, { deadline: '2025', baselineValue: 0 });
      const a = appendActual(srv.db, { targetId: t.id, value: 5, asOf: '2025-06-01', enteredBy: 'test' });
      updateTarget(srv.db, t.id, { latestActualId: a.id, latestActualValue: 5, latestActualAsOf: '2025-06-01' });
      refreshStatuses(srv.db, [t.id], TODAY);
      return t;
    };
    const [a, b] = [halfway(), halfway()];
    expect((await target(a.id)).progress).toBe(50);
    await analyst.send('PATCH', '/api/targets', { items: items([a, b]), set: { value: 20 }, reason: 'x' });
    expect((await target(a.id)).progress).toBe(25);
    await analyst.send('PATCH', '/api/targets', {
      items: [{ id: b.id, version: 2 }],
      set: { review: 'rejected' },
      reason: 'x',
    });
    expect(await target(b.id)).toMatchObject({ progress: null, status: 'no_data' });
    // A region correction leaves progress as it was.
    await analyst.send('PATCH', '/api/targets', {
      items: [{ id: a.id, version: 2 }],
      set: { regionCode: '110000' },
      reason: 'x',
    });
    expect(await target(a.id)).toMatchObject({ progress: 25, regionCode: '110000' });
  });

  it('makes the normalised value follow a new unit and value', async () => {
    const t = buildTarget(srv.db, { value: 10, unit: '万个', normalizedValue: 100_000, normalizedUnit: '个' });
    const res = await analyst.send('PATCH', '/api/targets', {
      items: items([t]),
      set: { value: 3, unit: '亿元' },
      reason: '单位有误',
    });
    expect(res.status).toBe(200);
    expect(await target(t.id)).toMatchObject({ value: 3, unit: '亿元', normalizedValue: 3e8, normalizedUnit: '元' });
    // The single-target PATCH does the same now instead of asking for normalizedValue.
    const single = await analyst.send('PATCH', `/api/targets/${t.id}`, {
      version: 2,
      unit: '成',
      value: 7,
      reason: 'x',
    });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ value: 7, unit: '成', normalizedValue: 70, normalizedUnit: '%' });
  });
});

describe('POST /api/batches/:batchId/undo', () => {
  it('puts back the records nobody changed since, lists the one edited after as a conflict and leaves it', async () => {
    const [a, b, c] = threeTargets();
    if (!a || !b || !c) throw new Error('no target');
    const bulk = (await analyst.send('PATCH', '/api/targets', {
      items: items([a, b, c]),
      set: { review: 'rejected' },
      reason: '非量化指标',
    })) as unknown as { status: number; body: Result };
    expect(bulk.body.updated).toHaveLength(3);
    // A later single edit of c.
    const later = await other.send('PATCH', `/api/targets/${c.id}`, {
      version: 2,
      review: 'confirmed',
      reason: '有效',
    });
    expect(later.status).toBe(200);

    const { status, body } = await analyst.send('POST', `/api/batches/${bulk.body.batchId}/undo`);
    expect(status).toBe(200);
    const undo = body as Result & { undid: string };
    expect(undo.undid).toBe(bulk.body.batchId);
    expect(undo.batchId).not.toBe(bulk.body.batchId);
    expect(undo.updated.sort()).toEqual([a.id, b.id].sort());
    expect(undo.conflicts.map((x) => x.id)).toEqual([c.id]);
    expect(undo.conflicts[0]?.current).toMatchObject({ review: 'confirmed', version: 3 });

    for (const t of [a, b]) expect(await target(t.id)).toMatchObject({ review: 'extracted', version: 3 });
    expect(await target(c.id)).toMatchObject({ review: 'confirmed', version: 3, updatedBy: other.user.username });

    const entries = await batchEntries(undo.batchId);
    expect(entries.map((e) => e.action)).toEqual(['target.undo', 'target.undo']);
    expect(entries[0]?.reason).toContain(bulk.body.batchId);
    expect(entries[0]?.before).toMatchObject({ review: 'rejected' });
    expect(entries[0]?.after).toMatchObject({ review: 'extracted' });

    // Undoing the same batch again finds every record moved on: nothing is written.
    const again = (await analyst.send('POST', `/api/batches/${bulk.body.batchId}/undo`)).body as Result;
    expect(again.updated).toEqual([]);
    expect(again.conflicts.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    // The undo is a batch of its own and can be undone: the rejection is back.
    const redo = (await analyst.send('POST', `/api/batches/${undo.batchId}/undo`)).body as Result;
    expect(redo.updated.sort()).toEqual([a.id, b.id].sort());
    expect(await target(a.id)).toMatchObject({ review: 'rejected', version: 4 });
  });

  it('reverts corrected fields with their normalised value, and answers 404 for an unknown batch', async () => {
    const t = buildTarget(srv.db);
    const bulk = (await analyst.send('PATCH', '/api/targets', {
      items: items([t]),
      set: { unit: '亿元', regionCode: '110000', theme: 'ai' },
      reason: 'x',
    })) as unknown as { body: Result };
    expect(await target(t.id)).toMatchObject({ normalizedUnit: '元', region: '北京市' });
    await analyst.send('POST', `/api/batches/${bulk.body.batchId}/undo`);
    expect(await target(t.id)).toMatchObject({
      unit: '万个',
      normalizedValue: 100_000,
      normalizedUnit: '个',
      region: '湖北省',
      regionCode: '420000',
      theme: 'network',
      review: 'extracted',
    });
    const unknown = await analyst.send('POST', '/api/batches/0b0c3f0e-1111-4222-8333-444455556666/undo');
    expect(unknown.status).toBe(404);
    expect((await analyst.send('POST', '/api/batches/not-a-batch/undo')).status).toBe(400);
  });
});

describe('bulk decisions and re-extraction', () => {
  it('keeps a bulk-corrected region and a bulk rejection when a newer engine re-reads the document', async () => {
    const up = await analyst.upload('hefei-plan.txt', policyTxt());
    expect(up.status).toBe(201);
    const docId = (up.body.document as { id: number }).id;
    const list = (await analyst.get(`/api/targets?document=${docId}&pageSize=500`)).body.items as T[];
    expect(list.length).toBeGreaterThan(4);
    const [rejected, ...rest] = list;
    if (!rejected) throw new Error('no figures');
    const region = await analyst.send('PATCH', '/api/targets', {
      items: items(rest),
      set: { regionCode: '340102', kind: 'target' },
      reason: '瑶海区',
    });
    expect((region.body as Result).updated).toHaveLength(rest.length);
    await analyst.send('PATCH', '/api/targets', {
      items: items([rejected]),
      set: { review: 'rejected' },
      reason: '不是指标',
    });

    const report = reextractDocuments(srv.db, {
      today: TODAY,
      documentId: docId,
      engine: { version: ENGINE_VERSION + 1, extract: extractDocument },
    });
    expect(report.documents).toHaveLength(1);
    const after = (await analyst.get(`/api/targets?document=${docId}&pageSize=500`)).body.items as T[];
    for (const t of rest) {
      expect(after.find((x) => x.id === t.id)).toMatchObject({ regionCode: '340102', review: 'corrected' });
    }
    expect(after.find((x) => x.id === rejected.id)).toMatchObject({ review: 'rejected' });
  });
});

describe('bulk decisions and document context corrections', () => {
  it('keeps bulk-corrected regions and a bulk rejection when the document’s region is corrected', async () => {
    const up = await analyst.upload(
      'context-plan.txt',
      policyTxt({ ...POLICY, title: '长沙市数字经济发展行动方案（2024—2026年）' }),
    );
    expect(up.status).toBe(201);
    const docId = (up.body.document as { id: number }).id;
    const list = (await analyst.get(`/api/targets?document=${docId}&pageSize=500`)).body.items as T[];
    const [rejected, corrected, ...untouched] = list;
    if (!rejected || !corrected || !untouched.length) throw new Error('too few figures');
    await analyst.send('PATCH', '/api/targets', {
      items: items([corrected]),
      set: { regionCode: '340102' },
      reason: 'x',
    });
    await analyst.send('PATCH', '/api/targets', { items: items([rejected]), set: { review: 'rejected' }, reason: 'x' });
    const detail = (await analyst.get(`/api/documents/${docId}`)).body as { context: { version: number } };
    const res = await analyst.send('PATCH', `/api/documents/${docId}/context`, {
      version: detail.context.version,
      regionCode: '440000',
      reason: 'a Guangdong plan',
    });
    expect(res.status).toBe(200);
    const after = new Map(
      ((await analyst.get(`/api/targets?document=${docId}&pageSize=500`)).body.items as T[]).map((t) => [t.id, t]),
    );
    expect(after.get(corrected.id)).toMatchObject({ regionCode: '340102', review: 'corrected' });
    expect(after.get(rejected.id)).toMatchObject({ review: 'rejected' });
    for (const t of untouched) expect(after.get(t.id)).toMatchObject({ regionCode: '440000', review: 'extracted' });
  });
});
