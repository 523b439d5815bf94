import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEntry } from '../../../../shared/schemas/audit';
import { THEMES } from '../../../../shared/taxonomy';
import { PagedTable } from '../../components/common/PagedTable';
import { useLocale } from '../../i18n';
import { type UrlValues, urlSearch, writeUrlFilters } from '../../lib/urlFilters';
import { useCan } from '../auth/session';
import { useUndoBatch } from '../review/bulk';
import { afterIsRequest, entryPage, fieldChanges, formatLocalTime, showValue } from './entries';
import { type AuditUrlFilters, readAuditFilters } from './filters';
import { AUDIT_PAGE_SIZE, auditCsvHref, auditQueries } from './queries';

const COLUMNS = 6;

/** The i18n group that says a stored code of a field in words (`extracted` → 待审核), by the field's name. */
const CODED: Record<string, string> = {
  review: 'review',
  status: 'status',
  kind: 'kind',
  comparator: 'comparator',
  binding: 'bindingValue',
  role: 'auth.role',
};

function Value({ v, field }: { v: unknown; field: string }) {
  const { t, locale } = useLocale();
  if (v === undefined) return <span className="muted">{t('audit.absent')}</span>;
  if (v === null) return <span className="muted">{t('audit.empty')}</span>;
  const name = field.split('.').pop() ?? field;
  const group = CODED[name];
  if (typeof v === 'string' && group) return <span className="value">{t(`${group}.${v}`, { defaultValue: v })}</span>;
  const theme = name === 'theme' && typeof v === 'string' ? THEMES.find((x) => x.key === v) : undefined;
  if (theme) return <span className="value">{locale === 'zh' ? theme.zh : theme.en}</span>;
  // A stored instant (updatedAt…) on the same China clock as the log's own times.
  if (typeof v === 'string' && /At$/.test(name) && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    return <span className="value">{formatLocalTime(v)}</span>;
  }
  return <span className="value">{showValue(v)}</span>;
}

function Snapshot({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <h3>{label}</h3>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** What an entry changed: the fields that differ, old → new, or the snapshots whole when there is nothing to compare. */
function EntryChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useLocale();
  const request = afterIsRequest(entry);
  const beforeLabel = request ? t('audit.current') : t('audit.before');
  const afterLabel = request ? t('audit.asked') : t('audit.after');
  const changes = fieldChanges(entry.before, entry.after, { onlyAfterFields: request });
  const sides = [
    ...(entry.before === null ? [] : [{ label: beforeLabel, value: entry.before }]),
    ...(entry.after === null ? [] : [{ label: afterLabel, value: entry.after }]),
  ];
  const whole = (
    <div className="snapshots">
      {sides.map((s) => (
        <Snapshot key={s.label} label={s.label} value={s.value} />
      ))}
    </div>
  );
  if (changes === null) return whole;
  return (
    <>
      {changes.length === 0 ? (
        <p className="muted">{t('audit.noChanges')}</p>
      ) : (
        <table className="changes">
          <caption>{t('audit.changes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.field')}</th>
              <th scope="col">{beforeLabel}</th>
              <th scope="col">{afterLabel}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">
                  {t(`audit.fields.${c.field.split('.').pop()}`, { defaultValue: '' })} <code>{c.field}</code>
                </th>
                <td className="old">
                  <Value v={c.before} field={c.field} />
                </td>
                <td className="new">
                  {/* A no-break space keeps the arrow on the line of the value it points to. */}
                  <span aria-hidden="true">→&nbsp;</span>
                  <Value v={c.after} field={c.field} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>{t('audit.snapshots')}</summary>
        {whole}
      </details>
    </>
  );
}

/** Actions whose batch can be undone (the refused attempts of a batch change nothing). */
const UNDOABLE = new Set(['target.review', 'target.correct', 'target.undo']);

function EntryRow({
  entry,
  open,
  toggle,
  userLink,
  batchLink,
  onUndo,
}: {
  entry: AuditEntry;
  open: boolean;
  toggle: () => void;
  userLink: (user: string) => string;
  /** The log filtered to this entry's batch; null when it is no part of one. */
  batchLink: string | null;
  /** Offered on the first row of a batch on the page. */
  onUndo: (() => void) | null;
}) {
  const { t } = useLocale();
  const detailId = `audit-entry-${entry.id}`;
  const page = entryPage(entry);
  const hasDetail = entry.before !== null || entry.after !== null;
  const entityLabel = t(`audit.entities.${entry.entity}`);
  // An actual has no page of its own: its id stays plain text and the link leads to its target.
  const ownPage = page?.entity === entry.entity ? page : null;
  const otherPage = page !== null && page.entity !== entry.entity ? page : null;
  return (
    <>
      <tr className={open ? 'open' : undefined}>
        <td>
          {hasDetail && (
            <button
              type="button"
              className="expander"
              aria-expanded={open}
              aria-controls={open ? detailId : undefined}
              onClick={toggle}
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
              <span className="sr-only">{t(open ? 'audit.hide' : 'audit.show', { id: entry.id })}</span>
            </button>
          )}
        </td>
        <td className="nowrap">
          <time dateTime={entry.at} title={entry.at}>
            {formatLocalTime(entry.at)}
          </time>
        </td>
        <td>
          {entry.username ? (
            <Link to={userLink(entry.username)} title={t('audit.onlyUser', { user: entry.username })}>
              {entry.username}
            </Link>
          ) : (
            <span className="muted">{t('audit.system')}</span>
          )}
        </td>
        <td>
          <span className="action">{t(`audit.actions.${entry.action}`)}</span> <code>{entry.action}</code>
        </td>
        <td className="nowrap">
          {entityLabel}{' '}
          {entry.entityId !== null &&
            (ownPage ? <Link to={ownPage.href}>#{entry.entityId}</Link> : <span>#{entry.entityId}</span>)}
          {otherPage && (
            <>
              {' → '}
              <Link to={otherPage.href}>
                {t(`audit.entities.${otherPage.entity}`)} #{otherPage.id}
              </Link>
            </>
          )}
        </td>
        <td className="reason">
          {entry.reason ?? ''}
          {entry.batchId && batchLink && (
            <span className="batch">
              {' '}
              <Link to={batchLink} title={entry.batchId}>
                {t('bulk.batch')} {entry.batchId.slice(0, 8)}
              </Link>
              {onUndo && (
                <>
                  {' '}
                  <button type="button" onClick={onUndo}>
                    {t('bulk.undoBatch')}
                  </button>
                </>
              )}
            </span>
          )}
        </td>
      </tr>
      {open && (
        <tr className="detail" id={detailId}>
          <td colSpan={COLUMNS}>
            <EntryChanges entry={entry} />
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * The append-only audit log for analysts and admins: who changed what and when, newest first, each entry
 * expandable to the fields it changed. Filters live in the URL; the CSV export takes the same filters.
 */
export function AuditPage() {
  const { t } = useLocale();
  const canRead = useCan('analyst');
  const [sp, setSp] = useSearchParams();
  const filters = readAuditFilters(sp);
  const set = (f: AuditUrlFilters) => setSp(writeUrlFilters(f));
  // A value the schema refuses (none of the selects offers one) is dropped again when the URL is read.
  const update = (patch: UrlValues) => setSp(writeUrlFilters({ ...filters, ...patch, page: undefined }));
  // A viewer is refused by the server; the request is still made so the page shows that answer.
  const list = useQuery(auditQueries.list(filters));
  const [text, setText] = useState({ user: filters.user ?? '', entityId: filters.entityId ?? '' });
  useEffect(
    () => setText({ user: filters.user ?? '', entityId: filters.entityId ?? '' }),
    [filters.user, filters.entityId],
  );
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const page = filters.page ?? 1;
  const undo = useUndoBatch();
  // A batch's entries stand together (they are written together): its first row on the page offers the undo.
  const firstOfBatch = new Set<number>();
  const seenBatches = new Set<string>();
  for (const e of list.data?.items ?? []) {
    if (e.batchId && UNDOABLE.has(e.action) && !seenBatches.has(e.batchId)) {
      seenBatches.add(e.batchId);
      firstOfBatch.add(e.id);
    }
  }

  const applyText = (e?: FormEvent) => {
    e?.preventDefault();
    const user = text.user.trim().toLowerCase();
    const entityId = text.entityId.trim();
    if (user !== (filters.user ?? '') || entityId !== (filters.entityId ?? '')) {
      update({ user: user || undefined, entityId: entityId || undefined });
    }
  };

  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      {canRead && (
        <form className="filters" onSubmit={applyText} aria-label={t('audit.filters')}>
          <label>
            {t('audit.action')}
            <select value={filters.action ?? ''} onChange={(e) => update({ action: e.target.value || undefined })}>
              <option value="">{t('common.all')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`audit.actions.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.entity')}
            <select value={filters.entity ?? ''} onChange={(e) => update({ entity: e.target.value || undefined })}>
              <option value="">{t('common.all')}</option>
              {AUDIT_ENTITIES.map((x) => (
                <option key={x} value={x}>
                  {t(`audit.entities.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.entityId')}
            <input
              size={8}
              maxLength={64}
              value={text.entityId}
              onChange={(e) => setText({ ...text, entityId: e.target.value })}
              onBlur={() => applyText()}
            />
          </label>
          <label>
            {t('audit.user')}
            <input
              size={14}
              maxLength={64}
              autoComplete="off"
              value={text.user}
              onChange={(e) => setText({ ...text, user: e.target.value })}
              onBlur={() => applyText()}
            />
          </label>
          <label>
            {t('audit.from')}
            <input
              type="date"
              value={filters.from ?? ''}
              max={filters.to}
              onChange={(e) => update({ from: e.target.value || undefined })}
            />
          </label>
          <label>
            {t('audit.to')}
            <input
              type="date"
              value={filters.to ?? ''}
              min={filters.from}
              onChange={(e) => update({ to: e.target.value || undefined })}
            />
          </label>
          <div className="filter-actions">
            <button type="submit">{t('audit.apply')}</button>
            <button type="button" onClick={() => set({})}>
              {t('common.clear')}
            </button>
            <a className="button" href={auditCsvHref(filters)} download>
              {t('common.exportCsv')}
            </a>
          </div>
        </form>
      )}
      {undo.isError && (
        <p role="alert" className="error">
          {undo.error.message}
        </p>
      )}
      {undo.data && (
        <p role="status" className="toast">
          {t('bulk.undone', { updated: undo.data.updated.length })}
          {undo.data.conflicts.length > 0 &&
            ` ${t('bulk.undoConflicts', { count: undo.data.conflicts.length })} ${undo.data.conflicts.map((c) => `#${c.id}`).join(', ')}`}
        </p>
      )}
      <PagedTable
        query={list}
        page={page}
        pageSize={AUDIT_PAGE_SIZE}
        onPage={(p) => set({ ...filters, page: p })}
        className="data audit"
        caption={t('audit.title')}
        head={
          <tr>
            <th scope="col">
              <span className="sr-only">{t('audit.details')}</span>
            </th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.user')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.reason')}</th>
          </tr>
        }
        rowKey={(e) => e.id}
        row={(e) => (
          <EntryRow
            entry={e}
            open={open.has(e.id)}
            toggle={() => toggle(e.id)}
            userLink={(user) => `/audit${urlSearch({ ...filters, user, page: undefined })}`}
            batchLink={e.batchId ? `/audit${urlSearch({ batch: e.batchId })}` : null}
            onUndo={
              canRead && e.batchId && firstOfBatch.has(e.id)
                ? () => {
                    if (e.batchId) undo.mutate(e.batchId);
                  }
                : null
            }
          />
        )}
      />
    </div>
  );
}
