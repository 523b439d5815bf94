/** The layouts the first table reader knew, kept as cases of the reader that replaced it. */
import { describe, expect, it } from 'vitest';
import { findTables, readTable } from '../../../server/extraction/tableReader';

const CONTEXT = { planStartYear: null, planEndYear: null, docYear: 2024 };

/** The figures of every table in `lines`, with a year as a number, as the first reader gave them. */
function findTableFigures(lines: string[]) {
  return findTables(lines).flatMap((table) =>
    readTable(table, lines, CONTEXT).map((f) => ({
      line: f.line,
      label: f.metric,
      unit: f.unit,
      value: f.value,
      year: Number(f.deadline),
      kind: f.kind,
      quoteStart: f.col,
      quoteEnd: f.col + f.quote.length,
    })),
  );
}

describe('indicator tables', () => {
  it('reads a base-year column as results and a later year as goals', () => {
    const lines = ['指标名称  2023年基数  2026年目标', '', '工业互联网平台数（个）  30  50'];
    expect(findTableFigures(lines).map((t) => [t.line, t.label, t.unit, t.value, t.year, t.kind])).toEqual([
      [2, '工业互联网平台数', '个', 30, 2023, 'actual'],
      [2, '工业互联网平台数', '个', 50, 2026, 'target'],
    ]);
  });

  it('reads markdown tables, skips dashes for missing values and non-year columns', () => {
    const lines = [
      '| 指标 | 2020年 | 2025年 | 属性 |',
      '|---|---|---|---|',
      '| 5G基站数（万个） | 1.5 | — | 预期性 |',
      '| 千兆宽带用户数（万户） | 20 | 300 | 预期性 |',
    ];
    expect(findTableFigures(lines).map((t) => [t.line, t.value, t.unit, t.kind])).toEqual([
      [2, 1.5, '万个', 'actual'],
      [3, 20, '万户', 'actual'],
      [3, 300, '万户', 'target'],
    ]);
  });

  it('locates each value in its raw line so that it can be quoted', () => {
    const line = '数字经济核心产业增加值（亿元）  12000  15000';
    const [first, second] = findTableFigures(['指标  2023年  2026年', line]);
    expect(line.slice(first?.quoteStart, first?.quoteEnd)).toBe('12000');
    expect(line.slice(second?.quoteStart, second?.quoteEnd)).toBe('15000');
  });

  it('reads a table whose PDF conversion kept a single space between cells', () => {
    const lines = [
      '序号 指标名称 单位 2024年基数 2025年目标',
      '1 政务服务平台注册用户 万人 620 700',
      '',
      '说明：数据来源 市大数据局',
    ];
    expect(findTableFigures(lines).map((t) => [t.line, t.label, t.unit, t.value, t.year, t.kind])).toEqual([
      [1, '政务服务平台注册用户', '万人', 620, 2024, 'actual'],
      [1, '政务服务平台注册用户', '万人', 700, 2025, 'target'],
    ]);
  });

  it('does not take a sentence that names two years for a single-spaced table', () => {
    expect(findTableFigures(['从 2020年 到 2025年 全省 推进 改革', '1 2 3 4 5 6'])).toEqual([]);
  });

  it('reads the label and unit columns of a numbered table', () => {
    const lines = ['序号  指标  单位  2020年  2025年  属性', '1  5G用户普及率  %  15  56  预期性'];
    expect(findTableFigures(lines).map((t) => [t.label, t.unit, t.value, t.kind])).toEqual([
      ['5G用户普及率', '%', 15, 'actual'],
      ['5G用户普及率', '%', 56, 'target'],
    ]);
  });

  it('finds nothing in running text', () => {
    expect(findTableFigures(['到2025年，全省5G基站达到8万个。', '2024年  工作要点'])).toEqual([]);
  });
});

describe('tables of a report of results', () => {
  it('reads a bulletin’s 指标值 and 同比增长 columns, one cell per line, as results of the year it covers', () => {
    const lines = [
      '指 标',
      '指标值',
      '同比增长（±%）',
      '地区生产总值（亿元）',
      '4000.5',
      '10.0',
      '第一产业（亿元）',
      '153.6',
      '11.0',
    ];
    const [table] = findTables(lines);
    expect(table?.layout).toBe('cell-line');
    const figures = table ? readTable(table, lines, { ...CONTEXT, reportYear: 2012 }) : [];
    expect(figures.map((f) => [f.metric, f.value, f.unit, f.kind, f.deadline, f.perYear])).toEqual([
      ['地区生产总值', 4000.5, '亿元', 'actual', '2012', false],
      ['地区生产总值', 10, '%', 'actual', '2012', false],
      ['第一产业', 153.6, '亿元', 'actual', '2012', false],
      ['第一产业', 11, '%', 'actual', '2012', false],
    ]);
  });
});

describe('a statistical bulletin’s tables', () => {
  const report = { ...CONTEXT, reportYear: 2012 };
  const read = (lines: string[]) =>
    findTables(lines).flatMap((t) => readTable(t, lines, report).map((f) => [f.metric, f.value, f.unit, f.kind]));

  it('takes the unit stated above the table (单位：亿元) for values without one of their own', () => {
    expect(read(['单位：亿元', '指 标', '12月末', '比年初增加额', '金融机构存款余额', '1970.6', '266.0'])).toEqual([
      ['金融机构存款余额', 1970.6, '亿元', 'actual'],
      ['金融机构存款余额', 266, '亿元', 'actual'],
    ]);
  });

  it('reads a product table under 产品名称 / 单位 / 产量 / 同比增长', () => {
    expect(read(['产品名称', '单 位', '产 量', '同比增长（±%）', '天然气', '亿立方米', '33.7', '8.5'])).toEqual([
      ['天然气', 33.7, '亿立方米', 'actual'],
      ['天然气', 8.5, '%', 'actual'],
    ]);
  });
});
