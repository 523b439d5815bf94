import { Router } from 'express';
import { RegionQuerySchema } from '../../shared/schemas/region';
import { THEMES } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { allRegions } from '../lib/regions';
import { route } from '../lib/validate';
import { health } from '../services/health.service';

/** The one public route: load balancers and monitoring probe it without a login. */
export function healthRoutes(db: Db): Router {
  const r = Router();
  r.get(
    '/health',
    route({}, (_i, _req, res) => {
      res.json(health(db));
    }),
  );
  return r;
}

export function referenceRoutes(): Router {
  const r = Router();
  r.get(
    '/themes',
    route({}, (_i, _req, res) => {
      res.json(THEMES);
    }),
  );
  r.get(
    '/regions',
    route({ query: RegionQuerySchema }, ({ query }, _req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.json(
        allRegions().filter(
          (r) => (!query.level || r.level === query.level) && (!query.parent || r.parentCode === query.parent),
        ),
      );
    }),
  );
  return r;
}
