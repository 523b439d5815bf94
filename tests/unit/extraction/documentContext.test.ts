/**
 * The document's context reaching every figure, end to end through extractDocument: kind and
 * deadline follow the section, region follows the issuer (or the place a figure or an item names),
 * binding follows the clause. Each case names a construction; every text is short and made up.
 */
import { describe, expect, it } from 'vitest';
import { type ExtractOptions, extractDocument } from '../../../server/extraction/index';
import type { ExtractedRecord } from '../../../shared/schemas/record';

function recordsOf(lines: string[], options: ExtractOptions = {}): ExtractedRecord[] {
  return extractDocument(lines.join('\n'), 'synthetic.txt', options).records;
}

/** The one record whose value and unit are these; fails the case when there is not exactly one. */
function recordOf(records: ExtractedRecord[], value: number, unit: string): ExtractedRecord {
  const found = records.filter((r) => r.value === value && r.unit === unit);
  expect(found, `records of ${value}${unit}`).toHaveLength(1);
  return found[0] as ExtractedRecord;
}

function pick(r: ExtractedRecord, ...fields: Array<keyof ExtractedRecord>): Partial<ExtractedRecord> {
  return Object.fromEntries(fields.map((f) => [f, r[f]]));
}

const CITY_REPORT = [
  '政府工作报告',
  '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上',
  '各位代表：',
  '现在，我代表市人民政府向大会报告工作，请予审议。',
  '一、2023年工作回顾',
  '过去一年，全市地区生产总值增长5.1%，新建5G基站3200个。',
  '全年规模以上工业增加值增长7.2%。',
  '二、2024年工作安排',
  '今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业6万人以上。',
  '全年新建5G基站2000个，培育省级智能工厂20家。',
];

describe('a work report: kind and deadline follow the section', () => {
  const records = recordsOf(CITY_REPORT);

  it('makes figures of the review part (一、2023年工作回顾) actuals dated at the reviewed year', () => {
    expect(pick(recordOf(records, 5.1, '%'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2023' });
    expect(pick(recordOf(records, 3200, '个'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2023' });
  });

  it('reads 全年 in the review part as dating a result, not a goal', () => {
    expect(pick(recordOf(records, 7.2, '%'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2023' });
  });

  it('makes figures of the plan part (二、2024年工作安排) targets due at the report’s year', () => {
    for (const [value, unit] of [
      [5.5, '%'],
      [6, '万人'],
      [2000, '个'],
      [20, '家'],
    ] as const)
      expect(pick(recordOf(records, value, unit), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2024' });
  });

  it('places every figure at the city of the congress the report was given to', () => {
    expect(new Set(records.map((r) => `${r.region} ${r.regionCode}`))).toEqual(new Set(['洛阳市 410300']));
  });

  it('marks goals listed after 主要预期目标是： as expected', () => {
    expect(recordOf(records, 5.5, '%').binding).toBe('expected');
    expect(recordOf(records, 6, '万人').binding).toBe('expected');
  });

  it('leaves binding null for results and for goals outside the expected-goals list', () => {
    expect(recordOf(records, 5.1, '%').binding).toBeNull();
    expect(recordOf(records, 20, '家').binding).toBeNull();
  });
});

describe('a work report without headings', () => {
  it('opens the plan at 今年经济社会发展的主要预期目标是： and dates the review before it a year earlier', () => {
    const records = recordsOf([
      '政府工作报告',
      '——2024年1月15日在绍兴市第九届人民代表大会第三次会议上',
      '各位代表：',
      '过去一年，我们坚持稳中求进，全市数字经济核心产业增加值增长9.8%。',
      '今年经济社会发展的主要预期目标是：数字经济核心产业增加值增长10%。',
    ]);
    expect(pick(recordOf(records, 9.8, '%'), 'kind', 'deadline', 'region')).toEqual({
      kind: 'actual',
      deadline: '2023',
      region: '绍兴市',
    });
    expect(pick(recordOf(records, 10, '%'), 'kind', 'deadline', 'binding')).toEqual({
      kind: 'target',
      deadline: '2024',
      binding: 'expected',
    });
  });

  it('dates an undated report by its 2023年工作回顾 heading', () => {
    const records = recordsOf([
      '政府工作报告',
      '各位代表：',
      '现在，我代表嘉兴市人民政府向大会报告工作。',
      '一、2023年工作回顾',
      '全市新增规上工业企业500家。',
      '二、今年工作安排',
      '今年新增规上工业企业300家。',
    ]);
    expect(pick(recordOf(records, 500, '家'), 'kind', 'deadline', 'region')).toEqual({
      kind: 'actual',
      deadline: '2023',
      region: '嘉兴市',
    });
    expect(pick(recordOf(records, 300, '家'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2024' });
  });

  it('dates goals under “十五五”时期主要目标任务 at 2030 and this year’s goals at the report’s year', () => {
    const records = recordsOf([
      '政府工作报告',
      '——2026年1月12日在洛阳市第十七届人民代表大会第一次会议上',
      '各位代表：',
      '一、2025年和“十四五”时期工作回顾',
      '“十四五”时期，全市累计建成5G基站1.5万个。',
      '二、“十五五”时期主要目标任务',
      '全市数字经济核心产业增加值占地区生产总值比重达到12%。',
      '三、2026年工作安排',
      '今年主要预期目标是：地区生产总值增长5%左右。',
    ]);
    expect(pick(recordOf(records, 1.5, '万个'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2025' });
    expect(pick(recordOf(records, 12, '%'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2030' });
    expect(pick(recordOf(records, 5, '%'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2026' });
  });
});

describe('dates inside a work report’s sections', () => {
  const records = recordsOf([
    '政府工作报告',
    '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上',
    '一、2023年工作回顾',
    '截至2023年底，全市累计建成5G基站1.2万个。',
    '到2025年，全市5G基站将达到2万个。',
    '二、2024年重点工作',
    '全年新建5G基站3000个。',
    '到2025年，数字经济核心产业增加值突破500亿元。',
  ]);

  it('dates a result in the review part at its stated as-of date (截至2023年底)', () => {
    expect(pick(recordOf(records, 1.2, '万个'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2023-12' });
  });

  it('keeps a goal restated in the review part (到2025年…将达到) a target with its own year', () => {
    expect(pick(recordOf(records, 2, '万个'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2025' });
  });

  it('reads 全年 in the plan part as the report’s year', () => {
    expect(pick(recordOf(records, 3000, '个'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2024' });
  });

  it('lets a goal year named in the plan part (到2025年) override the report’s year', () => {
    expect(pick(recordOf(records, 500, '亿元'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2025' });
  });
});

describe('a five-year plan: run-in sections', () => {
  const records = recordsOf([
    '宁波市数字经济发展“十四五”规划',
    '1.发展基础。全市数字经济核心产业增加值达到1200亿元，累计建成5G基站1.8万个。',
    '2.面临形势。当前，新一轮科技革命和产业变革深入发展。',
    '3.发展目标。全市数字经济核心产业增加值突破2500亿元，建成5G基站5万个，规模以上工业企业数字化改造覆盖率达到90%（约束性），软件业务收入达到1000亿元（预期性）。',
  ]);

  it('makes figures after 1.发展基础。 actuals dated the year before the plan starts', () => {
    expect(pick(recordOf(records, 1200, '亿元'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2020' });
    expect(pick(recordOf(records, 1.8, '万个'), 'kind', 'deadline')).toEqual({ kind: 'actual', deadline: '2020' });
  });

  it('makes figures after 3.发展目标。 targets due at the plan’s end year', () => {
    expect(pick(recordOf(records, 2500, '亿元'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2025' });
    expect(pick(recordOf(records, 5, '万个'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2025' });
  });

  it('reads （约束性） and （预期性） after a goal as its binding', () => {
    expect(recordOf(records, 90, '%').binding).toBe('binding');
    expect(recordOf(records, 1000, '亿元').binding).toBe('expected');
    expect(recordOf(records, 2500, '亿元').binding).toBeNull();
  });

  it('places every figure at the city opening the title', () => {
    expect(new Set(records.map((r) => r.regionCode))).toEqual(new Set(['330200']));
  });
});

describe('binding words in the clause', () => {
  it('reads 约束性指标 and 预期性指标 that introduce a list of goals', () => {
    const records = recordsOf([
      '数字政府建设“十四五”规划',
      '（三）发展目标',
      '到2025年，约束性指标：政务服务事项网上可办率达到100%。',
      '预期性指标：政务数据共享率达到90%。',
    ]);
    expect(recordOf(records, 100, '%').binding).toBe('binding');
    expect(recordOf(records, 90, '%').binding).toBe('expected');
  });

  it('lets （约束性） after a goal win over the 主要预期目标是： list it stands in', () => {
    const records = recordsOf([
      '政府工作报告',
      '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上',
      '二、2024年工作安排',
      '今年主要预期目标是：地区生产总值增长5.5%左右；单位地区生产总值能耗下降2.5%（约束性）。',
    ]);
    expect(recordOf(records, 5.5, '%').binding).toBe('expected');
    expect(recordOf(records, 2.5, '%').binding).toBe('binding');
  });

  it('does not carry 预期目标 past the end of its sentence', () => {
    const records = recordsOf([
      '2024年数字经济工作要点',
      '主要预期目标是：数字经济核心产业增加值增长8%。全年新建5G基站1000个。',
    ]);
    expect(recordOf(records, 8, '%').binding).toBe('expected');
    expect(recordOf(records, 1000, '个').binding).toBeNull();
  });
});

describe('deadline from the plan’s period and horizon', () => {
  it('gives a goal without a year the end of the period in the title (2023—2025年)', () => {
    const records = recordsOf(['湖南省数字乡村发展行动方案（2023—2025年）', '一、主要目标', '县域共配率超过25%。']);
    expect(pick(recordOf(records, 25, '%'), 'kind', 'deadline', 'region', 'regionCode')).toEqual({
      kind: 'target',
      deadline: '2025',
      region: '湖南省',
      regionCode: '430000',
    });
  });

  it('gives a goal without a year the goal year the plan names most (到2027年)', () => {
    const records = recordsOf([
      '关于加快人工智能产业发展的实施方案',
      '2024年8月1日',
      '到2025年，人工智能核心产业规模达到300亿元。',
      '到2027年，人工智能核心产业规模突破800亿元。',
      '到2027年，培育人工智能企业200家。',
      '二、重点任务',
      '建设人工智能开放创新平台10个。',
    ]);
    expect(recordOf(records, 300, '亿元').deadline).toBe('2025');
    expect(recordOf(records, 10, '个').deadline).toBe('2027');
  });

  it('gives a yearly work plan’s 全年 goals that plan’s year', () => {
    const records = recordsOf(['2023年数字政府建设工作要点', '全年政务服务事项网上可办率达到95%。']);
    expect(pick(recordOf(records, 95, '%'), 'kind', 'deadline')).toEqual({ kind: 'target', deadline: '2023' });
  });
});

describe('region from the document’s issuer', () => {
  it('places figures at the province whose document number stands alone in the head (皖政办〔2021〕8号)', () => {
    const records = recordsOf([
      '皖政办〔2021〕8号',
      '关于印发支持数字经济发展若干措施的通知',
      '各市人民政府，省政府各部门：',
      '到2023年，全省建成5G基站8万个。',
    ]);
    expect(pick(recordOf(records, 8, '万个'), 'region', 'regionCode')).toEqual({
      region: '安徽省',
      regionCode: '340000',
    });
  });

  it('places figures at the body signing the text', () => {
    const records = recordsOf([
      '关于加快推进数字乡村建设的实施意见',
      '各县（市、区）人民政府：',
      '到2025年，农村互联网普及率达到75%。',
      '岳阳市人民政府',
      '2023年5月6日',
    ]);
    expect(pick(recordOf(records, 75, '%'), 'region', 'regionCode', 'deadline')).toEqual({
      region: '岳阳市',
      regionCode: '430600',
      deadline: '2025',
    });
  });

  it('places figures of a national body’s text at 全国', () => {
    const records = recordsOf([
      '工业和信息化部等八部门关于加快传统制造业转型升级的指导意见',
      '到2027年，工业企业数字化研发设计工具普及率超过90%。',
    ]);
    expect(pick(recordOf(records, 90, '%'), 'region', 'regionCode')).toEqual({ region: '全国', regionCode: '000000' });
  });

  it('leaves region and code null, never 全国, when nothing names a place', () => {
    const records = recordsOf([
      '关于加快推进数字乡村建设的实施意见',
      '各有关单位：',
      '到2025年，农村互联网普及率达到70%。',
    ]);
    expect(pick(recordOf(records, 70, '%'), 'region', 'regionCode')).toEqual({ region: null, regionCode: null });
  });

  it('takes a region stated by an analyst over the text', () => {
    const records = recordsOf(
      ['关于加快推进数字乡村建设的实施意见', '各有关单位：', '到2025年，农村互联网普及率达到70%。'],
      { context: { regionCode: '430600' } },
    );
    expect(pick(recordOf(records, 70, '%'), 'region', 'regionCode')).toEqual({
      region: '岳阳市',
      regionCode: '430600',
    });
  });

  it('takes a year stated by an analyst as the report’s year', () => {
    const records = recordsOf(
      [
        '政府工作报告',
        '各位代表：',
        '现在，我代表嘉兴市人民政府向大会报告工作。',
        '二、今年工作安排',
        '今年新增规上工业企业300家。',
      ],
      { context: { year: 2025 } },
    );
    expect(recordOf(records, 300, '家').deadline).toBe('2025');
  });
});

describe('region from the place a figure or an item names', () => {
  it('gives a city’s figure quoted in a provincial report to that city', () => {
    const records = recordsOf([
      '湖南省2024年政府工作报告',
      '各位代表：',
      '一、2023年工作回顾',
      '过去一年，全省地区生产总值增长4.6%。长沙市地区生产总值增长4.8%，株洲市规模工业增加值增长6.5%。',
    ]);
    expect(pick(recordOf(records, 4.6, '%'), 'region', 'regionCode')).toEqual({
      region: '湖南省',
      regionCode: '430000',
    });
    expect(pick(recordOf(records, 4.8, '%'), 'region', 'regionCode', 'kind')).toEqual({
      region: '长沙市',
      regionCode: '430100',
      kind: 'actual',
    });
    expect(pick(recordOf(records, 6.5, '%'), 'region', 'regionCode', 'metric')).toEqual({
      region: '株洲市',
      regionCode: '430200',
      metric: '规模工业增加值',
    });
  });

  it('gives each of two cities named in one sentence of a provincial report its own figure', () => {
    const records = recordsOf([
      '湖南省2024年政府工作报告',
      '一、2023年工作回顾',
      '株洲市新建5G基站2000个，湘潭市新建5G基站1500个。',
    ]);
    expect(pick(recordOf(records, 2000, '个'), 'region', 'kind', 'deadline')).toEqual({
      region: '株洲市',
      kind: 'actual',
      deadline: '2023',
    });
    expect(recordOf(records, 1500, '个').regionCode).toBe('430300');
  });

  it('gives a city’s goal set in a provincial plan to that city', () => {
    const records = recordsOf([
      '湖南省“十四五”数字经济发展规划',
      '3.发展目标。到2025年，全省数字经济规模突破2.5万亿元，长沙市数字经济规模突破1万亿元。',
    ]);
    expect(pick(recordOf(records, 2.5, '万亿元'), 'region', 'deadline')).toEqual({
      region: '湖南省',
      deadline: '2025',
    });
    expect(pick(recordOf(records, 1, '万亿元'), 'region', 'regionCode', 'metric', 'deadline')).toEqual({
      region: '长沙市',
      regionCode: '430100',
      metric: '数字经济规模',
      deadline: '2025',
    });
  });

  it('places each item of a digest at the province its parenthesised heading names (（二）江苏省印发《…》)', () => {
    const records = recordsOf([
      '数字经济政策动态',
      '（一）湖南省印发《湖南省算力基础设施建设行动计划》',
      '计划提出，到2025年智能算力达到2000PFlops。',
      '（二）江苏省印发《江苏省数据要素行动方案》',
      '方案提出，到2026年培育数商500家。',
    ]);
    expect(recordOf(records, 2000, 'PFlops').region).toBe('湖南省');
    expect(pick(recordOf(records, 500, '家'), 'region', 'regionCode', 'deadline')).toEqual({
      region: '江苏省',
      regionCode: '320000',
      deadline: '2026',
    });
  });

  it('lets a digest’s item headings (1.长沙市印发《…》) win over the body issuing the digest', () => {
    const records = recordsOf([
      '湖南省工业和信息化厅',
      '工作动态',
      '1.长沙市印发《长沙市算力发展行动计划》',
      '到2025年，算力规模达到1000PFlops。',
      '2.株洲市印发《株洲市5G发展行动方案》',
      '到2025年，新建5G基站2000个。',
    ]);
    expect(recordOf(records, 1000, 'PFlops').regionCode).toBe('430100');
    expect(recordOf(records, 2000, '个').regionCode).toBe('430200');
  });

  it('places each item of a digest at the province its numbered heading names (2.湖南省印发《…》)', () => {
    const records = recordsOf([
      '数字经济政策动态',
      '1.浙江省印发《浙江省数据要素产业发展行动方案》',
      '方案提出，到2026年数据产业规模突破3000亿元。',
      '2.湖南省印发《湖南省算力基础设施建设行动计划》',
      '计划提出，到2025年智能算力达到2000PFlops。',
    ]);
    expect(pick(recordOf(records, 3000, '亿元'), 'region', 'regionCode', 'deadline')).toEqual({
      region: '浙江省',
      regionCode: '330000',
      deadline: '2026',
    });
    expect(pick(recordOf(records, 2000, 'PFlops'), 'region', 'regionCode', 'deadline')).toEqual({
      region: '湖南省',
      regionCode: '430000',
      deadline: '2025',
    });
  });

  it('gives a figure of another place’s quoted policy to that place (《深圳市…方案》提出)', () => {
    const records = recordsOf([
      '湖北省数字经济发展工作要点',
      '2024年3月1日',
      '《深圳市算力基础设施高质量发展行动计划》提出，到2025年深圳市算力规模达到3000PFlops。',
    ]);
    expect(recordOf(records, 3000, 'PFlops').region).toBe('深圳市');
  });
});

describe('region: another place opening a figure', () => {
  it('gives another city’s figure in a city’s report to that city', () => {
    const records = recordsOf(['长沙市2024年政府工作报告', '一、2023年工作回顾', '株洲市新建5G基站2000个。']);
    expect(pick(recordOf(records, 2000, '个'), 'region', 'regionCode')).toEqual({
      region: '株洲市',
      regionCode: '430200',
    });
  });

  it('keeps the report’s own place when the province around it names a brand (“湖北精品”企业)', () => {
    const records = recordsOf(['天门市2024年政府工作报告', '二、2024年工作安排', '全市新增“湖北精品”企业2家。']);
    expect(recordOf(records, 2, '家').regionCode).toBe('429006');
  });
});

describe('a subsidy rule’s conditions are no goals', () => {
  it('leaves out who qualifies for an award (面积在300平方米以内的, 按照每人不超过10平方米的标准, 收入达到2000万元以上的企业)', () => {
    const records = recordsOf([
      '某市人工智能产业园发展若干政策',
      '新设立的企业，经考核通过且租赁场地面积在300平方米以内的，按照每个正式员工不超过10平方米的标准，给予房租补贴，单个企业累计补贴金额不超过100万元。',
      '对年营业收入达到2000万元以上、或年纳税额达到200万元以上的企业，给予一次性奖励50万元。',
    ]);
    expect(records.filter((r) => r.kind === 'target')).toEqual([]);
    expect(records.filter((r) => r.kind === 'funding').map((r) => [r.value, r.unit])).toEqual([
      [100, '万元'],
      [50, '万元'],
    ]);
  });
});

describe('a report of results names where a figure got to', () => {
  it('reads 从2012年的…增加到2021年的… in a 2022 progress report as results dated at their years', () => {
    const records = recordsOf([
      '2022年10月28日在第十三届全国人民代表大会常务委员会第三十七次会议上',
      '全国人民代表大会常务委员会：',
      '现就数字经济发展情况报告如下，请审议。',
      '一、工作进展和成效',
      '光缆线路总长度从2012年的1479万公里增加到2021年的5481万公里。',
    ]);
    expect(records.map((r) => [r.value, r.kind, r.deadline])).toEqual([
      [1479, 'actual', '2012'],
      [5481, 'actual', '2021'],
    ]);
  });
});

describe('theme', () => {
  it('files a figure in PFLOPS under computing power even when its words name AI (人工智能算力规模)', () => {
    const records = recordsOf([
      '某市人工智能产业发展行动计划（2024—2026年）',
      '到2026年，人工智能算力规模突破3500PFlops。',
    ]);
    expect(records.map((r) => r.theme)).toEqual(['compute']);
  });
});

describe('funding', () => {
  it('reads money a government’s treasury puts in (市财政每年出资1亿元) as funding, not a goal', () => {
    const records = recordsOf(['某市人工智能产业园发展若干政策', '连续三年由市财政每年出资1亿元用于园区建设。']);
    expect(records.map((r) => [r.value, r.unit, r.kind, r.perYear])).toEqual([[1, '亿元', 'funding', true]]);
  });
});
