import { Router } from 'express';
import { TargetListQuerySchema } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { sendCsv } from '../lib/csv';
import { route } from '../lib/validate';
import { ACTUALS_CSV_HEADER, actualsCsvRows, TARGETS_CSV_HEADER, targetsCsvRows } from '../services/export.service';

const ExportQuerySchema = TargetListQuerySchema;

export function exportRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.get(
    '/export/targets.csv',
    route({ query: ExportQuerySchema }, async ({ query }, _req, res) => {
      await sendCsv(res, 'zhibiao-targets', TARGETS_CSV_HEADER, targetsCsvRows(db, query, today()), today());
    }),
  );
  r.get(
    '/export/actuals.csv',
    route({}, async (_input, _req, res) => {
      await sendCsv(res, 'zhibiao-actuals', ACTUALS_CSV_HEADER, actualsCsvRows(db), today());
    }),
  );
  return r;
}
