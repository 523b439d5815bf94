/**
 * PDFs made with common CJK fonts map some glyphs to the Kangxi radicals (U+2F00–U+2FD5) or the CJK
 * radicals supplement (U+2E80–U+2EF3) in their ToUnicode table: the page shows 心 but the text layer says
 * ⼼ (U+2F3C), so 核心产业 would not match a metric. Kangxi radicals have NFKC mappings to the unified
 * ideographs; the supplement mostly does not, so the radicals that stand for a whole simplified character
 * are listed here. Nothing else is normalised: full-width digits (１５００) stay as written.
 */
const SUPPLEMENT: Record<string, string> = {
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EA9': '王',
  '\u2EC1': '虎',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECA': '足',
  '\u2ECB': '车',
  '\u2ED1': '長',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2ED7': '雨',
  '\u2ED8': '青',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE2': '马',
  '\u2EE3': '骨',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE7': '卤',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEA': '黾',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EF3': '龟',
};

const RADICAL = /[\u2E80-\u2EF3\u2F00-\u2FD5]/g;

/** Replaces radicals a font's ToUnicode table produced by the ideographs they stand for. */
export function unifyRadicals(text: string): string {
  return text.replace(RADICAL, (c) => SUPPLEMENT[c] ?? (c >= '\u2F00' ? c.normalize('NFKC') : c));
}
