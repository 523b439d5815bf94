import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../server/extraction';
import { KIND_RULES } from '../../../server/extraction/kind';

/**
 * Each kind rule's own examples, run through the whole engine: the figure becomes the kind the rule says (or no
 * record), and the record's reason names that rule's words, so a reviewer is told what the engine read.
 */
describe('kind rules', () => {
  it('end with a rule that always decides, and have unique names', () => {
    const names = KIND_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(KIND_RULES.at(-1)?.name).toBe('goal-by-default');
  });

  for (const rule of KIND_RULES) {
    for (const ex of rule.examples) {
      it(`${rule.name}: ${ex.figure} in “${ex.text.split('\n').join(' / ')}” → ${ex.kind ?? 'no record'}`, () => {
        const { records } = extractDocument(ex.text, 'example.txt');
        const found = records.filter((r) => r.quote.includes(ex.figure));
        if (ex.kind === null) {
          expect(found).toEqual([]);
          return;
        }
        expect(found).toHaveLength(1);
        expect(found[0]?.kind).toBe(ex.kind);
        expect(found[0]?.reasons.kind.startsWith(rule.why)).toBe(true);
      });
    }
  }
});

describe('reasons travel with every record', () => {
  const text = [
    '泰安市人民政府关于印发数字泰安建设行动方案的通知',
    '到2025年，全市5G基站达到1.2万个，千兆宽带用户达到50万户。',
    '到2027年：',
    '——数据中心机架达到8000个；',
    '——截至2023年底，已建成数据中心机架3000个。',
  ].join('\n');
  const { records, context } = extractDocument(text, 'taian.txt');
  const by = (figure: string) => records.find((r) => r.quote.includes(figure));

  it('says the region came from the issuer, with the line that names it', () => {
    expect(context.issuer?.name).toBe('泰安市');
    expect(by('1.2万个')?.reasons.region).toMatch(/issuer.*line 1/);
  });

  it("says a deadline is the figure's own, or carried from the line that opened its list", () => {
    expect(by('1.2万个')?.reasons.deadline).toBe('its own “到2025年” on line 2');
    expect(by('8000个')?.deadline).toBe('2027');
    expect(by('8000个')?.reasons.deadline).toBe('carried from “到2027年” on line 3');
  });

  it('says which words made a result', () => {
    const done = by('3000个');
    expect(done?.kind).toBe('actual');
    expect(done?.reasons.deadline).toMatch(/^as of “截至2023年底” on line 5/);
  });

  it('gives the document context the engine decided', () => {
    expect(context.genre).toBe('action-plan');
    expect(context.why.some((w) => w.field === 'issuer' && w.line === 1)).toBe(true);
  });
});

describe('an evaluation’s scored items', () => {
  it('stay items of the rules, setting that year’s quotas, however they open (1.成立…，得1分。)', () => {
    const text = [
      '石城县2018年度河长制工作考核细则',
      '1.成立乡镇护渔队，得1分。',
      '2.每个乡镇省级用稿1篇，市级用稿2篇，得5分',
      '3.年内全县查处非法捕捞案件10例以上，得3分',
    ].join('\n');
    const { records } = extractDocument(text, 'rules.txt');
    const quotas = records.filter((r) => r.unit === '篇' || r.unit === '例');
    expect(quotas.map((r) => [r.value, r.unit, r.kind, r.deadline])).toEqual([
      [1, '篇', 'target', '2018'],
      [2, '篇', 'target', '2018'],
      [10, '例', 'target', '2018'],
    ]);
    expect(records.some((r) => r.unit === '分')).toBe(false);
  });
});
