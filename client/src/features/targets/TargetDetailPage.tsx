import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatPercent, formatPeriod, formatQuantity } from '../../../../shared/format';
import type { TargetDetail } from '../../../../shared/schemas/target';
import { THEMES } from '../../../../shared/taxonomy';
import { ChartCard } from '../../components/charts/ChartCard';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { StatusBadge } from '../../components/common/StatusBadge';
import { useLocale } from '../../i18n';
import { formatLocalTime } from '../audit/entries';
import { useCan } from '../auth/session';
import { IndicatorControl } from '../indicators/IndicatorControl';
import { ActualsChart } from './ActualsChart';
import { AddActualForm, ReviewForm } from './AnalystForms';
import { Proposals } from './Proposals';
import { targetQueries } from './queries';

/** The source line with the quote, and within it the figure's number, marked. */
function Highlighted({ text, quote, value }: { text: string; quote: string; value: number }) {
  const at = text.indexOf(quote);
  if (at < 0) return <>{text}</>;
  const num = String(value);
  const inQuote = quote.indexOf(num);
  return (
    <>
      {text.slice(0, at)}
      <mark className="quote-mark">
        {inQuote >= 0 ? (
          <>
            {quote.slice(0, inQuote)}
            <strong>{num}</strong>
            {quote.slice(inQuote + num.length)}
          </>
        ) : (
          quote
        )}
      </mark>
      {text.slice(at + quote.length)}
    </>
  );
}

function Fields({ d }: { d: TargetDetail }) {
  const { t, locale } = useLocale();
  const tg = d.target;
  const theme = THEMES.find((x) => x.key === tg.theme);
  const rows: [string, string][] = [
    [t('targets.kind'), t(`kind.${tg.kind}`)],
    [t('targets.region'), `${locale === 'zh' ? tg.region : tg.regionEn} (${tg.regionCode})`],
    [t('targets.theme'), theme ? (locale === 'zh' ? theme.zh : theme.en) : tg.theme],
    [t('targets.metric'), tg.metric],
    [
      t('targets.target'),
      `${t(`comparator.${tg.comparator}`)} ${formatQuantity(tg.value, tg.unit, locale)}${tg.valueMax !== null ? ` – ${formatQuantity(tg.valueMax, tg.unit, locale)}` : ''}`,
    ],
    [t('detail.normalized'), `${tg.normalizedValue} ${tg.normalizedUnit}`],
    [t('targets.deadline'), formatPeriod(tg.deadline, locale)],
    [t('detail.perYear'), tg.perYear ? '✔' : '—'],
    [t('detail.baseline'), tg.baselineValue !== null ? `${tg.baselineValue} (${tg.baselineDate ?? '—'})` : '—'],
    [t('detail.binding'), t(`bindingValue.${tg.binding}`)],
    [t('detail.article'), tg.article],
    [t('targets.review'), t(`review.${tg.review}`)],
    [t('detail.confidence'), tg.confidence.toFixed(2)],
    [t('targets.progress'), formatPercent(tg.progress)],
    [t('detail.expected'), formatPercent(tg.expectedProgress)],
    [t('honest.lastReported'), tg.lastReportedAt ?? t('honest.never')],
  ];
  return (
    <dl className="fields">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
      <div>
        <dt>{t('targets.status')}</dt>
        <dd>
          <StatusBadge status={tg.status} stale={tg.stale} />
        </dd>
      </div>
    </dl>
  );
}

/** Everything about one target: its fields, the sentence it came from, and its actuals. */
export function TargetDetailPage() {
  const { id } = useParams();
  const { t, locale } = useLocale();
  const analyst = useCan('analyst');
  const detail = useQuery({ ...targetQueries.detail(Number(id)), enabled: /^\d+$/.test(id ?? '') });
  return (
    <div className="page">
      <p>
        <Link to="/targets">← {t('detail.back')}</Link>
      </p>
      <LoadingPanel query={detail}>
        {(d) => (
          <>
            <h1>
              {d.target.metric || d.target.quote} <StatusBadge status={d.target.status} stale={d.target.stale} />
            </h1>
            {d.target.unmatchedAt && (
              <p role="status" className="warning">
                {t('detail.unmatched', { at: formatLocalTime(d.target.unmatchedAt) })}
              </p>
            )}
            <div className="grid-2">
              <section className="card" aria-labelledby="fields-h">
                <h2 id="fields-h">{t('detail.fields')}</h2>
                <Fields d={d} />
                <IndicatorControl target={d.target} />
              </section>
              <section className="card" aria-labelledby="source-h">
                <h2 id="source-h">{t('detail.source')}</h2>
                <p className="muted">
                  {d.context.documentTitle} · {d.context.fileName} ·{' '}
                  <span data-testid="provenance">
                    {d.context.page !== null
                      ? t('detail.pageLine', { page: d.context.page, line: d.target.line })
                      : t('detail.lineOnly', { line: d.target.line })}
                  </span>
                </p>
                <ol className="source" aria-label={t('detail.source')}>
                  {d.context.lines.map((l) => (
                    <li key={l.line} value={l.line} className={l.line === d.target.line ? 'current' : undefined}>
                      {l.line === d.target.line ? (
                        <Highlighted text={l.text} quote={d.target.quote} value={d.target.value} />
                      ) : (
                        l.text
                      )}
                    </li>
                  ))}
                </ol>
                <Link to={`/documents/${d.context.documentId}#L${d.target.line}`}>
                  {t('detail.openDocument', { line: d.target.line })}
                </Link>
              </section>
            </div>
            {analyst && (
              <>
                <Proposals target={d.target} />
                <AddActualForm target={d.target} />
                <ReviewForm target={d.target} />
              </>
            )}
            <ChartCard title={t('detail.actualsChart')} fileName={`target-${d.target.id}`}>
              <ActualsChart detail={d} />
            </ChartCard>
            <section className="card" aria-labelledby="hist-h">
              <h2 id="hist-h">{t('detail.history')}</h2>
              {d.actuals.length === 0 ? (
                <p>{t('detail.noActuals')}</p>
              ) : (
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('detail.asOf')}</th>
                      <th scope="col">{t('detail.value')}</th>
                      <th scope="col">{t('detail.note')}</th>
                      <th scope="col">{t('detail.enteredBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.actuals.map((a) => (
                      <tr key={a.id} className={a.supersededBy ? 'superseded' : undefined}>
                        <td>{formatPeriod(a.asOf, locale)}</td>
                        <td className="num">
                          {formatQuantity(a.value, d.target.unit, locale)}
                          {a.supersededBy ? ` (${t('detail.superseded')})` : ''}
                        </td>
                        <td>{a.note ?? ''}</td>
                        <td>{a.enteredBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </LoadingPanel>
    </div>
  );
}
