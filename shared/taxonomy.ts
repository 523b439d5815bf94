/**
 * Theme taxonomy of TARGETS-SPEC.md. Keys are stable identifiers stored in the database;
 * labels are for display in both languages.
 */
export const THEMES = [
  { key: 'network', zh: '网络基础设施', en: 'Network infrastructure' },
  { key: 'compute', zh: '算力与数据中心', en: 'Computing power & data centres' },
  { key: 'ai', zh: '人工智能', en: 'Artificial intelligence' },
  { key: 'data', zh: '数据要素', en: 'Data as a factor of production' },
  { key: 'industry_digital', zh: '产业数字化', en: 'Digitalisation of industry' },
  { key: 'digital_industry', zh: '数字产业', en: 'Digital industries' },
  { key: 'gov', zh: '数字政府与政务服务', en: 'Digital government & public services' },
  { key: 'rural', zh: '数字乡村与智慧农业', en: 'Digital countryside & smart agriculture' },
  { key: 'innovation', zh: '科技创新与成果转化', en: 'Innovation & technology transfer' },
  { key: 'emerging', zh: '未来产业与低空经济', en: 'Future industries & low-altitude economy' },
  { key: 'society', zh: '数字社会与民生', en: 'Digital society & livelihoods' },
  { key: 'security', zh: '网络与数据安全', en: 'Cyber & data security' },
  { key: 'other', zh: '其他', en: 'Other' },
] as const;

export type ThemeKey = (typeof THEMES)[number]['key'];
export const THEME_KEYS = THEMES.map((t) => t.key) as [ThemeKey, ...ThemeKey[]];

export const KINDS = ['target', 'actual', 'funding'] as const;
export type Kind = (typeof KINDS)[number];

/** Comparators of TARGETS-SPEC.md: 达到→=, 以上/不低于→>=, 超过/突破→>, 不超过/以内→<=, 低于→<, 左右/约→~, a–b→range. */
export const COMPARATORS = ['>=', '>', '=', '<=', '<', '~', 'range'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const REVIEW_STATUSES = ['extracted', 'confirmed', 'rejected', 'corrected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const BINDINGS = ['预期性', '约束性', 'unknown'] as const;
export type Binding = (typeof BINDINGS)[number];

/** The engine's binding values (TARGETS-SPEC.md); null is "the text does not say". */
export const EXTRACTED_BINDINGS = ['expected', 'binding'] as const;
export type ExtractedBinding = (typeof EXTRACTED_BINDINGS)[number];

/** How an extracted binding is stored: the database keeps the Chinese words the UI shows. */
export function storedBinding(b: ExtractedBinding | null): Binding {
  return b === 'expected' ? '预期性' : b === 'binding' ? '约束性' : 'unknown';
}

/**
 * A target's status (docs/status.md). `missed` and `unreported` split what was once one `overdue`: the deadline
 * has passed and the last actual falls short (missed), or nothing usable was ever reported (unreported).
 */
export const STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'unreported', 'no_data'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses whose deadline has passed without the target being met. */
export const PAST_DEADLINE_STATUSES = ['missed', 'unreported'] as const satisfies readonly Status[];

/** GB/T 2260 has no code for the whole country; the spec uses 000000 for 全国. */
export const NATIONAL_REGION = { code: '000000', name: '全国', nameEn: 'National' } as const;
