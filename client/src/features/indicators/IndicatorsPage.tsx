import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { IndicatorListQuerySchema } from '../../../../shared/schemas/indicator';
import { THEMES } from '../../../../shared/taxonomy';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { readUrlFilters, writeUrlFilters } from '../../lib/urlFilters';
import { indicatorQueries } from './queries';

/** The indicator catalogue: searchable by name or synonym, with how many targets and regions each has. */
export function IndicatorsPage() {
  const { t, locale } = useLocale();
  const [sp, setSp] = useSearchParams();
  const filters = readUrlFilters(IndicatorListQuerySchema, sp);
  const [text, setText] = useState(filters.q ?? '');
  const list = useQuery(indicatorQueries.list(filters));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSp(writeUrlFilters({ ...filters, q: text.trim() || undefined }));
  };
  const themeName = (key: string) => {
    const th = THEMES.find((x) => x.key === key);
    return th ? (locale === 'zh' ? th.zh : th.en) : key;
  };
  return (
    <div className="page">
      <h1>{t('indicator.catalogue')}</h1>
      <p className="muted">{t('indicator.intro')}</p>
      <form className="filters" onSubmit={submit}>
        <label className="grow">
          {t('indicator.search')}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} name="q" />
        </label>
        <label>
          {t('indicator.theme')}
          <select
            value={filters.theme ?? ''}
            onChange={(e) => setSp(writeUrlFilters({ ...filters, theme: e.target.value || undefined }))}
          >
            <option value="">{t('indicator.allThemes')}</option>
            {THEMES.map((th) => (
              <option key={th.key} value={th.key}>
                {locale === 'zh' ? th.zh : th.en}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('indicator.searchButton')}</button>
      </form>
      <LoadingPanel query={list} isEmpty={(l) => l.total === 0}>
        {(l) => (
          <div className="table-scroll">
            <table className="data" aria-label={t('indicator.catalogue')}>
              <caption className="muted">{t('indicator.count', { n: l.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicator.name')}</th>
                  <th scope="col">{t('indicator.theme')}</th>
                  <th scope="col">{t('indicator.unit')}</th>
                  <th scope="col">{t('indicator.targets')}</th>
                  <th scope="col">{t('indicator.regions')}</th>
                  <th scope="col">{t('indicator.synonyms')}</th>
                </tr>
              </thead>
              <tbody>
                {l.items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <Link to={`/indicators/${i.id}`}>{locale === 'zh' ? i.name : i.nameEn}</Link>
                    </td>
                    <td>{themeName(i.theme)}</td>
                    <td>{i.unit || '—'}</td>
                    <td className="num">{i.targetCount}</td>
                    <td className="num">{i.regionCount}</td>
                    <td className="muted">{i.synonyms.slice(0, 4).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadingPanel>
    </div>
  );
}
