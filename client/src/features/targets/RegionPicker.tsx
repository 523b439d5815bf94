import { queryOptions, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { z } from 'zod';
import { type RegionInfo, RegionSchema } from '../../../../shared/schemas/region';
import { NATIONAL_REGION } from '../../../../shared/taxonomy';
import { getJson } from '../../api/http';
import { useLocale } from '../../i18n';
import { regionQueries } from './queries';

/**
 * Province → city → district: a region includes everything below it, so any level is a valid choice (a filter, a
 * document's issuing government).
 */
export function RegionPicker({ value, onChange }: { value?: string; onChange: (code: string | undefined) => void }) {
  const { t, locale } = useLocale();
  const national = value === NATIONAL_REGION.code;
  const province = value && !national ? `${value.slice(0, 2)}0000` : undefined;
  const city = value && !national && value.slice(2, 4) !== '00' ? `${value.slice(0, 4)}00` : undefined;
  const district = value && !national && value.slice(4) !== '00' ? value : undefined;
  const provinces = useQuery(regionQueries.children(NATIONAL_REGION.code));
  const cities = useQuery({ ...regionQueries.children(province ?? NATIONAL_REGION.code), enabled: !!province });
  const districts = useQuery({ ...regionQueries.children(city ?? NATIONAL_REGION.code), enabled: !!city });
  const name = (r: { fullName: string; nameEn: string }) => (locale === 'zh' ? r.fullName : r.nameEn);
  // A city-level code whose city row does not exist (直辖市 districts sit under the province) shows as a district.
  const cityOptions = cities.data ?? [];
  const cityKnown = city !== undefined && cityOptions.some((r) => r.code === city);
  return (
    <>
      <label>
        {t('filters.province')}
        <select
          value={national ? NATIONAL_REGION.code : (province ?? '')}
          onChange={(e) => onChange(e.target.value || undefined)}
        >
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
        {t('filters.city')}
        <select
          value={cityKnown ? city : district && !cityKnown ? district : ''}
          disabled={!province}
          onChange={(e) => onChange(e.target.value || province)}
        >
          <option value="">{t('common.all')}</option>
          {cityOptions.map((r) => (
            <option key={r.code} value={r.code}>
              {name(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.district')}
        <select
          value={cityKnown && district ? district : ''}
          disabled={!cityKnown || !districts.data?.length}
          onChange={(e) => onChange(e.target.value || city)}
        >
          <option value="">{t('common.all')}</option>
          {districts.data?.map((r) => (
            <option key={r.code} value={r.code}>
              {name(r)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Every GB/T 2260 region, national to district (≈ 3,200; the server lets browsers keep the list a day). */
const allRegionsQuery = queryOptions({
  queryKey: ['regions', 'all'],
  queryFn: ({ signal }) => getJson('/api/regions', z.array(RegionSchema), signal),
  staleTime: Number.POSITIVE_INFINITY,
});

const LEVEL_ORDER = { country: 0, province: 1, city: 2, district: 3 } as const;

/** The regions whose name, full name, English name or code contains what was typed, higher levels first. */
function matchRegions(regions: readonly RegionInfo[], typed: string, limit = 12): RegionInfo[] {
  const q = typed.trim().toLowerCase();
  if (!q) return [];
  const hits = regions.filter(
    (r) => r.fullName.includes(q) || r.name.includes(q) || r.nameEn.toLowerCase().includes(q) || r.code.startsWith(q),
  );
  hits.sort(
    (a, b) =>
      Number(!a.name.startsWith(q)) - Number(!b.name.startsWith(q)) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      a.code.localeCompare(b.code),
  );
  return hits.slice(0, limit);
}

/**
 * A searchable region picker over GB/T 2260, national to district: type part of a name (瑶海, 武汉), a code
 * (340102) or a pinyin name; ↑/↓ choose, Enter takes it, Escape leaves the value as it was. Used to correct a
 * figure's region, one or many at a time.
 */
export function RegionSearch({
  value,
  onChange,
  label,
  autoFocus,
}: {
  value: string | null;
  onChange: (code: string) => void;
  label: string;
  autoFocus?: boolean;
}) {
  const { locale } = useLocale();
  const regions = useQuery(allRegionsQuery);
  const id = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const current = regions.data?.find((r) => r.code === value);
  const name = (r: RegionInfo) => (locale === 'zh' ? r.fullName : r.nameEn);
  const shown = typed ?? (current ? `${name(current)} (${current.code})` : (value ?? ''));
  const matches = useMemo(() => matchRegions(regions.data ?? [], typed ?? ''), [regions.data, typed]);
  const choose = (r: RegionInfo) => {
    onChange(r.code);
    setTyped(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(matches.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter' && typed !== null) {
      const r = matches[active];
      if (r) choose(r);
    } else if (e.key === 'Escape' && typed !== null) setTyped(null);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="region-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={matches[active] ? `${id}-${matches[active].code}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: opened on purpose by a keyboard shortcut
        autoFocus={autoFocus}
        value={shown}
        onFocus={(e) => e.target.select()}
        onChange={(e) => {
          setTyped(e.target.value);
          setActive(0);
        }}
        onBlur={() => setTyped(null)}
        onKeyDown={onKey}
      />
      {matches.length > 0 && (
        <div role="listbox" id={`${id}-list`} className="region-options">
          {matches.map((r, i) => (
            <div
              key={r.code}
              id={`${id}-${r.code}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: it comes before the input's blur, which closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(r);
              }}
            >
              {name(r)} <span className="muted">{r.code}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
