import { queryOptions, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatPeriod, formatQuantity } from '../../../../shared/format';
import { type Target, TargetListSchema } from '../../../../shared/schemas/target';
import { THEMES } from '../../../../shared/taxonomy';
import { getJson, toSearch } from '../../api/http';
import { useLocale } from '../../i18n';
import { BulkBar, BulkToast, useBulk } from '../review/BulkBar';
import type { BulkSet } from '../review/bulk';
import { ReviewForm } from '../targets/AnalystForms';

/** A target with the engine's reasons for its region, kind and deadline (null for figures stored before). */
type QueueTarget = Target;

/** Every figure of a document, whole records, in the order of the text (its articles and sections). */
const queueQuery = (documentId: number) =>
  queryOptions({
    // Under 'targets': every write to a target (here, on its page, in bulk) refreshes the queue.
    queryKey: ['targets', 'review-queue', documentId],
    queryFn: async ({ signal }) => {
      const items: QueueTarget[] = [];
      for (let page = 1; ; page++) {
        const res = await getJson(
          `/api/targets${toSearch({ document: documentId, sort: 'id', page, pageSize: 500 })}`,
          TargetListSchema,
          signal,
        );
        items.push(...res.items);
        if (items.length >= res.total || res.items.length === 0) break;
      }
      return items.sort((a, b) => a.line - b.line || a.id - b.id);
    },
  });

const COMPARATOR_SIGN: Record<string, string> = {
  '>=': '≥',
  '>': '>',
  '=': '',
  '<=': '≤',
  '<': '<',
  '~': '≈',
  range: '',
};

function valueText(tg: QueueTarget, locale: 'zh' | 'en'): string {
  const v = formatQuantity(tg.value, tg.unit, locale);
  const max = tg.valueMax !== null ? ` – ${formatQuantity(tg.valueMax, tg.unit, locale)}` : '';
  return `${COMPARATOR_SIGN[tg.comparator] ?? ''}${v}${max}`;
}

/** A heading of the text: 一、总体目标, 第三章 …, or a short line without sentence punctuation or figures (主要指标). */
const HEADING = /^(?:第[一二三四五六七八九十百零]+[章节部分篇]|[一二三四五六七八九十]+、)/;
const isHeading = (text: string) =>
  HEADING.test(text.trim()) || (text.trim().length > 0 && text.trim().length <= 16 && !/[。，；：,;:\d]/.test(text));

/** The section heading each line stands under (the nearest heading above it, the title excluded). */
function sectionsOf(lines: readonly { line: number; text: string }[]): Map<number, string> {
  const out = new Map<number, string>();
  let heading = '';
  lines.forEach((l, i) => {
    if (i > 0 && isHeading(l.text)) heading = l.text.trim();
    out.set(l.line, heading);
  });
  return out;
}

const decided = (tg: { review: string }) => tg.review === 'confirmed' || tg.review === 'rejected';

/** A key pressed in a form field is the field's, not a queue shortcut. */
const inField = (e: KeyboardEvent) => {
  const el = e.target as HTMLElement;
  return el.closest('input, select, textarea, form, button, a') !== null && el !== e.currentTarget;
};

/** The figure's whole source line, its quote (a table figure's quote is just the cell) marked. */
function SourceLine({ text, quote }: { text: string; quote: string }) {
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="quote-mark">{quote}</mark>
      {text.slice(at + quote.length)}
    </>
  );
}

/** The active figure as a whole record beside its highlighted source line, with the engine's reasons. */
function Record({ tg, lineText }: { tg: QueueTarget; lineText: string | undefined }) {
  const { t, locale } = useLocale();
  const theme = THEMES.find((x) => x.key === tg.theme);
  const rows: [string, string][] = [
    [t('targets.region'), tg.region ? `${locale === 'zh' ? tg.region : tg.regionEn} (${tg.regionCode})` : '—'],
    [t('targets.metric'), tg.metric || '—'],
    [t('targets.target'), `${t(`comparator.${tg.comparator}`)} ${valueText(tg, locale)}`],
    [t('targets.deadline'), formatPeriod(tg.deadline, locale)],
    [t('targets.kind'), t(`kind.${tg.kind}`)],
    [t('targets.theme'), theme ? (locale === 'zh' ? theme.zh : theme.en) : tg.theme],
    [t('edit.binding'), tg.binding],
    [t('bulk.confidence'), tg.confidence.toFixed(2)],
    [t('targets.review'), t(`review.${tg.review}`)],
  ];
  const reasons = tg.reasons;
  return (
    <div className="queue-record" aria-live="polite">
      <p className="queue-source">
        <a href={`#L${tg.line}`} className="muted">
          {t('bulk.sourceLine', { line: tg.line })}
        </a>
        <br />
        <SourceLine text={lineText ?? tg.quote} quote={tg.quote} />
      </p>
      <dl className="fields compact">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="queue-reasons">
        <strong>{t('bulk.why')}</strong>
        {reasons && (reasons.region || reasons.kind || reasons.deadline) ? (
          <ul className="reasons-list">
            {reasons.region && (
              <li>
                {t('bulk.whyRegion')}: {reasons.region}
              </li>
            )}
            {reasons.kind && (
              <li>
                {t('bulk.whyKind')}: {reasons.kind}
              </li>
            )}
            {reasons.deadline && (
              <li>
                {t('bulk.whyDeadline')}: {reasons.deadline}
              </li>
            )}
          </ul>
        ) : (
          <span className="muted"> {t('bulk.noReasons')}</span>
        )}
      </div>
    </div>
  );
}

/**
 * A document's figures awaiting a decision, in the order of the text and grouped by section, each shown as a
 * whole record beside its source line. Keyboard-first: J/K or ↑/↓ move, C confirms, R rejects, X or Space
 * selects (Shift+J/K extends, Shift-click selects a range, A selects all), E edits the fields, U undoes the last
 * batch. A decision on a selection is one bulk change; every decision is sent with the version read, so a
 * concurrent change is reported instead of overwritten.
 */
export function ReviewQueue({
  documentId,
  lines,
  canReview,
}: {
  documentId: number;
  lines: readonly { line: number; text: string }[];
  canReview: boolean;
}) {
  const { t, locale } = useLocale();
  const query = useQuery(queueQuery(documentId));
  const bulk = useBulk();
  const [show, setShow] = useState<'pending' | 'all'>('pending');
  const [active, setActive] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  // Decisions sent but not yet read back: the queue moves on at once instead of after the refetch.
  const [local, setLocal] = useState<ReadonlyMap<number, { review: QueueTarget['review']; version: number }>>(
    new Map(),
  );
  const list = useRef<HTMLUListElement>(null);

  const items = useMemo(() => {
    const all = (query.data ?? []).map((tg) => {
      const l = local.get(tg.id);
      return l && l.version > tg.version ? { ...tg, review: l.review, version: l.version } : tg;
    });
    return show === 'pending' ? all.filter((tg) => !decided(tg)) : all;
  }, [query.data, local, show]);
  const lineText = useMemo(() => new Map(lines.map((l) => [l.line, l.text])), [lines]);
  const sections = useMemo(() => sectionsOf(lines), [lines]);
  const groupOf = (tg: QueueTarget) => [tg.article, sections.get(tg.line)].filter(Boolean).join(' · ');
  const index = Math.min(active, Math.max(0, items.length - 1));
  const current = items[index];

  useEffect(() => {
    if (active !== index) setActive(index);
  }, [active, index]);
  useEffect(() => {
    if (current) document.getElementById(`q-${current.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const chosen = items.filter((tg) => selected.has(tg.id));
  const apply = async (targets: QueueTarget[], set: BulkSet) => {
    const result = await bulk.run(
      targets.map((tg) => ({ id: tg.id, version: tg.version })),
      set,
    );
    if (!result) return;
    const written = new Set(result.updated);
    setLocal((m) => {
      const next = new Map(m);
      for (const tg of targets) {
        if (written.has(tg.id)) next.set(tg.id, { review: set.review ?? 'corrected', version: tg.version + 1 });
      }
      return next;
    });
    setSelected(new Set());
    setAnchor(null);
  };
  const selectRange = (from: number, to: number, add = true) => {
    const [a, b] = from <= to ? [from, to] : [to, from];
    setSelected((s) => {
      const next = new Set(s);
      for (let i = a; i <= b; i++) {
        const id = items[i]?.id;
        if (id !== undefined) {
          if (add) next.add(id);
          else next.delete(id);
        }
      }
      return next;
    });
  };
  const toggle = (i: number) => {
    const id = items[i]?.id;
    if (id === undefined) return;
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setAnchor(i);
  };
  const move = (to: number, extend: boolean) => {
    const next = Math.max(0, Math.min(items.length - 1, to));
    if (extend) selectRange(anchor ?? index, next);
    if (extend && anchor === null) setAnchor(index);
    setActive(next);
  };

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (inField(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'j' || key === 'ArrowDown') move(index + 1, e.shiftKey);
    else if (key === 'k' || key === 'ArrowUp') move(index - 1, e.shiftKey);
    else if (key === 'Home') move(0, e.shiftKey);
    else if (key === 'End') move(items.length - 1, e.shiftKey);
    else if (key === 'x' || key === ' ') toggle(index);
    else if (key === 'a') setSelected(new Set(items.map((tg) => tg.id)));
    else if (key === 's' && current) {
      // Every figure of the active one's section.
      const name = groupOf(current);
      setSelected(new Set(items.filter((tg) => groupOf(tg) === name).map((tg) => tg.id)));
    } else if (key === 'b' && selected.size > 0)
      document.querySelector<HTMLInputElement>('form.bulk-bar input[role=combobox]')?.focus();
    else if (key === 'Escape') {
      setSelected(new Set());
      setAnchor(null);
    } else if (canReview && (key === 'c' || key === 'r') && current) {
      void apply(chosen.length ? chosen : [current], { review: key === 'c' ? 'confirmed' : 'rejected' });
    } else if (canReview && key === 'e' && current) setEditing(true);
    else if (canReview && key === 'u') void bulk.undoLast();
    else return;
    e.preventDefault();
  };
  const onItemClick = (e: MouseEvent, i: number) => {
    if (e.shiftKey && anchor !== null) selectRange(anchor, i);
    setActive(i);
    list.current?.focus();
  };
  const onCheck = (e: MouseEvent, i: number) => {
    e.stopPropagation();
    if (e.shiftKey && anchor !== null) {
      const id = items[i]?.id;
      selectRange(anchor, i, id === undefined || !selected.has(id));
      setAnchor(i);
    } else toggle(i);
    setActive(i);
    list.current?.focus();
  };

  if (query.isPending) return <p className="muted">…</p>;
  if (query.isError)
    return (
      <p role="alert" className="error">
        {query.error.message}
      </p>
    );

  // Consecutive figures of the same article (section) form a group that can be selected at once.
  const groups: { article: string; from: number; to: number }[] = [];
  items.forEach((tg, i) => {
    const last = groups[groups.length - 1];
    const name = groupOf(tg);
    if (last && last.article === name) last.to = i;
    else groups.push({ article: name, from: i, to: i });
  });

  return (
    <div className="review-queue">
      <div className="row">
        <label>
          {t('bulk.show')}{' '}
          <select value={show} onChange={(e) => setShow(e.target.value as 'pending' | 'all')}>
            <option value="pending">{t('bulk.pending')}</option>
            <option value="all">{t('bulk.all')}</option>
          </select>
        </label>
        {canReview && items.length > 0 && (
          <button type="button" className="link" onClick={() => setSelected(new Set(items.map((tg) => tg.id)))}>
            {t('bulk.selectAllMatching', { count: items.length })}
          </button>
        )}
        {selected.size > 0 && (
          <button type="button" className="link" onClick={() => setSelected(new Set())}>
            {t('bulk.clear')}
          </button>
        )}
      </div>
      {canReview && <p className="muted">{t('bulk.queueHelp')}</p>}
      <BulkToast bulk={bulk} />
      {canReview && selected.size > 0 && (
        <BulkBar
          items={chosen.map((tg) => ({ id: tg.id, version: tg.version }))}
          bulk={bulk}
          onApplied={() => {
            setSelected(new Set());
            list.current?.focus();
          }}
        />
      )}
      {current && <Record tg={current} lineText={lineText.get(current.line)} />}
      {current && editing && (
        <ReviewForm
          key={current.id}
          target={current}
          autoFocus
          onDone={() => {
            setEditing(false);
            list.current?.focus();
          }}
          onCancel={() => {
            setEditing(false);
            list.current?.focus();
          }}
        />
      )}
      {items.length === 0 ? (
        <p>{t('documents.queueEmpty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the list takes the review shortcuts while focused
        <ul className="queue" ref={list} tabIndex={0} onKeyDown={onKey} aria-label={t('bulk.queueTitle')}>
          {groups.map((g) => (
            <li key={`${g.from}-${g.article}`} className="queue-section">
              <div className="queue-group">
                <span>{g.article || t('bulk.article')}</span>
                {canReview && (
                  <button type="button" className="link" onClick={() => selectRange(g.from, g.to)}>
                    {t('bulk.selectArticle', { count: g.to - g.from + 1 })}
                  </button>
                )}
              </div>
              <ul>
                {items.slice(g.from, g.to + 1).map((tg, k) => {
                  const i = g.from + k;
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: the list's keyboard shortcuts do what a click does
                    <li
                      key={tg.id}
                      id={`q-${tg.id}`}
                      aria-current={i === index ? 'true' : undefined}
                      className={`queue-item${i === index ? ' active' : ''}${selected.has(tg.id) ? ' selected' : ''}`}
                      onClick={(e) => onItemClick(e, i)}
                    >
                      {canReview && (
                        <input
                          type="checkbox"
                          tabIndex={-1}
                          aria-label={t('bulk.select', { line: tg.line, metric: tg.metric || tg.quote })}
                          checked={selected.has(tg.id)}
                          onClick={(e) => onCheck(e, i)}
                          onChange={() => {}}
                        />
                      )}
                      <span className="muted">L{tg.line}</span>{' '}
                      <Link to={`/targets/${tg.id}`}>{tg.metric || tg.quote}</Link>{' '}
                      <span className="num">{valueText(tg, locale)}</span> · {tg.region || '—'} ·{' '}
                      {formatPeriod(tg.deadline, locale)}
                      {tg.kind !== 'target' && <span className="tag">{t(`kind.${tg.kind}`)}</span>}
                      {tg.review !== 'extracted' && <span className="tag">{t(`review.${tg.review}`)}</span>}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
