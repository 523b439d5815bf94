/**
 * The server as the benchmarks run it: a child process (so its memory is its own to measure) on the
 * database file named in DATABASE_PATH, listening on a free loopback port, which it reports to its
 * parent over IPC. The production configuration (server/serve.ts: ZHIBIAO_WORKERS processes, by default one
 * per core up to four) without the seed ingest and first-admin steps.
 */
import cluster from 'node:cluster';
import { serve } from '../server/serve';

const dbPath = process.env.DATABASE_PATH;
// A cluster worker runs this file too, with IPC to the primary rather than to the benchmarks.
if (!dbPath || (cluster.isPrimary && !process.send)) {
  throw new Error('bench/server.ts runs as a child of the benchmarks, with DATABASE_PATH');
}
const serving = await serve({
  dbPath,
  port: 0,
  host: '127.0.0.1',
  ...(process.env.CLIENT_DIR && { clientDir: process.env.CLIENT_DIR }),
  configureServer: (server) => {
    server.keepAliveTimeout = 60_000;
  },
});
if (serving) {
  process.send?.({ port: serving.port });
  // The benchmarks disconnect when they are done (or die).
  process.on('disconnect', () => void serving.stop().then(() => process.exit(0)));
}
