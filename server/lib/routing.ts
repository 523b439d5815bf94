import type { RequestHandler, Router } from 'express';

/**
 * A router entered only by requests whose path begins with one of its routes' first segments.
 *
 * The API mounts its ten routers one after another at the same place, so every request went into each of them
 * and had each route's pattern tried against its path — about forty tests, a tenth of a small request's CPU,
 * before reaching `/targets`. The segments are read from the router's own routes when this is called, so they
 * cannot drift from what the router serves: a router with a layer that is not a plain route (a middleware, a
 * pattern that is not a string, a route whose first segment is a parameter) is returned as it is, entered always.
 * Express matches paths without regard to case, and so does this.
 */
export function bySegment(router: Router): RequestHandler {
  const segments = new Set<string>();
  for (const layer of router.stack as { route?: { path?: unknown } }[]) {
    const path = layer.route?.path;
    const first = typeof path === 'string' ? firstSegment(path) : undefined;
    if (!first || !/^[a-z0-9._-]+$/i.test(first)) return router;
    segments.add(first.toLowerCase());
  }
  return (req, res, next) => {
    if (segments.has(firstSegment(req.path).toLowerCase())) return router(req, res, next);
    next();
  };
}

function firstSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return path.slice(1, end === -1 ? undefined : end);
}
