import { Router } from 'express';
import { IdParamSchema } from '../../shared/schemas/common';
import { ProposalParamsSchema } from '../../shared/schemas/proposal';
import {
  NewActualSchema,
  TargetFiltersSchema,
  TargetListQuerySchema,
  TargetPatchSchema,
} from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { route } from '../lib/validate';
import { actualsHistory, addActual } from '../services/actuals.service';
import { acceptProposal, listProposals } from '../services/proposals.service';
import { staleSummary, summarise } from '../services/summary.service';
import { getTargetDetail, listTargetPageJson, reviewTarget } from '../services/targets.service';

export function targetsRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.get(
    '/targets',
    route({ query: TargetListQuerySchema }, ({ query }, _req, res) => {
      res.type('json').send(listTargetPageJson(db, query, today()));
    }),
  );
  r.get(
    '/targets/:id',
    route({ params: IdParamSchema }, ({ params }, _req, res) => {
      res.json(getTargetDetail(db, params.id, today()));
    }),
  );
  r.patch(
    '/targets/:id',
    requireRole('analyst'),
    route({ params: IdParamSchema, body: TargetPatchSchema }, ({ params, body }, req, res) => {
      res.json(reviewTarget(db, requireAuth(req).user, params.id, body, today()));
    }),
  );
  r.get(
    '/targets/:id/actuals',
    route({ params: IdParamSchema }, ({ params }, _req, res) => {
      res.json(actualsHistory(db, params.id));
    }),
  );
  r.post(
    '/targets/:id/actuals',
    requireRole('analyst'),
    route({ params: IdParamSchema, body: NewActualSchema }, ({ params, body }, req, res) => {
      res.status(201).json(addActual(db, requireAuth(req).user, params.id, body, today()));
    }),
  );
  r.get(
    '/targets/:id/proposals',
    route({ params: IdParamSchema }, ({ params }, _req, res) => {
      res.json(listProposals(db, params.id, today()));
    }),
  );
  r.post(
    '/targets/:id/proposals/:figureId/accept',
    requireRole('analyst'),
    route({ params: ProposalParamsSchema }, ({ params }, req, res) => {
      res.status(201).json(acceptProposal(db, requireAuth(req).user, params.id, params.figureId, today()));
    }),
  );
  r.get(
    '/summary',
    route({ query: TargetFiltersSchema }, ({ query }, _req, res) => {
      // A kept summary is the same object until a write changes it: serialise it once (44 KB nationally).
      const summary = summarise(db, query, today());
      let body = summaryJson.get(summary);
      if (body === undefined) {
        body = JSON.stringify(summary);
        summaryJson.set(summary, body);
      }
      res.type('json').send(body);
    }),
  );
  r.get(
    '/summary/stale',
    route({ query: TargetFiltersSchema }, ({ query }, _req, res) => {
      res.json(staleSummary(db, query, today()));
    }),
  );
  return r;
}

const summaryJson = new WeakMap<object, string>();
