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

/**
 * A route handler whose inputs are parsed by zod schemas from `shared/` before it runs. A parse
 * failure throws a ZodError, which the error middleware answers with 400 and the issues as details.
 * Express 5 forwards a rejected promise to the error middleware, so handlers have no try/catch.
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
    await handler(input, req, res);
  };
}
