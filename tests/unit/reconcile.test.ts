import { describe, expect, it } from 'vitest';
import type { TargetRow } from '../../server/repos/targets.repo';
import {
  fingerprintsOf,
  matchFigures,
  metricsOverlap,
  planCounts,
  planFigures,
} from '../../server/services/reconcile.service';
import type { ExtractedRecord } from '../../shared/schemas/record';

function record(overrides: Partial<ExtractedRecord> = {}): ExtractedRecord {
  return {
    sourceFile: 'plan.txt',
    line: 3,
    quote: '全省5G基站数达到15万个',
    kind: 'target',
    article: '行动计划',
    region: '湖南省',
    regionCode: '430000',
    theme: 'network',
    metric: '5G基站数',
    comparator: '=',
    value: 15,
    valueMax: null,
    unit: '万个',
    normalizedValue: 150000,
    normalizedUnit: '个',
    deadline: '2026',
    perYear: false,
    binding: null,
    confidence: 0.75,
    reasons: { region: "the document's issuer", kind: 'goal-by-default', deadline: '到2026年' },
    ...overrides,
  };
}

let nextId = 1;
/** A stored target as the engine once stored `r` (fingerprint `fp`), with a row's bookkeeping fields. */
function stored(r: ExtractedRecord, fp: string, overrides: Partial<TargetRow> = {}): TargetRow {
  return {
    id: nextId++,
    documentId: 1,
    articleId: null,
    sourceFile: r.sourceFile,
    line: r.line,
    quote: r.quote,
    kind: r.kind,
    article: r.article,
    region: r.region ?? '',
    regionCode: r.regionCode ?? '',
    theme: r.theme,
    metric: r.metric,
    comparator: r.comparator,
    value: r.value,
    valueMax: r.valueMax,
    unit: r.unit,
    normalizedValue: r.normalizedValue,
    normalizedUnit: r.normalizedUnit,
    deadline: r.deadline,
    deadlineMonth: null,
    perYear: r.perYear,
    confidence: r.confidence,
    review: 'extracted',
    baselineValue: null,
    baselineDate: null,
    binding: 'unknown',
    reasons: r.reasons,
    fingerprint: fp,
    goneAt: null,
    unmatchedAt: null,
    version: 1,
    stamp: 0,
    latestActualId: null,
    latestActualValue: null,
    latestActualAsOf: null,
    progress: null,
    expectedProgress: null,
    status: 'no_data',
    statusDate: null,
    indicatorId: null,
    indicatorManual: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    updatedBy: null,
    ...overrides,
  };
}

const match = (old: TargetRow[], records: ExtractedRecord[]) => matchFigures(old, records, fingerprintsOf(records));

describe('metricsOverlap', () => {
  it('takes equal names, one inside the other, and names sharing half the shorter one as the same metric', () => {
    expect(metricsOverlap('5G基站数', '5G 基站数')).toBe(true);
    expect(metricsOverlap('平台数量', '跨行业平台数量')).toBe(true);
    expect(metricsOverlap('跨行业数量', '跨行业平台数量')).toBe(true);
    expect(metricsOverlap('5G基站数', '千兆光网用户数量')).toBe(false);
    expect(metricsOverlap('', '5G基站数')).toBe(false);
  });
});

describe('matchFigures', () => {
  it('matches by fingerprint first, even when the line moved far', () => {
    const r = record();
    const [fp] = fingerprintsOf([r]);
    const old = stored({ ...r, line: 40 }, fp as string);
    const res = match([old], [r]);
    expect(res.matches).toEqual([{ target: old, index: 0, by: 'fingerprint' }]);
    expect(res.unmatched).toEqual([]);
  });

  it('matches a figure on the same line whose quote and multiplier changed (15万个 read as 150000个)', () => {
    const old = stored(record(), 'old-fp');
    const now = record({ quote: '5G基站数达到150000个', value: 150000, unit: '个', metric: '全省5G基站数' });
    const res = match([old], [now]);
    expect(res.matches[0]?.by).toBe('line');
    expect(res.matches[0]?.target.id).toBe(old.id);
  });

  it('matches the same value and metric up to three lines away, nearest first, and no further', () => {
    const edge = stored(record({ line: 10 }), 'a');
    const near = stored(record({ line: 8 }), 'b');
    const moved = record({ line: 7, quote: '5G基站数15万个' });
    const res = match([edge, near], [moved]);
    expect(res.matches[0]).toMatchObject({ by: 'nearby', target: { id: near.id } });
    expect(res.unmatched.map((t) => t.id)).toEqual([edge.id]);
    expect(match([edge], [moved]).matches[0]?.target.id).toBe(edge.id);
    const far = stored(record({ line: 11 }), 'c');
    expect(match([far], [moved]).added).toEqual([0]);
  });

  it('does not match a different value on the same line unless an analyst corrected it, and then only when unambiguous', () => {
    const r = record();
    const plain = stored(r, 'x', { value: 16, normalizedValue: 160000 });
    expect(match([plain], [r]).matches).toEqual([]);
    const corrected = { ...plain, review: 'corrected' as const };
    expect(match([corrected], [r]).matches[0]).toMatchObject({ by: 'corrected', target: { id: plain.id } });
    // Two figures of that metric on the line: which one the analyst corrected cannot be told.
    const twice = [r, record({ quote: '5G基站数达到18万个', value: 18, normalizedValue: 180000 })];
    expect(match([corrected], twice).matches).toEqual([]);
  });

  it('prefers a live target to a gone one', () => {
    const gone = stored(record(), 'g', { goneAt: '2025-01-01T00:00:00.000Z' });
    const live = stored(record(), 'l');
    const res = match([gone, live], [record({ quote: '新的引文15万个' })]);
    expect(res.matches[0]?.target.id).toBe(live.id);
  });
});

describe('planFigures', () => {
  const provenance = (r: ExtractedRecord) => ({ sourceFile: r.sourceFile, line: r.line, quote: r.quote, articleId: 7 });
  const opts = { documentId: 1, now: '2026-01-01T00:00:00.000Z', provenance };

  it('refreshes an untouched figure and moves its version, but keeps every field an analyst decided', () => {
    const r = record();
    const [fp] = fingerprintsOf([r]) as [string];
    const untouched = stored(r, fp);
    const confirmed = stored(r, fp, { review: 'confirmed', metric: '5G基站总数（已核）', version: 3 });
    const better = record({ metric: '5G基站总数', deadline: '2026-12' });
    const a = planFigures([untouched], [better], [fp], opts);
    expect(a.kept[0]?.after).toEqual({ metric: '5G基站总数', deadline: '2026-12' });
    expect(a.kept[0]?.set).toMatchObject({ version: 2, articleId: 7 });
    const b = planFigures([confirmed], [better], [fp], opts);
    expect(b.kept[0]?.after).toEqual({});
    expect(b.kept[0]?.set.version).toBeUndefined();
    expect(planCounts(b)).toEqual({ added: 0, kept: 1, changed: 0, gone: 0, flagged: 0 });
  });

  it('marks a vanished untouched figure gone and flags one with an analyst decision or actuals', () => {
    const untouched = stored(record(), 'u');
    const rejected = stored(record({ line: 20 }), 'r', { review: 'rejected' });
    const withActual = stored(record({ line: 30 }), 'w', { latestActualId: 5 });
    const alreadyGone = stored(record({ line: 40 }), 'g', { goneAt: '2025-01-01T00:00:00.000Z' });
    const plan = planFigures([untouched, rejected, withActual, alreadyGone], [], [], opts);
    expect(plan.gone.map((g) => g.target.id)).toEqual([untouched.id]);
    expect(plan.flagged.map((f) => f.target.id)).toEqual([rejected.id, withActual.id]);
    expect(plan.flagged[0]?.set).toEqual({ unmatchedAt: opts.now });
  });
});
