import { z } from 'zod';

/** Every kind of event the audit log records. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.lockout',
  'user.create',
  'user.update',
  'user.password_change',
  'user.password_change_failed',
  'document.upload',
  /** The stored text re-read by a newer engine (`npm run reextract`, or the server at start). */
  'document.reextract',
  /** An analyst corrected the document's context (title, issuer, genre, year, plan period); it was read again. */
  'document.context',
  /** A corrected document context added, refreshed, flagged or marked gone one of its targets. */
  'target.context',
  'target.review',
  'target.correct',
  'target.conflict',
  /** A bulk change's (or another undo's) write on one target put back by `POST /api/batches/:id/undo`. */
  'target.undo',
  /** A re-extraction added, refreshed, moved, flagged or marked gone one target. */
  'target.reextract',
  'actual.add',
  'actual.supersede',
  'actual.import',
  /** Indicators (issue 15): created, merged into another, split; a target assigned to one by an analyst. */
  'indicator.create',
  'indicator.merge',
  'indicator.split',
  'target.indicator',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = ['session', 'user', 'document', 'target', 'actual', 'indicator'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  /** ISO 8601 UTC timestamp. */
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.enum(AUDIT_ENTITIES),
  entityId: z.string().nullable(),
  /** The entity as it was before the change (JSON), null for a creation. */
  before: z.unknown(),
  /** The entity after the change, or for a refused change what was asked for. */
  after: z.unknown(),
  reason: z.string().nullable(),
  /** The bulk change or undo the entry is part of; null for a change made on its own. */
  batchId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `YYYY-MM-DD` (a whole UTC day) or a full ISO timestamp. */
const TimeBoundSchema = z.union([z.iso.date(), z.iso.datetime()]);

const auditFilterShape = {
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Username of the actor. */
  user: z.string().trim().toLowerCase().min(1).max(64).optional(),
  entity: z.enum(AUDIT_ENTITIES).optional(),
  entityId: z.string().trim().min(1).max(64).optional(),
  from: TimeBoundSchema.optional(),
  to: TimeBoundSchema.optional(),
  /** Only the entries of one bulk change or undo. */
  batch: z.uuid().optional(),
};

export const AuditFiltersSchema = z.object(auditFilterShape).strict();
export type AuditFilters = z.infer<typeof AuditFiltersSchema>;

export const AuditQuerySchema = z
  .object({
    ...auditFilterShape,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
