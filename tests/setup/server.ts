import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { type Db, openDatabase } from '../../server/db/client';

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
  const server = createApp({ db, today: () => today, now, clientDir: join(dir, 'no-client') }).listen(0);
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

/**
 * Uploads a file as `multipart/form-data` in the field `file`, as the dashboard does, without a
 * session unless `headers` carry one (see ApiClient.upload in auth.ts for a logged-in upload).
 */
export async function upload(url: string, fileName: string, content: Buffer | string, headers: HeadersInit = {}) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content)]),
    fileName,
  );
  const res = await fetch(`${url}/api/documents`, { method: 'POST', body: form, headers });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}
