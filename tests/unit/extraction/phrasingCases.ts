/**
 * Typical phrasings of Chinese policy texts and the records TARGETS-SPEC.md expects from them.
 * Every text is made up for these tests (none is taken from /seeds): a title line that gives the
 * article its region and plan period, then one to a few body lines.
 *
 * Conventions of the expectations (see phrasing.test.ts for how they are compared):
 * - records are listed in text order: by line, then by where the number stands in the line;
 * - `perYear` is checked as `false` unless a case says otherwise, and `valueMax` as `null` for any
 *   comparator other than `range`;
 * - a field the spec leaves genuinely open for a case (theme of 农村宽带, unit of a unitless PUE,
 *   the normalized form of 倍 / 个百分点 / 分钟 / densities / ranges) is simply left out.
 */
import type { ExtractedRecord } from '../../../shared/schemas/record';

export type Expected = Partial<ExtractedRecord>;

export interface PhrasingCase {
  /** Reads as a sentence about behaviour: `reads 不低于 as >=`. */
  name: string;
  text: string;
  expect: Expected[];
}

export interface PhrasingGroup {
  group: string;
  cases: PhrasingCase[];
}

/** The raw text of a case: one string per raw line. */
const doc = (...lines: string[]): string => lines.join('\n');

const NATIONAL = { region: '全国', regionCode: '000000' } as const;
const BEIJING = { region: '北京市', regionCode: '110000' } as const;
const TIANJIN = { region: '天津市', regionCode: '120000' } as const;
const HEBEI = { region: '河北省', regionCode: '130000' } as const;
const SHANXI = { region: '山西省', regionCode: '140000' } as const;
const NEIMENGGU = { region: '内蒙古自治区', regionCode: '150000' } as const;
const LIAONING = { region: '辽宁省', regionCode: '210000' } as const;
const HEILONGJIANG = { region: '黑龙江省', regionCode: '230000' } as const;
const SHANGHAI = { region: '上海市', regionCode: '310000' } as const;
const PUDONG = { region: '上海市浦东新区', regionCode: '310115' } as const;
const JIANGSU = { region: '江苏省', regionCode: '320000' } as const;
const NANJING = { region: '南京市', regionCode: '320100' } as const;
const SUZHOU = { region: '苏州市', regionCode: '320500' } as const;
const ZHEJIANG = { region: '浙江省', regionCode: '330000' } as const;
const HANGZHOU = { region: '杭州市', regionCode: '330100' } as const;
const NINGBO = { region: '宁波市', regionCode: '330200' } as const;
const ANHUI = { region: '安徽省', regionCode: '340000' } as const;
const HEFEI = { region: '合肥市', regionCode: '340100' } as const;
const FUJIAN = { region: '福建省', regionCode: '350000' } as const;
const FUZHOU = { region: '福州市', regionCode: '350100' } as const;
const JIANGXI = { region: '江西省', regionCode: '360000' } as const;
const SHANDONG = { region: '山东省', regionCode: '370000' } as const;
const HENAN = { region: '河南省', regionCode: '410000' } as const;
const HUBEI = { region: '湖北省', regionCode: '420000' } as const;
const HUNAN = { region: '湖南省', regionCode: '430000' } as const;
const GUANGDONG = { region: '广东省', regionCode: '440000' } as const;
const SHENZHEN = { region: '深圳市', regionCode: '440300' } as const;
const GUANGXI = { region: '广西壮族自治区', regionCode: '450000' } as const;
const CHONGQING = { region: '重庆市', regionCode: '500000' } as const;
const SICHUAN = { region: '四川省', regionCode: '510000' } as const;
const CHENGDU = { region: '成都市', regionCode: '510100' } as const;
const GUIZHOU = { region: '贵州省', regionCode: '520000' } as const;
const YUNNAN = { region: '云南省', regionCode: '530000' } as const;
const SHAANXI = { region: '陕西省', regionCode: '610000' } as const;
const GANSU = { region: '甘肃省', regionCode: '620000' } as const;
const NINGXIA = { region: '宁夏回族自治区', regionCode: '640000' } as const;

export const PHRASING_GROUPS: PhrasingGroup[] = [
  {
    group: 'comparators',
    cases: [
      {
        name: 'reads 达到 without a qualifier as =',
        text: doc('湖南省数字经济发展三年行动计划（2024—2026年）', '到2026年，全省数字经济规模达到2.5万亿元。'),
        expect: [
          {
            kind: 'target',
            ...HUNAN,
            theme: 'digital_industry',
            comparator: '=',
            value: 2.5,
            unit: '万亿元',
            normalizedValue: 2.5e12,
            normalizedUnit: '元',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 实现 without a qualifier as =',
        text: doc('江西省数字政府建设三年行动方案（2023—2025年）', '到2025年，依申请政务服务事项全程网办率实现95%。'),
        expect: [
          {
            kind: 'target',
            ...JIANGXI,
            theme: 'gov',
            comparator: '=',
            value: 95,
            unit: '%',
            normalizedValue: 95,
            normalizedUnit: '%',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 以上 after the unit as >= and ignores 以上 without a number',
        text: doc(
          '四川省5G网络建设三年行动计划（2024—2026年）',
          '到2026年，全省累计建成5G基站30万个以上，实现乡镇以上区域5G网络全覆盖。',
        ),
        expect: [
          {
            kind: 'target',
            ...SICHUAN,
            theme: 'network',
            comparator: '>=',
            value: 30,
            unit: '万个',
            normalizedValue: 300000,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 不低于 as >=',
        text: doc(
          '江苏省制造业智能化改造和数字化转型三年行动计划（2022—2024年）',
          '到2024年，全省规模以上工业企业数字化研发设计工具普及率不低于90%。',
        ),
        expect: [
          {
            kind: 'target',
            ...JIANGSU,
            theme: 'industry_digital',
            comparator: '>=',
            value: 90,
            unit: '%',
            normalizedValue: 90,
            normalizedUnit: '%',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads 至少 as >=',
        text: doc('浙江省数据要素市场化配置改革行动方案（2024—2026年）', '到2026年，全省至少培育20家数商企业。'),
        expect: [
          {
            kind: 'target',
            ...ZHEJIANG,
            theme: 'data',
            comparator: '>=',
            value: 20,
            unit: '家',
            normalizedValue: 20,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 超过 as >',
        text: doc('河南省数字乡村发展行动计划（2023—2025年）', '到2025年，全省农产品网络零售额超过500亿元。'),
        expect: [
          {
            kind: 'target',
            ...HENAN,
            theme: 'rural',
            comparator: '>',
            value: 500,
            unit: '亿元',
            normalizedValue: 5e10,
            normalizedUnit: '元',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 突破 as >',
        text: doc('山东省软件产业高质量发展行动计划（2024—2026年）', '到2026年，全省软件业务收入突破1.2万亿元。'),
        expect: [
          {
            kind: 'target',
            ...SHANDONG,
            theme: 'digital_industry',
            comparator: '>',
            value: 1.2,
            unit: '万亿元',
            normalizedValue: 1.2e12,
            normalizedUnit: '元',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a bare 超 as >',
        text: doc('2024年合肥市数字经济工作要点', '全年新增智能算力超2000PFlops。'),
        expect: [
          {
            kind: 'target',
            ...HEFEI,
            theme: 'compute',
            comparator: '>',
            value: 2000,
            unit: 'PFlops',
            normalizedValue: 2000,
            normalizedUnit: 'PFLOPS',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads 不超过 as <= for a time limit of a public service',
        text: doc('上海市“一网通办”改革2024年工作要点', '今年高频政务服务事项平均办理时长不超过20分钟。'),
        expect: [
          {
            kind: 'target',
            ...SHANGHAI,
            theme: 'gov',
            comparator: '<=',
            value: 20,
            unit: '分钟',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads 以内 as <= and does not take the 12345 hotline for a figure',
        text: doc('2024年南京市数字政府建设工作要点', '全年12345政务服务便民热线平均接通时长控制在15秒以内。'),
        expect: [
          {
            kind: 'target',
            ...NANJING,
            theme: 'gov',
            comparator: '<=',
            value: 15,
            unit: '秒',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads 低于 as <',
        text: doc(
          '广西壮族自治区网络和数据安全保障三年行动方案（2024—2026年）',
          '到2026年，全区关键信息基础设施网络安全事件平均处置时长低于4小时。',
        ),
        expect: [
          {
            kind: 'target',
            ...GUANGXI,
            theme: 'security',
            comparator: '<',
            value: 4,
            unit: '小时',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 左右 as ~',
        text: doc(
          '安徽省通用人工智能产业创新发展三年行动计划（2023—2025年）',
          '到2025年，培育10家左右具有全国影响力的人工智能领军企业。',
        ),
        expect: [
          {
            kind: 'target',
            ...ANHUI,
            theme: 'ai',
            comparator: '~',
            value: 10,
            unit: '家',
            normalizedValue: 10,
            normalizedUnit: '家',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 约 as ~',
        text: doc('黑龙江省智慧农业发展行动方案（2024—2026年）', '到2026年，全省建成智慧农业应用基地约200个。'),
        expect: [
          {
            kind: 'target',
            ...HEILONGJIANG,
            theme: 'rural',
            comparator: '~',
            value: 200,
            unit: '个',
            normalizedValue: 200,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 不少于 as >=',
        text: doc('湖南省5G网络建设提速行动方案（2024—2025年）', '到2025年，全省新建5G基站不少于2万个。'),
        expect: [
          {
            kind: 'target',
            ...HUNAN,
            theme: 'network',
            comparator: '>=',
            value: 2,
            unit: '万个',
            normalizedValue: 20000,
            normalizedUnit: '个',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'lets 以上 after 达到 win over the bare 达到',
        text: doc(
          '成都市数字政府建设三年行动计划（2023—2025年）',
          '到2025年底，全市政务数据共享需求满足率达到95%以上。',
        ),
        expect: [
          {
            kind: 'target',
            ...CHENGDU,
            theme: 'gov',
            comparator: '>=',
            value: 95,
            unit: '%',
            normalizedValue: 95,
            normalizedUnit: '%',
            deadline: '2025-12',
          },
        ],
      },
    ],
  },
  {
    group: 'ranges',
    cases: [
      {
        name: 'reads 2-3家 as a range and the 超百亿元 inside it as a qualifier',
        text: doc(
          '广东省人工智能产业发展行动方案（2024—2026年）',
          '到2026年，培育2-3家营业收入超百亿元的人工智能龙头企业。',
        ),
        expect: [
          {
            kind: 'target',
            ...GUANGDONG,
            theme: 'ai',
            comparator: 'range',
            value: 2,
            valueMax: 3,
            unit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 5至10家 as a range',
        text: doc(
          '天津市集成电路产业发展三年行动方案（2024—2026年）',
          '引进培育5至10家具有核心竞争力的集成电路设计企业。',
        ),
        expect: [
          {
            kind: 'target',
            ...TIANJIN,
            theme: 'digital_industry',
            comparator: 'range',
            value: 5,
            valueMax: 10,
            unit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 3—5个 with an em dash as a range',
        text: doc(
          '湖北省工业互联网创新发展行动计划（2024—2026年）',
          '到2026年，建成3—5个具有全国影响力的工业互联网平台。',
        ),
        expect: [
          {
            kind: 'target',
            ...HUBEI,
            theme: 'industry_digital',
            comparator: 'range',
            value: 3,
            valueMax: 5,
            unit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 30～50条 with a full-width tilde as a range',
        text: doc('江西省低空经济发展行动方案（2024—2026年）', '到2026年，全省开通低空物流航线30～50条。'),
        expect: [
          {
            kind: 'target',
            ...JIANGXI,
            theme: 'emerging',
            comparator: 'range',
            value: 30,
            valueMax: 50,
            unit: '条',
            deadline: '2026',
          },
        ],
      },
    ],
  },
  {
    group: 'numerals',
    cases: [
      {
        name: 'reads full-width digits, and not the full-width ５Ｇ or the 千 of 千兆',
        text: doc(
          '辽宁省“双千兆”网络建设行动计划（2023—2025年）',
          '到２０２５年，全省千兆宽带用户达到３００万户，５Ｇ用户普及率达到８５％。',
        ),
        expect: [
          {
            kind: 'target',
            ...LIAONING,
            theme: 'network',
            comparator: '=',
            value: 300,
            unit: '万户',
            normalizedValue: 3e6,
            normalizedUnit: '户',
            deadline: '2025',
          },
          {
            kind: 'target',
            ...LIAONING,
            theme: 'network',
            comparator: '=',
            value: 85,
            normalizedValue: 85,
            normalizedUnit: '%',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 两 as 2',
        text: doc('山西省数据要素市场培育行动方案（2024—2026年）', '到2026年，建成两个以上省级数据交易平台。'),
        expect: [
          {
            kind: 'target',
            ...SHANXI,
            theme: 'data',
            comparator: '>=',
            value: 2,
            unit: '个',
            normalizedValue: 2,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 三 as 3 and 千亿级 as a qualifier',
        text: doc('福建省数字产业集群培育行动方案（2024—2026年）', '到2026年，打造三个千亿级数字产业集群。'),
        expect: [
          {
            kind: 'target',
            ...FUJIAN,
            theme: 'digital_industry',
            comparator: '=',
            value: 3,
            unit: '个',
            normalizedValue: 3,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 十 as 10',
        text: doc('北京市未来产业育新基地建设方案（2024—2027年）', '到2027年，建设十个市级未来产业先导区。'),
        expect: [
          {
            kind: 'target',
            ...BEIJING,
            theme: 'emerging',
            comparator: '=',
            value: 10,
            unit: '个',
            normalizedValue: 10,
            normalizedUnit: '个',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'reads 二十 as 20',
        text: doc('重庆市智慧教育示范区建设行动方案（2024—2026年）', '到2026年，全市建成二十个智慧教育示范区。'),
        expect: [
          {
            kind: 'target',
            ...CHONGQING,
            theme: 'society',
            comparator: '=',
            value: 20,
            unit: '个',
            normalizedValue: 20,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 一百 as 100',
        text: doc('河北省智能工厂梯度培育行动方案（2024—2026年）', '到2026年，全省培育一百家省级智能工厂。'),
        expect: [
          {
            kind: 'target',
            ...HEBEI,
            theme: 'industry_digital',
            comparator: '=',
            value: 100,
            unit: '家',
            normalizedValue: 100,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 五千人次 as 5000 人次',
        text: doc('2024年苏州市提升全民数字素养与技能工作要点', '全年开展面向老年人的数字技能培训五千人次以上。'),
        expect: [
          {
            kind: 'target',
            ...SUZHOU,
            theme: 'society',
            comparator: '>=',
            value: 5000,
            unit: '人次',
            normalizedValue: 5000,
            normalizedUnit: '人次',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads 三成 as a share of 30%',
        text: doc(
          '云南省制造业数字化转型行动方案（2024—2026年）',
          '到2026年，三成以上规模以上工业企业完成数字化改造。',
        ),
        expect: [
          {
            kind: 'target',
            ...YUNNAN,
            theme: 'industry_digital',
            comparator: '>=',
            value: 3,
            unit: '成',
            normalizedValue: 30,
            normalizedUnit: '%',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 五万个 as 5 万个 and not the 5 of 5G',
        text: doc('贵州省5G网络提升行动方案（2024—2026年）', '到2026年，全省新增五万个5G基站。'),
        expect: [
          {
            kind: 'target',
            ...GUIZHOU,
            theme: 'network',
            comparator: '=',
            value: 5,
            unit: '万个',
            normalizedValue: 50000,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a decimal percentage',
        text: doc(
          '甘肃省数字经济发展行动方案（2024—2026年）',
          '到2026年，数字经济核心产业增加值占地区生产总值比重达到6.5%。',
        ),
        expect: [
          {
            kind: 'target',
            ...GANSU,
            theme: 'digital_industry',
            comparator: '=',
            value: 6.5,
            unit: '%',
            normalizedValue: 6.5,
            normalizedUnit: '%',
            deadline: '2026',
          },
        ],
      },
    ],
  },
  {
    group: 'units and normalization',
    cases: [
      {
        name: 'normalizes EFLOPS to PFLOPS and keeps a unitless PUE limit',
        text: doc(
          '宁夏回族自治区算力基础设施发展行动计划（2024—2026年）',
          '到2026年，全区算力总规模达到10EFLOPS，新建数据中心电能利用效率（PUE）不超过1.2。',
        ),
        expect: [
          {
            kind: 'target',
            ...NINGXIA,
            theme: 'compute',
            comparator: '=',
            value: 10,
            unit: 'EFLOPS',
            normalizedValue: 10000,
            normalizedUnit: 'PFLOPS',
            deadline: '2026',
          },
          { kind: 'target', ...NINGXIA, theme: 'compute', comparator: '<=', value: 1.2, deadline: '2026' },
        ],
      },
      {
        name: 'normalizes 亿个 to 个 and skips the 10 of 10G PON',
        text: doc('工业和信息化部关于推进千兆光网高质量发展的通知', '到2025年，全国10G PON端口数突破1亿个。'),
        expect: [
          {
            kind: 'target',
            ...NATIONAL,
            theme: 'network',
            comparator: '>',
            value: 1,
            unit: '亿个',
            normalizedValue: 1e8,
            normalizedUnit: '个',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 给予最高…万元奖励 as funding capped in 元',
        text: doc(
          '湖北省支持工业互联网发展若干政策措施（2024—2026年）',
          '对新认定的国家级跨行业跨领域工业互联网平台，给予最高500万元奖励。',
        ),
        expect: [
          {
            kind: 'funding',
            ...HUBEI,
            theme: 'industry_digital',
            comparator: '<=',
            value: 500,
            unit: '万元',
            normalizedValue: 5e6,
            normalizedUnit: '元',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a subsidy in plain 元 as funding and not the 一 of 一次性',
        text: doc('河南省5G基站建设补贴实施办法（2024—2025年）', '对新建并开通的5G基站，每个给予3000元一次性补贴。'),
        expect: [
          {
            kind: 'funding',
            ...HENAN,
            theme: 'network',
            comparator: '=',
            value: 3000,
            unit: '元',
            normalizedValue: 3000,
            normalizedUnit: '元',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 每年安排专项资金…亿元 as yearly funding',
        text: doc(
          '贵州省加快数据要素市场化配置若干措施（2024—2026年）',
          '省级财政每年安排专项资金5亿元，支持数据要素市场培育。',
        ),
        expect: [
          {
            kind: 'funding',
            ...GUIZHOU,
            theme: 'data',
            comparator: '=',
            value: 5,
            unit: '亿元',
            normalizedValue: 5e8,
            normalizedUnit: '元',
            deadline: '2026',
            perYear: true,
          },
        ],
      },
      {
        name: 'leaves list numbering glued to an item out of its metric',
        text: doc(
          '2025年苏州市数字政府建设工作要点',
          '1.政务服务实际网办率达到90%。',
          '2.新建城市级数据资源目录1500条。',
        ),
        expect: [
          {
            kind: 'target',
            region: '苏州市',
            regionCode: '320500',
            metric: '政务服务实际网办率',
            comparator: '=',
            value: 90,
            unit: '%',
            deadline: '2025',
          },
          {
            kind: 'target',
            region: '苏州市',
            regionCode: '320500',
            comparator: '=',
            value: 1500,
            unit: '条',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'leaves a dash bullet out of the metric of a goal list, and the region undecided when nothing names one',
        text: doc('5G规模化应用行动方案', '到2027年底，', '——5G个人用户普及率超过85%。'),
        expect: [
          {
            kind: 'target',
            region: null,
            regionCode: null,
            metric: '5G个人用户普及率',
            comparator: '>',
            value: 85,
            unit: '%',
            deadline: '2027-12',
          },
        ],
      },
      {
        name: 'gives the reported figure of a city in a provincial report to the city, with its relative figure',
        text: doc('广东省2024年数字经济发展情况通报', '深圳市2024年软件业务收入1.2万亿元，同比增长10.4%。'),
        expect: [
          {
            kind: 'actual',
            region: '深圳市',
            regionCode: '440300',
            metric: '软件业务收入',
            value: 1.2,
            unit: '万亿元',
            normalizedValue: 1.2e12,
            normalizedUnit: '元',
            deadline: '2024',
          },
          { kind: 'actual', region: '深圳市', regionCode: '440300', value: 10.4, unit: '%', deadline: '2024' },
        ],
      },
      {
        name: 'reads 安排 with a named fund between verb and 资金 as funding',
        text: doc(
          '四川省推进数字经济高质量发展三年行动方案（2025—2027年）',
          '省级财政每年安排数字经济发展专项资金10亿元。',
        ),
        expect: [
          {
            kind: 'funding',
            region: '四川省',
            regionCode: '510000',
            comparator: '=',
            value: 10,
            unit: '亿元',
            normalizedValue: 1e9,
            normalizedUnit: '元',
            deadline: '2027',
            perYear: true,
          },
        ],
      },
      {
        name: 'reads a subsidy rate and its cap as two funding records',
        text: doc(
          '浙江省制造业数字化改造专项支持政策（2024—2026年）',
          '对企业实施数字化改造项目，按设备投资额的20%给予补助，单个项目最高不超过200万元。',
        ),
        expect: [
          {
            kind: 'funding',
            ...ZHEJIANG,
            theme: 'industry_digital',
            comparator: '=',
            value: 20,
            unit: '%',
            normalizedValue: 20,
            normalizedUnit: '%',
            deadline: '2026',
          },
          {
            kind: 'funding',
            ...ZHEJIANG,
            theme: 'industry_digital',
            comparator: '<=',
            value: 200,
            unit: '万元',
            normalizedValue: 2e6,
            normalizedUnit: '元',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads 倍 as a unit and not the base year after 较',
        text: doc('上海市算力基础设施高质量发展行动方案（2024—2026年）', '到2026年，全市智能算力规模较2023年增长2倍。'),
        expect: [
          { kind: 'target', ...SHANGHAI, theme: 'compute', comparator: '=', value: 2, unit: '倍', deadline: '2026' },
        ],
      },
      {
        name: 'reads 个百分点 as a unit',
        text: doc('四川省数字乡村发展行动计划（2024—2026年）', '到2026年，全省农产品网络零售额占比提高3个百分点。'),
        expect: [
          { kind: 'target', ...SICHUAN, theme: 'rural', comparator: '=', value: 3, unit: '个百分点', deadline: '2026' },
        ],
      },
      {
        name: 'normalizes 万人次 to 人次',
        text: doc(
          '广东省提升全民数字素养与技能行动方案（2024—2026年）',
          '到2026年，全省数字技能培训累计覆盖1000万人次。',
        ),
        expect: [
          {
            kind: 'target',
            ...GUANGDONG,
            theme: 'society',
            comparator: '=',
            value: 1000,
            unit: '万人次',
            normalizedValue: 1e7,
            normalizedUnit: '人次',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a per-capita density with 座 and not the 万 of 每万人',
        text: doc('陕西省5G网络建设三年行动方案（2024—2026年）', '到2026年，全省每万人拥有5G基站数超过25座。'),
        expect: [
          { kind: 'target', ...SHAANXI, theme: 'network', comparator: '>', value: 25, unit: '座', deadline: '2026' },
        ],
      },
      {
        name: 'reads 项 for standards issued by a national bureau',
        text: doc('国家数据局关于加快数据标准体系建设的指导意见', '到2027年，制定数据领域国家标准50项以上。'),
        expect: [
          {
            kind: 'target',
            ...NATIONAL,
            theme: 'data',
            comparator: '>=',
            value: 50,
            unit: '项',
            normalizedValue: 50,
            normalizedUnit: '项',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'reads GB as a unit',
        text: doc('广东省5G应用发展行动方案（2024—2026年）', '到2026年，全省5G用户户均月流量达到30GB。'),
        expect: [
          { kind: 'target', ...GUANGDONG, theme: 'network', comparator: '=', value: 30, unit: 'GB', deadline: '2026' },
        ],
      },
      {
        name: 'reads 级 as a unit and 二级以上医院 as a qualifier',
        text: doc(
          '浙江省智慧医疗建设行动方案（2024—2026年）',
          '到2026年，全省二级以上医院电子病历系统应用水平分级评价达到4级以上。',
        ),
        expect: [
          { kind: 'target', ...ZHEJIANG, theme: 'society', comparator: '>=', value: 4, unit: '级', deadline: '2026' },
        ],
      },
    ],
  },
  {
    group: 'deadlines',
    cases: [
      {
        name: 'scopes 到2025年 over the following clauses until 到2027年 is named',
        text: doc(
          '浙江省数字经济高质量发展行动方案（2023—2027年）',
          '到2025年，数字经济核心产业增加值达到1.3万亿元，软件业务收入突破1.2万亿元；到2027年，数字经济核心产业增加值突破1.6万亿元。',
        ),
        expect: [
          {
            kind: 'target',
            ...ZHEJIANG,
            theme: 'digital_industry',
            comparator: '=',
            value: 1.3,
            unit: '万亿元',
            normalizedValue: 1.3e12,
            normalizedUnit: '元',
            deadline: '2025',
          },
          {
            kind: 'target',
            ...ZHEJIANG,
            theme: 'digital_industry',
            comparator: '>',
            value: 1.2,
            unit: '万亿元',
            normalizedValue: 1.2e12,
            normalizedUnit: '元',
            deadline: '2025',
          },
          {
            kind: 'target',
            ...ZHEJIANG,
            theme: 'digital_industry',
            comparator: '>',
            value: 1.6,
            unit: '万亿元',
            normalizedValue: 1.6e12,
            normalizedUnit: '元',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'falls back to the plan end year in a later section that names no year',
        text: doc(
          '河北省算力基础设施建设行动方案（2024—2027年）',
          '一、发展目标',
          '到2025年，全省算力总规模超过15EFLOPS。',
          '二、重点任务',
          '（一）建设智算中心。全省新建智能计算中心5个以上。',
        ),
        expect: [
          {
            kind: 'target',
            ...HEBEI,
            theme: 'compute',
            comparator: '>',
            value: 15,
            unit: 'EFLOPS',
            normalizedValue: 15000,
            normalizedUnit: 'PFLOPS',
            deadline: '2025',
          },
          {
            kind: 'target',
            ...HEBEI,
            theme: 'compute',
            comparator: '>=',
            value: 5,
            unit: '个',
            normalizedValue: 5,
            normalizedUnit: '个',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'takes the plan end year when the body names no year',
        text: doc('湖北省5G全连接工厂建设行动方案（2024—2026年）', '全省累计培育5G全连接工厂200家。'),
        expect: [
          {
            kind: 'target',
            ...HUBEI,
            theme: 'industry_digital',
            comparator: '=',
            value: 200,
            unit: '家',
            normalizedValue: 200,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a target after 力争到…年 with that year',
        text: doc('山东省数据产业高质量发展行动方案（2024—2027年）', '力争到2027年，全省数据产业规模突破3000亿元。'),
        expect: [
          {
            kind: 'target',
            ...SHANDONG,
            theme: 'data',
            comparator: '>',
            value: 3000,
            unit: '亿元',
            normalizedValue: 3e11,
            normalizedUnit: '元',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'gives 今年 in a city work plan the plan year',
        text: doc('2024年杭州市数字经济工作要点', '今年全市新增规上数字经济核心产业企业200家。'),
        expect: [
          {
            kind: 'target',
            ...HANGZHOU,
            theme: 'digital_industry',
            comparator: '=',
            value: 200,
            unit: '家',
            normalizedValue: 200,
            normalizedUnit: '家',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads 到2024年底 as 2024-12',
        text: doc('2024年江苏省数据工作要点', '到2024年底，全省公共数据开放数据集达到1万个。'),
        expect: [
          {
            kind: 'target',
            ...JIANGSU,
            theme: 'data',
            comparator: '=',
            value: 1,
            unit: '万个',
            normalizedValue: 10000,
            normalizedUnit: '个',
            deadline: '2024-12',
          },
        ],
      },
    ],
  },
  {
    group: 'per-year goals',
    cases: [
      {
        name: 'marks 年均增长…以上 as a yearly goal carrying the plan end year',
        text: doc('陕西省科技成果转化三年行动方案（2024—2026年）', '全省技术合同成交额年均增长15%以上。'),
        expect: [
          {
            kind: 'target',
            ...SHAANXI,
            theme: 'innovation',
            comparator: '>=',
            value: 15,
            unit: '%',
            normalizedValue: 15,
            normalizedUnit: '%',
            deadline: '2026',
            perYear: true,
          },
        ],
      },
      {
        name: 'marks a 每年 count as a yearly goal',
        text: doc('广东省中小企业数字化转型行动方案（2024—2026年）', '每年新增培育中小企业数字化转型服务商50家。'),
        expect: [
          {
            kind: 'target',
            ...GUANGDONG,
            theme: 'industry_digital',
            comparator: '=',
            value: 50,
            unit: '家',
            normalizedValue: 50,
            normalizedUnit: '家',
            deadline: '2026',
            perYear: true,
          },
        ],
      },
      {
        name: 'marks 保持…以上增长 as a yearly goal',
        text: doc('北京市人工智能产业发展行动方案（2024—2025年）', '全市人工智能核心产业规模保持20%以上增长。'),
        expect: [
          {
            kind: 'target',
            ...BEIJING,
            theme: 'ai',
            comparator: '>=',
            value: 20,
            unit: '%',
            normalizedValue: 20,
            normalizedUnit: '%',
            deadline: '2025',
            perYear: true,
          },
        ],
      },
      {
        name: 'marks 年均复合增长率超过 in a national opinion as a yearly goal',
        text: doc(
          '国家数据局等部门关于促进数据产业高质量发展的指导意见',
          '到2029年，数据产业规模年均复合增长率超过15%。',
        ),
        expect: [
          {
            kind: 'target',
            ...NATIONAL,
            theme: 'data',
            comparator: '>',
            value: 15,
            unit: '%',
            normalizedValue: 15,
            normalizedUnit: '%',
            deadline: '2029',
            perYear: true,
          },
        ],
      },
    ],
  },
  {
    group: 'kinds',
    cases: [
      {
        name: 'reads 截至…月底 figures as actuals dated to that month',
        text: doc(
          '2024年上半年江西省通信业运行情况',
          '截至2024年6月底，全省5G基站总数达到12.6万个，占移动基站总数的35.2%。',
        ),
        expect: [
          {
            kind: 'actual',
            ...JIANGXI,
            theme: 'network',
            comparator: '=',
            value: 12.6,
            unit: '万个',
            normalizedValue: 126000,
            normalizedUnit: '个',
            deadline: '2024-06',
          },
          {
            kind: 'actual',
            ...JIANGXI,
            theme: 'network',
            comparator: '=',
            value: 35.2,
            unit: '%',
            normalizedValue: 35.2,
            normalizedUnit: '%',
            deadline: '2024-06',
          },
        ],
      },
      {
        name: 'reads 已建成 as an actual',
        text: doc('2023年山东省数字经济发展情况', '截至2023年底，全省已建成国家级智能制造示范工厂15家。'),
        expect: [
          {
            kind: 'actual',
            ...SHANDONG,
            theme: 'industry_digital',
            comparator: '=',
            value: 15,
            unit: '家',
            normalizedValue: 15,
            normalizedUnit: '家',
            deadline: '2023-12',
          },
        ],
      },
      {
        name: 'reads a progress report figure with 超过 as an actual and 五年来 as no figure',
        text: doc('2023年湖南省信息通信业发展成效', '五年来，全省累计建成千兆光网端口超过80万个。'),
        expect: [
          {
            kind: 'actual',
            ...HUNAN,
            theme: 'network',
            comparator: '>',
            value: 80,
            unit: '万个',
            normalizedValue: 800000,
            normalizedUnit: '个',
            deadline: '2023',
          },
        ],
      },
      {
        name: 'reads 全年完成 and 同比增长 in a year-end summary as actuals',
        text: doc('湖北省2023年科技成果转化工作总结', '2023年，全省全年完成技术合同成交额2560亿元，同比增长18.3%。'),
        expect: [
          {
            kind: 'actual',
            ...HUBEI,
            theme: 'innovation',
            comparator: '=',
            value: 2560,
            unit: '亿元',
            normalizedValue: 2.56e11,
            normalizedUnit: '元',
            deadline: '2023',
          },
          {
            kind: 'actual',
            ...HUBEI,
            theme: 'innovation',
            comparator: '=',
            value: 18.3,
            unit: '%',
            normalizedValue: 18.3,
            normalizedUnit: '%',
            deadline: '2023',
          },
        ],
      },
      {
        name: 'tells an achieved figure from the goal that follows it in the same sentence',
        text: doc(
          '福建省数字政府建设工作推进情况',
          '截至2024年9月，全省政务服务事项网上可办率达到98%；到2025年，全程网办率将提升至85%以上。',
        ),
        expect: [
          {
            kind: 'actual',
            ...FUJIAN,
            theme: 'gov',
            comparator: '=',
            value: 98,
            unit: '%',
            normalizedValue: 98,
            normalizedUnit: '%',
            deadline: '2024-09',
          },
          {
            kind: 'target',
            ...FUJIAN,
            theme: 'gov',
            comparator: '>=',
            value: 85,
            unit: '%',
            normalizedValue: 85,
            normalizedUnit: '%',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'reads 每年发放最高…亿元 as capped yearly funding with no deadline when none is given',
        text: doc('上海市促进大模型创新发展若干措施', '每年发放最高3亿元的算力券，降低企业模型训练成本。'),
        expect: [
          {
            kind: 'funding',
            ...SHANGHAI,
            comparator: '<=',
            value: 3,
            unit: '亿元',
            normalizedValue: 3e8,
            normalizedUnit: '元',
            deadline: null,
            perYear: true,
          },
        ],
      },
    ],
  },
  {
    group: 'messy text',
    cases: [
      {
        name: 'reads numbers split from their year and unit by spaces',
        text: doc(
          '湖南省5G应用创新发展行动方案（2024—2026年）',
          '到 2026 年，全省 5G 基站数量达到 15 万个，每万人拥有 5G 基站数达到 26 个。',
        ),
        expect: [
          {
            kind: 'target',
            ...HUNAN,
            theme: 'network',
            comparator: '=',
            value: 15,
            unit: '万个',
            normalizedValue: 150000,
            normalizedUnit: '个',
            deadline: '2026',
          },
          { kind: 'target', ...HUNAN, theme: 'network', comparator: '=', value: 26, unit: '个', deadline: '2026' },
        ],
      },
      {
        name: 'reads a spaced 截至 date and figure as an actual',
        text: doc('内蒙古自治区算力产业发展情况通报', '截至 2024 年 5 月末，全区数据中心在用标准机架达 21.3 万架。'),
        expect: [
          {
            kind: 'actual',
            ...NEIMENGGU,
            theme: 'compute',
            comparator: '=',
            value: 21.3,
            unit: '万架',
            normalizedValue: 213000,
            normalizedUnit: '架',
            deadline: '2024-05',
          },
        ],
      },
      {
        name: 'puts a figure broken off by a blank line on the raw line where the number stands',
        text: doc(
          '湖北省数字乡村发展行动计划（2024—2026年）',
          '到2026年，全省农村宽带接入用户达到',
          '',
          '800万户，行政村5G通达率达到90%。',
        ),
        expect: [
          {
            line: 4,
            kind: 'target',
            ...HUBEI,
            comparator: '=',
            value: 800,
            unit: '万户',
            normalizedValue: 8e6,
            normalizedUnit: '户',
            deadline: '2026',
          },
          {
            line: 4,
            kind: 'target',
            ...HUBEI,
            comparator: '=',
            value: 90,
            unit: '%',
            normalizedValue: 90,
            normalizedUnit: '%',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a number at the start of a line whose metric ends the line before',
        text: doc(
          '贵州省数据要素市场培育行动方案（2024—2026年）',
          '到2026年，全省数据交易场所年交易额突破',
          '100亿元，培育数商200家以上。',
        ),
        expect: [
          {
            line: 3,
            kind: 'target',
            ...GUIZHOU,
            theme: 'data',
            comparator: '>',
            value: 100,
            unit: '亿元',
            normalizedValue: 1e10,
            normalizedUnit: '元',
            deadline: '2026',
          },
          {
            line: 3,
            kind: 'target',
            ...GUIZHOU,
            theme: 'data',
            comparator: '>=',
            value: 200,
            unit: '家',
            normalizedValue: 200,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'counts a figure doubled by a repeated line prefix once',
        text: doc(
          '安徽省算力强省建设行动方案（2024—2026年）',
          '到2026年，全省智能算力规模达到8EF到2026年，全省智能算力规模达到8EFLOPS以上。',
        ),
        expect: [
          {
            kind: 'target',
            ...ANHUI,
            theme: 'compute',
            comparator: '>=',
            value: 8,
            unit: 'EFLOPS',
            normalizedValue: 8000,
            normalizedUnit: 'PFLOPS',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'keeps a target stated in the editor note and again in the body as two records',
        text: doc(
          '江西省数字乡村发展行动计划（2024—2026年）',
          '编者按：方案提出，到2026年全省农村网络零售额突破1000亿元。',
          '一、总体目标',
          '到2026年，全省农村网络零售额突破1000亿元。',
        ),
        expect: [
          {
            line: 2,
            kind: 'target',
            ...JIANGXI,
            theme: 'rural',
            comparator: '>',
            value: 1000,
            unit: '亿元',
            normalizedValue: 1e11,
            normalizedUnit: '元',
            deadline: '2026',
          },
          {
            line: 4,
            kind: 'target',
            ...JIANGXI,
            theme: 'rural',
            comparator: '>',
            value: 1000,
            unit: '亿元',
            normalizedValue: 1e11,
            normalizedUnit: '元',
            deadline: '2026',
          },
        ],
      },
    ],
  },
  {
    group: 'lists and tables',
    cases: [
      {
        name: 'gives one record per number in a list joined by 、',
        text: doc(
          '四川省数据要素市场化配置改革行动方案（2024—2026年）',
          '到2026年，建设30个以上行业可信数据空间、培育100家以上数据服务商。',
        ),
        expect: [
          {
            kind: 'target',
            ...SICHUAN,
            theme: 'data',
            comparator: '>=',
            value: 30,
            unit: '个',
            normalizedValue: 30,
            normalizedUnit: '个',
            deadline: '2026',
          },
          {
            kind: 'target',
            ...SICHUAN,
            theme: 'data',
            comparator: '>=',
            value: 100,
            unit: '家',
            normalizedValue: 100,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'gives one record per number of 分别达到…和…',
        text: doc(
          '广东省“双千兆”网络协同发展行动计划（2024—2026年）',
          '到2026年，全省5G用户和千兆宽带用户分别达到9000万户和1000万户。',
        ),
        expect: [
          {
            kind: 'target',
            ...GUANGDONG,
            theme: 'network',
            comparator: '=',
            value: 9000,
            unit: '万户',
            normalizedValue: 9e7,
            normalizedUnit: '户',
            deadline: '2026',
          },
          {
            kind: 'target',
            ...GUANGDONG,
            theme: 'network',
            comparator: '=',
            value: 1000,
            unit: '万户',
            normalizedValue: 1e7,
            normalizedUnit: '户',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads the items of a 一是、二是 list but not their numbering',
        text: doc(
          '安徽省数字政府建设2024年工作要点',
          '一是全年政务服务事项网上可办率稳定在98%以上；二是新增“免申即享”政策事项50项。',
        ),
        expect: [
          {
            kind: 'target',
            ...ANHUI,
            theme: 'gov',
            comparator: '>=',
            value: 98,
            unit: '%',
            normalizedValue: 98,
            normalizedUnit: '%',
            deadline: '2024',
          },
          {
            kind: 'target',
            ...ANHUI,
            theme: 'gov',
            comparator: '=',
            value: 50,
            unit: '项',
            normalizedValue: 50,
            normalizedUnit: '项',
            deadline: '2024',
          },
        ],
      },
      {
        name: 'reads the items of a （一）/1. list but not their numbering or the 超10亿元 qualifier',
        text: doc(
          '福州市软件产业高质量发展三年行动方案（2024—2026年）',
          '（一）做大产业规模。到2026年，全市软件业务收入突破3000亿元。',
          '1.培育龙头企业。新增营业收入超10亿元的软件企业10家以上。',
        ),
        expect: [
          {
            line: 2,
            kind: 'target',
            ...FUZHOU,
            theme: 'digital_industry',
            comparator: '>',
            value: 3000,
            unit: '亿元',
            normalizedValue: 3e11,
            normalizedUnit: '元',
            deadline: '2026',
          },
          {
            line: 3,
            kind: 'target',
            ...FUZHOU,
            theme: 'digital_industry',
            comparator: '>=',
            value: 10,
            unit: '家',
            normalizedValue: 10,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads the target column of a table rendered as text but not its serial numbers',
        text: doc(
          '重庆市新型基础设施建设三年行动计划（2024—2026年）',
          '表1 主要发展指标',
          '序号  指标名称  2026年目标值',
          '1  5G基站数  15万个',
          '2  千兆宽带用户数  400万户',
          '3  数据中心标准机架数  10万架',
        ),
        expect: [
          {
            line: 4,
            kind: 'target',
            ...CHONGQING,
            theme: 'network',
            comparator: '=',
            value: 15,
            unit: '万个',
            normalizedValue: 150000,
            normalizedUnit: '个',
            deadline: '2026',
          },
          {
            line: 5,
            kind: 'target',
            ...CHONGQING,
            theme: 'network',
            comparator: '=',
            value: 400,
            unit: '万户',
            normalizedValue: 4e6,
            normalizedUnit: '户',
            deadline: '2026',
          },
          {
            line: 6,
            kind: 'target',
            ...CHONGQING,
            theme: 'compute',
            comparator: '=',
            value: 10,
            unit: '万架',
            normalizedValue: 100000,
            normalizedUnit: '架',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a table base-year column as actuals and its target column as targets',
        text: doc(
          '江苏省数字经济强省建设行动方案（2024—2026年）',
          '指标名称  2023年基数  2026年目标',
          '数字经济核心产业增加值（亿元）  12000  15000',
          '工业互联网平台数（个）  30  50',
        ),
        expect: [
          { line: 3, kind: 'actual', ...JIANGSU, theme: 'digital_industry', value: 12000, deadline: '2023' },
          { line: 3, kind: 'target', ...JIANGSU, theme: 'digital_industry', value: 15000, deadline: '2026' },
          { line: 4, kind: 'actual', ...JIANGSU, theme: 'industry_digital', value: 30, deadline: '2023' },
          { line: 4, kind: 'target', ...JIANGSU, theme: 'industry_digital', value: 50, deadline: '2026' },
        ],
      },
    ],
  },
  {
    group: 'regions and themes',
    cases: [
      {
        name: 'binds a 国务院 plan to 全国',
        text: doc(
          '国务院关于印发“十四五”数字经济发展规划的通知',
          '到2025年，数字经济核心产业增加值占国内生产总值比重达到10%。',
        ),
        expect: [
          {
            kind: 'target',
            ...NATIONAL,
            theme: 'digital_industry',
            comparator: '=',
            value: 10,
            unit: '%',
            normalizedValue: 10,
            normalizedUnit: '%',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'binds 全市 to the city of the article',
        text: doc(
          '深圳市加快推进人工智能产业发展行动方案（2024—2025年）',
          '到2025年，全市人工智能企业数量超过3000家。',
        ),
        expect: [
          {
            kind: 'target',
            ...SHENZHEN,
            theme: 'ai',
            comparator: '>',
            value: 3000,
            unit: '家',
            normalizedValue: 3000,
            normalizedUnit: '家',
            deadline: '2025',
          },
        ],
      },
      {
        name: 'binds 全区 in a district plan to the district with its city prefix',
        text: doc(
          '上海市浦东新区数字经济发展三年行动方案（2024—2026年）',
          '到2026年，全区数字经济核心产业规模突破5000亿元。',
        ),
        expect: [
          {
            kind: 'target',
            ...PUDONG,
            theme: 'digital_industry',
            comparator: '>',
            value: 5000,
            unit: '亿元',
            normalizedValue: 5e11,
            normalizedUnit: '元',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'files low-altitude economy figures under emerging',
        text: doc(
          '安徽省低空经济高质量发展行动方案（2024—2027年）',
          '到2027年，全省低空经济规模突破800亿元，建设通用机场20个以上。',
        ),
        expect: [
          {
            kind: 'target',
            ...ANHUI,
            theme: 'emerging',
            comparator: '>',
            value: 800,
            unit: '亿元',
            normalizedValue: 8e10,
            normalizedUnit: '元',
            deadline: '2027',
          },
          {
            kind: 'target',
            ...ANHUI,
            theme: 'emerging',
            comparator: '>=',
            value: 20,
            unit: '个',
            normalizedValue: 20,
            normalizedUnit: '个',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'files humanoid robot firms under emerging',
        text: doc('广东省人形机器人产业发展行动方案（2024—2027年）', '到2027年，培育10家以上人形机器人整机企业。'),
        expect: [
          {
            kind: 'target',
            ...GUANGDONG,
            theme: 'emerging',
            comparator: '>=',
            value: 10,
            unit: '家',
            normalizedValue: 10,
            normalizedUnit: '家',
            deadline: '2027',
          },
        ],
      },
      {
        name: 'files new R&D institutions under innovation',
        text: doc('安徽省科技成果转化专项行动方案（2024—2026年）', '到2026年，全省新建省级新型研发机构50家。'),
        expect: [
          {
            kind: 'target',
            ...ANHUI,
            theme: 'innovation',
            comparator: '=',
            value: 50,
            unit: '家',
            normalizedValue: 50,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'files industry large models under ai',
        text: doc('杭州市人工智能大模型应用行动方案（2024—2026年）', '到2026年，全市培育行业大模型30个以上。'),
        expect: [
          {
            kind: 'target',
            ...HANGZHOU,
            theme: 'ai',
            comparator: '>=',
            value: 30,
            unit: '个',
            normalizedValue: 30,
            normalizedUnit: '个',
            deadline: '2026',
          },
        ],
      },
    ],
  },
  {
    group: 'qualifiers inside another figure',
    cases: [
      {
        name: 'reads 营收…亿元至…亿元企业…家以上 as one target in 家',
        text: doc(
          '南京市数字经济领军企业培育行动方案（2024—2026年）',
          '到2026年，培育年营业收入20亿元至50亿元的数字经济企业8家以上。',
        ),
        expect: [
          {
            kind: 'target',
            ...NANJING,
            theme: 'digital_industry',
            comparator: '>=',
            value: 8,
            unit: '家',
            normalizedValue: 8,
            normalizedUnit: '家',
            deadline: '2026',
          },
        ],
      },
      {
        name: 'reads a firm-size threshold before a share as a qualifier',
        text: doc('宁波市企业上云行动方案（2024—2025年）', '到2025年，年营业收入2000万元以上工业企业上云率达到80%。'),
        expect: [
          {
            kind: 'target',
            ...NINGBO,
            theme: 'industry_digital',
            comparator: '=',
            value: 80,
            unit: '%',
            normalizedValue: 80,
            normalizedUnit: '%',
            deadline: '2025',
          },
        ],
      },
    ],
  },
  {
    group: 'not figures',
    cases: [
      {
        name: 'takes no record from years, dates and clock times',
        text: doc(
          '关于召开全省数字经济工作推进会议的通知',
          '省政府定于2024年3月15日上午9:30召开全省数字经济工作推进会议。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from article numbering',
        text: doc(
          '湖南省公共数据管理办法',
          '第三条 本办法适用于本省行政区域内公共数据的收集、管理和开放利用活动。',
          '第12条 公共数据主管部门负责统筹推进公共数据资源开发利用。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from list numbering',
        text: doc(
          '江西省数字经济发展行动方案（2024—2026年）',
          '（三）加强组织保障。',
          '1.建立工作机制。',
          '一是强化统筹协调，二是压实主体责任，三是加强督导考核。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from slogans and codes',
        text: doc(
          '湖南省数字经济发展工作方案',
          '深入实施数字经济“415X”工程，构建“1+3+N”政策体系，扎实推进“34567”行动。',
          '推动415X工程落地见效。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from technology names',
        text: doc(
          '浙江省新型基础设施建设工作方案',
          '加快5G、Wi-Fi 7、50G PON、IPv6等新型网络技术部署，迭代升级城市大脑2.0。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from document numbers',
        text: doc(
          '长沙市数字经济发展实施方案',
          '根据《湖南省人民政府关于加快数字经济发展的意见》（湘政发〔2024〕5号）和《国务院办公厅关于加快数字政府建设的通知》（国办发〔2023〕12号）精神，结合我市实际，制定本方案。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from page numbers and phone numbers',
        text: doc('湖南省工业和信息化厅', '联系人：王伟  联系电话：0731-88881234', '— 12 —', '第 3 页 共 15 页'),
        expect: [],
      },
      {
        name: 'takes no record from procedural time limits',
        text: doc(
          '江苏省公共数据授权运营管理办法',
          '第十五条 审批部门应当自受理申请之日起五个工作日内作出决定；材料不全的，应当在3日内一次性告知申请人需要补正的全部内容。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from frequency bands and power limits in a regulation',
        text: doc(
          '江苏省无线电管理条例',
          '第十二条 微功率短距离无线电发射设备应当工作在2400—2483.5MHz频段，等效全向辐射功率不超过10mW。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from survey percentages of a private report',
        text: doc(
          '企业数字化转型调查报告',
          '据某咨询机构发布的调查报告，68%的受访企业表示已开展数字化转型，其中超过四成企业认为资金不足是主要障碍。',
        ),
        expect: [],
      },
      {
        name: 'takes no record from ordinals of events',
        text: doc('数字中国建设峰会综述', '第七届数字中国建设峰会在福州开幕，本届峰会以“释放数据要素价值”为主题。'),
        expect: [],
      },
      {
        name: 'takes no record from numerals inside programme names',
        text: doc(
          '河南省数字政府建设工作方案',
          '全面推进“一网通办”“一网统管”“一网协同”，深入实施“东数西算”工程和“双千兆”网络建设。',
        ),
        expect: [],
      },
    ],
  },
];
