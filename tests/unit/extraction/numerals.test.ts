import { describe, expect, it } from 'vitest';
import {
  parseChineseNumeral,
  parseNumberToken,
  splitChineseMultiplier,
  unitMultiplier,
} from '../../../server/extraction/numerals';

describe('Chinese numerals', () => {
  it('reads 两 as two', () => {
    expect(parseChineseNumeral('两')).toBe(2);
  });

  it('reads tens, hundreds and thousands', () => {
    expect(parseChineseNumeral('三十')).toBe(30);
    expect(parseChineseNumeral('十五')).toBe(15);
    expect(parseChineseNumeral('一百二十')).toBe(120);
    expect(parseChineseNumeral('两千')).toBe(2000);
  });

  it('reads a 万 inside a numeral', () => {
    expect(parseChineseNumeral('三万五千')).toBe(35000);
  });

  it('refuses a year written digit by digit and words that are not numerals', () => {
    expect(parseChineseNumeral('二〇二五')).toBeNull();
    expect(parseChineseNumeral('十四五')).toBeNull();
    expect(parseChineseNumeral('数')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
  });

  it('splits a trailing multiplier off so that the value stays as written', () => {
    expect(splitChineseMultiplier('百亿')).toEqual({ value: 100, multiplier: '亿' });
    expect(splitChineseMultiplier('三万亿')).toEqual({ value: 3, multiplier: '万亿' });
    expect(splitChineseMultiplier('万')).toEqual({ value: 1, multiplier: '万' });
    expect(splitChineseMultiplier('五')).toEqual({ value: 5, multiplier: '' });
  });
});

describe('number tokens and unit multipliers', () => {
  it('reads Arabic integers, decimals and thousands separators', () => {
    expect(parseNumberToken('3600')).toBe(3600);
    expect(parseNumberToken('374.8')).toBe(374.8);
    expect(parseNumberToken('1,200')).toBe(1200);
  });

  it('scales 万, 亿 and 万亿 units and leaves plain units alone', () => {
    expect(unitMultiplier('万亿元')).toBe(1e12);
    expect(unitMultiplier('亿元')).toBe(1e8);
    expect(unitMultiplier('万户')).toBe(1e4);
    expect(unitMultiplier('个')).toBe(1);
    expect(1.2 * unitMultiplier('万亿元')).toBe(1.2e12);
  });
});
