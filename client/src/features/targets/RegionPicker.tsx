import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../../i18n';
import { regionQueries } from './queries';

/** Province, then city: a province's targets include its cities', so either level is a valid filter. */
export function RegionPicker({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t, locale } = useLocale();
  const provinces = useQuery(regionQueries.children('000000'));
  const provinceCode = value && value !== '000000' ? `${value.slice(0, 2)}0000` : value;
  const cities = useQuery({
    ...regionQueries.children(provinceCode ?? '000000'),
    enabled: !!provinceCode && provinceCode !== '000000',
  });
  const name = (r: { fullName: string; nameEn: string }) => (locale === 'zh' ? r.fullName : r.nameEn);
  return (
    <>
      <label>
        {t('targets.province')}
        <select value={provinceCode ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{t('common.all')}</option>
          <option value="000000">{locale === 'zh' ? '全国（国家级）' : 'National level'}</option>
          {provinces.data?.map((r) => (
            <option key={r.code} value={r.code}>
              {name(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('targets.city')}
        <select
          value={value && value !== provinceCode ? value : ''}
          disabled={!provinceCode || provinceCode === '000000'}
          onChange={(e) => onChange(e.target.value || provinceCode)}
        >
          <option value="">{t('common.all')}</option>
          {cities.data?.map((r) => (
            <option key={r.code} value={r.code}>
              {name(r)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
