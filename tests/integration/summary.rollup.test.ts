import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/client';
import { targets } from '../../server/db/schema';
import { appendActual } from '../../server/repos/actuals.repo';
import { markGone, updateTarget } from '../../server/repos/targets.repo';
import { rollupCells, summaryCells } from '../../server/repos/targets.rollup.repo';
import { ensureStatusesFresh, refreshStatuses } from '../../server/services/status.service';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildDocument, buildTarget, buildTargets } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

const TODAY = '2025-06-30';
let srv: TestServer;
let viewer: ApiClient;

type Cell = Record<'kind' | 'province' | 'theme' | 'year' | 'status', string>;
const byCell = (a: unknown, b: unknown) => {
  const key = (c: Cell) => [c.kind, c.province, c.theme, c.year, c.status];
  const [x, y] = [key(a as Cell), key(b as Cell)];
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? '').localeCompare(y[i] ?? '');
    if (d) return d;
  }
  return 0;
};

/** target_rollup as it should be: recomputed from scratch from the targets, as migration 0003 fills it. */
function rollupFromScratch(db: Db) {
  return db.$client
    .prepare(
      `SELECT kind, CASE WHEN region_code = '000000' THEN '000000' ELSE substr(region_code, 1, 2) || '0000' END AS province,
              theme, coalesce(substr(deadline, 1, 4), '') AS year, status, count(*) AS count,
              sum(coalesce(CAST(round(min(max(progress, 0), 100) * 10) AS INTEGER), 0)) AS progressTenths,
              count(progress) AS progressCount
         FROM targets WHERE gone_at IS NULL AND review != 'rejected'
        GROUP BY 1, 2, 3, 4, 5`,
    )
    .all()
    .sort(byCell);
}

const sorted = (db: Db) =>
  rollupCells(db)
    .map(({ kind, province, theme, year, status, count, progressTenths, progressCount }) => ({
      kind,
      province,
      theme,
      year,
      status,
      count,
      progressTenths,
      progressCount,
    }))
    .sort(byCell);
beforeAll(async () => {
  srv = await startTestServer({ today: TODAY });
  viewer = await loginAs(srv, 'viewer');
});
afterAll(() => srv.close());

describe('the pre-aggregated national summary (target_rollup)', () => {
  it('stays equal to the targets through inserts, actuals, reviews, corrections, gone rows and deletes', () => {
    const db = srv.db;
    const doc = buildDocument(db);
    const regions = ['000000', '420000', '420100', '420102', '440300', '110105'];
    buildTargets(db, 120, (i) => ({
      documentId: doc.id,
      regionCode: regions[i % regions.length] ?? '420000',
      theme: i % 3 ? 'network' : 'compute',
      deadline: i % 7 === 0 ? null : i % 2 ? `${2023 + (i % 5)}` : `${2024 + (i % 4)}-06`,
      kind: i % 10 === 0 ? 'funding' : 'target',
      baselineValue: i % 4 === 0 ? 1 : null,
    }));
    ensureStatusesFresh(db, TODAY);
    const ids = db
      .select({ id: targets.id })
      .from(targets)
      .all()
      .map((r) => r.id);
    // Actuals move progress and status; statuses are refreshed as the service does.
    for (const id of ids.slice(0, 60)) {
      appendActual(db, { targetId: id, value: (id % 13) * 0.77, asOf: '2025-03-31', enteredBy: 'test' });
      updateTarget(db, id, { latestActualValue: (id % 13) * 0.77, latestActualAsOf: '2025-03-31' });
    }
    refreshStatuses(db, ids.slice(0, 60), TODAY);
    const [a, b, c, d, e] = ids;
    updateTarget(db, a ?? 0, { review: 'rejected' });
    updateTarget(db, b ?? 0, { regionCode: '320100', region: '南京市', theme: 'ai', deadline: '2030' });
    markGone(db, [c ?? 0], '2025-06-01T00:00:00Z');
    updateTarget(db, d ?? 0, { kind: 'actual' });
    db.delete(targets)
      .where(eq(targets.id, e ?? 0))
      .run();
    // A later day moves statuses with the calendar.
    ensureStatusesFresh(db, '2026-01-15');
    expect(sorted(db)).toEqual(rollupFromScratch(db));
  });

  it('answers the national summary exactly as grouping the targets does', () => {
    const db = srv.db;
    const fromRollup = summaryCells(db, { kind: 'target' } as never, { excludeRejected: true });
    // A month-exact bound that every deadline passes sends the same question to the targets table.
    const direct = summaryCells(db, { kind: 'target', deadlineFrom: '1900-01' } as never, { excludeRejected: true });
    const total = (cells: typeof direct, withDeadline: boolean) =>
      cells
        .filter((x) => x.part === 'all' || x.part === 'year')
        .filter((x) => !withDeadline || x.year !== null)
        .reduce(
          (n, x) => ({
            count: n.count + x.count,
            tenths: n.tenths + x.progressTenths,
            progressCount: n.progressCount + x.progressCount,
          }),
          { count: 0, tenths: 0, progressCount: 0 },
        );
    expect(total(fromRollup, true)).toEqual(total(direct, false));
    expect(total(fromRollup, false).count).toBeGreaterThan(total(direct, false).count);
  });

  it('serves GET /api/summary with year bounds, theme and status from the rollup', async () => {
    const all = await viewer.get('/api/summary?deadlineFrom=2024&deadlineTo=2026');
    const month = await viewer.get('/api/summary?deadlineFrom=2024-01&deadlineTo=2026-12');
    expect(all.status).toBe(200);
    // The region × theme cells may come in another order; everything else is the same list.
    const byKey = (m: unknown) =>
      [...(m as { regionCode: string; theme: string }[])].sort((x, y) =>
        `${x.regionCode}|${x.theme}`.localeCompare(`${y.regionCode}|${y.theme}`),
      );
    expect({ ...all.body, matrix: byKey(all.body.matrix) }).toEqual({
      ...month.body,
      matrix: byKey(month.body.matrix),
    });
    const theme = await viewer.get('/api/summary?theme=network&status=no_data');
    const themeMonth = await viewer.get('/api/summary?theme=network&status=no_data&deadlineFrom=1900-01');
    expect((theme.body.total as number) >= (themeMonth.body.total as number)).toBe(true);
    expect(theme.body.byTheme).toHaveLength(1);
  });
});

describe('a single target', () => {
  it('joins and leaves its cell when it is created and rejected', () => {
    const db = srv.db;
    const before = sorted(db);
    const t = buildTarget(db, { regionCode: '650100', region: '乌鲁木齐市', theme: 'security', deadline: '2029' });
    expect(sorted(db)).toEqual(rollupFromScratch(db));
    updateTarget(db, t.id, { review: 'rejected' });
    expect(sorted(db)).toEqual(before);
  });
});
