import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client';
import { getMeta, setMeta } from '../../server/repos/meta.repo';
import { rollupCells } from '../../server/repos/targets.rollup.repo';
import { addActual } from '../../server/services/actuals.service';
import {
  ensureStatusesFresh,
  markStatusRefresh,
  refreshAllStatusesInChunks,
  scheduleDailyStatusRefresh,
} from '../../server/services/status.service';
import { createUser } from '../../server/services/users.service';
import { buildTargets } from '../setup/factories';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-status-'));
const base = join(dir, 'base.db');
/** The day the base database's statuses are computed for, and the next one, which the refreshes compute. */
const YESTERDAY = '2025-12-31';
const TODAY = '2026-01-01';
const N = 2_345;
const open: Db[] = [];

/** A copy of the base database, opened: every test refreshes the same targets from the same start. */
function copyOfBase(name: string): Db {
  const path = join(dir, `${name}.db`);
  copyFileSync(base, path);
  const db = openDatabase(path);
  open.push(db);
  return db;
}

/** Every target's computed fields, in id order. */
function statuses(db: Db) {
  return db.$client
    .prepare('SELECT id, progress, expected_progress, status, status_date FROM targets ORDER BY id')
    .all() as { id: number; status: string; status_date: string | null }[];
}

const sortedCells = (db: Db) => rollupCells(db).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

beforeAll(() => {
  const db = openDatabase(base);
  // A spread of kinds, reviews, comparators, baselines, deadlines and actuals, so that the calendar moves
  // statuses and progress in every way it can: deadlines end with the year, expected progress grows.
  const comparators = ['>=', '<=', '=', '~', '>'] as const;
  const deadlines = ['2025', '2025-12', '2026', '2026-06', '2027', null];
  buildTargets(db, N, (i) => ({
    kind: i % 11 === 0 ? 'actual' : i % 17 === 0 ? 'funding' : 'target',
    review: i % 13 === 0 ? 'rejected' : 'extracted',
    comparator: comparators[i % comparators.length],
    value: 20 + (i % 40),
    baselineValue: i % 3 === 0 ? null : i % 20,
    baselineDate: '2022',
    deadline: deadlines[i % deadlines.length],
    perYear: i % 19 === 0,
    regionCode: ['420000', '440300', '110105', '000000'][i % 4],
    latestActualValue: i % 4 === 0 ? null : (i * 7) % 60,
    latestActualAsOf: i % 4 === 0 ? null : '2025-09-30',
  }));
  ensureStatusesFresh(db, YESTERDAY);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
});
afterEach(() => {
  vi.useRealTimers();
  while (open.length) open.pop()?.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('refreshAllStatusesInChunks', () => {
  it('gives every target exactly the status the one-transaction refresh gives, and dates the statuses', async () => {
    const once = copyOfBase('once');
    const chunked = copyOfBase('chunked');
    ensureStatusesFresh(once, TODAY);
    const r = await refreshAllStatusesInChunks(chunked, TODAY, { chunk: 200 });

    expect(r).toMatchObject({ rows: N, chunks: Math.ceil(N / 200), complete: true });
    expect(statuses(chunked)).toEqual(statuses(once));
    expect(sortedCells(chunked)).toEqual(sortedCells(once));
    expect(getMeta(chunked, 'statusDate')).toBe(TODAY);
    // The new day moved statuses: the comparison is about something.
    const before = statuses(copyOfBase('before'));
    const moved = statuses(once).filter((row, i) => row.status !== before[i]?.status).length;
    expect(moved).toBeGreaterThan(50);
    expect(new Set(statuses(once).map((row) => row.status)).size).toBeGreaterThanOrEqual(4);
  });

  it('has nothing to do when the statuses are already the day’s', async () => {
    const db = copyOfBase('fresh');
    expect(await refreshAllStatusesInChunks(db, YESTERDAY)).toMatchObject({ rows: 0, chunks: 0 });
  });

  it('commits whole chunks that a reader on another connection sees, and the date only with the last', async () => {
    const db = copyOfBase('reader');
    const reader = new Database(db.$client.name, { readonly: true });
    const refreshedRows = reader.prepare('SELECT count(*) FROM targets WHERE status_date = ?').pluck();
    const statusDate = reader.prepare("SELECT value FROM meta WHERE key = 'statusDate'").pluck();
    const seen: { rows: number; date: unknown }[] = [];
    let done = false;
    const refresh = refreshAllStatusesInChunks(db, TODAY, { chunk: 500 }).then((r) => {
      done = true;
      return r;
    });
    // Each turn of the event loop between two chunks, look from the other connection.
    while (!done) {
      seen.push({ rows: refreshedRows.get(TODAY) as number, date: statusDate.get() });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await refresh;
    reader.close();

    const partial = seen.filter((s) => s.rows > 0 && s.rows < N);
    expect(partial.length).toBeGreaterThan(2);
    for (const s of partial) {
      expect(s.rows % 500).toBe(0);
      expect(s.date).toBe(YESTERDAY);
    }
  });

  it('lets another connection write between its chunks, and computes a row written meanwhile from what it holds', async () => {
    const db = copyOfBase('writer');
    const other = openDatabase(db.$client.name);
    open.push(other);
    const analyst = await createUser(other, null, {
      username: 'writer',
      password: 'writer test password',
      role: 'analyst',
    });
    const ids = other.$client
      .prepare(
        "SELECT id FROM targets WHERE kind = 'target' AND review != 'rejected' AND comparator = '>=' ORDER BY id",
      )
      .pluck()
      .all() as number[];
    // One target in the first chunk, one in the last.
    const touched = [ids[0], ids[ids.length - 1]] as number[];
    let done = false;
    const refresh = refreshAllStatusesInChunks(db, TODAY, { chunk: 300 }).then(() => {
      done = true;
    });
    // The first chunk is written; between it and the next, the other connection adds an actual to each (with the
    // day's status, as addActual computes it) — the refresh has not yet read the second target.
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    for (const id of touched) addActual(other, analyst, id, { value: 1000, asOf: '2025-12-31' }, TODAY);
    await refresh;

    const row = db.$client.prepare('SELECT latest_actual_value AS value, status FROM targets WHERE id = ?');
    for (const id of touched) expect(row.get(id)).toEqual({ value: 1000, status: 'achieved' });
    // Every row is what a refresh from scratch gives now.
    const chunked = statuses(db);
    setMeta(db, 'statusDate', 'never');
    ensureStatusesFresh(db, TODAY, new Date(Date.now() + 11 * 60_000));
    expect(statuses(db)).toEqual(chunked);
  });
});

describe('ensureStatusesFresh', () => {
  const at = (iso: string) => new Date(iso);

  it('leaves the work to a refresh of the same day announced less than 10 minutes ago', () => {
    const db = copyOfBase('announced');
    markStatusRefresh(db, TODAY, at('2025-12-31T16:00:01Z'));
    ensureStatusesFresh(db, TODAY, at('2025-12-31T16:09:00Z'));
    expect(getMeta(db, 'statusDate')).toBe(YESTERDAY);
    expect(statuses(db).every((r) => r.status_date === YESTERDAY)).toBe(true);
  });

  it('refreshes itself when the announced refresh is 10 minutes old (its process died)', () => {
    const db = copyOfBase('stale');
    markStatusRefresh(db, TODAY, at('2025-12-31T16:00:01Z'));
    ensureStatusesFresh(db, TODAY, at('2025-12-31T16:10:02Z'));
    expect(getMeta(db, 'statusDate')).toBe(TODAY);
    expect(statuses(db).every((r) => r.status_date === TODAY)).toBe(true);
  });

  it('refreshes itself when the announced refresh is of another day', () => {
    const db = copyOfBase('other-day');
    markStatusRefresh(db, YESTERDAY, at('2025-12-31T16:00:01Z'));
    ensureStatusesFresh(db, TODAY, at('2025-12-31T16:00:02Z'));
    expect(getMeta(db, 'statusDate')).toBe(TODAY);
  });
});

describe('scheduleDailyStatusRefresh', () => {
  it('announces the new day before midnight China time and refreshes every status just after it', async () => {
    const db = copyOfBase('scheduled');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
    // 23:59:50 on 31 December in Beijing.
    vi.setSystemTime(new Date('2025-12-31T15:59:50Z'));
    const log: string[] = [];
    const daily = scheduleDailyStatusRefresh(db, { chunk: 500, log: (line) => log.push(line) });
    const marker = () => JSON.parse(getMeta(db, 'statusRefresh') ?? '{}') as { date?: string };

    await vi.advanceTimersByTimeAsync(4_000);
    expect(marker().date).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2_000);
    // 23:59:56: announced, so that a request in the first second of the new day does not refresh by itself.
    expect(marker().date).toBe(TODAY);
    await vi.advanceTimersByTimeAsync(4_500);
    expect(getMeta(db, 'statusDate')).toBe(YESTERDAY);
    ensureStatusesFresh(db, TODAY);
    expect(getMeta(db, 'statusDate')).toBe(YESTERDAY);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(getMeta(db, 'statusDate')).toBe(TODAY);
    expect(statuses(db).every((r) => r.status_date === TODAY)).toBe(true);
    expect(log).toEqual([expect.stringMatching(new RegExp(`^Refreshed the statuses of ${N} targets for ${TODAY} in`))]);
    // Armed again for the next midnight; stopping disarms it.
    expect(vi.getTimerCount()).toBe(1);
    daily.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
