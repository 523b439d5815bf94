import { type AuditFilters, AuditFiltersSchema } from '../../../../shared/schemas/audit';
import { localDayBounds } from './entries';

/** The audit log's filters as they live in the URL, so a view of the log can be shared and reloaded. */
export interface AuditUrlFilters {
  action?: string;
  entity?: string;
  entityId?: string;
  user?: string;
  /** Local calendar days, `YYYY-MM-DD` (what a date input writes). */
  from?: string;
  to?: string;
  page?: string;
}

const shape = AuditFiltersSchema.shape;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && shape.from.safeParse(v).success;

// The API's own schema decides what is valid, so the URL can never hold a filter the API would refuse.
const ALLOWED: Record<keyof AuditUrlFilters, (v: string) => boolean> = {
  action: (v) => shape.action.safeParse(v).success,
  entity: (v) => shape.entity.safeParse(v).success,
  entityId: (v) => v.trim() === v && shape.entityId.safeParse(v).success,
  user: (v) => v.trim() === v && shape.user.safeParse(v).success,
  from: isDay,
  to: isDay,
  page: (v) => /^[1-9]\d*$/.test(v),
};

/** Reads the filters from a query string, dropping any value the API would refuse. */
export function readAuditFilters(sp: URLSearchParams): AuditUrlFilters {
  const out: AuditUrlFilters = {};
  for (const key of Object.keys(ALLOWED) as (keyof AuditUrlFilters)[]) {
    const v = sp.get(key);
    if (v !== null && ALLOWED[key](v)) out[key] = v;
  }
  return out;
}

/** The query string of a set of filters, in a stable order. */
export function auditFiltersToSearch(f: AuditUrlFilters): string {
  const sp = new URLSearchParams();
  for (const key of Object.keys(ALLOWED) as (keyof AuditUrlFilters)[]) {
    const v = f[key];
    if (v) sp.set(key, v);
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** What the API is asked for these URL filters: the local days become the UTC instants they span. */
export function toAuditFilters(f: AuditUrlFilters): AuditFilters {
  return {
    action: shape.action.safeParse(f.action).data,
    entity: shape.entity.safeParse(f.entity).data,
    entityId: f.entityId,
    user: f.user,
    from: f.from ? localDayBounds(f.from).start : undefined,
    to: f.to ? localDayBounds(f.to).end : undefined,
  };
}
