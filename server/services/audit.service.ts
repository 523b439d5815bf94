import type {
  AuditAction,
  AuditEntity,
  AuditEntry,
  AuditFilters,
  AuditPage,
  AuditQuery,
} from '../../shared/schemas/audit';
import type { Db } from '../db/client';
import { type AuditRow, insertAudit, iterateAudit, listAudit } from '../repos/audit.repo';

export interface AuditEvent {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  /** Snapshot before the change; serialised as JSON. */
  before?: unknown;
  /** Snapshot after the change (or what a refused change asked for); serialised as JSON. */
  after?: unknown;
  reason?: string | null;
  /** The bulk change or undo this entry is part of. */
  batchId?: string | null;
}

/** Who did it: a logged-in user, or only the name that was tried (a failed login), or nobody. */
export type AuditActor = { id: number | null; username: string | null } | null;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends an audit entry. Call it inside the transaction of the change it records, so that a change
 * and its entry are written together or not at all.
 */
export function recordAudit(db: Db, actor: AuditActor, e: AuditEvent, at: Date = new Date()): void {
  insertAudit(db, {
    at: at.toISOString(),
    userId: actor?.id ?? null,
    username: actor?.username ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    before: json(e.before),
    after: json(e.after),
    reason: e.reason ?? null,
    batchId: e.batchId ?? null,
  });
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    ...r,
    action: r.action as AuditEntry['action'],
    entity: r.entity as AuditEntry['entity'],
    before: parse(r.before),
    after: parse(r.after),
  };
}

/** A page of the audit log, newest first. */
export function listAuditPage(db: Db, q: AuditQuery): AuditPage {
  const { page, pageSize, ...filters } = q;
  const { rows, total } = listAudit(db, filters, page, pageSize);
  return { items: rows.map(toAuditEntry), total, page, pageSize };
}

export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'user id',
  'user',
  'action',
  'entity',
  'entity id',
  'before',
  'after',
  'reason',
  'batch',
] as const;

/** The filtered audit log as CSV rows, oldest first; before/after stay JSON text. */
export function* auditCsvRows(db: Db, f: AuditFilters): Generator<unknown[]> {
  for (const r of iterateAudit(db, f)) {
    yield [r.id, r.at, r.userId, r.username, r.action, r.entity, r.entityId, r.before, r.after, r.reason, r.batchId];
  }
}
