import { describe, expect, it } from 'vitest';
import { findTableFigures } from '../../../server/extraction/tables';

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
    expect(line.slice(first?.labelStart, first?.valueEnd)).toBe('数字经济核心产业增加值（亿元）  12000');
    expect(line.slice(second?.labelStart, second?.valueEnd).endsWith('15000')).toBe(true);
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
