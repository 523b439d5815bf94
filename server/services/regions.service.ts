/**
 * A region's overview (issue 15 item 5), computed on the server: its KPIs and status mix, its children (a
 * province's cities, a city's districts) each with their status mix, and its figures that count towards an
 * indicator beside the national target for the same indicator. Takes the list's filters, so a filter bar can
 * narrow every part of the page alike.
 */
import type { RegionOverview } from '../../shared/schemas/indicator';
import type { TargetFilters } from '../../shared/schemas/target';
import { NATIONAL_REGION } from '../../shared/taxonomy';
import type { Db } from '../db/client';
import { NotFoundError } from '../lib/errors';
import { type Region, regionByCode } from '../lib/regions';
import { getIndicator, nationalRepresentatives, regionIndicatorFigures } from '../repos/indicators.repo';
import { targetWhere } from '../repos/targets.where';
import { toRegionRow } from './indicators.service';
import { summarise } from './summary.service';

const info = (r: Region) => ({
  code: r.code,
  name: r.name,
  fullName: r.fullName,
  nameEn: r.nameEn,
  level: r.level,
  parentCode: r.parentCode,
});

/** The representative of a group of figures: the region's own code first, then the latest deadline, the newest. */
function better(a: { regionCode: string; deadline: string | null; id: number }, b: typeof a, own: string): boolean {
  if ((a.regionCode === own) !== (b.regionCode === own)) return a.regionCode === own;
  if ((a.deadline === null) !== (b.deadline === null)) return a.deadline !== null;
  const am = a.deadline && a.deadline.length === 4 ? `${a.deadline}-12` : (a.deadline ?? '');
  const bm = b.deadline && b.deadline.length === 4 ? `${b.deadline}-12` : (b.deadline ?? '');
  if (am !== bm) return am > bm;
  return a.id > b.id;
}

export function regionOverview(db: Db, code: string, filters: TargetFilters, today: string): RegionOverview {
  const region = regionByCode(code);
  if (!region) throw new NotFoundError('Region', code);
  const f: TargetFilters = { ...filters, region: code, kind: filters.kind ?? 'target' };
  const summary = summarise(db, f, today);
  const parents: Region[] = [];
  for (let p = region.parentCode; p; ) {
    const r = regionByCode(p);
    if (!r) break;
    parents.unshift(r);
    p = r.parentCode;
  }
  if (code !== NATIONAL_REGION.code && parents[0]?.code !== NATIONAL_REGION.code) {
    const national = regionByCode(NATIONAL_REGION.code);
    if (national) parents.unshift(national);
  }

  let comparison: RegionOverview['comparison'] = [];
  if (code !== NATIONAL_REGION.code) {
    const best = new Map<number, ReturnType<typeof regionIndicatorFigures>[number]>();
    for (const fig of regionIndicatorFigures(db, targetWhere({ ...f, kind: 'target' }))) {
      const cur = best.get(fig.indicatorId);
      if (!cur) best.set(fig.indicatorId, fig);
      else {
        cur.n++;
        if (better(fig, cur, code)) best.set(fig.indicatorId, { ...fig, n: cur.n });
      }
    }
    const national = new Map(
      nationalRepresentatives(db, [...best.keys()], NATIONAL_REGION.code).map((n) => [n.indicatorId, n]),
    );
    comparison = [...best.values()].flatMap((own) => {
      const ind = getIndicator(db, own.indicatorId);
      if (!ind) return [];
      const n = national.get(own.indicatorId);
      return [
        {
          indicator: { id: ind.id, name: ind.name, nameEn: ind.nameEn, unit: ind.unit },
          own: toRegionRow(own),
          national: n ? toRegionRow(n) : null,
        },
      ];
    });
    // Those with a national target first, then by indicator name.
    comparison.sort(
      (a, b) => (a.national ? 0 : 1) - (b.national ? 0 : 1) || a.indicator.name.localeCompare(b.indicator.name, 'zh'),
    );
  }
  return { region: info(region), parents: parents.map(info), summary, comparison };
}
