import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bySegment } from '../../server/lib/routing';

/** Counts the requests that go into a router at all, whatever it then answers. */
function counted(router: Router): { router: Router; entered: () => number } {
  let n = 0;
  // Express's routers have a `handle` the typings leave out; it is what `router(req, res, next)` calls.
  const inner = router as Router & { handle: (req: Request, res: Response, next: NextFunction) => void };
  const handle = inner.handle.bind(router);
  inner.handle = (req, res, next) => {
    n++;
    return handle(req, res, next);
  };
  return { router, entered: () => n };
}

const alpha = counted(Router());
alpha.router.get('/alpha', (_req, res) => res.send('alpha list'));
alpha.router.get('/alpha/:id', (req, res) => res.send(`alpha ${req.params.id}`));
const beta = counted(Router());
beta.router.post('/beta/:id/go', (req, res) => res.send(`beta ${req.params.id} went`));
// A router-level middleware: which paths it wants cannot be told from its routes, so it is always entered.
const gamma = counted(Router());
gamma.router.use((_req, res, next) => {
  res.setHeader('x-gamma', 'seen');
  next();
});
gamma.router.get('/gamma', (_req, res) => res.send('gamma'));

let url = '';
let close: () => void;

beforeAll(async () => {
  const app = express();
  const api = Router();
  api.use(bySegment(alpha.router));
  api.use(bySegment(beta.router));
  api.use(bySegment(gamma.router));
  api.use((_req, res) => res.status(404).send('none'));
  app.use('/api', api);
  const server = app.listen(0);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => close());

async function get(path: string, method = 'GET'): Promise<[number, string, string | null]> {
  const res = await fetch(url + path, { method });
  return [res.status, await res.text(), res.headers.get('x-gamma')];
}

describe('bySegment', () => {
  it('answers every route of each router as before, parameters and case included', async () => {
    expect(await get('/api/alpha')).toEqual([200, 'alpha list', null]);
    expect((await get('/api/alpha/7'))[1]).toBe('alpha 7');
    expect((await get('/api/ALPHA/8'))[1]).toBe('alpha 8');
    expect((await get('/api/alpha/'))[1]).toBe('alpha list');
    expect((await get('/api/beta/3/go', 'POST'))[1]).toBe('beta 3 went');
    expect(await get('/api/gamma')).toEqual([200, 'gamma', 'seen']);
    expect((await get('/api/nowhere'))[0]).toBe(404);
    expect((await get('/api/alphabet'))[0]).toBe(404);
  });

  it('lets a request into a router only under that router’s first segments, except a router with middleware', async () => {
    const before = [alpha.entered(), beta.entered(), gamma.entered()] as const;
    await get('/api/beta/1/go', 'POST');
    await get('/api/beta/2/go', 'POST');
    await get('/api/nowhere');
    const after = [alpha.entered(), beta.entered(), gamma.entered()] as const;
    expect(after[0] - before[0]).toBe(0);
    expect(after[1] - before[1]).toBe(2);
    // beta answered two of the three, so gamma saw only the one nobody else took.
    expect(after[2] - before[2]).toBe(1);
    await get('/api/alpha/9');
    expect(alpha.entered() - after[0]).toBe(1);
    expect(beta.entered() - after[1]).toBe(0);
  });
});
