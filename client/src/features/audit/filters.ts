import { z } from 'zod';
import { type AuditFilters, AuditQuerySchema } from '../../../../shared/schemas/audit';
import { readUrlFilters, type UrlFilters } from '../../lib/urlFilters';
import { localDayBounds } from './entries';

/**
 * The audit log's query as it lives in the URL, so a view of the log can be shared and reloaded: the API's
 * own query, except that `from` and `to` are local calendar days, `YYYY-MM-DD` (what a date input writes),
 * which `toAuditFilters` turns into the instants they span.
 */
const AuditUrlSchema = AuditQuerySchema.extend({ from: z.iso.date().optional(), to: z.iso.date().optional() });
export type AuditUrlFilters = UrlFilters<typeof AuditUrlSchema, 'pageSize'>;

/** Reads the filters from a query string, dropping any value the API would refuse. */
export function readAuditFilters(sp: URLSearchParams): AuditUrlFilters {
  return readUrlFilters(AuditUrlSchema, sp, ['pageSize']);
}

/** What the API is asked for these URL filters: the local days become the UTC instants they span. */
export function toAuditFilters(f: AuditUrlFilters): AuditFilters {
  return {
    action: f.action,
    entity: f.entity,
    entityId: f.entityId,
    user: f.user,
    batch: f.batch,
    from: f.from ? localDayBounds(f.from).start : undefined,
    to: f.to ? localDayBounds(f.to).end : undefined,
  };
}
