import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { createApp } from './app';
import { deferCheckpoints, startCheckpoints } from './db/checkpoint';
import { type Db, openDatabase } from './db/client';
import { todayInChina } from './lib/clock';
import { logger } from './lib/logger';
import { refreshAllStatusesInChunks, scheduleDailyStatusRefresh } from './services/status.service';

export interface ServeOptions {
  dbPath: string;
  /** 0 for a free port, which every worker then shares. */
  port: number;
  /** The address to listen on; every interface when unset. */
  host?: string;
  /** Folder of the built client (createApp's default when unset). */
  clientDir?: string;
  /** One-time work on the migrated database before any request is served (seeds, the first admin). */
  prepare?: (db: Db) => void | Promise<void>;
  /** Applied to each HTTP server before it listens (e.g. a longer keepAliveTimeout). */
  configureServer?: (server: Server) => void;
}

/** The running server, as the process that started it sees it. */
export interface Serving {
  /** The port every worker listens on. */
  port: number;
  /** How many processes answer requests. */
  workers: number;
  /** Stops taking connections, lets requests in flight finish, closes the database(s); resolves when done. */
  stop: () => Promise<void>;
}

/**
 * How many processes serve requests: env ZHIBIAO_WORKERS, by default one per core up to four. SQLite lets
 * several processes read one WAL file at once while one writes, and everything the processes share —
 * sessions, login throttling, meta, the summary caches' version counter — lives in that file, so requests may
 * land on any worker. The default stops at four because each worker costs its own memory (connection, page
 * and statement caches, summary cache) while writes still take turns; more can be asked for.
 */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ZHIBIAO_WORKERS;
  if (raw === undefined || raw === '') return Math.min(availableParallelism(), 4);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`ZHIBIAO_WORKERS must be a whole number ≥ 1, not "${raw}"`);
  return n;
}

/** How long a stopping server lets requests in flight finish before it closes their connections. */
const STOP_GRACE_MS = 10_000;
/** Workers that die before they listen, one after another, before the primary gives up. */
const MAX_STARTUP_FAILURES = 3;
/** A replacement waits 0.5 s, doubled for each other unexpected exit in the last minute, up to 30 s. */
const RESPAWN_BASE_MS = 500;
const RESPAWN_MAX_MS = 30_000;
const RESPAWN_WINDOW_MS = 60_000;

const STOP_MESSAGE = 'zhibiao:stop';

/**
 * Runs the server as server/index.ts and the benchmarks do (bench/server.ts), in one of two shapes:
 * - ZHIBIAO_WORKERS=1: one process opens the database, prepares it, brings the statuses up to date and
 *   listens — the simplest to debug;
 * - otherwise a node:cluster primary does that one-time work (migrations, `prepare`, the statuses) on its own
 *   connection, then forks the workers, each of which opens its own connection and listens on the shared
 *   port (the primary hands out the connections). The primary replaces a worker that dies, refreshes the
 *   statuses at each midnight China time, and stops everything on SIGINT/SIGTERM.
 * The entry script runs again in each worker (that is how node:cluster starts them), so it must call `serve`
 * with the same options and do nothing else there: in a worker this serves until told to stop and returns
 * undefined; elsewhere it returns once every worker listens.
 */
export async function serve(opts: ServeOptions): Promise<Serving | undefined> {
  if (cluster.isWorker) {
    await runWorker(opts);
    return undefined;
  }
  const workers = workerCount();
  const db = openDatabase(opts.dbPath);
  await opts.prepare?.(db);
  // Chunked rather than ensureStatusesFresh, which would heed the announcement a primary killed part-way
  // through a refresh left behind, and so serve half-refreshed statuses for up to 10 minutes.
  const today = todayInChina();
  const fresh = await refreshAllStatusesInChunks(db, today);
  if (fresh.rows)
    logger.info(`Refreshed the statuses of ${fresh.rows} targets for ${today} in ${fresh.seconds.toFixed(1)} s`);
  const daily = scheduleDailyStatusRefresh(db);
  // With workers, the WAL is checkpointed here, off their request path (db/checkpoint.ts).
  const checkpoints = workers === 1 ? undefined : startCheckpoints(db.$client);
  let serving: { port: number; stop: () => Promise<void> } | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      daily.stop();
      await serving?.stop();
      checkpoints?.stop();
      db.$client.close();
    })();
    return stopped;
  };
  const stopAndExit = () => void stop().then(() => process.exit(0));
  serving = workers === 1 ? await listenHere(db, opts) : await forkWorkers(workers, stopAndExit);
  process.once('SIGINT', stopAndExit);
  process.once('SIGTERM', stopAndExit);
  return { port: serving.port, workers, stop };
}

/** TRUST_PROXY (e.g. `1` or `loopback`) as Express's `trust proxy`: a hop count, or names and addresses. */
function trustProxy(): number | string | undefined {
  const v = process.env.TRUST_PROXY;
  if (!v) return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** The app on `db`, listening; resolves with its port and a graceful stop. */
async function listenHere(db: Db, opts: ServeOptions): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = createApp({ db, ...(opts.clientDir && { clientDir: opts.clientDir }) });
  // Behind a reverse proxy, TRUST_PROXY makes req.ip the client's address, which login throttling counts by,
  // and req.secure follow X-Forwarded-Proto for the Secure cookie.
  const proxy = trustProxy();
  if (proxy !== undefined) app.set('trust proxy', proxy);
  const server = opts.host === undefined ? app.listen(opts.port) : app.listen(opts.port, opts.host);
  opts.configureServer?.(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        // close() stops accepting and resolves once the connections in use have ended; idle keep-alive ones
        // are closed at once, and whatever still runs after the grace period is cut off.
        const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** A worker: its own connection to the database, the app on the shared port, a graceful exit when asked. */
async function runWorker(opts: ServeOptions): Promise<void> {
  let stopServer: (() => Promise<void>) | undefined;
  let stopping = false;
  const db = openDatabase(opts.dbPath);
  deferCheckpoints(db.$client);
  const exit = () => {
    if (stopping) return;
    stopping = true;
    // Asked before it listens (the primary giving up on a failing start), there is nothing to finish.
    void (stopServer?.() ?? Promise.resolve()).then(() => {
      db.$client.close();
      // 0 tells the primary this worker stopped on purpose and is not to be replaced.
      process.exit(0);
    });
  };
  process.on('message', (m) => {
    if (m === STOP_MESSAGE) exit();
  });
  // A terminal's Ctrl-C and systemd's stop signal the whole process group, workers included.
  process.once('SIGINT', exit);
  process.once('SIGTERM', exit);
  stopServer = (await listenHere(db, opts)).stop;
}

/**
 * Forks `n` workers and resolves, with the port they share, once all of them listen. Then keeps `n` running:
 * a worker that exits with an error or a signal is replaced after a back-off; workers that die before they
 * ever listen (a port in use, a database that cannot be opened) are not retried forever — after a few in a
 * row the primary stops the others and exits 1. When every worker has stopped on its own (a signal sent to
 * each of them), `onAllStopped` is called.
 */
function forkWorkers(n: number, onAllStopped: () => void): Promise<{ port: number; stop: () => Promise<void> }> {
  const listened = new WeakSet<Worker>();
  const recentExits: number[] = [];
  let startupFailures = 0;
  let stopping = false;
  let port: number | undefined;

  // A worker stays in cluster.workers until its IPC channel has closed too, which may come after its exit.
  const running = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  const stopWorkers = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      const left = running();
      if (!left.length) return resolve();
      let pending = left.length;
      for (const w of left) {
        w.once('exit', () => {
          if (--pending === 0) resolve();
        });
        if (w.isConnected()) w.send(STOP_MESSAGE, () => {});
      }
    });

  return new Promise((resolve) => {
    cluster.on('listening', (worker, address) => {
      listened.add(worker);
      startupFailures = 0;
      if (port === undefined) {
        if (running().filter((w) => listened.has(w)).length < n) return;
        port = address.port;
        resolve({ port, stop: stopWorkers });
      } else {
        logger.info(`Worker ${worker.id} (pid ${worker.process.pid}) is listening`);
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (code === 0 && !signal) {
        // Only a worker told to stop exits 0, e.g. when a SIGTERM reached it before the primary.
        logger.info(`Worker ${worker.id} (pid ${worker.process.pid}) stopped`);
        if (!running().length) onAllStopped();
        return;
      }
      if (!listened.has(worker) && ++startupFailures >= MAX_STARTUP_FAILURES) {
        logger.error(`Worker ${worker.id} exited with ${how} before listening, ${startupFailures} in a row: giving up`);
        void stopWorkers().then(() => process.exit(1));
        return;
      }
      const now = Date.now();
      recentExits.push(now);
      while ((recentExits[0] ?? now) < now - RESPAWN_WINDOW_MS) recentExits.shift();
      const delay = Math.min(RESPAWN_BASE_MS * 2 ** (recentExits.length - 1), RESPAWN_MAX_MS);
      logger.error(
        `Worker ${worker.id} (pid ${worker.process.pid}) exited with ${how}; starting a replacement in ${(delay / 1000).toFixed(1)} s`,
      );
      setTimeout(() => {
        if (!stopping) cluster.fork();
      }, delay);
    });
    for (let i = 0; i < n; i++) cluster.fork();
  });
}
