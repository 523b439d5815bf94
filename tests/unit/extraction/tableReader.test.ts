/**
 * The indicator-table reader, one case per construction. The layouts follow the 主要指标 tables of
 * published 十四五 digital-economy and informatisation plans, as PDF, DOCX and HTML conversion
 * print them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findTables,
  readTable,
  type StructuredTable,
  type TableCell,
  type TableContext,
  type TableFigure,
} from '../../../server/extraction/tableReader';

const PLAN: TableContext = { planStartYear: 2021, planEndYear: 2025, docYear: 2021 };

/** Every figure of every table found in the lines. */
function figures(lines: string[], ctx: TableContext = PLAN, structured?: StructuredTable[]): TableFigure[] {
  return findTables(lines, structured).flatMap((t) => readTable(t, lines, ctx));
}

/** The fields most cases compare: metric, value, unit, kind, deadline. */
const brief = (f: TableFigure) => [f.metric, f.value, f.unit, f.kind, f.deadline];

/** A structured cell at a line and offset. */
const cell = (text: string, line: number, col = 0): TableCell => ({ text, line, col });

describe('three layouts', () => {
  it('reads a table printed one row per line under 指标 / 2020年 / 2025年 / 属性', () => {
    const lines = [
      '专栏1  “十四五”数字经济发展主要指标',
      '指标                                      2020年      2025年      属性',
      '数字经济核心产业增加值占GDP比重（%）      7.8         10          预期性',
      'IPv6活跃用户数（亿户）                    4.6         8           预期性',
      '千兆宽带用户数（万户）                    640         6000        预期性',
      '软件和信息技术服务业规模（万亿元）        8.16        14          预期性',
      '',
      '二、总体要求',
    ];
    const [table] = findTables(lines);
    expect(table).toMatchObject({ layout: 'row-line', firstLine: 1, lastLine: 5 });
    expect(table?.caption).toBe('专栏1  “十四五”数字经济发展主要指标');
    expect(figures(lines).map(brief)).toEqual([
      ['数字经济核心产业增加值占GDP比重', 7.8, '%', 'actual', '2020'],
      ['数字经济核心产业增加值占GDP比重', 10, '%', 'target', '2025'],
      ['IPv6活跃用户数', 4.6, '亿户', 'actual', '2020'],
      ['IPv6活跃用户数', 8, '亿户', 'target', '2025'],
      ['千兆宽带用户数', 640, '万户', 'actual', '2020'],
      ['千兆宽带用户数', 6000, '万户', 'target', '2025'],
      ['软件和信息技术服务业规模', 8.16, '万亿元', 'actual', '2020'],
      ['软件和信息技术服务业规模', 14, '万亿元', 'target', '2025'],
    ]);
  });

  it('names the raw line and column of every value, and quotes the cell exactly', () => {
    const lines = [
      '序号\t指标\t单位\t2020年\t2025年\t属性',
      '1\t5G基站数\t万个\t1.5\t8\t预期性',
      '2\t数据中心标准机架数\t万架\t3.2\t＞6\t预期性',
    ];
    const found = figures(lines);
    expect(found.map((f) => [f.line, f.col, f.quote])).toEqual([
      [1, 11, '1.5'],
      [1, 15, '8'],
      [2, 15, '3.2'],
      [2, 19, '＞6'],
    ]);
    for (const f of found) expect(lines[f.line]?.slice(f.col, f.col + f.quote.length)).toBe(f.quote);
  });

  it('reads a table whose conversion kept a single space between cells', () => {
    const lines = [
      '序号 指标名称 单位 2024年基数 2025年目标',
      '1 政务服务平台注册用户 万人 620 700',
      '',
      '说明：数据来源 市大数据局',
    ];
    expect(figures(lines).map(brief)).toEqual([
      ['政务服务平台注册用户', 620, '万人', 'actual', '2024'],
      ['政务服务平台注册用户', 700, '万人', 'target', '2025'],
    ]);
  });

  it('reads a markdown table, skipping the separator row and an empty 2025年 cell', () => {
    const lines = [
      '| 指标 | 2020年 | 2025年 | 属性 |',
      '|---|---|---|---|',
      '| 5G基站数（万个） | 1.5 | — | 预期性 |',
      '| 千兆宽带用户数（万户） | 20 | 300 |  |',
    ];
    expect(figures(lines).map((f) => [f.line, f.metric, f.value, f.kind, f.binding])).toEqual([
      [2, '5G基站数', 1.5, 'actual', 'expected'],
      [3, '千兆宽带用户数', 20, 'actual', null],
      [3, '千兆宽带用户数', 300, 'target', null],
    ]);
  });

  it('reads a table printed one cell per line, finding each row again at its row number', () => {
    const lines = [
      '表1  主要指标',
      '序号',
      '指标',
      '单位',
      '2020年',
      '2025年',
      '属性',
      '1',
      '5G基站数',
      '万个',
      '1.5',
      '8',
      '预期性',
      '2',
      '千兆光网覆盖家庭数',
      '万户',
      '200',
      '1000',
      '预期性',
      '3',
      '数据中心机架数',
      '万架',
      '2',
      '6',
      '预期性',
      '二、重点任务',
      '（一）加快建设新型基础设施。推进5G网络规模化部署，到2025年全省5G基站达到8万个。',
    ];
    const [table] = findTables(lines);
    expect(table).toMatchObject({ layout: 'cell-line', firstLine: 1, lastLine: 24, caption: '表1  主要指标' });
    expect(figures(lines).map((f) => [f.line, ...brief(f)])).toEqual([
      [10, '5G基站数', 1.5, '万个', 'actual', '2020'],
      [11, '5G基站数', 8, '万个', 'target', '2025'],
      [16, '千兆光网覆盖家庭数', 200, '万户', 'actual', '2020'],
      [17, '千兆光网覆盖家庭数', 1000, '万户', 'target', '2025'],
      [22, '数据中心机架数', 2, '万架', 'actual', '2020'],
      [23, '数据中心机架数', 6, '万架', 'target', '2025'],
    ]);
  });

  it('allows a blank 属性 cell at the end of a cell-per-line row', () => {
    const lines = [
      '序号',
      '指标',
      '单位',
      '2020年',
      '2025年',
      '属性',
      '1',
      '工业互联网平台应用普及率',
      '%',
      '14.7',
      '45',
      '2',
      '固定宽带家庭普及率',
      '%',
      '96',
      '98',
      '预期性',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.binding])).toEqual([
      ['工业互联网平台应用普及率', 14.7, null],
      ['工业互联网平台应用普及率', 45, null],
      ['固定宽带家庭普及率', 96, 'expected'],
      ['固定宽带家庭普及率', 98, 'expected'],
    ]);
  });

  it('reads a cell-per-line table without a 序号 column, a row starting at each indicator name', () => {
    const lines = [
      '指标',
      '单位',
      '现状值',
      '目标值',
      '5G基站数',
      '个',
      '1200',
      '5000',
      '算力规模',
      'PFlops',
      '100',
      '500',
    ];
    expect(figures(lines).map(brief)).toEqual([
      ['5G基站数', 1200, '个', 'actual', '2020'],
      ['5G基站数', 5000, '个', 'target', '2025'],
      ['算力规模', 100, 'PFlops', 'actual', '2020'],
      ['算力规模', 500, 'PFlops', 'target', '2025'],
    ]);
  });

  it('splits a row number printed on the same line as the name in a cell-per-line table (1 5G基站数, 2．…)', () => {
    const lines = [
      '序号',
      '指标',
      '单位',
      '2025年',
      '1 5G基站数',
      '万个',
      '8',
      '2．千兆光网覆盖家庭数',
      '万户',
      '1000',
      '3.数据中心机架',
      '万架',
      '1.5',
    ];
    expect(figures(lines).map((f) => [f.line, f.metric, f.value, f.unit])).toEqual([
      [6, '5G基站数', 8, '万个'],
      [9, '千兆光网覆盖家庭数', 1000, '万户'],
      [12, '数据中心机架', 1.5, '万架'],
    ]);
  });

  it('gives every data row one cell per header column and a group row one cell', () => {
    const rowLine = [
      '序号  指标  单位  2020年  2025年  属性',
      '一、数字基础设施',
      '1  5G基站数  万个  1.5  8',
      '2  千兆用户数  万户  20  300  预期性',
    ];
    const cellLine = [
      '序号',
      '指标',
      '单位',
      '2025年',
      '属性',
      '1',
      '5G基站数',
      '万个',
      '8',
      '2',
      '千兆用户数',
      '万户',
      '300',
      '预期性',
    ];
    for (const lines of [rowLine, cellLine]) {
      const [table] = findTables(lines);
      expect(table?.rows.every((r) => r.length === 1 || r.length === table.header.length)).toBe(true);
    }
    const [table] = findTables(rowLine);
    expect(table?.rows.map((r) => r.length)).toEqual([1, 6, 6]);
    expect(table?.rows[1]?.[5]).toEqual({ text: '', line: -1, col: -1 });
  });

  it('adopts a structured table from an adapter, with a second header row under merged cells, instead of its flattened text', () => {
    const lines = [
      '指标 单位 “十四五”目标',
      '2023年 2025年',
      '数字基础设施',
      '5G基站数 万个 6 8',
      '千兆用户数 万户 300 500',
    ];
    const structured: StructuredTable[] = [
      {
        rows: [
          [cell('指标', 0, 0), cell('单位', 0, 3), cell('“十四五”目标', 0, 6), cell('“十四五”目标', 0, 6)],
          [cell('', 1), cell('', 1), cell('2023年', 1, 0), cell('2025年', 1, 7)],
          [cell('数字基础设施', 2), cell('', 2), cell('', 2), cell('', 2)],
          [cell('5G基站数', 3, 0), cell('万个', 3, 6), cell('6', 3, 9), cell('8', 3, 11)],
          [cell('千兆用户数', 4, 0), cell('万户', 4, 6), cell('300', 4, 9), cell('500', 4, 13)],
        ],
      },
    ];
    const found = figures(lines, PLAN, structured);
    expect(findTables(lines, structured).map((t) => t.layout)).toEqual(['structured']);
    expect(found.map((f) => [f.line, f.col, f.quote, f.metric, f.unit, f.deadline, f.category])).toEqual([
      [3, 9, '6', '5G基站数', '万个', '2023', '数字基础设施'],
      [3, 11, '8', '5G基站数', '万个', '2025', '数字基础设施'],
      [4, 9, '300', '千兆用户数', '万户', '2023', '数字基础设施'],
      [4, 13, '500', '千兆用户数', '万户', '2025', '数字基础设施'],
    ]);
  });
});

describe('header reading', () => {
  it('a base-year column gives actuals dated that year; 现状值 without a year the year before the plan', () => {
    const lines = [
      '指标  单位  2020年基期值  2025年目标值',
      '5G用户普及率  %  15  56',
      '',
      '指标  单位  现状值  目标值',
      '数据中心机架数  万架  3  6',
    ];
    expect(figures(lines, { planStartYear: 2023, planEndYear: 2025, docYear: 2023 }).map(brief)).toEqual([
      ['5G用户普及率', 15, '%', 'actual', '2020'],
      ['5G用户普及率', 56, '%', 'target', '2025'],
      ['数据中心机架数', 3, '万架', 'actual', '2022'],
      ['数据中心机架数', 6, '万架', 'target', '2025'],
    ]);
  });

  it('a “十四五”目标 column gives targets at the end of the 十四五 period', () => {
    const lines = ['指标名称  单位  “十四五”目标  属性', '算力总规模  EFLOPS  5  预期性'];
    const [f] = figures(lines, { planStartYear: null, planEndYear: null, docYear: 2022 });
    expect([f?.kind, f?.deadline, f?.value, f?.unit]).toEqual(['target', '2025', 5, 'EFLOPS']);
    expect(f?.why[0]).toBe('target, deadline 2025 from column "“十四五”目标" (line 1)');
  });

  it('a 目标值 column without a year takes the plan’s end year', () => {
    const lines = ['序号  指标  单位  目标值', '1  重点行业高质量数据集  个  50', '2  数据要素典型应用场景  个  300'];
    expect(figures(lines, { planStartYear: 2024, planEndYear: 2026, docYear: 2024 }).map(brief)).toEqual([
      ['重点行业高质量数据集', 50, '个', 'target', '2026'],
      ['数据要素典型应用场景', 300, '个', 'target', '2026'],
    ]);
  });

  it('a 年均增长 column gives a per-year target in %', () => {
    const lines = ['指标  单位  2020年  2025年  年均增长（%）', '电子信息制造业营业收入  亿元  3000  5000  10.8'];
    const growth = figures(lines).find((f) => f.perYear);
    expect(growth && [growth.value, growth.unit, growth.kind, growth.deadline, growth.cumulative]).toEqual([
      10.8,
      '%',
      'target',
      '2025',
      false,
    ]);
    expect(
      figures(lines)
        .filter((f) => !f.perYear)
        .map((f) => f.unit),
    ).toEqual(['亿元', '亿元']);
  });

  it('a 年均/累计 column: bracketed values are cumulative, the others per-year', () => {
    const lines = [
      '类别  序号  指标名称  2020年  2025年  年均/累计  属性',
      '总体规模  1  信息通信业收入（万亿元）  2.64  4.3  10%  预期性',
      '基础设施  2  5G用户普及率（%）  15  56  [41]  预期性',
    ];
    const rates = figures(lines).filter((f) => f.quote === '10%' || f.quote === '[41]');
    expect(rates.map((f) => [f.quote, f.value, f.unit, f.perYear, f.cumulative, f.deadline])).toEqual([
      ['10%', 10, '%', true, false, '2025'],
      ['[41]', 41, '%', false, true, '2025'],
    ]);
  });

  it('a 累计 column gives a cumulative five-year target in the row’s unit', () => {
    const lines = ['指标  单位  “十四五”累计', '新建5G基站  万个  6', '单位地区生产总值能耗降低  %  14'];
    expect(figures(lines).map((f) => [f.metric, f.value, f.unit, f.cumulative, f.kind, f.deadline])).toEqual([
      ['新建5G基站', 6, '万个', true, 'target', '2025'],
      ['单位地区生产总值能耗降低', 14, '%', true, 'target', '2025'],
    ]);
  });

  it('完成情况 gives actuals and 完成率 actuals in %, dated at the planned year', () => {
    const lines = [
      '“十三五”信息化发展主要指标完成情况',
      '指标  单位  2015年  2020年规划目标  完成情况  完成率',
      '光纤入户用户数  万户  100  300  280  93.3',
    ];
    expect(figures(lines, { planStartYear: 2021, planEndYear: 2025, docYear: 2021 }).map(brief)).toEqual([
      ['光纤入户用户数', 100, '万户', 'actual', '2015'],
      ['光纤入户用户数', 300, '万户', 'target', '2020'],
      ['光纤入户用户数', 280, '万户', 'actual', '2020'],
      ['光纤入户用户数', 93.3, '%', 'actual', '2020'],
    ]);
  });

  it('a 属性 column gives binding: 预期性 → expected, 约束性 → binding', () => {
    const lines = [
      '指标  2020年  2025年  属性',
      '政务服务事项网上可办率（%）  90  100  约束性',
      '城乡居民电子健康档案建档率（%）  85  90  预期性',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.binding])).toEqual([
      ['政务服务事项网上可办率', 90, 'binding'],
      ['政务服务事项网上可办率', 100, 'binding'],
      ['城乡居民电子健康档案建档率', 85, 'expected'],
      ['城乡居民电子健康档案建档率', 90, 'expected'],
    ]);
  });

  it('a header printed over two lines in a cell-per-line table (2025年 / 目标值) is one column', () => {
    const lines = [
      '序号',
      '指标名称',
      '单位',
      '2020年',
      '基期值',
      '2025年',
      '目标值',
      '属性',
      '1',
      '数据中心机架数',
      '万架',
      '3.2',
      '8',
      '预期性',
    ];
    const [table] = findTables(lines);
    expect(table?.header).toEqual(['序号', '指标名称', '单位', '2020年基期值', '2025年目标值', '属性']);
    expect(figures(lines).map(brief)).toEqual([
      ['数据中心机架数', 3.2, '万架', 'actual', '2020'],
      ['数据中心机架数', 8, '万架', 'target', '2025'],
    ]);
  });

  it('a “十四五”目标 header over the years printed below it splits into one target column per year', () => {
    const lines = [
      '指标              单位      “十四五”目标',
      '                            2023年    2025年',
      '5G基站数          万个      6         8',
      '千兆用户数        万户      300       500',
    ];
    expect(findTables(lines)[0]?.header).toEqual(['指标', '单位', '2023年目标', '2025年目标']);
    expect(figures(lines).map(brief)).toEqual([
      ['5G基站数', 6, '万个', 'target', '2023'],
      ['5G基站数', 8, '万个', 'target', '2025'],
      ['千兆用户数', 300, '万户', 'target', '2023'],
      ['千兆用户数', 500, '万户', 'target', '2025'],
    ]);
  });

  it('a single bare year column is a target from the document’s year on and an actual before it', () => {
    const lines = ['指标  单位  2023年', '5G基站数  万个  8'];
    const workPlan = figures(lines, { planStartYear: null, planEndYear: null, docYear: 2023 });
    const report = figures(lines, { planStartYear: null, planEndYear: null, docYear: 2024 });
    expect([workPlan[0]?.kind, report[0]?.kind]).toEqual(['target', 'actual']);
    expect([workPlan[0]?.deadline, report[0]?.deadline]).toEqual(['2023', '2023']);
  });

  it('a header printed over two lines in a row-per-line table (基期值 / 目标值 under the years)', () => {
    const lines = [
      '指标                    2020年      2025年',
      '                        基期值      目标值',
      '5G基站数（万个）        1.5         8',
    ];
    expect(findTables(lines)[0]?.header).toEqual(['指标', '2020年基期值', '2025年目标值']);
    expect(figures(lines).map(brief)).toEqual([
      ['5G基站数', 1.5, '万个', 'actual', '2020'],
      ['5G基站数', 8, '万个', 'target', '2025'],
    ]);
  });
});

describe('units', () => {
  it('a unit split over two lines in a cell-per-line table (万平 / 方米) is one unit', () => {
    const lines = ['序号', '指标', '单位', '2020年', '2025年', '1', '数据中心建筑面积', '万平', '方米', '10', '30'];
    expect(figures(lines).map((f) => f.unit)).toEqual(['万平方米', '万平方米']);
  });

  it('an indicator name broken over two lines in a cell-per-line table is one name', () => {
    const lines = ['序号', '指标', '单位', '2025年', '1', '数字经济核心产业增加值占', '地区生产总值比重', '%', '12'];
    expect(figures(lines).map(brief)).toEqual([
      ['数字经济核心产业增加值占地区生产总值比重', 12, '%', 'target', '2025'],
    ]);
  });

  it('the unit of the metric’s brackets when there is no unit column, and （%） on the line below', () => {
    const lines = [
      '指标                        2020年    2025年',
      '工业互联网平台应用普及率    14.7      45',
      '（%）',
      '在线政务服务实名用户规模（亿）    4    8',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.unit])).toEqual([
      ['工业互联网平台应用普及率', 14.7, '%'],
      ['工业互联网平台应用普及率', 45, '%'],
      ['在线政务服务实名用户规模', 4, '亿'],
      ['在线政务服务实名用户规模', 8, '亿'],
    ]);
  });

  it('an indicator name wrapped onto the next line with its unit (…生产总 / 值比重（%）) is one name', () => {
    const lines = [
      '指标                                  2020年    2025年    属性',
      '数字经济核心产业增加值占地区生产总    7.8       10        预期性',
      '值比重（%）',
      '5G基站数（万个）    1.5    8    预期性',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.unit, f.category])).toEqual([
      ['数字经济核心产业增加值占地区生产总值比重', 7.8, '%', null],
      ['数字经济核心产业增加值占地区生产总值比重', 10, '%', null],
      ['5G基站数', 1.5, '万个', null],
      ['5G基站数', 8, '万个', null],
    ]);
  });

  it('a unit in the header: indicators across the top (人均GDP（万元）) and years down the side', () => {
    const lines = [
      '年份      人均GDP（万元）   数字经济增加值占比（%）',
      '2020年    6.5               30',
      '2025年目标    9    45以上',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.unit, f.comparator, f.kind, f.deadline])).toEqual([
      ['人均GDP', 6.5, '万元', '=', 'actual', '2020'],
      ['人均GDP', 9, '万元', '=', 'target', '2025'],
      ['数字经济增加值占比', 30, '%', '=', 'actual', '2020'],
      ['数字经济增加值占比', 45, '%', '>=', 'target', '2025'],
    ]);
  });

  it('a multiplier written in the cell joins the unit column’s unit (1.2万 + 个 → 万个)', () => {
    const lines = ['指标  单位  2020年  2025年', '5G基站数  个  3500  1.2万'];
    expect(figures(lines).map((f) => [f.value, f.unit])).toEqual([
      [3500, '个'],
      [1.2, '万个'],
    ]);
  });
});

describe('values', () => {
  const readCell = (cellText: string) => {
    const lines = [`指标  单位  2025年`, `5G用户普及率  %  ${cellText}`];
    const [f] = figures(lines);
    return f ? [f.value, f.valueMax, f.comparator, f.unit, f.cumulative] : null;
  };

  it.each([
    ['左右 gives ~', '56左右', [56, null, '~', '%', false]],
    ['> gives >', '>60', [60, null, '>', '%', false]],
    ['full-width ＞ gives >', '＞60', [60, null, '>', '%', false]],
    ['< gives <', '<5.5', [5.5, null, '<', '%', false]],
    ['≥ gives >=', '≥95', [95, null, '>=', '%', false]],
    ['≤ gives <=', '≤3', [3, null, '<=', '%', false]],
    ['以上 gives >=', '70以上', [70, null, '>=', '%', false]],
    ['a dash between two numbers gives a range', '5-10', [5, 10, 'range', '%', false]],
    ['a wave dash between two numbers gives a range', '５～１０', [5, 10, 'range', '%', false]],
    ['[ ] gives a cumulative figure', '[30]', [30, null, '=', '%', true]],
    ['【 】 gives a cumulative figure', '【30】', [30, null, '=', '%', true]],
    ['full-width digits are read', '５６．５', [56.5, null, '=', '%', false]],
    ['约 gives ~', '约60', [60, null, '~', '%', false]],
  ])('%s', (_name, text, expected) => {
    expect(readCell(text)).toEqual(expected);
  });

  it.each([['—'], ['-'], ['/'], ['——'], ['持续提升'], ['稳步增长'], ['保持在合理区间'], ['2025年']])(
    'a cell of %s is no figure',
    (text) => {
      expect(readCell(text)).toBeNull();
    },
  );

  it('reads the number of a cell with a remark after it and says what it left unread', () => {
    const lines = [
      '指标  2020年  2025年  年均/累计  属性',
      '全社会研发经费投入增长（%）  —  —  >7、力争投入强度高于“十三五”时期实际  预期性',
    ];
    const [f] = figures(lines);
    expect(f && [f.value, f.comparator, f.unit, f.perYear]).toEqual([7, '>', '%', true]);
    expect(f?.why).toContain('remark not read: "力争投入强度高于“十三五”时期实际"');
  });
});

describe('never figures', () => {
  it('row numbers (1, 2 and ①, ②) are never figures', () => {
    const lines = ['序号  指标  单位  2025年', '①  5G基站数  万个  8', '②  千兆用户数  万户  300'];
    expect(figures(lines).map((f) => f.value)).toEqual([8, 300]);
    expect(figures(lines).map((f) => f.metric)).toEqual(['5G基站数', '千兆用户数']);
  });

  it('a row number written in the indicator cell (1.国内生产总值增长) is stripped', () => {
    const lines = [
      '指标  2020年  2025年',
      '1.国内生产总值增长（%）  2.3  6',
      '12.每千人口拥有执业（助理）医师数（人）  2.9  3.2',
    ];
    expect(figures(lines).map((f) => [f.metric, f.unit])).toEqual([
      ['国内生产总值增长', '%'],
      ['国内生产总值增长', '%'],
      ['每千人口拥有执业（助理）医师数', '人'],
      ['每千人口拥有执业（助理）医师数', '人'],
    ]);
  });

  it('a digit glued to the metric is a footnote marker when the row has every value cell', () => {
    const lines = [
      '指标  单位  2020年  2025年  属性',
      '每万人口高价值发明专利拥有量1  件  6.3  12  预期性',
      '每万人拥有5G基站数²  个  5  26  预期性',
      '注：1.高价值发明专利指……',
    ];
    const found = figures(lines);
    expect(found.map((f) => [f.metric, f.value])).toEqual([
      ['每万人口高价值发明专利拥有量', 6.3],
      ['每万人口高价值发明专利拥有量', 12],
      ['每万人拥有5G基站数', 5],
      ['每万人拥有5G基站数', 26],
    ]);
    expect(found[0]?.why.at(-1)).toContain('footnote marker "1" stripped');
  });

  it('a digit glued to the metric stays when neither the row nor the notes show it is a marker', () => {
    const lines = ['指标  单位  2020年  2025年', '高速公路里程7  千公里  8', 'IPv6活跃用户数  亿户  0.5  1'];
    const found = figures(lines);
    expect(found.map((f) => f.metric)).toEqual(['高速公路里程7', 'IPv6活跃用户数', 'IPv6活跃用户数']);
    expect(found[0]?.why.at(-1)).toContain('kept in the indicator');
  });

  it('the same glued digit is a marker when the notes under the table explain it', () => {
    // The 8 stands under 2025年: the 2020年 cell is the one missing.
    const lines = ['指标  单位  2020年  2025年', '高速公路里程7  千公里  8', '注：7.含在建里程。'];
    expect(figures(lines).map((f) => [f.metric, f.value, f.deadline])).toEqual([['高速公路里程', 8, '2025']]);
  });

  it('a number glued after the unit bracket is the value that lost its cell', () => {
    const lines = ['指标  2020年  2025年  属性', '5G基站数（万个）1.5  8  预期性'];
    const found = figures(lines);
    expect(found.map((f) => [f.line, f.col, f.quote, f.value, f.kind])).toEqual([
      [1, 9, '1.5', 1.5, 'actual'],
      [1, 14, '8', 8, 'target'],
    ]);
    expect(found[0]?.metric).toBe('5G基站数');
  });

  it('notes under the table are not read, and a * marked value takes the year the note gives', () => {
    const lines = [
      '指标  2020年  2025年  年均/累计  属性',
      '常住人口城镇化率（%）  60.6*  65  —  预期性',
      '注：①[ ]内为5年累计数。②带*的为2019年数据。③城镇化率指标达到70%以上。',
    ];
    const found = figures(lines);
    expect(found.map((f) => [f.line, f.value, f.deadline])).toEqual([
      [1, 60.6, '2019'],
      [1, 65, '2025'],
    ]);
  });

  it('years in headers are never figures, whatever the layout', () => {
    const rowLine = ['指标  2020年  2025年', '5G基站数（万个）  1.5  8'];
    const cellLine = ['序号', '指标', '单位', '2020年', '2025年', '1', '5G基站数', '万个', '1.5', '8'];
    expect(figures(rowLine).map((f) => f.line)).toEqual([1, 1]);
    expect(figures(cellLine).map((f) => f.line)).toEqual([8, 9]);
    expect([...figures(rowLine), ...figures(cellLine)].some((f) => f.value === 2020 || f.value === 2025)).toBe(false);
  });

  it('the header repeated at the top of a new page is skipped', () => {
    const lines = [
      '指标  2020年  2025年',
      '5G基站数（万个）  1.5  8',
      '- 12 -',
      '指标  2020年  2025年',
      '千兆用户数（万户）  20  300',
    ];
    expect(figures(lines).map((f) => f.value)).toEqual([1.5, 8, 20, 300]);
  });
});

describe('groups and categories', () => {
  it('a group row spanning the table (一、数字基础设施) sets the category of the rows below', () => {
    const lines = [
      '序号  指标  单位  2020年  2025年  属性',
      '一、数字基础设施',
      '1  5G基站数  万个  1.5  8  预期性',
      '二、数字政府',
      '2  政务服务“一网通办”率  %  80  95  约束性',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.category])).toEqual([
      ['5G基站数', 1.5, '数字基础设施'],
      ['5G基站数', 8, '数字基础设施'],
      ['政务服务“一网通办”率', 80, '数字政府'],
      ['政务服务“一网通办”率', 95, '数字政府'],
    ]);
  });

  it('a 类别 cell printed once names the rows below it until the next one', () => {
    const lines = [
      '类别  指标  2020年  2025年  属性',
      '数字基础设施  5G基站数（万个）  1.5  8  预期性',
      '千兆宽带用户数（万户）  20  300  预期性',
      '数字产业  软件业务收入（亿元）  500  1000  预期性',
    ];
    expect(figures(lines).map((f) => [f.metric, f.category])).toEqual([
      ['5G基站数', '数字基础设施'],
      ['5G基站数', '数字基础设施'],
      ['千兆宽带用户数', '数字基础设施'],
      ['千兆宽带用户数', '数字基础设施'],
      ['软件业务收入', '数字产业'],
      ['软件业务收入', '数字产业'],
    ]);
  });

  it('a 类别 cell printed before the row number in a cell-per-line table belongs to that row', () => {
    const lines = [
      '类别',
      '序号',
      '指标',
      '单位',
      '2020年',
      '2025年',
      '属性',
      '数字基础设施',
      '1',
      '5G基站数',
      '万个',
      '1.5',
      '8',
      '预期性',
      '2',
      '千兆用户数',
      '万户',
      '20',
      '300',
      '预期性',
      '数字政府',
      '3',
      '政务服务事项网上可办率',
      '%',
      '80',
      '95',
      '约束性',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.category, f.binding])).toEqual([
      ['5G基站数', 1.5, '数字基础设施', 'expected'],
      ['5G基站数', 8, '数字基础设施', 'expected'],
      ['千兆用户数', 20, '数字基础设施', 'expected'],
      ['千兆用户数', 300, '数字基础设施', 'expected'],
      ['政务服务事项网上可办率', 80, '数字政府', 'binding'],
      ['政务服务事项网上可办率', 95, '数字政府', 'binding'],
    ]);
  });
});

describe('tables that are not indicator tables', () => {
  it('a schedule (任务 / 责任单位 / 完成时限) gives no figures', () => {
    const lines = [
      '序号  重点任务  责任单位  完成时限',
      '1  建成省级数据共享交换平台  省大数据局  2022年底',
      '2  新建5G基站1万个  省通信管理局  2023年',
    ];
    expect(findTables(lines)).toEqual([]);
  });

  it('a project list with investments and construction years gives no figures', () => {
    const lines = [
      '序号  项目名称  建设内容  总投资（亿元）  建设年限',
      '1  省大数据中心  新建标准机架5000个  12.5  2021-2023年',
      '2  5G网络覆盖工程  新建基站2万个  30  2021-2025年',
    ];
    expect(findTables(lines)).toEqual([]);
  });

  it('a 考评 scoring table: the 分值 column’s points are never targets, the 考核标准 text is left to prose', () => {
    const rowLine = [
      '一级指标  二级指标  分值  考核标准',
      '数字基础设施  5G基站建设  10  新建5G基站达到500个得10分',
      '数字政府  网办率  5  网办率达到90%以上得5分',
    ];
    const cellLine = [
      '一级指标',
      '二级指标',
      '分值',
      '考核标准',
      '数字基础设施',
      '5G基站建设',
      '10',
      '新建5G基站达到500个得10分',
    ];
    expect(figures(rowLine)).toEqual([]);
    expect(figures(cellLine)).toEqual([]);
  });

  it('a scoring table with a 目标值 column gives the targets but never the 分值 points', () => {
    const lines = [
      '序号  考核指标  目标值  分值  评分标准',
      '1  政务服务事项网办率  90%  10  每低1个百分点扣1分',
      '2  电子证照应用率  80%  5  未达标不得分',
    ];
    expect(figures(lines).map((f) => [f.metric, f.value, f.unit, f.kind])).toEqual([
      ['政务服务事项网办率', 90, '%', 'target'],
      ['电子证照应用率', 80, '%', 'target'],
    ]);
  });

  it('prose that names two years is not a table', () => {
    expect(findTables(['从 2020年 到 2025年 全省 推进 改革', '1 2 3 4 5 6'])).toEqual([]);
    expect(findTables(['到2025年，全省5G基站达到8万个。', '2024年  工作要点'])).toEqual([]);
  });
});

describe('robustness', () => {
  it('returns nothing for empty input, blank lines and lines of only numbers', () => {
    expect(findTables([])).toEqual([]);
    expect(findTables(['', '   ', '\r'])).toEqual([]);
    expect(findTables(Array.from({ length: 500 }, (_, i) => String(i)))).toEqual([]);
    expect(findTables(['1  2  3  4', '5  6  7  8'])).toEqual([]);
  });

  it('a 200,000-character line returns quickly and finds nothing in it', () => {
    const long = '指标  2020年  2025年  '.repeat(12_000);
    const numbers = '1  2.5  3  '.repeat(20_000);
    const started = performance.now();
    expect(findTables([long, numbers, long])).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a document of nothing but header words, one per line, returns quickly', () => {
    const words = ['序号', '指标', '单位', '2020年', '2025年', '目标值', '属性'];
    const lines = Array.from({ length: 20_000 }, (_, i) => words[i % words.length] ?? '');
    const started = performance.now();
    expect(findTables(lines)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reads a table of 20,000 rows in linear time', () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `${i + 1}  指标${'甲乙丙丁'[i % 4]}项  个  ${i}  ${i + 5}  预期性`,
    );
    const lines = ['序号  指标  单位  2020年  2025年  属性', ...rows];
    const started = performance.now();
    const found = figures(lines);
    expect(found).toHaveLength(40_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('never throws on any lines, and every quote stands in its raw line', () => {
    const word = fc.constantFrom(
      '指标',
      '序号',
      '单位',
      '2020年',
      '2025年',
      '目标值',
      '属性',
      '预期性',
      '约束性',
      '年均增长',
      '累计',
      '1',
      '2',
      '①',
      '5G基站数',
      '万个',
      '%',
      '7.8',
      '＞60',
      '[30]',
      '5-10',
      '—',
      '持续提升',
      '一、数字经济',
      '注：',
      '（%）',
      '分值',
      '拥有量1',
      '',
    );
    const sep = fc.constantFrom(' ', '  ', '\t', '|', '　');
    const line = fc.array(fc.tuple(word, sep), { maxLength: 8 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(line, word), { maxLength: 40 }), (lines) => {
        for (const f of figures(lines)) {
          expect(lines[f.line]?.slice(f.col, f.col + f.quote.length)).toBe(f.quote);
          expect(Number.isFinite(f.value)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
