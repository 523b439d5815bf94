import { Router } from 'express';
import { IdParamSchema } from '../../shared/schemas/common';
import {
  IndicatorDetailQuerySchema,
  IndicatorListQuerySchema,
  MergeIndicatorSchema,
  NewIndicatorSchema,
  RegionCodeParamSchema,
  RegionOverviewQuerySchema,
  SplitIndicatorSchema,
  TargetIndicatorSchema,
} from '../../shared/schemas/indicator';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { route } from '../lib/validate';
import {
  assignTargetIndicator,
  createIndicator,
  indicatorDetail,
  listIndicators,
  mergeIndicators,
  splitIndicator,
} from '../services/indicators.service';
import { regionOverview } from '../services/regions.service';

/** The indicator catalogue, one indicator across regions, and a region's overview. Writes: analysts and admins. */
export function indicatorsRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.get(
    '/indicators',
    route({ query: IndicatorListQuerySchema }, ({ query }, _req, res) => {
      res.json(listIndicators(db, query));
    }),
  );
  r.get(
    '/indicators/:id',
    route({ params: IdParamSchema, query: IndicatorDetailQuerySchema }, ({ params, query }, _req, res) => {
      res.json(indicatorDetail(db, params.id, query, today()));
    }),
  );
  r.post(
    '/indicators',
    requireRole('analyst'),
    route({ body: NewIndicatorSchema }, ({ body }, req, res) => {
      res.status(201).json(createIndicator(db, requireAuth(req).user, body));
    }),
  );
  r.post(
    '/indicators/:id/merge',
    requireRole('analyst'),
    route({ params: IdParamSchema, body: MergeIndicatorSchema }, ({ params, body }, req, res) => {
      res.json(mergeIndicators(db, requireAuth(req).user, params.id, body.from));
    }),
  );
  r.post(
    '/indicators/:id/split',
    requireRole('analyst'),
    route({ params: IdParamSchema, body: SplitIndicatorSchema }, ({ params, body }, req, res) => {
      res.status(201).json(splitIndicator(db, requireAuth(req).user, params.id, body));
    }),
  );
  r.put(
    '/targets/:id/indicator',
    requireRole('analyst'),
    route({ params: IdParamSchema, body: TargetIndicatorSchema }, ({ params, body }, req, res) => {
      res.json(assignTargetIndicator(db, requireAuth(req).user, params.id, body));
    }),
  );
  r.get(
    '/regions/:code/overview',
    route({ params: RegionCodeParamSchema, query: RegionOverviewQuerySchema }, ({ params, query }, _req, res) => {
      res.json(regionOverview(db, params.code, query, today()));
    }),
  );
  return r;
}
