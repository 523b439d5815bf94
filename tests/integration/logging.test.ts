import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { type Db, openDatabase } from '../../server/db/client';

/** The app on a real database, logging JSON lines into `lines` as the production server writes them. */
const dir = mkdtempSync(join(tmpdir(), 'zhibiao-logging-'));
const lines: Array<Record<string, unknown>> = [];
let db: Db;
let server: Server;
let url = '';

beforeAll(async () => {
  db = openDatabase(join(dir, 'log.db'));
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  server = createApp({ db, logger, clientDir: join(dir, 'no-client') }).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

describe('request logging', () => {
  it('logs each request once, with the id it was sent under, and returns that id', async () => {
    const res = await fetch(`${url}/api/health`, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    const mine = linesOf('trace-42');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/^GET \/api\/health 200 in \d+ ms$/) });
    expect(mine[0]?.res).toEqual({ statusCode: 200 });
    expect(mine[0]?.req).toEqual({ method: 'GET', url: '/api/health', remoteAddress: expect.any(String) });
    expect(mine[0]?.responseTime).toEqual(expect.any(Number));
  });

  it('logs the full address with its query, and a refused request at info', async () => {
    const res = await fetch(`${url}/api/no-such-thing?x=1`, { headers: { 'X-Request-Id': 'trace-401' } });
    expect(res.status).toBe(401);
    expect(linesOf('trace-401')).toEqual([
      expect.objectContaining({
        level: 30,
        req: expect.objectContaining({ url: '/api/no-such-thing?x=1' }),
        msg: expect.stringMatching(/^GET \/api\/no-such-thing\?x=1 401 in \d+ ms$/),
      }),
    ]);
  });

  it('gives a request without a usable id a new one', async () => {
    const plain = await fetch(`${url}/api/health`);
    const id = plain.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf(id)).toHaveLength(1);

    const odd = await fetch(`${url}/api/health`, { headers: { 'X-Request-Id': 'not ok; <script>' } });
    const replaced = odd.headers.get('x-request-id') ?? '';
    expect(replaced).not.toContain('script');
    expect(linesOf(replaced)).toHaveLength(1);
  });

  it('keeps credentials out of the log', async () => {
    const res = await fetch(`${url}/api/targets`, {
      headers: { Cookie: 'zhibiao_session=secret-token-value', 'X-CSRF-Token': 'secret-csrf-value' },
    });
    expect(res.status).toBe(401);
    const line = linesOf(res.headers.get('x-request-id') ?? '')[0];
    expect(line).toMatchObject({ res: { statusCode: 401 } });
    expect(JSON.stringify(lines)).not.toMatch(/secret-token-value|secret-csrf-value/);
  });

  it('logs an unexpected error with the id of the request it broke, and the request at level error', async () => {
    // A database closed under the app: every query throws something no route expects.
    const broken = openDatabase(join(dir, 'broken.db'));
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const other = createApp({ db: broken, logger, clientDir: join(dir, 'no-client') }).listen(0);
    await new Promise((resolve) => other.once('listening', resolve));
    broken.$client.close();
    try {
      const port = (other.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/targets`, {
        headers: { 'X-Request-Id': 'trace-500', Cookie: 'zhibiao_session=whatever' },
      });
      expect(res.status).toBe(500);
      const mine = linesOf('trace-500');
      expect(mine.map((l) => [l.level, l.msg])).toEqual([
        [50, 'Unexpected error'],
        [50, expect.stringMatching(/^GET \/api\/targets 500 in \d+ ms$/)],
      ]);
      expect(mine[0]?.err).toMatchObject({ message: expect.stringContaining('not open') });
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
