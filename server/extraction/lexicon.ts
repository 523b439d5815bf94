/**
 * Word lists the engine decides with. Chinese lives here (data), the logic elsewhere.
 */
import type { ThemeKey } from '../../shared/taxonomy';

/**
 * Units that may follow a number, longest first so that 个百分点 wins over 个 and 人次 over 人.
 * A number followed by none of these (and by no 万/亿 multiplier) is not a figure: that is what
 * keeps 5G, Wi-Fi 7, 415X and document numbers out.
 */
export const UNITS: readonly string[] = [
  'GB/户·月',
  'Mbps/户',
  '个百分点',
  '百分点',
  '平方公里',
  '平方米',
  '标准机架',
  '千瓦时',
  '万千瓦',
  '千瓦',
  '兆瓦',
  '吉瓦',
  'PFLOPS',
  'PFlops',
  'PFlop/s',
  'EFLOPS',
  'EFlops',
  'TFLOPS',
  'TFlops',
  'Tbps',
  'Gbps',
  'Mbps',
  '美元',
  '元',
  '个月',
  '人次',
  '家次',
  '项次',
  '分钟',
  '小时',
  '公里',
  '千米',
  '毫秒',
  '个',
  '家',
  '座',
  '项',
  '条',
  '户',
  '人',
  '名',
  '所',
  '件',
  '场',
  '次',
  '栋',
  '套',
  '类',
  '张',
  '台',
  '款',
  '种',
  '处',
  '辆',
  '架',
  '块',
  '份',
  '支',
  '亩',
  '吨',
  '倍',
  '成',
  '%',
  '‰',
  'GB',
  'TB',
  'PB',
  'EB',
  'P',
  'E',
  '秒',
  '天',
  '级',
  '篇',
  '例',
];

/** Units whose figures are money. */
export function isMoneyUnit(unit: string): boolean {
  return /元$/.test(unit);
}

export function isComputeUnit(unit: string): boolean {
  return /^(?:[PET]FLOPS|[PET]Flops|PFlop\/s|P|E)$/.test(unit.replace(/^(万|亿)/, ''));
}

/** Nouns after a count that say the figure describes the document, not a goal (共5方面16项任务). */
export const DOCUMENT_STRUCTURE_AFTER =
  /^[个条项类大]“?(?:重点|主要|具体|关键|重要|保障|政策|支持)?(?:任务|措施|举措|意见|建议|发现|政策|条款|方面|领域|赛道|部门|板块|方向|章节|环节|指标体系|硬措施)/;
/** Nouns that always describe the document or its authors (5方面, 14个部门), whatever the verb. */
export const ALWAYS_STRUCTURE_AFTER =
  /^[个条项类大]“?(?:重点|主要|具体|关键|重要)?(?:行动)?(?:方面|部门|章节|条款|硬措施|领域|赛道|方向|板块)/;
/** Verbs that present a document's structure: 提出5方面16项任务, 包括3个领域. */
export const STRUCTURE_VERB =
  /提出|包括|包含|部署|明确|共计|共(?=[\d一二三四五六七八九十])|涵盖|围绕|分为|设置|聚焦|列出|涉及|细化/;

/** Words after an amount that make it a qualifier of a noun (50亿元企业, 5亿元（3000万美元）以上产业项目, 10亿以上参数). */
export const QUALIFIER_AFTER =
  /^(?:[（(][^）)]{1,12}[）)]|[）)])?(?:以上|以下|及以上|及以下)?(?:的)?(?:(?:(?!给予|奖励|补贴|补助|标准|支持|用于)[\u4e00-\u9fa5]){0,8}?(?:企业|公司|集团|项目)|档|参数)/;
/** 千亿级集群, 百万级: a magnitude class, never a figure. */
export const MAGNITUDE_AFTER = /^(?:级|量级|规模级)/;

/**
 * Characters that, right after a unit character, turn it into another word: 项目 is not
 * "N 项", 场景 not "N 场", 套餐 not "N 套".
 */
export const UNIT_WORD_BREAKERS: Readonly<Record<string, RegExp>> = {
  项: /^[目]/,
  个: /^[人体性别案]/,
  家: /^[庭居乡园]/,
  条: /^[件例款]/,
  场: /^[景所地馆域]/,
  所: /^[有属在以]/,
  名: /^[称单义录]/,
  类: /^[型别]/,
  种: /^[类子]/,
  台: /^[阶风]/,
  处: /^[理置]/,
  支: /^[撑持付]/,
  套: /^[餐]/,
  份: /^[额]/,
  人: /^[论民员才口工]/,
  次: /^[数元]/,
  件: /^[事]/,
  张: /^[量力]/,
  成: /^[为果本立功员熟]/,
};

/** Surveys of private reports (受访企业高管的98%) are not policy figures. */
export const SURVEY_CUE = /受访|调查显示|调研显示|问卷|受调查|被调查/;

/** Counts of an enumeration (A、B等8个行业) or of existing administrative units. */
export const ENUMERATION_BEFORE = /(?:等|共|合计|共计|总计|包括|包含|涵盖|分为|划分为|方面)$/;

/** A figure followed by (以上)的 and a comma is the condition of a clause (合同金额500万元以上的，…). */
export const CONDITION_AFTER = /^(?:以上|以下|及以上|及以下)?的[，,]/;

export const FUNDING_VERB =
  /给予|奖励|补贴|补助|资助|扶持|发放|予以|一次性支持|配套|贴息|投入(?:最高)?|安排[^，,。；;]{0,12}资金|财政资金|资金支持|基金|券|财政[^，,。；;]{0,6}出资/;

export const ACTUAL_CUE =
  /截至|截止|已经|已(?:有|达|建|建成|累计|完成|形成|设)|累计|同比|环比|比上年|较上年|比去年|较去年|上年末|净增|目前|现有|共有|位居|居全国|连续|较一季度|去年|上年|分别达|分别为|创新高|首次突破|获评|入选/;

/** Forecasts by commentators are neither goals nor results. */
export const FORECAST_CUE = /预计|预测|有望|估计/;

/** Articles whose figures are results by default (reports, briefings, news of achievements). */
export const REPORT_TITLE =
  /报告|情况|实录|发布会|成果|进展|亮相|获评|统计|公报|运行|综述|回顾|成效|排名|盘点|白皮书|指数|案例|升级/;
/** Articles whose figures are goals by default. */
export const PLAN_TITLE =
  /方案|计划|意见|要点|措施|规划|纲要|指南|通知|办法|规定|政策|行动|决定|清单|条例|细则|建议|部署|布局|推进|印发|出台|发布若干/;

/** Theme lexicon in priority order: the first theme with a hit wins a tie. */
export const THEME_KEYWORDS: ReadonlyArray<readonly [ThemeKey, RegExp]> = [
  [
    'rural',
    /农村|乡村|农业|农产品|县域|行政村|自然村|涉农|农民|农田|智慧农|村级|农贸|乡镇|绿色食品|青稞|播种|粮食|农牧|畜牧|耕地|高标准农田|牧区|牧户|牧民|奶业|肉牛|肉羊|牛羊|育种|牧草|草场|饲料|户厕|农户|种业/,
  ],
  ['emerging', /低空|未来产业|元宇宙|量子|机器人|无人机|航线|起降|航空器|通航|人形|虚拟现实|空天信息|卫星/],
  ['compute', /算力|FLOPS|Flops|数据中心|机架|超算|智算|训力|算力券|服务器|存力|存储总量|存储容量|先进存储/],
  [
    'network',
    /5G|基站|千兆|万兆|光网|光纤|宽带|IPv6|4G|广电|带宽|物联网|移动电话|互联网普及|端口|网络覆盖|蜂窝|DOU|流量|通话|IPTV|PON|用户普及|移动互联网|通信网/,
  ],
  ['ai', /人工智能|大模型|AI|模型券|智能体|独角兽|通用智能|算法模型/],
  [
    'data',
    /数据集|数据交易|公共数据|数据产业|数据标准|数商|数据产品|数据要素|语料|数据资产|数据服务|数据知识产权|数据开放|数据流通/,
  ],
  [
    'industry_digital',
    /工业互联网|智能制造|全连接工厂|数字化转型|数字化改造|智能化改造|智能工厂|数字化车间|上云|智能建造|数字化建造|标识解析|灯塔|智改数转|两化融合|工业软件|技改|技术改造|数控化|研发设计工具/,
  ],
  [
    'digital_industry',
    /软件|电子信息|数字经济|核心产业|电信业务|业务收入|集成电路|信息技术服务|数字产业|信息服务|产业集群|信息技术产业|信创|先进计算|数字终端|电子材料|能源电子/,
  ],
  [
    'gov',
    /政务|数字政府|网办|一网通办|一网统管|智能客服|办件|协同办公|热线|城市大脑|执法|申报|办结|帮办|审批|一件事|免申即享|可办率/,
  ],
  [
    'innovation',
    /技术合同|成果转化|研发|科技人才|创新平台|科技成果|技术需求|学者|专利|高新技术|科技型|重点实验室|人才|新型研发机构|技术创新中心|创新中心|科技特派员|专精特新|临床/,
  ],
  [
    'society',
    /教育|医疗|数字素养|智慧城市|口岸|交通|文旅|养老|学校|健康|社保|就业|旅游|失业|住房|安居|小区|公园|绿地|环卫|托位|托育|残疾|民生|工会|技能培训|幸福院|转移就业|劳务|技能人才|市政|公路|铁路|机场|旅客|港口|国道|省道/,
  ],
  ['security', /安全|等级保护|密码|日志|漏洞|攻击/],
];

/**
 * Themes whose words (人才, 数字经济, 安全) also run through plans of every other theme: inside a
 * themed plan they do not override the plan's theme.
 */
export const WEAK_THEMES: ReadonlySet<ThemeKey> = new Set(['innovation', 'society', 'security', 'digital_industry']);

/** Administrative words in front of a metric that carry no meaning of their own. */
export const METRIC_PREFIX =
  /^(?:[，,、；;：:\s]|其中|同时|此外|并且|并|和|及|以及|全省|全市|全区|全县|全国|本市|本省|我省|我市|我国|力争|争取|确保|预计|今年|全年|年内|要|将|还将|还|基本|累计|共|总体|持续|进一步|努力|《[^》]*》(?:提出|要求|明确)?|到\d{4}年(?:底|末)?|至\d{4}年(?:底|末)?|\d{4}年(?:底|末)?|提出|明确|要求|目标|实现|\d{4}[—-]\d{4}年)+/;

/** Verbs that introduce a figure after its metric (X达到N), with the comparator they imply. */
export const PREFIX_COMPARATORS: ReadonlyArray<readonly [RegExp, '>=' | '>' | '=' | '<=' | '<' | '~']> = [
  [/(?:不低于|不少于|至少|不小于|≥|>=)$/, '>='],
  [/(?:不超过|不高于|不多于|不大于|最高不超过|最多|最高|控制在|上限为|≤|<=)$/, '<='],
  [/(?:超过|突破|超出|超|逾|高于|大于|多于|>)$/, '>'],
  [/(?:低于|少于|小于|<)$/, '<'],
  [/(?:约为|约|大约|近|接近|将近)$/, '~'],
];

/** Words after the unit that change the comparator, checked before the words in front. */
export const SUFFIX_COMPARATORS: ReadonlyArray<readonly [RegExp, '>=' | '>' | '<=' | '~']> = [
  [/^(?:及)?以上/, '>='],
  [/^(?:左右|上下)/, '~'],
  [/^(?:以内|之内|内)/, '<='],
  [/^(?:以下)/, '<='],
  [/^(?:多|余)/, '>'],
];

/** Verbs between metric and number: stripped from the metric, they are not part of its name. */
export const LINK_VERBS =
  /(?:总体达到|均达到|分别达到|分别达|分别为|达到了|达到|累计达|累计完成|完成|实现|保持在|保持|达|为|突破|超过|超出|不低于|不少于|不超过|不高于|至少|最高不超过|最高|超|逾|约|接近|提升至|提升到|提高到|提高至|增长到|增加到|增至|降至|降到|降低到|下降到|降低至|下降至|增长|提升|提高|下降|降低|净增|扩大|拓展至|占比|占|原则上|稳定在|控制在|，|,)+$/;

/** Genres of TARGETS-SPEC.md ("Documents carry context"), each with the title words that name it. */
export const GENRES = [
  { key: 'work-report', zh: '政府工作报告', title: /政府工作报告/ },
  { key: 'evaluation', zh: '考评办法', title: /考评|考核|评估办法|评价办法|评分|评价指标|评估指标/ },
  {
    key: 'progress-report',
    zh: '进展报告',
    title: /进展|情况的报告|情况报告|通报|工作总结|白皮书|发展报告|统计公报|公报/,
  },
  { key: 'work-points', zh: '工作要点', title: /工作要点|工作计划|重点工作|任务清单/ },
  { key: 'five-year-plan', zh: '规划', title: /规划|纲要/ },
  { key: 'action-plan', zh: '行动计划/方案', title: /行动计划|行动方案|实施方案|工作方案|方案|计划/ },
  { key: 'opinion', zh: '实施意见', title: /意见|措施|办法|政策|通知|决定|规定|细则|指南/ },
] as const;
export type Genre = (typeof GENRES)[number]['key'] | 'newsletter' | 'other';

/** A line that is only a government body's name: the issuer of the text or its signature. */
export const ISSUER_LINE =
  /^[\u4e00-\u9fa5]{2,12}(?:人民政府(?:办公厅|办公室)?|人民代表大会常务委员会|发展和改革委员会|发展改革委|委员会|办公厅|办公室|大数据局|数据局|数据资源局|工业和信息化厅|工业和信息化局|经济和信息化厅|经济和信息化局|通信管理局|厅|局|委)$/;

/**
 * One-character abbreviations that open a province's document numbers (皖政办秘〔2021〕82号 → 安徽省),
 * GB/T 2260 codes. Cities number theirs with two or more characters of their own name, read as names.
 */
export const PROVINCE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  京: '110000',
  津: '120000',
  冀: '130000',
  晋: '140000',
  蒙: '150000',
  辽: '210000',
  吉: '220000',
  黑: '230000',
  沪: '310000',
  苏: '320000',
  浙: '330000',
  皖: '340000',
  闽: '350000',
  赣: '360000',
  鲁: '370000',
  豫: '410000',
  鄂: '420000',
  湘: '430000',
  粤: '440000',
  桂: '450000',
  琼: '460000',
  渝: '500000',
  川: '510000',
  黔: '520000',
  贵: '520000',
  云: '530000',
  滇: '530000',
  藏: '540000',
  陕: '610000',
  甘: '620000',
  陇: '620000',
  青: '630000',
  宁: '640000',
  新: '650000',
};

/** Headings of the part of a report or plan that looks back: its figures are results. */
export const REVIEW_SECTION =
  /回顾|过去[一五]年|发展基础|发展现状|现状(?:与|和)(?:形势|问题)|基础(?:与|和)(?:形势|环境|现状)|取得的?(?:成效|成绩|进展|成就)|主要成效|工作成效|发展成就|主要成绩|成绩(?:与|和)问题|进展情况|完成情况|工作开展情况|总体情况|[“"]?十[一二三四]五[”"]?(?:时期|以来)?(?:的)?(?:发展)?(?:成就|成效|回顾)/;
/** Headings of the part that looks ahead: its figures are goals. */
export const PLAN_SECTION =
  /目标$|工作安排|工作任务|主要目标|发展目标|目标任务|总体要求|预期目标|重点任务|主要任务|重点工作|今后[一五]年|下一步|工作打算|工作思路|[“"]?十[四五六]五[”"]?(?:时期)?(?:的)?(?:主要)?(?:目标|任务)|远景目标|指导思想|(?:20\d{2}|今)年(?:的)?(?:工作(?:安排|任务|重点|要点|打算)|主要(?:目标|任务|预期))/;
