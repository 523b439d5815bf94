import { describe, expect, it } from 'vitest';
import { matchIndicator, normalizeMetric, type SynonymEntry, unitsCompatible } from '../../server/lib/indicatorMatch';
import { shippedCatalogue } from '../../server/services/indicators.service';

/** A small catalogue: id → [unit, synonyms]. */
function catalogue(defs: Record<number, [string, string[]]>): SynonymEntry[] {
  return Object.entries(defs).flatMap(([id, [unit, names]]) =>
    names.map((n) => ({ indicatorId: Number(id), unit, normalized: normalizeMetric(n) })),
  );
}

const CAT = catalogue({
  1: ['个', ['5G基站数', '5G基站']],
  2: ['个', ['每万人拥有5G基站数', '每万人5G基站数']],
  3: ['PFLOPS', ['算力总规模', '算力']],
  4: ['PFLOPS', ['智能算力规模', '智能算力']],
  5: ['%', ['地区生产总值增长', '地区生产总值']],
  6: ['元', ['地区生产总值', 'GDP']],
  7: ['%', ['行政村5G通达率']],
  8: ['%', ['农村互联网普及率']],
  9: ['%', ['网上可办率']],
  10: ['%', ['网上可办率']],
});
const match = (metric: string, unit: string) => matchIndicator(CAT, metric, unit)?.indicatorId ?? null;

describe('normalizeMetric', () => {
  it('strips region words, 达到/拥有, brackets, spaces and a trailing counting word', () => {
    expect(normalizeMetric('全省5G基站数量')).toBe('5G基站');
    expect(normalizeMetric('浙江省 5G 基站总数')).toBe('5G基站');
    expect(normalizeMetric('杭州市每万人拥有5G基站数')).toBe('每万人5G基站');
    expect(normalizeMetric('人工智能算力规模(FP16')).toBe('人工智能算力');
    expect(normalizeMetric('我市“数据要素×”典型案例数量')).toBe('数据要素×典型案例');
    expect(normalizeMetric('ｇｄｐ')).toBe('GDP');
    expect(normalizeMetric('达到')).toBe('');
  });
});

describe('unitsCompatible', () => {
  it('accepts equal units and two counters of things or of people, nothing else', () => {
    expect(unitsCompatible('个', '座')).toBe(true);
    expect(unitsCompatible('家', '个')).toBe(true);
    expect(unitsCompatible('人', '名')).toBe(true);
    expect(unitsCompatible('PFlops', 'PFLOPS')).toBe(true);
    expect(unitsCompatible('%', '个')).toBe(false);
    expect(unitsCompatible('元', '%')).toBe(false);
    expect(unitsCompatible('人', '个')).toBe(false);
  });
});

describe('matchIndicator', () => {
  it('matches an equal synonym after normalising, whatever the region and counting word', () => {
    expect(match('全省5G基站数量', '个')).toBe(1);
    expect(match('每万人拥有5G基站数', '座')).toBe(2);
    expect(match('全国农村互联网普及率', '%')).toBe(8);
  });

  it('lets the unit decide between two indicators named alike', () => {
    expect(match('地区生产总值', '%')).toBe(5);
    expect(match('地区生产总值', '元')).toBe(6);
    expect(match('地区生产总值', '人')).toBeNull();
  });

  it('prefers the longest contained synonym, and needs it to cover enough of the metric', () => {
    expect(match('新建智能算力规模', 'PFLOPS')).toBe(4);
    expect(match('全市算力总规模', 'PFLOPS')).toBe(3);
    expect(match('城市算力规模', 'PFLOPS')).toBeNull();
    // 算力 (2 characters) matches only a metric equal to it.
    expect(match('新一代集群算力', 'PFLOPS')).toBeNull();
    expect(match('累计建成5G基站数量', '个')).toBe(1);
    expect(match('做好面向全体企业和公众的5G基站选址规划和建设协调工作数量', '个')).toBeNull();
  });

  it('needs a contained synonym to end the metric, where a Chinese noun phrase has its head', () => {
    // Counts clusters of factories, or the 5G base stations' sites: not the thing the synonym names.
    expect(match('省级5G基站示范集聚区数量', '个')).toBeNull();
    expect(match('5G基站站址', '个')).toBeNull();
    // Modifiers in front keep the measure; a word about the figure's basis may follow it.
    expect(match('省级新建5G基站', '个')).toBe(1);
    expect(match('地区生产总值同口径', '%')).toBe(5);
    expect(match('地区生产总值按可比价格', '%')).toBe(5);
  });

  it('leaves a metric that joins two measures to an analyst, and a tie between indicators too', () => {
    expect(match('行政村5G通达率和千兆光纤通达率', '%')).toBeNull();
    expect(match('行政村5G通达率', '%')).toBe(7);
    expect(match('网上可办率', '%')).toBeNull();
  });
});

describe('the shipped catalogue', () => {
  it('has at least 40 indicators, unique keys and names, each with synonyms that normalise to something', () => {
    const { indicators } = shippedCatalogue();
    expect(indicators.length).toBeGreaterThanOrEqual(40);
    expect(new Set(indicators.map((i) => i.key)).size).toBe(indicators.length);
    expect(new Set(indicators.map((i) => i.name)).size).toBe(indicators.length);
    for (const i of indicators) {
      expect(i.synonyms.length, i.key).toBeGreaterThan(0);
      for (const s of [i.name, ...i.synonyms]) expect(normalizeMetric(s), `${i.key}: ${s}`).not.toBe('');
    }
  });
});
