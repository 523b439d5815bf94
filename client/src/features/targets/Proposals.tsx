import { useQuery } from '@tanstack/react-query';
import { formatPeriod, formatQuantity } from '../../../../shared/format';
import type { Target } from '../../../../shared/schemas/target';
import { useLocale } from '../../i18n';
import { useAcceptProposalMutation } from './mutations';
import { targetQueries } from './queries';

/** Reported figures found in the texts that may be this target's actuals, for an analyst to accept. */
export function Proposals({ target }: { target: Target }) {
  const { t, locale } = useLocale();
  const proposals = useQuery(targetQueries.proposals(target.id));
  const accept = useAcceptProposalMutation(target.id);
  if (!proposals.data?.length) return null;
  return (
    <section className="card" aria-labelledby="proposals-h">
      <h2 id="proposals-h">{t('edit.proposals')}</h2>
      {accept.isError && (
        <p role="alert" className="error">
          {accept.error.message}
        </p>
      )}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('detail.asOf')}</th>
            <th scope="col">{t('detail.value')}</th>
            <th scope="col">{t('targets.source')}</th>
            <th scope="col">
              <span className="sr-only">{t('edit.accept')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {proposals.data.map((p) => (
            <tr key={p.figureId}>
              <td>{formatPeriod(p.asOf, locale)}</td>
              <td className="num">{formatQuantity(p.value, target.unit, locale)}</td>
              <td className="quote">
                {p.quote}
                <div className="muted">
                  {p.article} · {p.sourceFile} {t('targets.line', { line: p.line })}
                </div>
              </td>
              <td>
                <button type="button" disabled={accept.isPending} onClick={() => accept.mutate(p.figureId)}>
                  {t('edit.accept')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
