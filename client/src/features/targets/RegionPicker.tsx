import { useQuery } from '@tanstack/react-query';
import { NATIONAL_REGION } from '../../../../shared/taxonomy';
import { useLocale } from '../../i18n';
import { regionQueries } from './queries';

/** Province, then city: a province's targets include its cities', so either level is a valid filter. */
export function RegionPicker({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t, locale } = useLocale();
  const provinces = useQuery(regionQueries.children(NATIONAL_REGION.code));
  const provinceCode = value && value !== NATIONAL_REGION.code ? `${value.slice(0, 2)}0000` : value;
  const cities = useQuery({
    ...regionQueries.children(provinceCode ?? NATIONAL_REGION.code),
    enabled: !!provinceCode && provinceCode !== NATIONAL_REGION.code,
  });
  const name = (r: { fullName: string; nameEn: string }) => (locale === 'zh' ? r.fullName : r.nameEn);
  return (
    <>
      <label>
        {t('targets.province')}
        <select value={provinceCode ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{t('common.all')}</option>
          <option value={NATIONAL_REGION.code}>{locale === 'zh' ? '全国（国家级）' : 'National level'}</option>
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
          disabled={!provinceCode || provinceCode === NATIONAL_REGION.code}
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
