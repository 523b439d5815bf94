/**
 * Every rejection rule of the engine, by name, on the constructions it stands for: each `rejects` text's
 * number is no figure and that rule is the one that says so; each `keeps` text's number is a figure.
 */
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../../server/extraction/figures';
import { REJECT_AT_FIGURE, REJECT_AT_UNIT, type RejectionRule } from '../../../server/extraction/rejections';

function figureAt(text: string, number: string) {
  const at = text.indexOf(number);
  expect(at, `"${number}" is in "${text}"`).toBeGreaterThanOrEqual(0);
  return findFigures(text).find((f) => f.numberStart === at);
}

function describeRules(stage: string, rules: readonly RejectionRule[]) {
  describe(`numbers rejected ${stage}`, () => {
    it('names every rule once', () => {
      const names = rules.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
    });
    for (const rule of rules) {
      describe(`${rule.name}: ${rule.why}`, () => {
        for (const example of rule.rejects) {
          it(`rejects ${example.number} in ${example.text}`, () => {
            expect(figureAt(example.text, example.number)).toBeUndefined();
          });
        }
        for (const example of rule.keeps ?? []) {
          it(`keeps ${example.number} in ${example.text}`, () => {
            expect(figureAt(example.text, example.number)).toBeDefined();
          });
        }
      });
    }
  });
}

describeRules('where the unit ends', REJECT_AT_UNIT);
describeRules('where the figure ends', REJECT_AT_FIGURE);

describe('a rule that fires is the reason', () => {
  it('leaves a number no rule rejects as a figure', () => {
    expect(figureAt('到2025年，建成5G基站3000个', '3000')).toBeDefined();
  });
});
