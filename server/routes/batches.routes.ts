import { Router } from 'express';
import { BatchParamSchema, BulkPatchSchema } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { route } from '../lib/validate';
import { bulkUpdate, undoBatch } from '../services/batches.service';

/** Bulk review and correction of targets, and undoing a bulk change (issue 14). */
export function batchesRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.patch(
    '/targets',
    requireRole('analyst'),
    route({ body: BulkPatchSchema }, ({ body }, req, res) => {
      res.json(bulkUpdate(db, requireAuth(req).user, body, today()));
    }),
  );
  r.post(
    '/batches/:batchId/undo',
    requireRole('analyst'),
    route({ params: BatchParamSchema }, ({ params }, req, res) => {
      res.json(undoBatch(db, requireAuth(req).user, params.batchId, today()));
    }),
  );
  return r;
}
