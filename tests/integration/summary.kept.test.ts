import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client';
import { targets } from '../../server/db/schema';
import { appendActual } from '../../server/repos/actuals.repo';
import { setTargetIndicator } from '../../server/repos/indicators.repo';
import { listTargets } from '../../server/repos/targets.list.repo';
import {
  allTargetIds,
  markGone,
  setLatestActual,
  updateTarget,
  updateTargetsIfVersion,
} from '../../server/repos/targets.repo';
import { rollupLogHead } from '../../server/repos/targets.rollup.repo';
import { ensureStatusesFresh, refreshStatuses } from '../../server/services/status.service';
import { summarise } from '../../server/services/summary.service';
import { listTargetPageJson } from '../../server/services/targets.service';
import type { TargetFilters } from '../../shared/schemas/target';
import { buildDocument, buildTarget, buildTargets } from '../setup/factories';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-kept-'));
const path = join(dir, 'kept.db');
/** Two connections to one file, as two server processes have: A serves, B writes. */
let a: Db;
let b: Db;
const open: Db[] = [];

beforeAll(() => {
  a = openDatabase(path);
  b = openDatabase(path);
  open.push(a, b);
});
afterAll(() => {
  for (const db of open) db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A summary computed from nothing kept: a new connection has no summaries of its own yet. */
function fresh(f: TargetFilters, today: string) {
  const db = openDatabase(path);
  try {
    return summarise(db, f, today);
  } finally {
    db.$client.close();
  }
}

const FILTERS: TargetFilters[] = [
  {},
  { region: '420000' },
  { region: '420100' },
  { region: '440000', theme: ['network'] },
  { theme: ['compute'] },
  { status: ['at_risk'] },
  { region: '420000', theme: ['network', 'compute'], deadlineFrom: '2025', deadlineTo: '2027' },
  { status: ['missed', 'unreported'] },
  { deadlineFrom: '2025', deadlineTo: '2027' },
  { kind: 'funding' },
];

/** mulberry32: the same "random" writes on every run. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['000000', '420000', '420100', '420102', '420500', '440000', '440300', '440305', '110105', '320100'];
const THEMES = ['network', 'compute', 'ai', 'gov'] as const;

describe('summaries kept up to date from target_rollup_log', () => {
  it('equal a fresh computation after every kind of write, made through another connection', () => {
    const TODAY = '2025-06-30';
    const doc = buildDocument(b);
    buildTargets(b, 300, (i) => ({
      documentId: doc.id,
      regionCode: REGIONS[i % REGIONS.length] ?? '420000',
      theme: THEMES[i % THEMES.length] ?? 'network',
      deadline: i % 9 === 0 ? null : i % 2 ? `${2023 + (i % 6)}` : `${2024 + (i % 5)}-06`,
      kind: i % 11 === 0 ? 'funding' : 'target',
      baselineValue: i % 3 === 0 ? 1 : null,
    }));
    ensureStatusesFresh(b, TODAY);
    // A keeps a summary of every filter set before the writes begin.
    for (const f of FILTERS) summarise(a, f, TODAY);

    const rnd = prng(6);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    let today = TODAY;
    for (let step = 1; step <= 240; step++) {
      const ids = allTargetIds(b);
      const id = pick(ids);
      const r = rnd();
      if (r < 0.4) {
        const value = Math.round(rnd() * 200) / 10;
        appendActual(b, { targetId: id, value, asOf: '2025-03-31', enteredBy: 'test' });
        updateTarget(b, id, { latestActualValue: value, latestActualAsOf: '2025-03-31' });
        refreshStatuses(b, [id], today);
      } else if (r < 0.5) updateTarget(b, id, { review: rnd() < 0.5 ? 'rejected' : 'confirmed' });
      else if (r < 0.6) updateTarget(b, id, { regionCode: pick(REGIONS) });
      else if (r < 0.67) updateTarget(b, id, { theme: pick(THEMES) });
      else if (r < 0.74) updateTarget(b, id, { deadline: rnd() < 0.2 ? null : `${2023 + Math.floor(rnd() * 7)}` });
      else if (r < 0.8) markGone(b, [id], '2025-06-01T00:00:00Z');
      else if (r < 0.86) b.delete(targets).where(eq(targets.id, id)).run();
      else if (r < 0.94) {
        buildTarget(b, { documentId: doc.id, regionCode: pick(REGIONS), theme: pick(THEMES), deadline: '2026' });
      } else if (r < 0.97) updateTarget(b, id, { kind: pick(['target', 'actual', 'funding'] as const) });
      else {
        // A new day: the daily refresh moves many statuses at once.
        today = today === TODAY ? '2026-02-01' : '2027-03-15';
        ensureStatusesFresh(b, today);
      }
      if (step % 20 === 0) {
        for (const f of FILTERS) expect(summarise(a, f, today), JSON.stringify(f)).toEqual(fresh(f, today));
      }
    }
    expect(rollupLogHead(a)).toBeGreaterThan(300);
  });

  it('are computed afresh when the log no longer holds the changes they missed', () => {
    const TODAY = '2025-07-01';
    const f: TargetFilters = { region: '420000' };
    summarise(a, f, TODAY);
    const before = rollupLogHead(a);
    // More than the 50,000 changes the log keeps: every live target's status and progress moves many times.
    const doc = buildDocument(b);
    buildTargets(b, 2000, (i) => ({ documentId: doc.id, regionCode: i % 2 ? '420100' : '440300' }));
    const ids = allTargetIds(b);
    for (let round = 0; round < 14 && rollupLogHead(b) - before < 55_000; round++) {
      b.transaction(() => {
        for (const id of ids) updateTarget(b, id, { progress: (round * 7 + (id % 10)) % 100 });
      });
    }
    expect(rollupLogHead(b) - before).toBeGreaterThan(50_000);
    const oldest = b.$client.prepare('SELECT min(seq) AS s FROM target_rollup_log').get() as { s: number };
    expect(oldest.s).toBeGreaterThan(before + 1);
    expect(summarise(a, f, TODAY)).toEqual(fresh(f, TODAY));
  });
});

describe('list counts kept per filter set', () => {
  it('follow rows, statuses and text written through another connection', () => {
    const TODAY = '2025-06-30';
    const q = (f: Partial<Parameters<typeof listTargets>[1]>) => ({
      sort: 'id' as const,
      order: 'asc' as const,
      page: 1,
      pageSize: 5,
      ...f,
    });
    const direct = (where: string) =>
      (b.$client.prepare(`SELECT count(*) AS n FROM targets WHERE gone_at IS NULL AND ${where}`).get() as { n: number })
        .n;
    const check = () => {
      expect(listTargets(a, q({})).total).toBe(direct('1'));
      expect(listTargets(a, q({ region: '420000' })).total).toBe(direct("region_code BETWEEN '420000' AND '429999'"));
      expect(listTargets(a, q({ status: ['achieved'] })).total).toBe(direct("status = 'achieved'"));
      expect(listTargets(a, q({ q: '算力' })).total).toBe(direct("(metric LIKE '%算力%' OR quote LIKE '%算力%')"));
      expect(listTargets(a, q({ review: 'rejected' })).total).toBe(direct("review = 'rejected'"));
    };
    check();
    const t = buildTarget(b, { regionCode: '420100', metric: '智能算力', value: 10, comparator: '>=' });
    check();
    // A new actual that achieves the target moves its status only.
    updateTarget(b, t.id, { latestActualValue: 12, latestActualAsOf: '2025-05-01' });
    refreshStatuses(b, [t.id], TODAY);
    check();
    updateTarget(b, t.id, { metric: '数据中心机架数', review: 'rejected' });
    check();
    updateTarget(b, t.id, { regionCode: '110105' });
    check();
    markGone(b, [t.id], '2025-06-02T00:00:00Z');
    check();
  });
});

describe('list pages kept per query', () => {
  it('equal a fresh reading after every write that can move a row in, out or along a list', () => {
    const TODAY = '2025-06-30';
    buildTargets(b, 120, (i) => ({
      regionCode: REGIONS[i % REGIONS.length],
      theme: THEMES[i % THEMES.length],
      metric: i % 3 ? `智能算力规模${i}` : `5G基站数${i}`,
      article: i % 5 ? '一、总体要求' : '二、数据要素',
      deadline: String(2024 + (i % 5)),
      binding: i % 4 ? '预期性' : '约束性',
      value: 10 + i,
      comparator: '>=',
    }));
    refreshStatuses(b, allTargetIds(b), TODAY);
    const q = (f: Partial<Parameters<typeof listTargets>[1]>) => ({
      sort: undefined,
      order: 'asc' as const,
      page: 1,
      pageSize: 10,
      ...f,
    });
    const QUERIES = [
      q({ sort: 'deadline' }),
      q({ sort: 'deadline', page: 3 }),
      q({ binding: '约束性', sort: 'id' }),
      q({ q: '数据要素' }),
      q({ q: '算力' }),
      q({ q: '5G基站', order: 'desc' }),
      q({ region: '420000', sort: 'metric' }),
      q({ status: ['achieved'], sort: 'status' }),
      q({ sort: 'status', order: 'desc' }),
      q({ sort: 'progress', order: 'desc' }),
    ] as Parameters<typeof listTargets>[1][];
    const page = (db: Db, query: Parameters<typeof listTargets>[1]) => {
      const { rows, total } = listTargets(db, query);
      return { total, rows: rows.map((r) => [r.id, r.latestActualValue, r.status, r.progress]) };
    };
    const check = (after: string) => {
      const other = openDatabase(path);
      try {
        for (const query of QUERIES)
          expect(page(a, query), `${after}: ${JSON.stringify(query)}`).toEqual(page(other, query));
      } finally {
        other.$client.close();
      }
    };
    check('at first');
    const ids = allTargetIds(b).slice(-120);
    const id = (i: number) => ids[i] as number;
    updateTarget(b, id(4), { binding: '预期性' });
    check('a binding changed');
    updateTarget(b, id(7), { article: '二、数据要素' });
    check('an article changed');
    updateTarget(b, id(8), { metric: '5G基站数（新）' });
    check('a metric changed');
    updateTarget(b, id(9), { deadline: '2023' });
    check('a deadline changed');
    updateTarget(b, id(11), { regionCode: '420102' });
    check('a region changed');
    // A new actual: the target's latest actual, progress and status move; its place in an id or deadline list not.
    for (const i of [12, 13, 14]) updateTarget(b, id(i), { latestActualValue: 1000, latestActualAsOf: '2025-06-01' });
    refreshStatuses(b, [id(12), id(13), id(14)], TODAY);
    check('new actuals');
    markGone(b, [id(15)], '2025-06-02T00:00:00Z');
    check('a figure gone');
    buildTarget(b, { metric: '智能算力', article: '二、数据要素', binding: '约束性', deadline: '2024' });
    check('a figure added');
  });
});

describe("list pages' rows kept as JSON per stamp", () => {
  it('equal a fresh reading after every kind of write, the trigger covering writers that do not stamp', () => {
    const TODAY = '2025-06-30';
    buildTargets(b, 60, (i) => ({
      regionCode: REGIONS[i % REGIONS.length],
      theme: THEMES[i % THEMES.length],
      metric: `机架规模${i}`,
      deadline: String(2024 + (i % 5)),
      value: 10 + i,
      comparator: '>=',
    }));
    refreshStatuses(b, allTargetIds(b), TODAY);
    const ids = allTargetIds(b).slice(-60);
    const id = (i: number) => ids[i] as number;
    const QUERIES = [
      { sort: 'id', order: 'desc', page: 1, pageSize: 30 },
      { q: '机架', page: 1, pageSize: 50, order: 'asc' },
      { sort: 'progress', order: 'desc', page: 1, pageSize: 20 },
    ] as Parameters<typeof listTargetPageJson>[1][];
    const check = (after: string, today = TODAY) => {
      // The serving connection keeps rows' JSON between pages; a new one makes every row afresh.
      const other = openDatabase(path);
      try {
        for (const query of QUERIES) {
          const served = listTargetPageJson(a, query, today);
          expect(JSON.parse(served), `${after}: ${JSON.stringify(query)}`).toEqual(
            JSON.parse(listTargetPageJson(other, query, today)),
          );
          expect(served).toBe(listTargetPageJson(a, query, today));
        }
      } finally {
        other.$client.close();
      }
    };
    check('at first');
    const stampOf = (i: number) =>
      b.$client.prepare('SELECT stamp FROM targets WHERE id = ?').pluck().get(id(i)) as number;
    // Plain SQL through a third connection, as a tool or a shell would write: only the trigger can stamp it.
    const before = stampOf(1);
    const tool = openDatabase(path);
    tool.$client.prepare("UPDATE targets SET quote = '到2025年，机架规模达到99万架' WHERE id = ?").run(id(1));
    tool.$client.close();
    expect(stampOf(1)).toBe(before + 1);
    check('a quote rewritten by plain SQL');
    updateTarget(b, id(2), { unit: '万架', updatedBy: 'someone' });
    check('a drizzle update');
    const actual = appendActual(b, { targetId: id(3), value: 5, asOf: '2025-06-01', note: null, enteredBy: 'a' });
    setLatestActual(b, id(3), { id: actual.id, value: 5, asOf: '2025-06-01' }, '2025-06-01T08:00:00Z');
    refreshStatuses(b, [id(3)], TODAY);
    check('a new actual and its status');
    expect(updateTargetsIfVersion(b, [{ id: id(4), version: 1, set: { theme: 'ai' } }])).toEqual([id(4)]);
    check('a versioned correction');
    setTargetIndicator(b, [id(5)], null, true);
    check('an indicator set by hand');
    markGone(b, [id(6)], '2025-06-02T00:00:00Z');
    check('a figure gone');
    // Stale is a flag of the day: the same stamps, a later day.
    updateTarget(b, id(7), { latestActualValue: 3, latestActualAsOf: '2024-01-01' });
    check('an old actual');
    check('a year on', '2026-07-01');
  });
});
