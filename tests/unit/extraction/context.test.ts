/**
 * A document's context (TARGETS-SPEC.md, "Documents carry context"): issuing government, genre, year
 * and plan period, each decided from a general construction of Chinese government texts. Every text
 * below is a short made-up document written for the construction its case names.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../server/extraction/clean';
import { type ContextHints, readContext } from '../../../server/extraction/context';

function contextOf(lines: string[], hints: ContextHints = {}) {
  return readContext(cleanText(lines.join('\n')), hints);
}

function issuerOf(lines: string[], hints: ContextHints = {}): [string, string] | null {
  const issuer = contextOf(lines, hints).issuer;
  return issuer ? [issuer.fullName, issuer.code] : null;
}

function ruleFor(lines: string[], field: 'title' | 'issuer' | 'genre' | 'year' | 'planPeriod'): string | undefined {
  return contextOf(lines).why.find((w) => w.field === field)?.rule;
}

/** Body lines that push a document's head out of its tail, as in any real text of some length. */
const FILLER = Array.from({ length: 26 }, (_, i) => `（${i + 1}）加强组织领导，压实工作责任，形成工作合力。`);

describe('issuer: a place opening the title', () => {
  it('reads a city opening a plan’s title (XX市…方案)', () => {
    const lines = ['成都市算力基础设施高质量发展实施方案', '为加快建设算力基础设施，制定本方案。'];
    expect(issuerOf(lines)).toEqual(['成都市', '510100']);
    expect(ruleFor(lines, 'issuer')).toBe('region opening the title');
  });

  it('reads a province’s government office opening the title (XX省人民政府办公厅关于…)', () => {
    expect(issuerOf(['江西省人民政府办公厅关于加快数字政府建设的实施意见', '各设区市人民政府：'])).toEqual([
      '江西省',
      '360000',
    ]);
  });

  it('narrows to the city named right after its province (XX省XX市…方案)', () => {
    expect(issuerOf(['浙江省衢州市数据要素市场化配置改革实施方案', '为推进数据要素市场化配置，制定本方案。'])).toEqual([
      '衢州市',
      '330800',
    ]);
  });

  it('joins a title that wraps over two lines before reading its place', () => {
    const ctx = contextOf(['济南市推进工业互联网创新发展', '三年行动计划（2024—2026年）', '一、总体要求']);
    expect(ctx.title).toBe('济南市推进工业互联网创新发展三年行动计划（2024—2026年）');
    expect(ctx.issuer?.code).toBe('370100');
  });
});

describe('issuer: the work report’s own words', () => {
  it('reads the people’s congress a report was given to (在XX市第十八届人民代表大会第三次会议上)', () => {
    const lines = [
      '政府工作报告',
      '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上',
      '市长 王明',
      '各位代表：',
      '现在，我代表市人民政府向大会报告工作，请予审议，并请市政协各位委员提出意见。',
    ];
    expect(issuerOf(lines)).toEqual(['洛阳市', '410300']);
    expect(ruleFor(lines, 'issuer')).toBe('people’s congress of the report');
  });

  it('reads the government a report speaks for (我代表XX市人民政府向大会报告工作)', () => {
    const lines = [
      '政府工作报告',
      '各位代表：',
      '现在，我代表绍兴市人民政府向大会报告工作，请予审议。',
      '一、2023年工作回顾',
    ];
    expect(issuerOf(lines)).toEqual(['绍兴市', '330600']);
    expect(ruleFor(lines, 'issuer')).toBe('government the report speaks for');
  });
});

describe('issuer: document numbers', () => {
  it('reads a province from its abbreviation in a document number alone on its line (皖政办〔2021〕8号)', () => {
    const lines = [
      '皖政办〔2021〕8号',
      '关于印发支持数字经济发展若干措施的通知',
      '各市人民政府，省政府各部门、各直属机构：',
      '现将有关措施印发给你们，请认真贯彻执行。',
    ];
    expect(issuerOf(lines)).toEqual(['安徽省', '340000']);
    expect(ruleFor(lines, 'issuer')).toBe('document number prefix');
  });

  it('reads another province’s abbreviation the same way (湘政发〔2023〕5号)', () => {
    expect(issuerOf(['湘政发〔2023〕5号', '关于加快推进数字化转型的若干意见', '各有关单位：'])).toEqual([
      '湖南省',
      '430000',
    ]);
  });

  it('does not count a document number cited inside a sentence', () => {
    const lines = [
      '关于加强数据要素市场建设的若干措施',
      '为贯彻落实《关于支持数字经济发展的若干政策》（皖政办〔2021〕8号）精神，结合实际，提出以下措施。',
      '一、培育数据要素市场主体。',
    ];
    expect(issuerOf(lines)).toBeNull();
  });
});

describe('issuer: issuer and signature lines', () => {
  it('reads the government body signing the text above its date', () => {
    const lines = [
      '关于加快推进数字乡村建设的实施意见',
      '各县（市、区）人民政府：',
      '为加快数字乡村建设，提出如下意见。',
      '一、夯实乡村数字基础设施。',
      '岳阳市人民政府',
      '2023年5月6日',
    ];
    expect(issuerOf(lines)).toEqual(['岳阳市', '430600']);
    expect(ruleFor(lines, 'issuer')).toBe('issuer line');
  });

  it('reads a department of a province standing alone under the title', () => {
    expect(
      issuerOf(['关于印发数据要素产业培育方案的通知', '山东省大数据局', '各市大数据局：', '现将方案印发给你们。']),
    ).toEqual(['山东省', '370000']);
  });
});

describe('issuer: national bodies bind the whole country', () => {
  it('reads 国务院 opening the title as 全国', () => {
    expect(
      issuerOf(['国务院关于加快推进政务服务标准化规范化便利化的指导意见', '各省、自治区、直辖市人民政府：']),
    ).toEqual(['全国', '000000']);
  });

  it('reads a ministry issuing with others (工业和信息化部等八部门) as 全国', () => {
    const lines = ['工业和信息化部等八部门关于加快传统制造业转型升级的指导意见', '各省、自治区、直辖市人民政府：'];
    expect(issuerOf(lines)).toEqual(['全国', '000000']);
    expect(ruleFor(lines, 'issuer')).toBe('national body issuing');
  });

  it('reads a national document number (国发〔2022〕14号) as 全国', () => {
    expect(issuerOf(['国发〔2022〕14号', '关于加强数字政府建设的指导意见', '各有关单位：'])).toEqual([
      '全国',
      '000000',
    ]);
  });
});

describe('issuer: the level a text calls its own', () => {
  it('takes the city the text names most when it speaks of 全市', () => {
    const lines = [
      '关于推进算力基础设施建设的工作方案',
      '为加快绵阳市算力基础设施建设，制定本方案。',
      '到2025年，全市算力规模达到500PFlops，全市数据中心机架达到1万架。',
      '绵阳市科技城新区建设智算中心，全市形成算力服务体系。',
      '支持绵阳市企业上云用数，鼓励成都市企业来绵投资。',
    ];
    expect(issuerOf(lines)).toEqual(['绵阳市', '510700']);
  });

  it('takes the province the text names most when it speaks of 全省', () => {
    const lines = [
      '关于加快发展数字经济的若干措施',
      '为推动江西省数字经济做优做强，提出以下措施。',
      '到2025年，全省数字经济增加值达到1.5万亿元，全省建成5G基站10万个。',
      '支持江西省企业建设工业互联网平台。',
    ];
    expect(issuerOf(lines)).toEqual(['江西省', '360000']);
  });

  it('reads a text that speaks of 我国 and of no province or city as national', () => {
    const lines = [
      '关于促进数据产业高质量发展的指导意见',
      '数据产业是我国数字经济的重要组成部分。',
      '到2029年，我国数据产业规模年均增速超过15%。',
    ];
    expect(issuerOf(lines)).toEqual(['全国', '000000']);
  });

  it('leaves the issuer undecided, never 全国, when nothing names a place', () => {
    const lines = [
      '关于加快推进数字乡村建设的实施意见',
      '各有关单位：',
      '为加快数字乡村建设，提出如下意见。',
      '到2025年，农村互联网普及率达到70%。',
    ];
    const ctx = contextOf(lines);
    expect(ctx.issuer).toBeNull();
    expect(ctx.why.some((w) => w.field === 'issuer')).toBe(false);
  });
});

describe('analyst hints win over the text', () => {
  const plan = ['成都市算力基础设施高质量发展实施方案', '2023年6月1日', '为加快建设算力基础设施，制定本方案。'];

  it('takes a stated region over the place opening the title', () => {
    const ctx = contextOf(plan, { regionCode: '510700' });
    expect(ctx.issuer?.fullName).toBe('绵阳市');
    expect(ctx.why.find((w) => w.field === 'issuer')?.rule).toBe('stated by an analyst');
  });

  it('takes a stated year over the date of issue', () => {
    expect(contextOf(plan, { year: 2025 }).year).toBe(2025);
  });

  it('takes a stated title over the opening lines, and reads genre and period from it', () => {
    const ctx = contextOf(['各有关单位：', '为推进数据要素市场化配置，制定本方案。'], {
      title: '数据要素市场化配置改革行动计划（2024—2026年）',
    });
    expect(ctx.title).toBe('数据要素市场化配置改革行动计划（2024—2026年）');
    expect(ctx.genre).toBe('action-plan');
    expect(ctx.planPeriod).toEqual({ start: 2024, end: 2026 });
  });
});

describe('genre', () => {
  it.each([
    ['杭州市2024年政府工作报告', 'work-report'],
    ['青岛市数字经济发展“十四五”规划', 'five-year-plan'],
    ['2024年全省数字政府建设工作要点', 'work-points'],
    ['关于推进5G规模化应用的实施方案', 'action-plan'],
    ['关于加快数字乡村建设的实施意见', 'opinion'],
    ['数字政府建设考评办法', 'evaluation'],
    ['关于2023年数字经济发展进展情况的报告', 'progress-report'],
  ] as const)('reads the genre words of the title %s', (title, genre) => {
    expect(contextOf([title, '各有关单位：']).genre).toBe(genre);
  });

  it('reads a text that names itself (特制定本方案) when no title is found', () => {
    const lines = ['为加快推进数字乡村建设，结合本地实际，特制定本方案。', '一、总体要求。坚持统筹规划、分步实施。'];
    expect(contextOf(lines).genre).toBe('action-plan');
  });

  it('reads a text that names itself as a plan (制定本规划)', () => {
    const lines = ['依据国家有关部署，结合发展实际，制定本规划。', '一、发展基础。'];
    expect(contextOf(lines).genre).toBe('five-year-plan');
  });

  it('reads a speech that reports to the congress (向大会报告工作) as a work report', () => {
    const lines = ['各位代表：', '现在，我代表市人民政府，向大会报告工作，请予审议。', '一、2023年工作回顾'];
    expect(contextOf(lines).genre).toBe('work-report');
  });
});

describe('year', () => {
  it('reads the signature date under the text', () => {
    const lines = [
      '关于加快推进数字乡村建设的实施意见',
      '为加快数字乡村建设，提出如下意见。',
      '岳阳市人民政府',
      '2023年5月6日',
    ];
    expect(contextOf(lines).year).toBe(2023);
    expect(ruleFor(lines, 'year')).toBe('date of issue under the text');
  });

  it('reads the date line that opens a report', () => {
    const lines = ['政府工作报告', '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上', '各位代表：', ...FILLER];
    expect(contextOf(lines).year).toBe(2024);
    expect(ruleFor(lines, 'year')).toBe('date in the opening lines');
  });

  it('reads the year a title is about (2023年…工作要点)', () => {
    const lines = ['2023年数字政府建设工作要点', '一、夯实数字基础设施。'];
    expect(contextOf(lines).year).toBe(2023);
    expect(ruleFor(lines, 'year')).toBe('year in the title');
  });

  it('dates an undated work report the year after its 2023年工作回顾 heading', () => {
    const lines = [
      '政府工作报告',
      '各位代表：',
      '现在，我代表市人民政府向大会报告工作。',
      '一、2023年工作回顾',
      '过去一年，全市经济稳中向好。',
      '二、今年工作安排',
    ];
    expect(contextOf(lines).year).toBe(2024);
    expect(ruleFor(lines, 'year')).toBe('the year after the reviewed one');
  });

  it('dates an undated work report at the year its plan part names (2024年工作安排)', () => {
    const lines = ['政府工作报告', '各位代表：', '一、过去一年工作回顾', '二、2024年工作安排'];
    expect(contextOf(lines).year).toBe(2024);
  });

  it('dates an undated plan at the first year of its period', () => {
    expect(contextOf(['数字经济发展三年行动计划（2024—2026年）', '一、总体要求'], {}).year).toBe(2024);
  });
});

describe('plan period', () => {
  it('reads a year range in the title (2023—2025年)', () => {
    const lines = ['湖南省数字乡村发展行动方案（2023—2025年）', '一、总体要求'];
    expect(contextOf(lines).planPeriod).toEqual({ start: 2023, end: 2025 });
    expect(ruleFor(lines, 'planPeriod')).toBe('period in the title');
  });

  it('reads a five-year plan named by number in the title (“十四五”)', () => {
    expect(contextOf(['青岛市数字经济发展“十四五”规划', '一、发展基础']).planPeriod).toEqual({
      start: 2021,
      end: 2025,
    });
  });

  it('reads the next five-year plan by number (“十五五”)', () => {
    expect(contextOf(['“十五五”数字政府建设规划', '一、发展基础']).planPeriod).toEqual({ start: 2026, end: 2030 });
  });

  it('reads the period a plan states in its text (规划期为2021—2035年)', () => {
    const lines = ['新型基础设施建设规划', '一、总则', '本规划期为2021—2035年，近期至2025年。'];
    expect(contextOf(lines).planPeriod).toEqual({ start: 2021, end: 2035 });
    expect(ruleFor(lines, 'planPeriod')).toBe('the plan states its period');
  });

  it('reads the target year of a base-year sentence (规划基准年为2020年，近期规划水平年为2025年)', () => {
    const lines = ['城市排水防涝设施建设规划', '一、总则', '规划基准年为2020年，近期规划水平年为2025年。'];
    expect(contextOf(lines).planPeriod?.end).toBe(2025);
  });

  it('sets the horizon of a plan without a period at the goal year it names most (到2027年)', () => {
    const lines = [
      '关于加快人工智能产业发展的实施方案',
      '2024年8月1日',
      '到2025年，人工智能核心产业规模达到300亿元。',
      '到2027年，人工智能核心产业规模突破800亿元。',
      '到2027年，培育人工智能企业200家。',
    ];
    expect(contextOf(lines).planPeriod).toEqual({ start: 2024, end: 2027 });
    expect(ruleFor(lines, 'planPeriod')).toBe('the goal year the text names most');
  });

  it('gives a work report no horizon from the goal years it quotes', () => {
    const lines = [
      '政府工作报告',
      '——2024年1月9日在洛阳市第十六届人民代表大会第四次会议上',
      '到2027年，全市数字经济规模突破5000亿元。',
    ];
    expect(contextOf(lines).planPeriod).toBeNull();
  });
});

describe('issuer and year: forms of writing that real files carry', () => {
  it('narrows a title opening with a province and a county to the county (浙江省德清县…)', () => {
    expect(issuerOf(['浙江省德清县数字乡村建设实施方案', '为推进数字乡村建设，制定本方案。'])).toEqual([
      '湖州市德清县',
      '330521',
    ]);
  });

  it('reads a signature date written in Chinese numerals (二〇二三年五月六日)', () => {
    const lines = [
      '关于加快推进数字乡村建设的实施意见',
      '为加快数字乡村建设，提出如下意见。',
      '岳阳市人民政府',
      '二〇二三年五月六日',
    ];
    expect(contextOf(lines).year).toBe(2023);
  });

  it('reads a document number written in full-width digits (皖政办〔２０２１〕８号)', () => {
    const ctx = contextOf(['皖政办〔２０２１〕８号', '关于印发支持数字经济发展若干措施的通知', '各市人民政府：']);
    expect(ctx.issuer?.code).toBe('340000');
    expect(ctx.title).toBe('关于印发支持数字经济发展若干措施的通知');
  });
});

describe('constructions met in session 4’s corpus texts', () => {
  it('reads a county opening the title by its own name when no other division bears it (石城县…细则)', () => {
    expect(issuerOf(['石城县2018年度河长制工作目标管理考核细则', '一、考核内容'])).toEqual(['赣州市石城县', '360735']);
  });

  it('does not read a bare district name many cities share (朝阳区) as any one of them', () => {
    expect(issuerOf(['朝阳区2024年重点工作安排', '一、重点任务'])).toBeNull();
  });

  it('reads a report a government gives a standing committee (我代表行署作工作报告) as a work report of the 盟 it calls its own', () => {
    const lines = [
      '各位主任、委员：',
      '下面，我代表行署作工作报告，请予审议。',
      '一、2023年工作回顾',
      ...['全盟地区生产总值增长6%。', '全盟新增就业1万人。', '锡林郭勒盟被评为示范区。', '全盟粮食增产。'],
      '二、2024年主要目标和重点任务',
    ];
    const ctx = contextOf(lines);
    expect(ctx.genre).toBe('work-report');
    expect(ctx.issuer?.code).toBe('152500');
    expect(ctx.year).toBe(2024);
  });

  it('reads the national outline by its formal name (中华人民共和国…第十五个五年规划纲要)', () => {
    const ctx = contextOf(['中华人民共和国国民经济和社会发展第十五个五年规划纲要', '专栏1 主要指标']);
    expect(ctx.issuer?.code).toBe('000000');
    expect(ctx.planPeriod).toEqual({ start: 2026, end: 2030 });
  });
});
