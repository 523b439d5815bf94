/**
 * The server as the benchmarks run it: a child process (so its memory is its own to measure) on the
 * database file named in DATABASE_PATH, listening on a free loopback port, which it reports to its
 * parent over IPC. Like server/index.ts without the seed ingest and first-admin steps.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app';
import { openDatabase } from '../server/db/client';

const dbPath = process.env.DATABASE_PATH;
if (!dbPath || !process.send) throw new Error('bench/server.ts runs as a child of the benchmarks, with DATABASE_PATH');
const db = openDatabase(dbPath);
const app = createApp({ db, ...(process.env.CLIENT_DIR && { clientDir: process.env.CLIENT_DIR }) });
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
server.keepAliveTimeout = 60_000;
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
});
