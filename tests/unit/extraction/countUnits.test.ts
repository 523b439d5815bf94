import { describe, expect, it } from 'vitest';
import { findFigures } from '../../../server/extraction/figures';

const units = (text: string) => findFigures(text).map((f) => `${f.value}${f.unit}`);

/** Count units of farming, transport, culture and evaluation texts, and the words that only look like them. */
describe('count units', () => {
  it('reads livestock, grain and doses (万头, 亿斤, 公斤, 剂, 枚, 羊单位)', () => {
    expect(units('肉牛存栏稳定在195万头，粮食产量1300亿斤以上，产量保持在20亿公斤以上')).toEqual([
      '195万头',
      '1300亿斤',
      '20亿公斤',
    ]);
    expect(units('推广冻精20万剂，胚胎移植1000枚，加工量稳定在450万羊单位以上')).toEqual([
      '20万剂',
      '1000枚',
      '450万羊单位',
    ]);
  });

  it('reads trains, works and cases (班次, 部, 篇, 例)', () => {
    expect(units('开行4000班次，创作艺术作品150部以上，用稿2篇，查处案件10例以上')).toEqual([
      '4000班次',
      '150部',
      '2篇',
      '10例',
    ]);
  });

  it('does not take 头部企业 or 部门 for heads or works', () => {
    expect(units('培育10头部企业')).not.toContain('10头');
    expect(units('联合3部门印发')).not.toContain('3部');
  });
});
