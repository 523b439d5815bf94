import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

// Issue 11 (7): Notepad's "Unicode" is UTF-16LE with a BOM; it was read as GB18030 and stored as garbage.

let srv: TestServer;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer({ today: '2025-06-30' });
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

const TEXT = '关于推进数字乡村建设的实施方案\n到2025年，全省农村互联网普及率达到70%。\n';
const withBom = (text: string, encoding: 'utf-16le' | 'utf-16be') => iconv.encode(text, encoding, { addBOM: true });

describe('UTF-16 with a byte order mark', () => {
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    it(`stores a ${encoding.toUpperCase()} policy text with its title and figures`, async () => {
      const { status, body } = await analyst.upload(
        `${encoding}.txt`,
        withBom(TEXT.replace('全省', `${encoding}全省`), encoding),
      );
      expect(status).toBe(201);
      const doc = body.document as { title: string; encoding: string; figures: number };
      expect(doc.title).toBe('关于推进数字乡村建设的实施方案');
      expect(doc.encoding).toBe(encoding.toUpperCase());
      expect(doc.figures).toBe(1);
    });
  }

  it('imports a UTF-16LE CSV of actuals', async () => {
    const t = buildTarget(srv.db);
    const csv = withBom(`targetId,value,asOf\n${t.id},12.5,2025-03-31\n`, 'utf-16le');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)]), 'actuals.csv');
    const res = await analyst.fetch('/api/actuals/import', { method: 'POST', body: form });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({ format: 'csv', imported: 1 });
  });
});
