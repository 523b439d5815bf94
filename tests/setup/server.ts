import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { type Db, openDatabase } from '../../server/db/client';
import { logger } from '../../server/lib/logger';

/** Requests answered in-process are not logged one by one; warnings and errors still are. */
const quietLogger = logger.child({}, { level: 'warn' });

export interface TestServer {
  url: string;
  db: Db;
  dbPath: string;
  /** Moves the server's clock (sessions, login lockouts) forward, e.g. past a 15-minute lock. */
  advanceClock: (ms: number) => void;
  close: () => Promise<void>;
}

/** The real app on a real, freshly migrated SQLite file in a temp folder, listening on a free port. */
export async function startTestServer(opts: { today?: string } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-test-'));
  const dbPath = join(dir, 'test.db');
  const db = openDatabase(dbPath);
  const today = opts.today ?? '2025-06-30';
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const server = createApp({
    db,
    today: () => today,
    now,
    clientDir: join(dir, 'no-client'),
    logger: quietLogger,
  }).listen(0);
  // Tests block the event loop to build data; a keep-alive socket closed by the server's idle timer
  // in that moment would fail the next request for reasons that have nothing to do with the app.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    dbPath,
    advanceClock: (ms) => {
      offsetMs += ms;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
