import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiClient, type Body, loginAs } from '../setup/auth';
import { startTestServer, type TestServer } from '../setup/server';

// Issue 11 (8): requests a client gets wrong are the client's mistake: 400 with a clear message, and no stack
// trace in the server's log.

let srv: TestServer;
let analyst: ApiClient;
beforeAll(async () => {
  srv = await startTestServer();
  analyst = await loginAs(srv, 'analyst');
});
afterAll(() => srv.close());

/** A raw request, so that headers and bytes go out exactly as written (fetch would refuse or fix some). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; body: Body }> {
  const { port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : {}) as Body });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const session = () => ({ cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken });

function multipart(fileName: string, content: string) {
  const boundary = 'zhibiaoBoundary42';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    Buffer.from(fileName, 'utf8'),
    Buffer.from(`"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

/** Runs a request and returns it together with what the server wrote to console.error meanwhile. */
async function withErrorLog(send: () => Promise<{ status: number; body: Body }>) {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const res = await send();
    return { ...res, logged: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

describe('malformed requests', () => {
  it('answers a NUL in a multipart file name with 400', async () => {
    const { body, type } = multipart('bad\0name.txt', '到2025年，全省5G基站达到8万个。');
    const res = await withErrorLog(() =>
      raw(
        'POST',
        '/api/documents',
        { ...session(), 'content-type': type, 'content-length': String(body.length) },
        body,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toBeTruthy();
    expect(res.logged).toBe(0);
  });

  it('answers a multipart body cut short with 400', async () => {
    const { body, type } = multipart('ok.txt', '到2025年，全省5G基站达到8万个。');
    const cut = body.subarray(0, body.length - 30);
    const res = await withErrorLog(() =>
      raw('POST', '/api/documents', { ...session(), 'content-type': type, 'content-length': String(cut.length) }, cut),
    );
    expect(res.status).toBe(400);
    expect(res.logged).toBe(0);
  });

  it('answers an unknown Content-Encoding with 400, before login too', async () => {
    const json = Buffer.from(JSON.stringify({ username: 'x', password: 'y' }));
    const res = await withErrorLog(() =>
      raw(
        'POST',
        '/api/auth/login',
        {
          'content-type': 'application/json',
          'content-encoding': 'zstd-nonsense',
          'content-length': String(json.length),
        },
        json,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('UNSUPPORTED_ENCODING');
    expect(res.logged).toBe(0);
  });

  it('answers an unknown charset with 400', async () => {
    const json = Buffer.from(JSON.stringify({ username: 'x', password: 'y' }));
    const res = await withErrorLog(() =>
      raw(
        'POST',
        '/api/auth/login',
        { 'content-type': 'application/json; charset=klingon-8', 'content-length': String(json.length) },
        json,
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('UNSUPPORTED_CHARSET');
    expect(res.logged).toBe(0);
  });

  it('answers a malformed % escape in a path id with 400', async () => {
    const res = await withErrorLog(() => raw('GET', '/api/targets/%E0%A4%A', { cookie: analyst.cookie }));
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('BAD_PATH');
    expect(res.logged).toBe(0);
  });
});
