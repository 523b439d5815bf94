import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { DocumentDetail } from '../../../../shared/schemas/document';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { useCan } from '../auth/session';
import { ContextPanel } from './ContextPanel';
import { documentQueries } from './queries';
import { ReviewQueue } from './ReviewQueue';

type Line = DocumentDetail['lines'][number];

/** A raw line with every extracted figure's quote marked and linked to its target. */
function MarkedLine({ line }: { line: Line }) {
  if (!line.figures.length) return <>{line.text || '\u00a0'}</>;
  const spans: { from: number; to: number; id: number; kind: string }[] = [];
  for (const f of line.figures) {
    const at = line.text.indexOf(f.quote);
    if (at >= 0 && !spans.some((s) => at < s.to && at + f.quote.length > s.from)) {
      spans.push({ from: at, to: at + f.quote.length, id: f.id, kind: f.kind });
    }
  }
  spans.sort((a, b) => a.from - b.from);
  const out = [];
  let pos = 0;
  for (const s of spans) {
    out.push(line.text.slice(pos, s.from));
    out.push(
      <Link key={s.id} to={`/targets/${s.id}`} className={`fig fig-${s.kind}`}>
        {line.text.slice(s.from, s.to)}
      </Link>,
    );
    pos = s.to;
  }
  out.push(line.text.slice(pos));
  return <>{out}</>;
}

/** A document's text with line numbers and its figures marked, beside a review queue. */
export function DocumentPage() {
  const { id } = useParams();
  const { t } = useLocale();
  const analyst = useCan('analyst');
  const { hash } = useLocation();
  const detail = useQuery({ ...documentQueries.detail(Number(id)), enabled: /^\d+$/.test(id ?? '') });
  useEffect(() => {
    if (detail.data && hash.startsWith('#L'))
      document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [detail.data, hash]);
  return (
    <div className="page">
      <LoadingPanel query={detail}>
        {(d) => {
          return (
            <>
              <h1>{d.document.title}</h1>
              <p className="muted">
                {d.document.fileName} · {d.document.encoding} · {d.document.lineCount} {t('documents.lines')} ·{' '}
                {d.document.figures} {t('documents.figures')}
                {d.document.originalSha256 && (
                  <>
                    {' · '}
                    <a href={`/api/documents/${d.document.id}/original`} download={d.document.fileName}>
                      {t('documents.original')}
                    </a>
                  </>
                )}
              </p>
              <ContextPanel detail={d} canEdit={analyst} />
              <div className="doc-layout">
                <section className="card" aria-labelledby="viewer-h">
                  <h2 id="viewer-h">{t('documents.viewer')}</h2>
                  <ol className="source viewer">
                    {d.lines.map((l, i) => (
                      <li
                        key={l.line}
                        id={`L${l.line}`}
                        value={l.line}
                        className={hash === `#L${l.line}` ? 'current' : undefined}
                      >
                        {l.page !== null && l.page !== d.lines[i - 1]?.page && (
                          <span className="page-mark" id={`P${l.page}`}>
                            {t('documents.page', { page: l.page })}
                          </span>
                        )}
                        <MarkedLine line={l} />
                      </li>
                    ))}
                  </ol>
                </section>
                <aside className="card" aria-labelledby="queue-h">
                  <h2 id="queue-h">{t('bulk.queueTitle')}</h2>
                  <ReviewQueue documentId={d.document.id} lines={d.lines} canReview={analyst} />
                </aside>
              </div>
            </>
          );
        }}
      </LoadingPanel>
    </div>
  );
}
