import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { TargetSchema } from '../../../../shared/schemas/target';
import { getJson, sendJson } from '../../api/http';
import { useLocale } from '../../i18n';

export interface QueueItem {
  id: number;
  quote: string;
  line: number;
  confidence: number;
}

/**
 * Extracted figures still awaiting review, least confident first. J/K move, C confirms, R rejects;
 * each decision is sent with the version just read, so a concurrent change gets a 409 instead of
 * being overwritten.
 */
export function ReviewQueue({ items, canReview }: { items: QueueItem[]; canReview: boolean }) {
  const { t } = useLocale();
  const qc = useQueryClient();
  const [active, setActive] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const decide = useMutation({
    mutationFn: async ({ id, review }: { id: number; review: 'confirmed' | 'rejected' }) => {
      const current = await getJson(`/api/targets/${id}`, z.object({ target: TargetSchema }));
      return sendJson(
        'PATCH',
        `/api/targets/${id}`,
        { version: current.target.version, review, reason: 'review queue' },
        TargetSchema,
      );
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['documents'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
  const current = items[Math.min(active, items.length - 1)];
  const onKey = (e: KeyboardEvent) => {
    if (!items.length) return;
    const key = e.key.toLowerCase();
    if (key === 'j' || e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (key === 'k' || e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (canReview && current && (key === 'c' || key === 'r')) {
      decide.mutate({ id: current.id, review: key === 'c' ? 'confirmed' : 'rejected' });
    } else return;
    e.preventDefault();
  };
  if (!items.length) return <p>{t('documents.queueEmpty')}</p>;
  return (
    <>
      {canReview && <p className="muted">{t('edit.queueHelp')}</p>}
      {decide.isError && (
        <p role="alert" className="error">
          {decide.error.message}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the list takes the review shortcuts while focused */}
      <ol className="queue" ref={list} tabIndex={0} onKeyDown={onKey} aria-label={t('documents.queue')}>
        {items.slice(0, 200).map((f, i) => (
          <li
            key={f.id}
            className={i === active ? 'active' : undefined}
            aria-current={i === active ? 'true' : undefined}
          >
            <Link to={`/targets/${f.id}`}>
              <span className="conf">{f.confidence.toFixed(2)}</span> {f.quote}
            </Link>{' '}
            <a href={`#L${f.line}`} className="muted">
              {t('targets.line', { line: f.line })}
            </a>
            {canReview && (
              <span className="queue-actions">
                <button type="button" onClick={() => decide.mutate({ id: f.id, review: 'confirmed' })}>
                  {t('edit.confirm')}
                </button>
                <button type="button" onClick={() => decide.mutate({ id: f.id, review: 'rejected' })}>
                  {t('edit.reject')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
