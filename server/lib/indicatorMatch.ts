/**
 * The rules by which a figure's metric is matched to an indicator of the catalogue (issue 15 item 4). Pure
 * functions over strings, so the rules are unit-tested on their own (tests/unit/indicatorMatch.test.ts):
 *
 * 1. Normalise both the metric and every synonym the same way (`normalizeMetric`): NFKC, Latin upper-cased,
 *    no spaces, quotes or brackets (a bracket's content goes too: 人工智能算力规模(FP16) → 人工智能算力规模),
 *    no region words (全省, 全市, 我省, 浙江省, 杭州市, 浙江 …), no verbs of reaching (达到, 力争, 累计, 拥有) and
 *    no trailing counting word (数量, 总数, 数, 总规模, 规模, 总量): 全省5G基站数量 and 5G基站数 are both 5G基站.
 * 2. The units must be compatible (`unitsCompatible`): equal normalised units, or two counters of things
 *    (个, 座, 家, 项 …), or two counters of people (人, 名, 位).
 * 3. An equal synonym wins; otherwise the longest synonym the metric contains, if it has at least
 *    MIN_CONTAINED characters and covers at least MIN_COVERAGE of the metric (so 算力 alone does not claim
 *    every metric with 算力 in it, and a long sentence that mentions a synonym in passing is left alone), and
 *    the rest of the metric joins no second measure to it (和/及/与/并: 行政村5G覆盖率和千兆光纤通达率 is two).
 * 4. Two indicators tied on the best rule leave the figure unassigned: an analyst decides.
 */
import { allRegions, shortRegionName } from './regions';

/** A synonym shorter than this (normalised) only ever matches a metric equal to it. */
export const MIN_CONTAINED = 3;
/** The share of the normalised metric a contained synonym must cover. */
export const MIN_COVERAGE = 0.4;

/** Units that count things: one indicator may be stated in any of them (5G基站 个 or 座). */
const THING_COUNTERS = new Set([
  '个',
  '座',
  '家',
  '项',
  '套',
  '台',
  '件',
  '张',
  '条',
  '所',
  '栋',
  '处',
  '架',
  '类',
  '种',
]);
const PEOPLE_COUNTERS = new Set(['人', '名', '位']);

/** Whether a figure in normalised unit `a` can count towards an indicator in normalised unit `b`. */
export function unitsCompatible(a: string, b: string): boolean {
  const x = a.normalize('NFKC').trim().toUpperCase();
  const y = b.normalize('NFKC').trim().toUpperCase();
  if (x === y) return true;
  return (THING_COUNTERS.has(x) && THING_COUNTERS.has(y)) || (PEOPLE_COUNTERS.has(x) && PEOPLE_COUNTERS.has(y));
}

let regionWords: RegExp | undefined;
/** 全省/全市/我省/本市 … and every province's and city's name, full and short, longest first. */
function regionPattern(): RegExp {
  if (regionWords) return regionWords;
  const words = new Set<string>();
  for (const r of allRegions()) {
    if (r.level !== 'province' && r.level !== 'city') continue;
    words.add(r.name);
    const short = shortRegionName(r.name);
    if (short.length >= 2) words.add(short);
  }
  const sorted = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  regionWords = new RegExp(`(?:全|我|本)(?:省|市|区|县|州|盟|国)|${sorted.join('|')}`, 'gu');
  return regionWords;
}

/** A metric that joins two measures (行政村5G覆盖率和千兆光纤通达率) around the synonym is matched by equality only. */
const CONJUNCTION = /和|及|与|并|、/u;

/**
 * What may follow a contained synonym: nothing, or a word about the figure's basis. The head of a Chinese noun
 * phrase is its last word, so 5G全连接工厂示范集聚区 counts 集聚区 (clusters), not the 5G全连接工厂 before it;
 * modifiers go in front (新建, 省级, 累计建成).
 */
const AFTER_SYNONYM = /^(?:同口径|按?可比价格?|现价)?$/u;

const TRAILING_COUNT = /(?:个数|数量|总数|总规模|总量|规模|数)$/u;

/** The form metrics and synonyms are compared in (rule 1). */
export function normalizeMetric(metric: string): string {
  let s = metric.normalize('NFKC').toUpperCase();
  s = s.replace(/\([^)]*\)?|（[^）]*）?|\[[^\]]*\]?/gu, '');
  s = s.replace(/[\s"'“”‘’《》〈〉「」『』、·.,，。:：;；!！?？]/gu, '');
  s = s.replace(regionPattern(), '');
  s = s.replace(/达到|力争|累计|拥有/gu, '');
  s = s.replace(TRAILING_COUNT, '');
  return s;
}

/** One synonym of the catalogue as the matcher reads it. */
export interface SynonymEntry {
  indicatorId: number;
  /** The indicator's normalised unit. */
  unit: string;
  /** `normalizeMetric` of the synonym. */
  normalized: string;
}

export type MatchRule = 'equal' | 'contained';

export interface IndicatorMatch {
  indicatorId: number;
  rule: MatchRule;
  synonym: string;
}

/** The indicator a figure with `metric` in `normalizedUnit` counts towards, or null (rules 2–4). */
export function matchIndicator(
  synonyms: readonly SynonymEntry[],
  metric: string,
  normalizedUnit: string,
): IndicatorMatch | null {
  const m = normalizeMetric(metric);
  if (!m) return null;
  let best: { score: number; ids: Set<number>; rule: MatchRule; synonym: string } | null = null;
  for (const s of synonyms) {
    if (!s.normalized || !unitsCompatible(normalizedUnit, s.unit)) continue;
    let score: number;
    let rule: MatchRule;
    if (s.normalized === m) {
      score = 10_000 + s.normalized.length;
      rule = 'equal';
    } else if (
      s.normalized.length >= MIN_CONTAINED &&
      s.normalized.length >= MIN_COVERAGE * m.length &&
      m.includes(s.normalized) &&
      AFTER_SYNONYM.test(m.slice(m.lastIndexOf(s.normalized) + s.normalized.length)) &&
      !CONJUNCTION.test(m.replace(s.normalized, '|'))
    ) {
      score = s.normalized.length;
      rule = 'contained';
    } else continue;
    if (!best || score > best.score) best = { score, ids: new Set([s.indicatorId]), rule, synonym: s.normalized };
    else if (score === best.score) best.ids.add(s.indicatorId);
  }
  if (best?.ids.size !== 1) return null;
  const [indicatorId] = best.ids;
  return indicatorId === undefined ? null : { indicatorId, rule: best.rule, synonym: best.synonym };
}
