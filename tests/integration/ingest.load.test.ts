import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

// Issue 11 (4): a text made of thousands of figures, and writes that meet a database busy with another writer.

let srv: TestServer;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

const figureText = (n: number, tag: string) => {
  let text = `指标密集文件${tag}\n`;
  for (let i = 0; i < n; i++) text += `到2025年，第${i}项指标达到70%。\n`;
  return text;
};
const documentCount = () => (srv.db.$client.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

describe('figures per document', () => {
  it('refuses a text of 6,000 figures with 413 TOO_MANY_FIGURES and stores nothing', async () => {
    const before = documentCount();
    const { status, body } = await analyst.upload('too-many.txt', figureText(6000, 'A'));
    expect(status).toBe(413);
    expect(body.error?.code).toBe('TOO_MANY_FIGURES');
    expect(body.error?.message).toMatch(/5000/);
    expect(documentCount()).toBe(before);
  });

  it('stores a text of 5,000 figures, the limit, in one short write', async () => {
    const t0 = performance.now();
    const { status, body } = await analyst.upload('at-limit.txt', figureText(5000, 'B'));
    const ms = performance.now() - t0;
    console.log(`5,000-figure upload: ${status} in ${ms.toFixed(0)} ms`);
    expect(status).toBe(201);
    expect(body.figures).toMatchObject({ added: 5000 });
  });
});

describe('a database busy with another writer', () => {
  it('waits and retries a write instead of answering 500 when another process holds the lock past the busy timeout', async () => {
    const id = buildTarget(srv.db).id;
    // Another process's long write: the lock is held 6.5 s, longer than the connection's 5 s busy timeout.
    const other = new Database(srv.dbPath);
    other.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT');
        other.close();
        resolve();
      }, 6500),
    );
    const res = await analyst.send('POST', `/api/targets/${id}/actuals`, { value: 42, asOf: '2025-01-31' });
    await released;
    expect(res.status).toBe(201);
    expect((await analyst.get(`/api/targets/${id}/actuals`)).body).toMatchObject([{ value: 42 }]);
  }, 60_000);
});
