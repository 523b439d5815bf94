import { computeProgress } from '../../shared/status';
import type { Db } from '../db/client';
import { nextDayInChina, startOfDayInChina, todayInChina } from '../lib/clock';
import { logger } from '../lib/logger';
import { getMeta, setMeta } from '../repos/meta.repo';
import { targetIdsAfter } from '../repos/status.repo';
import { type StatusInputRow, statusInputs, writeStatuses } from '../repos/targets.status.repo';

/**
 * Progress and status of one row. Only `target` figures are tracked against a goal; reported
 * figures (`actual`) and funding carry no status, and a rejected extraction is not tracked at all.
 */
export function statusOf(r: StatusInputRow, today: string) {
  if (r.kind !== 'target' || r.review === 'rejected') {
    return { id: r.id, progress: null, expectedProgress: null, status: 'no_data' as const };
  }
  const res = computeProgress({
    comparator: r.comparator,
    value: r.value,
    valueMax: r.valueMax,
    baselineValue: r.baselineValue,
    baselineDate: r.baselineDate,
    latestActual:
      r.latestActualValue !== null && r.latestActualAsOf
        ? { value: r.latestActualValue, asOf: r.latestActualAsOf }
        : null,
    deadline: r.deadline,
    perYear: r.perYear,
    today,
    startDate: r.planStartYear !== null ? String(r.planStartYear) : r.issueDate,
  });
  return { id: r.id, progress: res.progress, expectedProgress: res.expectedProgress, status: res.status };
}

/**
 * Recomputes the given targets' statuses (after an ingest or a new actual). Inside the caller's transaction
 * this is a savepoint; on its own it is IMMEDIATE, because it reads before it writes (see addActual).
 */
export function refreshStatuses(db: Db, ids: number[], today: string): void {
  if (!ids.length) return;
  db.transaction(
    () =>
      writeStatuses(
        db,
        statusInputs(db, ids).map((r) => statusOf(r, today)),
        today,
      ),
    { behavior: 'immediate' },
  );
}

/**
 * How long a refresh announced in meta `statusRefresh` keeps readers from starting their own: far longer than
 * the refresh takes (5 s at 100,000 targets, about a minute at 1,000,000), and short enough that a refresh
 * whose process died part-way is taken over by the next read the same morning.
 */
export const STATUS_REFRESH_STALE_MS = 10 * 60_000;

/** Meta `statusRefresh`: which day's refresh is under way, and since when. */
interface StatusRefreshMarker {
  date: string;
  startedAt: string;
}

/** Records that the statuses of `date` are being refreshed, so that readers leave the work to that refresh. */
export function markStatusRefresh(db: Db, date: string, now: Date = new Date()): void {
  const marker: StatusRefreshMarker = { date, startedAt: now.toISOString() };
  setMeta(db, 'statusRefresh', JSON.stringify(marker));
}

function refreshUnderWay(db: Db, today: string, now: Date): boolean {
  const raw = getMeta(db, 'statusRefresh');
  if (!raw) return false;
  try {
    const m = JSON.parse(raw) as Partial<StatusRefreshMarker>;
    return m.date === today && now.getTime() - Date.parse(m.startedAt ?? '') < STATUS_REFRESH_STALE_MS;
  } catch {
    return false;
  }
}

/**
 * Statuses move with the calendar (a deadline passes, expected progress grows), so every target's status
 * is recomputed once per day. The server does that off the request path (`refreshAllStatusesInChunks` at
 * midnight China time, see server/serve.ts); this check runs on every read, costs one prepared read of
 * meta `statusDate` when the statuses are fresh, and is the fallback when they are not:
 * - while a refresh for `today` announced itself in meta `statusRefresh` less than 10 minutes ago, it returns
 *   at once: for the few seconds that refresh takes, readers see yesterday's statuses on the rows it has not
 *   reached yet (each of its chunks commits whole, so a row is either yesterday's or today's);
 * - otherwise (no server refreshing: a test's injected date, a CLI, a refresh whose process died) it
 *   recomputes every target in one transaction, which blocks this request for as long as that takes.
 */
export function ensureStatusesFresh(db: Db, today: string, now: Date = new Date()): void {
  if (getMeta(db, 'statusDate') === today) return;
  if (refreshUnderWay(db, today, now)) return;
  // IMMEDIATE takes the write lock before reading, and the date is checked again under it: two processes
  // that both found the statuses stale refresh them once, and neither fails on a read snapshot that the
  // other's commit made stale (SQLite refuses that upgrade to a write at once, whatever the busy timeout).
  db.transaction(
    () => {
      if (getMeta(db, 'statusDate') === today) return;
      writeStatuses(
        db,
        statusInputs(db).map((r) => statusOf(r, today)),
        today,
      );
      setMeta(db, 'statusDate', today);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Recomputes every target's status for `today` as `ensureStatusesFresh` does, without holding the database
 * or the event loop for the whole table: `chunk` targets at a time (in id order), each chunk read and
 * written in one IMMEDIATE transaction — so a row written meanwhile by another process (a new actual) is
 * computed from what it holds now, never from a stale read — with a turn of the event loop between chunks,
 * in which other connections get the write lock and this process serves whatever it serves. It announces
 * itself in meta `statusRefresh` first, so readers do not start their own; the last transaction sets meta
 * `statusDate`. Nothing to do (`chunks: 0`) when the statuses already are `today`'s. Aborting `signal` stops it
 * between two chunks (`complete: false`); readers then take over once the announcement is 10 minutes old.
 */
export async function refreshAllStatusesInChunks(
  db: Db,
  today: string,
  { chunk = 2000, now = () => new Date(), signal }: { chunk?: number; now?: () => Date; signal?: AbortSignal } = {},
): Promise<{ rows: number; chunks: number; seconds: number; complete: boolean }> {
  const t0 = performance.now();
  if (getMeta(db, 'statusDate') === today) return { rows: 0, chunks: 0, seconds: 0, complete: true };
  markStatusRefresh(db, today, now());
  let after = 0;
  let rows = 0;
  let chunks = 0;
  for (;;) {
    const done = db.transaction(
      () => {
        const ids = targetIdsAfter(db, after, chunk);
        writeStatuses(
          db,
          statusInputs(db, ids).map((r) => statusOf(r, today)),
          today,
        );
        rows += ids.length;
        after = ids[ids.length - 1] ?? after;
        const last = ids.length < chunk;
        if (last) setMeta(db, 'statusDate', today);
        return last;
      },
      { behavior: 'immediate' },
    );
    chunks++;
    if (done) break;
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) break;
  }
  return { rows, chunks, seconds: (performance.now() - t0) / 1000, complete: !signal?.aborted };
}

/** How long before midnight the coming day's refresh is announced (see `scheduleDailyStatusRefresh`). */
const ANNOUNCE_AHEAD_MS = 5_000;

/**
 * Refreshes every status at each midnight China time (UTC+8), in chunks, for as long as the process runs;
 * `stop()` cancels the next run. The coming day's refresh is announced a few seconds before midnight and
 * started one second after it (once `todayInChina()` surely says the new date): without the early
 * announcement, a request in the first second of the day would find no refresh under way and start the
 * blocking one. `log` gets one line per refresh; a failed refresh is logged and the next midnight's still runs
 * (readers fall back to `ensureStatusesFresh` after 10 minutes). `stop()` also ends a refresh under way after
 * its current chunk, so that the database can be closed.
 */
export function scheduleDailyStatusRefresh(
  db: Db,
  { chunk, log = (line) => logger.info(line) }: { chunk?: number; log?: (line: string) => void } = {},
): { stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const stopping = new AbortController();
  const arm = () => {
    if (stopping.signal.aborted) return;
    const day = nextDayInChina(todayInChina());
    timer = setTimeout(() => void run(day), Math.max(0, startOfDayInChina(day) - Date.now() - ANNOUNCE_AHEAD_MS));
  };
  const run = async (day: string) => {
    try {
      markStatusRefresh(db, day);
      const wait = startOfDayInChina(day) + 1000 - Date.now();
      if (wait > 0) {
        await new Promise((resolve) => {
          timer = setTimeout(resolve, wait);
        });
      }
      const r = await refreshAllStatusesInChunks(db, day, { chunk, signal: stopping.signal });
      if (!r.complete) return;
      if (r.chunks === 0) log(`The statuses were already fresh for ${day}`);
      else
        log(`Refreshed the statuses of ${r.rows} targets for ${day} in ${r.seconds.toFixed(1)} s (${r.chunks} chunks)`);
    } catch (err) {
      logger.error({ err }, `The status refresh for ${day} failed; reads will refresh on their own after 10 minutes`);
    } finally {
      arm();
    }
  };
  arm();
  return {
    stop: () => {
      stopping.abort();
      clearTimeout(timer);
    },
  };
}
