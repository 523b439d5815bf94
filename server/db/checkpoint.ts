import type Database from 'better-sqlite3';
import { logger } from '../lib/logger';

/**
 * WAL checkpoints off the request path.
 *
 * SQLite copies the write-ahead log back into the database file (a checkpoint) inside whichever commit takes the
 * log past `wal_autocheckpoint` pages (1,000 by default): that commit writes a few megabytes and syncs the file
 * while its process, better-sqlite3 being synchronous, answers nothing else. Under the mixed load a new actual
 * dirties ~20 pages, so every ~50th one stalled its worker for 10–45 ms, and each checkpoint copied again the
 * same hot pages (the rollup, the list counters, the upper levels of the indexes) the last one had copied.
 *
 * With several server processes, the cluster's primary, which serves no requests, checkpoints instead: PASSIVE
 * (it never waits for, nor blocks, a reader or the writer) every CHECKPOINT_INTERVAL_MS, so the log stays at a
 * fraction of a second of writes and each page is copied once per round however often it changed. The workers
 * keep an automatic checkpoint at WORKER_AUTOCHECKPOINT_PAGES as a backstop, so the log still has a bound if the
 * primary's rounds stop or fall behind.
 */

/** How often the primary checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 500;

/** The workers' own automatic checkpoint (pages of 4 KB: ≈ 40 MB of log), reached only if the primary's stop. */
export const WORKER_AUTOCHECKPOINT_PAGES = 10_000;

/** What one PASSIVE checkpoint reported: frames in the log, and how many of them are now in the database file. */
export interface CheckpointRound {
  busy: boolean;
  logFrames: number;
  checkpointedFrames: number;
}

/** One PASSIVE checkpoint on this connection. */
export function checkpointPassive(sqlite: Database.Database): CheckpointRound {
  const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: row?.busy === 1, logFrames: row?.log ?? 0, checkpointedFrames: row?.checkpointed ?? 0 };
}

/** Leaves checkpoints to another connection (see above), keeping an automatic one at `pages` as a backstop. */
export function deferCheckpoints(sqlite: Database.Database, pages = WORKER_AUTOCHECKPOINT_PAGES): void {
  sqlite.pragma(`wal_autocheckpoint = ${pages}`);
}

/**
 * Checkpoints `sqlite` every `intervalMs` until stopped. A round that fails (the file gone, a disk error) is
 * logged and the next one tries again; the timer never keeps the process alive.
 */
export function startCheckpoints(sqlite: Database.Database, intervalMs = CHECKPOINT_INTERVAL_MS): { stop: () => void } {
  let failing = false;
  const timer = setInterval(() => {
    try {
      checkpointPassive(sqlite);
      failing = false;
    } catch (err) {
      // Logged once per run of failures, not every half second.
      if (!failing) logger.error({ err }, 'WAL checkpoint failed; retrying');
      failing = true;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
