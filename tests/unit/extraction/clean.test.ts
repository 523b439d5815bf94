import { describe, expect, it } from 'vitest';
import { cleanText, repeatedPrefixLength } from '../../../server/extraction/clean';

function lineOfText(clean: ReturnType<typeof cleanText>, needle: string): number {
  const at = clean.text.indexOf(needle);
  return clean.lineOf[at] ?? -2;
}

describe('cleaning PDF-converted text', () => {
  it('joins a sentence broken over lines separated by blank lines', () => {
    const clean = cleanText('到2025年，全省智能算力达到\n\n3600PFlops，产业规模突破\n\n1000亿元。\n');
    expect(clean.paragraphs).toHaveLength(1);
    expect(clean.text).toBe('到2025年，全省智能算力达到3600PFlops，产业规模突破1000亿元。');
  });

  it('maps every character back to its raw line and column', () => {
    const raw = '标题\n\n农村互联网普及率达到\n\n70%，行政村全覆盖。';
    const clean = cleanText(raw);
    const at = clean.text.indexOf('70%');
    expect(clean.lineOf[at]).toBe(4);
    expect(clean.rawLines[4]?.slice(clean.colOf[at], (clean.colOf[at] ?? 0) + 3)).toBe('70%');
  });

  it('drops the first copy of a line that repeats a prefix of itself', () => {
    const line = '…自2025年1月1日起施…自2025年1月1日起施行，';
    expect(repeatedPrefixLength(line)).toBe('…自2025年1月1日起施'.length);
    const clean = cleanText(line);
    expect(clean.text).toBe('…自2025年1月1日起施行，');
    expect(clean.colOf[0]).toBe('…自2025年1月1日起施'.length);
  });

  it('turns full-width digits and percent signs into ASCII one for one', () => {
    const clean = cleanText('覆盖率达到９８．６％。');
    expect(clean.text).toBe('覆盖率达到98.6%。');
    expect(clean.colOf[5]).toBe(5);
  });

  it('removes spaces inside numbers and units but keeps those between two ASCII words', () => {
    expect(cleanText('到 2025 年，建成 374.8 万个基站。').text).toBe('到2025年，建成374.8万个基站。');
    expect(cleanText('支持 Wi-Fi 7 商用。').text).toBe('支持Wi-Fi 7商用。');
  });

  it('strips a byte order mark and carriage returns', () => {
    const clean = cleanText('\uFEFF第一行。\r\n达到50%。\r\n');
    expect(clean.text.startsWith('第一行')).toBe(true);
    expect(lineOfText(clean, '50%')).toBe(1);
    expect(clean.text).not.toContain('\r');
  });

  it('starts a new paragraph at a heading and at numbered items', () => {
    const clean = cleanText('# 一、发展目标\n\n到2025年，建成5个平台。\n\n1.加快建设。\n\n2.强化保障。');
    expect(clean.paragraphs.map((p) => clean.text.slice(p.start, p.end))).toEqual([
      '#一、发展目标',
      '到2025年，建成5个平台。',
      '1.加快建设。',
      '2.强化保障。',
    ]);
    expect(clean.paragraphs[0]?.heading).toBe(true);
  });
});
