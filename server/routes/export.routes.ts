import { Router } from 'express';
import { TargetExportQuerySchema } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { sendCsv } from '../lib/csv';
import { route } from '../lib/validate';
import { sendXlsx } from '../lib/xlsx';
import { messagesOf } from '../services/export.labels';
import { actualsTable, filterStatement, preamble, targetsTable } from '../services/export.service';

/** What the list takes (its filters and sort) and `lang`: the exports are the list, for people. */
const ExportQuerySchema = TargetExportQuerySchema;

export function exportRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.get(
    '/export/targets.csv',
    route({ query: ExportQuerySchema }, async ({ query }, _req, res) => {
      const table = targetsTable(db, query, today(), 'csv');
      await sendCsv(res, 'zhibiao-targets', table.header, table.rows, today());
    }),
  );
  r.get(
    '/export/targets.xlsx',
    route({ query: ExportQuerySchema }, async ({ query }, _req, res) => {
      const m = messagesOf(query.lang);
      const day = today();
      const lines = preamble(db, query, day);
      const targets = targetsTable(db, query, day, 'xlsx');
      const actuals = actualsTable(db, query, query.lang);
      await sendXlsx(
        res,
        'zhibiao-targets',
        [
          { name: m.exportFile.targetsSheet, preamble: lines, ...targets },
          { name: m.exportFile.actualsSheet, preamble: lines, ...actuals },
        ],
        day,
      );
    }),
  );
  r.get(
    '/export/filters',
    route({ query: ExportQuerySchema }, ({ query }, _req, res) => {
      // The filter as the workbook states it, for pages that state it too (the briefing).
      res.json(filterStatement(db, query));
    }),
  );
  r.get(
    '/export/actuals.csv',
    route({ query: ExportQuerySchema }, async ({ query }, _req, res) => {
      // The whole history by default, the actuals of removed figures included; filters narrow it to their targets.
      const table = actualsTable(db, { ...query, includeGone: query.includeGone ?? true }, query.lang);
      await sendCsv(res, 'zhibiao-actuals', table.header, table.rows, today());
    }),
  );
  return r;
}
