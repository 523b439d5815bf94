import { chinaDayBounds, formatChinaTime } from '../../../../shared/chinaTime';
import type { AuditEntry } from '../../../../shared/schemas/audit';

/**
 * One field that differs between an entry's before and after snapshots. A side is `undefined` when the
 * field is absent from that snapshot — unambiguous, because a snapshot is parsed JSON, which has no
 * `undefined` of its own (a field that was emptied is `null`).
 */
export interface FieldChange {
  /** Dotted path of the field: `latestActual.value` for a field of a nested object. */
  field: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an audited change touched, in the order the snapshots list them, or null when the entry
 * does not have two object snapshots to compare (a creation, a login) and should be shown whole.
 *
 * `onlyAfterFields` is for entries whose after is a request rather than a whole record — a refused
 * stale edit (`target.conflict`) stores the patch that was asked for: fields the patch did not mention
 * were not part of the request, not removed, so only the patch's own fields are compared.
 */
export function fieldChanges(
  before: unknown,
  after: unknown,
  { onlyAfterFields = false }: { onlyAfterFields?: boolean } = {},
): FieldChange[] | null {
  if (!isPlainObject(before) || !isPlainObject(after)) return null;
  const out: FieldChange[] = [];
  // Objects on both sides are compared field by field; a value that became an object (or stopped being
  // one) is shown whole, since `null → {…}` reads better than each of its fields appearing one by one.
  const walk = (b: Record<string, unknown>, a: Record<string, unknown>, prefix: string) => {
    const keys = onlyAfterFields ? Object.keys(a) : [...new Set([...Object.keys(b), ...Object.keys(a)])];
    for (const key of keys) {
      const field = prefix + key;
      const [bv, av] = [b[key], a[key]];
      if (isPlainObject(bv) && isPlainObject(av)) walk(bv, av, `${field}.`);
      else if (!same(bv, av)) out.push({ field, before: bv, after: av });
    }
  };
  walk(before, after, '');
  return out;
}

/** Whether an entry's after snapshot is what was asked for rather than what the record became. */
export const afterIsRequest = (e: Pick<AuditEntry, 'action'>) => e.action === 'target.conflict';

/** A snapshot value as text: strings as written, everything else as compact JSON. */
export function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A dashboard page an audit entry leads to. */
export interface EntryPage {
  entity: 'target' | 'document';
  id: string;
  href: string;
}

const page = (entity: EntryPage['entity'], id: string | number): EntryPage => ({
  entity,
  id: String(id),
  href: `/${entity}s/${id}`,
});

/**
 * The dashboard page an entry is about, if it has one: a target or a document is its own page; an actual
 * has none, so it leads to the target it was entered for (named in its snapshots).
 */
export function entryPage(e: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>): EntryPage | null {
  const id = e.entityId !== null && /^\d+$/.test(e.entityId) ? e.entityId : null;
  if ((e.entity === 'target' || e.entity === 'document') && id) return page(e.entity, id);
  if (e.entity === 'actual') {
    for (const side of [e.after, e.before]) {
      if (isPlainObject(side) && typeof side.targetId === 'number') return page('target', side.targetId);
    }
  }
  return null;
}

/**
 * An ISO timestamp as `YYYY-MM-DD HH:mm:ss` in China time, whatever zone the browser is set to: the log is
 * read to reconstruct what happened when, on the same clock as the rest of the product, so every entry shows
 * the seconds, in one sortable form for both languages.
 */
export function formatLocalTime(iso: string): string {
  return formatChinaTime(iso);
}

/**
 * The UTC instants a China calendar day (`YYYY-MM-DD`) starts and ends at. The page shows China times,
 * so its date filter means China days; the API reads a bare date as a UTC day, which would drop the
 * first eight hours of the day picked and add eight of the next.
 */
export function localDayBounds(day: string): { start: string; end: string } {
  return chinaDayBounds(day);
}
