import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Target } from '../../../../shared/schemas/target';
import { useLocale } from '../../i18n';
import { useCan } from '../auth/session';
import { indicatorQueries, useAssignIndicatorMutation } from './queries';

/** On a target's page: the indicator it counts towards, and for analysts a control to change it. */
export function IndicatorControl({ target }: { target: Target }) {
  const { t, locale } = useLocale();
  const analyst = useCan('analyst');
  const list = useQuery({ ...indicatorQueries.list({}), staleTime: 60_000 });
  const assign = useAssignIndicatorMutation(target.id);
  const [choice, setChoice] = useState<string>(target.indicatorId === null ? '' : String(target.indicatorId));
  const current = list.data?.items.find((i) => i.id === target.indicatorId);
  const label = (i: { name: string; nameEn: string; unit: string }) =>
    `${locale === 'zh' ? i.name : i.nameEn}${i.unit ? ` (${i.unit})` : ''}`;
  return (
    <div className="indicator-control" data-testid="indicator-control">
      <p>
        {t('indicator.ofTarget')}:{' '}
        {target.indicatorId === null ? (
          <span className="muted">{t('indicator.none')}</span>
        ) : (
          <Link to={`/indicators/${target.indicatorId}`}>{current ? label(current) : `#${target.indicatorId}`}</Link>
        )}{' '}
        {target.indicatorManual && <span className="muted">({t('indicator.manual')})</span>}
      </p>
      {analyst && list.data && (
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            assign.mutate({ indicatorId: choice === '' ? null : Number(choice) });
          }}
        >
          <label className="grow">
            {t('indicator.assign')}
            <select name="indicator" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{t('indicator.none')}</option>
              {list.data.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {label(i)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={assign.isPending}>
            {t('indicator.save')}
          </button>
          {assign.isError && (
            <span role="alert" className="error">
              {assign.error.message}
            </span>
          )}
          {assign.isSuccess && <span role="status">{t('indicator.saved')}</span>}
        </form>
      )}
    </div>
  );
}
