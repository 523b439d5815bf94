import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';

interface Schemas {
  query?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface Validated<S extends Schemas> {
  query: Infer<S['query']>;
  params: Infer<S['params']>;
  body: Infer<S['body']>;
}

/** SQLite's "database is locked" (and its variants): another process held the write lock past the busy timeout. */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Waits before each further try of a request that found the database busy: 0.25 s, then 0.5 s, then 1 s. */
const BUSY_RETRY_DELAYS_MS = [250, 500, 1000];

/**
 * A route handler whose inputs are parsed by zod schemas from `shared/` before it runs. A parse
 * failure throws a ZodError, which the error middleware answers with 400 and the issues as details.
 * Express 5 forwards a rejected promise to the error middleware, so handlers have no try/catch.
 *
 * A handler that finds the database locked by another process's write for longer than the connection's busy
 * timeout (5 s) is run again after a pause, off the event loop, up to three times: SQLite rolled its transaction
 * back, so nothing of it was stored. (A handler with two transactions, such as a login, may have committed the
 * first; both are built to be repeated.) Only then does the error middleware answer 503 with Retry-After.
 */
export function route<S extends Schemas>(
  schemas: S,
  handler: (input: Validated<S>, req: Request, res: Response) => unknown,
): RequestHandler {
  return async (req: Request, res: Response, _next: NextFunction) => {
    const input = {
      query: schemas.query ? schemas.query.parse(req.query) : undefined,
      params: schemas.params ? schemas.params.parse(req.params) : undefined,
      body: schemas.body ? schemas.body.parse(req.body) : undefined,
    } as Validated<S>;
    for (const delay of [...BUSY_RETRY_DELAYS_MS, undefined]) {
      try {
        await handler(input, req, res);
        return;
      } catch (err) {
        if (delay === undefined || !isDatabaseBusy(err) || res.headersSent) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
}
