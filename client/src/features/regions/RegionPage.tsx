import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { formatQuantity } from '../../../../shared/format';
import { RegionSchema } from '../../../../shared/schemas/region';
import { metricSimilarity } from '../../../../shared/similarity';
import { NATIONAL_REGION } from '../../../../shared/taxonomy';
import { getJson } from '../../api/http';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { DeadlineTimelineCard, GroupBarsCard } from '../overview/SummaryCharts';
import { targetsLink } from '../targets/filters';
import { targetQueries } from '../targets/queries';

/** One region (with everything below it): status mix, progress by theme, and national comparisons. */
export function RegionPage() {
  const { code = '' } = useParams();
  const { t, locale } = useLocale();
  const _navigate = useNavigate();
  const region = useQuery({
    queryKey: ['regions', 'one', code],
    queryFn: ({ signal }) => getJson(`/api/regions`, z.array(RegionSchema), signal),
    select: (all) => all.find((r) => r.code === code),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const summary = useQuery(targetQueries.summary({ region: code, kind: 'target' }));
  const own = useQuery(targetQueries.list({ region: code, kind: 'target', pageSize: 500 }));
  const national = useQuery({
    ...targetQueries.list({ region: NATIONAL_REGION.code, kind: 'target', pageSize: 500 }),
    enabled: code !== NATIONAL_REGION.code,
  });
  const name = region.data ? (locale === 'zh' ? region.data.fullName : region.data.nameEn) : code;
  // The national target for the same metric: same normalised unit and the most alike metric name.
  const pairs =
    own.data && national.data
      ? own.data.items.flatMap((o) => {
          let best: { n: (typeof national.data.items)[number]; score: number } | null = null;
          for (const n of national.data.items) {
            if (n.normalizedUnit !== o.normalizedUnit) continue;
            const score = metricSimilarity(o.metric, n.metric);
            if (score >= 0.6 && (!best || score > best.score)) best = { n, score };
          }
          return best ? [{ own: o, national: best.n }] : [];
        })
      : [];
  return (
    <div className="page">
      <h1>{t('region.title', { name })}</h1>
      <p>
        <Link to={targetsLink({ region: code })}>{t('targets.title')} →</Link>
      </p>
      <LoadingPanel query={summary} isEmpty={(s) => s.total === 0}>
        {(s) => (
          <div className="grid-2">
            <DeadlineTimelineCard summary={s} base={{ region: code }} fileName={`region-${code}-deadlines`} />
            <GroupBarsCard summary={s} base={{ region: code }} by="theme" fileName={`region-${code}-themes`} />
          </div>
        )}
      </LoadingPanel>
      {code !== NATIONAL_REGION.code && (
        <section className="card" aria-labelledby="cmp-h">
          <h2 id="cmp-h">{t('region.compare')}</h2>
          {pairs.length === 0 ? (
            <p>{t('common.empty')}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('targets.metric')}</th>
                  <th scope="col">{name}</th>
                  <th scope="col">{t('region.national')}</th>
                </tr>
              </thead>
              <tbody>
                {pairs.map((p) => (
                  <tr key={p.own.id}>
                    <td>{p.own.metric}</td>
                    <td>
                      <Link to={`/targets/${p.own.id}`}>{formatQuantity(p.own.value, p.own.unit, locale)}</Link> (
                      {p.own.deadline ?? '—'})
                    </td>
                    <td>
                      <Link to={`/targets/${p.national.id}`}>
                        {formatQuantity(p.national.value, p.national.unit, locale)}
                      </Link>{' '}
                      ({p.national.deadline ?? '—'})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
