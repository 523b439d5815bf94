import { Router } from 'express';
import { AuditFiltersSchema, AuditQuerySchema } from '../../shared/schemas/audit';
import type { Db } from '../db/client';
import { requireRole } from '../lib/auth';
import { sendCsv } from '../lib/csv';
import { route } from '../lib/validate';
import { AUDIT_CSV_HEADER, auditCsvRows, listAuditPage } from '../services/audit.service';

/** The audit log, readable by analysts and admins. Read-only: there is no route that edits or deletes it. */
export function auditRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.get(
    '/audit',
    requireRole('analyst'),
    route({ query: AuditQuerySchema }, ({ query }, _req, res) => {
      res.json(listAuditPage(db, query));
    }),
  );
  r.get(
    '/export/audit.csv',
    requireRole('analyst'),
    route({ query: AuditFiltersSchema }, async ({ query }, _req, res) => {
      await sendCsv(res, 'zhibiao-audit', AUDIT_CSV_HEADER, auditCsvRows(db, query), today());
    }),
  );
  return r;
}
