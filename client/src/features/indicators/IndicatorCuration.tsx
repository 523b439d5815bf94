import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { IndicatorDetail } from '../../../../shared/schemas/indicator';
import { useLocale } from '../../i18n';
import { indicatorQueries, useMergeIndicatorMutation, useSplitIndicatorMutation } from './queries';

/**
 * For analysts on an indicator's page: merge another indicator into this one (the same measure under two
 * names), or split chosen regions' targets off into a new indicator (two measures under one name).
 */
export function IndicatorCuration({ detail }: { detail: IndicatorDetail }) {
  const { t, locale } = useLocale();
  const id = detail.indicator.id;
  const catalogue = useQuery({ ...indicatorQueries.list({}), staleTime: 60_000 });
  const merge = useMergeIndicatorMutation(id);
  const split = useSplitIndicatorMutation(id);
  const [from, setFrom] = useState('');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const others = (catalogue.data?.items ?? []).filter((i) => i.id !== id && i.unit === detail.indicator.unit);
  const rows = [...detail.national, ...detail.regions];
  return (
    <section className="card" aria-labelledby="curate-h">
      <h2 id="curate-h">{t('indicator.curate')}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (from) merge.mutate(Number(from), { onSuccess: () => setFrom('') });
        }}
      >
        <label className="grow">
          {t('indicator.mergeFrom')}
          <select name="mergeFrom" value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">—</option>
            {others.map((i) => (
              <option key={i.id} value={i.id}>
                {locale === 'zh' ? i.name : i.nameEn} ({i.targetCount})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!from || merge.isPending}>
          {t('indicator.merge')}
        </button>
        {merge.isError && (
          <span role="alert" className="error">
            {merge.error.message}
          </span>
        )}
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && chosen.length)
            split.mutate({ name: name.trim(), targetIds: chosen }, { onSuccess: () => setChosen([]) });
        }}
      >
        <fieldset>
          <legend>{t('indicator.splitChoose')}</legend>
          {rows.map((r) => (
            <label key={r.targetId} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(r.targetId)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, r.targetId] : c.filter((x) => x !== r.targetId)))
                }
              />{' '}
              {locale === 'zh' ? r.region : r.regionEn} · {r.metric}
            </label>
          ))}
        </fieldset>
        <div className="filters">
          <label className="grow">
            {t('indicator.splitName')}
            <input name="splitName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          <button type="submit" disabled={!name.trim() || chosen.length === 0 || split.isPending}>
            {t('indicator.split')}
          </button>
        </div>
        {split.isError && (
          <p role="alert" className="error">
            {split.error.message}
          </p>
        )}
        {split.data && (
          <p role="status">
            {t('indicator.splitDone')} <Link to={`/indicators/${split.data.id}`}>{split.data.name}</Link>
          </p>
        )}
      </form>
    </section>
  );
}
