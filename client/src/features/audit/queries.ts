import { queryOptions } from '@tanstack/react-query';
import { AuditPageSchema } from '../../../../shared/schemas/audit';
import { getJson, toSearch } from '../../api/http';
import { type AuditUrlFilters, toAuditFilters } from './filters';

export const AUDIT_PAGE_SIZE = 50;

export const auditQueries = {
  list: (filters: AuditUrlFilters) =>
    queryOptions({
      queryKey: ['audit', 'list', filters],
      queryFn: ({ signal }) =>
        getJson(
          `/api/audit${toSearch({ ...toAuditFilters(filters), page: filters.page, pageSize: AUDIT_PAGE_SIZE })}`,
          AuditPageSchema,
          signal,
        ),
      // Someone opens the log right after making a change to see it recorded; no mutation invalidates
      // the log (every write adds to it), so it is fetched afresh on every visit rather than kept 30 s.
      staleTime: 0,
      placeholderData: (prev) => prev,
    }),
};

/** The CSV export of exactly the filtered log (every page of it). */
export function auditCsvHref(filters: AuditUrlFilters): string {
  return `/api/export/audit.csv${toSearch({ ...toAuditFilters(filters) })}`;
}
