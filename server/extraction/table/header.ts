/**
 * What each header cell of an indicator table says its column holds. Chinese header words live in
 * the patterns here; the reader decides with the resulting `Column` only.
 */
import { foldWidth } from './text';
import { isUnitLike } from './units';

/**
 * - `level`: the indicator's value at a year (2020年, 2025年目标, 现状值, 目标值, 完成情况);
 * - `growth`: a yearly rate (年均增长(%), 年均增速) — a per-year target in %;
 * - `cumulative`: a five-year total (累计, “十四五”累计);
 * - `growthOrCumulative`: 年均/累计 — bracketed values are totals, the others yearly rates;
 * - `rate`: 完成率, an achieved share in %.
 */
/** `change`: a year-on-year change reported beside a level (同比增长（±%）): a result, never per year. */
export type Measure = 'level' | 'growth' | 'cumulative' | 'growthOrCumulative' | 'rate' | 'change';

/** `open`: a bare year, decided against the table's other years and the document's year. */
export type Stance = 'target' | 'actual' | 'open';

export type ColumnKind = 'index' | 'category' | 'metric' | 'unit' | 'binding' | 'score' | 'text' | 'value';

export interface Column {
  kind: ColumnKind;
  /** The header text as printed (cells of a two-line header joined). */
  header: string;
  measure: Measure | null;
  stance: Stance | null;
  /** A year written in the header (2025年目标 → 2025). */
  year: number | null;
  /** End year of a five-year plan named in the header (“十四五”目标 → 2025). */
  periodEnd: number | null;
  /** A unit in brackets in the header (年均增长（%）, 人均GDP（万元）). */
  unit: string | null;
  /** Text columns that mark a project list or a schedule, not an indicator table. */
  cue: 'project' | 'schedule' | null;
  /** The header said 指标 (or 名称) in so many words. */
  explicit: boolean;
  /** A result column (完成情况, 实际完成, 完成率) rather than a base-year one. */
  done: boolean;
}

function column(kind: ColumnKind, header: string, extra: Partial<Column> = {}): Column {
  return {
    kind,
    header,
    measure: null,
    stance: null,
    year: null,
    periodEnd: null,
    unit: null,
    cue: null,
    explicit: false,
    done: false,
    ...extra,
  };
}

const PERIODS: ReadonlyArray<readonly [RegExp, number]> = [
  [/十二五/, 2015],
  [/十三五/, 2020],
  [/十四五/, 2025],
  [/十五五/, 2030],
];

// 预期性 / 约束性 are a 属性 column's values, not a header (预期 would read as a target column).
const BINDING_VALUE = /^(?:预期性|约束性|预期型|约束型)/;
const INDEX = /^(?:序号|编号|序|No\.?|#)$/i;
const UNIT = /^(?:计量)?单位$|^指标单位$|^单位[（(][^（）()]*[)）]$/;
const BINDING = /^(?:指标)?(?:属性|性质)$/;
// Scoring columns of 考评 tables: their numbers are points, never targets.
const SCORE = /^(?:分值|权重|分数|得分|满分|赋分|计分|标准分|基础分|评分|分)$|分值|权重|分数/;
// Texts explaining a score or an indicator: prose cells, read by no one here.
const PROSE = /标准|细则|办法|方法|方式|说明|备注|来源|口径|解释|定义|依据|要求|措施|路径|举措|描述/;
const PROJECT =
  /项目名称|建设内容|建设规模|建设地点|建设性质|建设年限|建设期限|建设单位|总投资|计划投资|投资额|业主|实施主体|承建/;
const SCHEDULE = /时限|时间|进度|节点|年限|期限|日期|安排|^(?:重点|主要|工作|具体)?任务$|^工作内容$/;
const RESPONSIBLE = /牵头|责任|负责|配合|主管|部门|主体|^单位$/;
const CATEGORY =
  /^(?:类别|类型|分类|领域|方面|维度|板块|层级|专项|一级指标|指标类别|指标类型|指标分类|目标类别|重点领域|发展领域|指标层)$/;
const METRIC = /指标|^(?:名称|项目|评价内容|监测内容|内容)$|^[\u4e00-\u9fa5]{1,4}名称$/;

const RATE = /完成率|达成率|完成比例|实现率/;
const GROWTH_OR_CUMULATIVE = /年均.*累计|累计.*年均/;
const GROWTH = /年均|年增|增速|增长率|每年|年度增长/;
const CUMULATIVE = /累计|合计|总计|五年总/;
const DONE = /完成|实际|实现值|实绩|达成值|执行/;
const BASE = /基期|基数|基准|基线|现状|现值|当前|基础值|起点/;
const TARGET = /目标|预期值|预期|规划|计划|预计|力争|期末|远景/;
const VALUE_WORD =
  /^(?:指标值|数值|值|数据|规模|水平|绝对数|绝对值|产量|数量|总量|金额|总额|人数|年末数|期末数|年末|期末|本年|本期|\d{1,2}月末|比重|占比)$/;
// 同比增长（±%）, 比上年增长: how much a reported level moved in a year.
const CHANGE = /同比|比上年|较上年|比年初|增减|增加额|^增长$|^增幅$/;

/** Text of a header cell as compared: width folded, spaces, quotes and title marks removed. */
export function headerText(raw: string): string {
  return foldWidth(raw).replace(/[\s“”"‘’'《》〈〉]/g, '');
}

/** A trailing bracket holding a unit: 年均增长（%） → %, 人均GDP（万元） → 万元. */
function bracketUnit(text: string): { rest: string; unit: string | null } {
  const m = /[（(]([^（）()]{1,12})[)）]$/.exec(text);
  if (m?.[1] && isUnitLike(m[1])) return { rest: text.slice(0, m.index), unit: m[1] };
  return { rest: text, unit: null };
}

/**
 * The column a header cell names, or null when the cell is not a header word at all (then it is
 * not a header, or — for the first column — the indicator column without a name).
 */
export function classifyHeader(raw: string): Column | null {
  const text = headerText(raw);
  if (text === '' || text.length > 24 || BINDING_VALUE.test(text)) return null;
  if (INDEX.test(text)) return column('index', raw);
  if (UNIT.test(text)) return column('unit', raw);
  if (BINDING.test(text)) return column('binding', raw);
  if (/标准|细则|说明|办法|方法/.test(text)) return column('text', raw);
  if (SCORE.test(text)) return column('score', raw);
  if (PROJECT.test(text)) return column('text', raw, { cue: 'project' });
  if (SCHEDULE.test(text) && !/\d{4}/.test(text)) return column('text', raw, { cue: 'schedule' });
  if (RESPONSIBLE.test(text) || PROSE.test(text)) return column('text', raw);
  if (CATEGORY.test(text)) return column('category', raw);
  if (METRIC.test(text) && !/指标值/.test(text)) return column('metric', raw, { explicit: true });

  const { rest, unit } = bracketUnit(text);
  // Plans name years from 1980 on; 1904 alone is a number, not a column.
  const yearMatch = /((?:19[89]|20\d)\d)(?!\d)/.exec(rest);
  const year = yearMatch?.[1] ? Number(yearMatch[1]) : null;
  const period = PERIODS.find(([re]) => re.test(rest));
  const periodEnd = period ? period[1] : null;
  // A year may be followed by 年, 年底, 年末 and one of the value words, and nothing else.
  const words = rest
    .replace(/((?:19|20)\d{2})\s*(?:年(?:底|末|度)?)?/g, '')
    .replace(/十[二三四五]五(?:时期|期间|末|期末)?/g, '')
    .replace(/[（()）/、\-—～~]/g, '');
  const extra = { year, periodEnd, unit };
  if (RATE.test(words)) return column('value', raw, { ...extra, measure: 'rate', stance: 'actual', done: true });
  // 比年初增加额: an amount in the level's unit, reported like the level.
  if (/增加额|增减额|减少额/.test(words)) return column('value', raw, { ...extra, measure: 'level', stance: 'actual' });
  if (CHANGE.test(words) && !/年均/.test(words))
    return column('value', raw, { ...extra, measure: 'change', stance: 'actual' });
  if (GROWTH_OR_CUMULATIVE.test(words))
    return column('value', raw, { ...extra, measure: 'growthOrCumulative', stance: 'target' });
  if (GROWTH.test(words)) return column('value', raw, { ...extra, measure: 'growth', stance: 'target' });
  if (CUMULATIVE.test(words)) return column('value', raw, { ...extra, measure: 'cumulative', stance: 'target' });
  if (DONE.test(words)) return column('value', raw, { ...extra, measure: 'level', stance: 'actual', done: true });
  if (BASE.test(words)) return column('value', raw, { ...extra, measure: 'level', stance: 'actual' });
  if (TARGET.test(words)) return column('value', raw, { ...extra, measure: 'level', stance: 'target' });
  if (words === '' && year !== null) return column('value', raw, { ...extra, measure: 'level', stance: 'open' });
  if (words === '' && periodEnd !== null) return column('value', raw, { ...extra, measure: 'level', stance: 'target' });
  if (VALUE_WORD.test(words)) return column('value', raw, { ...extra, measure: 'level', stance: 'open' });
  return null;
}

/**
 * Words that finish the header cell above them in a header printed over two lines
 * ("2025年" / "目标值", "指标" / "名称", "年均增长" / "（%）").
 */
const QUALIFIER =
  /^(?:目标值?|基期值?|基数|现状值?|预期值?|规划值?|完成值?|完成情况|实际值?|值|名称|情况|[（(][^（）()]{1,12}[)）])$/;

/** Whether a cell is a qualifier that only finishes a header cell above it (目标值, （%）). */
export function isQualifier(raw: string): boolean {
  return QUALIFIER.test(headerText(raw));
}

/** Whether `next` finishes the header cell `previous` rather than naming a column of its own. */
export function continuesHeader(previous: Column, next: string): boolean {
  const text = headerText(next);
  if (!QUALIFIER.test(text)) return false;
  if (/^[（(]/.test(text)) return true;
  const prev = headerText(previous.header);
  if (text === '名称') return previous.kind === 'metric' && !/名称/.test(prev);
  // Only a bare year or plan period takes 目标值 / 基期值 below it: 现状值 then 目标值 are two columns.
  return /^(?:(?:19|20)\d{2}年?(?:底|末)?|十[二三四五]五(?:时期|期末)?)$/.test(prev);
}

/** Whether a header line of one cell per line could start here (cheap test on one line). */
export function looksLikeHeaderCell(raw: string, classify: Classify = classifyHeader): boolean {
  return raw.length <= 30 && classify(raw.trim()) !== null;
}

export type Classify = (raw: string) => Column | null;

/**
 * `classifyHeader` remembering its answers for one document: a scan may look at the same header
 * words from several starting lines, and a document of nothing but header words must stay fast.
 */
export function memoClassify(): Classify {
  const memo = new Map<string, Column | null>();
  return (raw) => {
    let hit = memo.get(raw);
    if (hit === undefined) {
      hit = classifyHeader(raw);
      if (memo.size < 50_000) memo.set(raw, hit);
    }
    // A copy: readHeader turns upper metric levels into categories on its own columns.
    return hit === null ? null : { ...hit };
  };
}

export interface HeaderVerdict {
  columns: Column[];
  /** Why the header is not an indicator table's, when it is not. */
  rejected: string | null;
}

/**
 * Reads a header row as an indicator table's: a metric column (named, or the unnamed first text
 * column) and at least one value column. Project lists and schedules without a 指标 column and
 * scoring tables without value columns are rejected.
 */
export function readHeader(
  cells: readonly string[],
  allowUnnamedMetric: boolean,
  classify: Classify = classifyHeader,
): HeaderVerdict {
  if (cells.length < 2 || cells.length > 16) return { columns: [], rejected: 'not 2–16 cells' };
  const columns: Column[] = [];
  let unknown = 0;
  for (const [i, cell] of cells.entries()) {
    const c = classify(cell);
    if (c) {
      columns.push(c);
      continue;
    }
    // The indicator column is sometimes headed by nothing useful (项目 / 内容 / an empty corner).
    const text = headerText(cell);
    const firstTextColumn = columns.every((p) => p.kind === 'index' || p.kind === 'category');
    if (allowUnnamedMetric && firstTextColumn && i < 3 && text.length <= 10 && !/\d/.test(text)) {
      columns.push(column('metric', cell));
      unknown++;
      continue;
    }
    return { columns: [], rejected: `header cell "${cell}" is not a header word` };
  }
  // 一级指标 / 二级指标 / 三级指标: the last level names the indicator, the others group it.
  const metrics = columns.filter((c) => c.kind === 'metric');
  for (const c of metrics.slice(0, -1)) c.kind = 'category';
  const metric = metrics[metrics.length - 1];
  const values = columns.filter((c) => c.kind === 'value');
  if (!metric) return { columns, rejected: 'no indicator column' };
  if (values.length === 0) return { columns, rejected: 'no value column (a schedule, list or scoring table)' };
  if (!metric.explicit) {
    if (columns.some((c) => c.cue !== null)) return { columns, rejected: 'a project list or schedule' };
    if (unknown > 0 && values.filter((v) => v.year !== null || v.periodEnd !== null).length < 2)
      return { columns, rejected: 'an unnamed first column needs two dated value columns' };
  }
  if (columns.some((c) => c.cue === 'project')) return { columns, rejected: 'a project list' };
  return { columns, rejected: null };
}
