import { describe, expect, it } from 'vitest';
import { findFigures } from '../../../server/extraction/figures';

const figuresOf = (text: string) => findFigures(text).map((f) => [f.value, f.valueMax, f.unit, f.comparator]);

describe('finding figures in a paragraph', () => {
  it('keeps 万 and 亿 in the unit as written', () => {
    expect(figuresOf('辐射产业规模超过1万亿元，机架数达10万个')).toEqual([
      [1, null, '万亿元', '>'],
      [10, null, '万个', '='],
    ]);
  });

  it('reads ranges written with a dash, 至 or a repeated unit', () => {
    expect(figuresOf('培育2-3家企业，建设5至10个平台，增长10%-15%')).toEqual([
      [2, 3, '家', 'range'],
      [5, 10, '个', 'range'],
      [10, 15, '%', 'range'],
    ]);
  });

  it('reads comparators before and after the number', () => {
    expect(figuresOf('普及率达到70%，用户超6500万户，时长不超过20分钟，平台50个以上，园区5家左右')).toEqual([
      [70, null, '%', '='],
      [6500, null, '万户', '>'],
      [20, null, '分钟', '<='],
      [50, null, '个', '>='],
      [5, null, '家', '~'],
    ]);
  });

  it('reads Chinese numerals where the phrasing is quantitative', () => {
    expect(figuresOf('5G用户占比超五成，带宽实现十倍以上增长，学者超万人，构建百亿基金')).toEqual([
      [5, null, '成', '>'],
      [10, null, '倍', '>='],
      [1, null, '万人', '>'],
      [100, null, '亿', '='],
    ]);
  });

  it('ignores years, dates, ordinals, technology names and codes', () => {
    expect(figuresOf('2024年9月1日起施行，第3条，推广5G和Wi-Fi 7，打造“415X”集群，工信部〔2023〕62号')).toEqual([]);
  });

  it('ignores qualifiers inside another figure and counts describing the document', () => {
    expect(figuresOf('50亿元至100亿元企业5家以上，千亿级产业集群，共5方面16项重点任务')).toEqual([
      [5, null, '家', '>='],
    ]);
  });

  it('gives every item of a list the unit written once at its end', () => {
    expect(figuresOf('5G基站分别达到168万、83.9万、23.4万个').map((f) => f[2])).toEqual(['万个', '万个', '万个']);
  });
});
