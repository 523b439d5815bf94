/**
 * The indicator-table reader: finds 主要指标 tables in a document's raw lines (one row per line or
 * one cell per line) or adopts the real tables an adapter hands over, and reads every figure under
 * its column header — the header decides kind and deadline (2020年 → actual 2020, 2025年目标 →
 * target 2025, 年均增长 → per-year %, 累计 or [ ] → cumulative, 完成率 → actual %), the 单位 column
 * the unit, the 属性 column the binding, and a 类别 column or a group row the category.
 *
 * Pure functions, no module state; every scan is linear in the text (lines over 400 characters
 * are never split, rows over three cells per column are never aligned).
 */
import { parseValueCell, readMetric } from './table/cells';
import { type Column, memoClassify, readHeader } from './table/header';
import { adoptStructured, cellLineTableAt, GROUP_NUMBERING, NOTE, rowLineTableAt } from './table/layouts';
import { foldWidth, HAN } from './table/text';
import type { StructuredTable, Table, TableCell, TableContext, TableFigure } from './table/types';
import { isUnitLike } from './table/units';

export type { StructuredTable, Table, TableCell, TableContext, TableFigure } from './table/types';

/** Finds indicator tables in raw lines (row-per-line and cell-per-line) and adopts structured ones. */
export function findTables(rawLines: readonly string[], structured?: readonly StructuredTable[]): Table[] {
  const tables: Table[] = [];
  const classify = memoClassify();
  for (let i = 0; i < rawLines.length; ) {
    const found = rowLineTableAt(rawLines, i, classify) ?? cellLineTableAt(rawLines, i, classify);
    if (found) {
      tables.push(found.table);
      i = Math.max(found.next, i + 1);
    } else i++;
  }
  const adopted: Table[] = [];
  for (const source of structured ?? []) {
    const table = adoptStructured(source, rawLines);
    if (table) adopted.push(table);
  }
  // The adapter's table is the better reading of lines its flattened text also printed.
  const covered = (t: Table) => adopted.some((a) => a.firstLine <= t.lastLine && t.firstLine <= a.lastLine);
  return [...tables.filter((t) => !covered(t)), ...adopted].sort((a, b) => a.firstLine - b.firstLine);
}

/** How one value column's cells become figures. */
interface ColumnPlan {
  index: number;
  column: Column;
  kind: 'target' | 'actual';
  deadline: string | null;
  why: string;
}

const PERIOD_END: ReadonlyArray<readonly [RegExp, number]> = [
  [/十三五/, 2020],
  [/十四五/, 2025],
  [/十五五/, 2030],
];

function captionYear(caption: string | null): number | null {
  if (!caption) return null;
  const years = [...foldWidth(caption).matchAll(/((?:19|20)\d{2})\s*年/g)].map((m) => Number(m[1]));
  const last = years[years.length - 1];
  if (last !== undefined) return last;
  return PERIOD_END.find(([re]) => re.test(caption))?.[1] ?? null;
}

/** Decides, once per table, each value column's kind and deadline from its header and the document. */
function planColumns(columns: readonly Column[], table: Table, ctx: TableContext): ColumnPlan[] {
  const at = `(line ${table.firstLine + 1})`;
  const values = columns.map((column, index) => ({ column, index })).filter((v) => v.column.kind === 'value');
  const years = values.map((v) => v.column.year).filter((y): y is number => y !== null);
  const earliest = years.length > 0 ? Math.min(...years) : null;
  const hasLater = years.some((y) => earliest !== null && y > earliest);
  const reportYear = ctx.reportYear ?? null;
  const stanceOf = (c: Column): 'target' | 'actual' => {
    if (c.stance === 'target' || c.stance === 'actual') return c.stance;
    if (c.year === null) return reportYear !== null ? 'actual' : 'target';
    if (c.year === earliest && hasLater) return 'actual';
    return ctx.docYear !== null && c.year < ctx.docYear ? 'actual' : 'target';
  };
  const targetYears = values
    .filter((v) => v.column.measure === 'level' && stanceOf(v.column) === 'target')
    .map((v) => v.column.year ?? v.column.periodEnd)
    .filter((y): y is number => y !== null);
  const latestTarget =
    targetYears.length > 0
      ? Math.max(...targetYears)
      : (values.map((v) => v.column.periodEnd).find((y): y is number => y !== null) ?? null);
  const fromCaption = captionYear(table.caption);
  const show = (y: number | null) => (y === null ? null : String(y));

  return values.map(({ column, index }): ColumnPlan => {
    const head = `column "${column.header.trim()}" ${at}`;
    const kind = column.measure === 'rate' ? 'actual' : stanceOf(column);
    if (column.measure === 'change') {
      const year = column.year ?? reportYear ?? ctx.docYear;
      return {
        index,
        column,
        kind: 'actual',
        deadline: show(year),
        why: `actual change dated ${year ?? 'unknown'} from ${head}`,
      };
    }
    if (
      column.measure === 'level' &&
      column.year === null &&
      column.periodEnd === null &&
      (column.stance === 'open' || (column.stance === 'actual' && !column.done)) &&
      reportYear !== null
    ) {
      return {
        index,
        column,
        kind: 'actual',
        deadline: show(reportYear),
        why: `actual dated ${reportYear}, the year the report covers, from ${head}`,
      };
    }
    if (column.measure === 'level' && kind === 'target') {
      const own = column.year ?? column.periodEnd;
      const year = own ?? ctx.planEndYear ?? fromCaption ?? ctx.docYear;
      const source =
        own !== null
          ? `from ${head}`
          : year === ctx.planEndYear
            ? `from the plan's end year (${head} names none)`
            : year === fromCaption
              ? `from the caption "${table.caption}"`
              : `from the document's year (${head} names none)`;
      return { index, column, kind, deadline: show(year), why: `target, deadline ${year ?? 'unknown'} ${source}` };
    }
    if (column.measure === 'level' || column.measure === 'rate') {
      if (column.done || column.measure === 'rate') {
        const year = column.year ?? column.periodEnd ?? latestTarget ?? ctx.docYear;
        return {
          index,
          column,
          kind: 'actual',
          deadline: show(year),
          why: `actual (result) dated ${year} from ${head}`,
        };
      }
      if (column.year !== null)
        return {
          index,
          column,
          kind: 'actual',
          deadline: show(column.year),
          why: `actual dated ${column.year} from base-year ${head}`,
        };
      // 现状值 / 基期值 without a year: the year before the plan starts (十四五 → 2020).
      const year = ctx.planStartYear !== null ? ctx.planStartYear - 1 : ctx.docYear !== null ? ctx.docYear - 1 : null;
      return {
        index,
        column,
        kind: 'actual',
        deadline: show(year),
        why: `actual dated ${year ?? 'unknown'}, the year before the plan, from base ${head}`,
      };
    }
    // 年均增长, 累计, 年均/累计: goals over the plan's period, dated at its end.
    const year = column.year ?? column.periodEnd ?? latestTarget ?? ctx.planEndYear ?? fromCaption;
    const what =
      column.measure === 'growth'
        ? 'per-year target'
        : column.measure === 'cumulative'
          ? 'cumulative target'
          : 'per-year or cumulative target';
    return {
      index,
      column,
      kind: 'target',
      deadline: show(year),
      why: `${what} from ${head}, deadline ${year ?? 'unknown'}`,
    };
  });
}

/** Notes under a table: the footnote numbers they explain and the year that * marks (带*的为2019年数据). */
function readNotes(table: Table, rawLines: readonly string[]): { numbers: Set<number>; starYear: number | null } {
  const numbers = new Set<number>();
  let starYear: number | null = null;
  let inNotes = false;
  for (let k = table.lastLine + 1; k < rawLines.length && k <= table.lastLine + 12; k++) {
    const raw = rawLines[k] ?? '';
    if (raw.length > 400) break;
    const text = foldWidth(raw).trim();
    if (text === '') {
      if (inNotes) break;
      continue;
    }
    if (NOTE.test(text)) inNotes = true;
    else if (!inNotes || !/^(?:\d{1,2}[.、．:：\s]|[①-⑳]|[(（]\d{1,2}[)）])/.test(text)) break;
    for (const m of text.matchAll(/(?:^|注[:：]?\s*|[；;。]\s*)(\d{1,2})(?:[.、．:：\s]|$)/g))
      numbers.add(Number(m[1]));
    for (const m of text.matchAll(/[①-⑳]/g)) numbers.add(m[0].charCodeAt(0) - 0x2460 + 1);
    const star = /带\s*[*※#]\s*号?的?(?:数据|数值|指标|为)*\s*为?\s*((?:19|20)\d{2})\s*年/.exec(text);
    if (star?.[1]) starYear = Number(star[1]);
  }
  return { numbers, starYear };
}

/** A group row's or category cell's name without its numbering (一、数字经济 → 数字经济). */
function groupName(text: string): string {
  return text
    .trim()
    .replace(GROUP_NUMBERING, '')
    .replace(/^\s*\d{1,2}[.、．](?!\d)/, '')
    .replace(/[:：]$/, '')
    .replace(/\s+/g, '')
    .trim();
}

function bindingOf(text: string): 'expected' | 'binding' | null {
  if (/约束/.test(text)) return 'binding';
  if (/预期/.test(text)) return 'expected';
  return null;
}

/** The quote of a cell as it stands in its raw line (a structured cell's offset is checked). */
function locate(cell: TableCell, rawLines: readonly string[]): { line: number; col: number; quote: string } {
  const quote = cell.text.trim();
  const raw = rawLines[cell.line];
  if (raw === undefined) return { line: cell.line, col: cell.col, quote };
  const lead = cell.text.length - cell.text.trimStart().length;
  if (raw.startsWith(quote, cell.col + lead)) return { line: cell.line, col: cell.col + lead, quote };
  const found = raw.indexOf(quote);
  return { line: cell.line, col: found >= 0 ? found : cell.col, quote };
}

/** Reads one table's figures under its header. */
/** 单位：亿元 on a line of its own just above a table's header: the unit of every value without one of its own. */
function statedUnit(table: Table, rawLines: readonly string[]): { unit: string; line: number } | null {
  for (let l = table.firstLine - 1; l >= Math.max(0, table.firstLine - 3); l--) {
    const m = /^\s*(?:计量)?单位[：:]\s*([^\s，,。；;]{1,8})\s*$/.exec(rawLines[l] ?? '');
    if (m?.[1] && isUnitLike(m[1])) return { unit: m[1], line: l };
  }
  return null;
}

export function readTable(table: Table, rawLines: readonly string[], ctx: TableContext): TableFigure[] {
  const verdict = readHeader(table.header, true);
  if (verdict.rejected) return [];
  const columns = verdict.columns;
  const plans = planColumns(columns, table, ctx);
  const metricAt = columns.findIndex((c) => c.kind === 'metric');
  const unitAt = columns.findIndex((c) => c.kind === 'unit');
  const bindingAt = columns.findIndex((c) => c.kind === 'binding');
  const categoryAts = columns.flatMap((c, j) => (c.kind === 'category' ? [j] : []));
  const notes = readNotes(table, rawLines);
  const tableUnit = statedUnit(table, rawLines);
  const out: TableFigure[] = [];
  let group: { name: string; line: number } | null = null;
  const carried = new Map<number, { name: string; line: number }>();

  for (const row of table.rows) {
    if (row.length === 1 && row[0]) {
      group = { name: groupName(row[0].text), line: row[0].line };
      carried.clear();
      continue;
    }
    if (row.length !== columns.length) continue;
    // A 类别 cell names the rows below it until the next one (a merged cell printed once).
    for (const j of categoryAts) {
      const cell = row[j];
      if (cell && cell.text.trim() !== '') carried.set(j, { name: groupName(cell.text), line: cell.line });
    }
    const ownCategory = [...categoryAts].reverse().find((j) => carried.has(j));
    const category = ownCategory !== undefined ? (carried.get(ownCategory) ?? null) : group;
    const metricCell = row[metricAt];
    if (!metricCell || metricCell.text.trim() === '') continue;
    const metric = readMetric(metricCell.text);
    const rowWhy: string[] = [];
    let name = metric.name;
    for (const marker of metric.markers)
      rowWhy.push(`footnote marker "${marker}" stripped from the indicator (line ${metricCell.line + 1})`);

    // Value cells of this row, one per value column; digits glued to the name may fill a missing one.
    const cells: Array<TableCell | null> = plans.map((p) => {
      const cell = row[p.index];
      return cell && cell.text.trim() !== '' ? cell : null;
    });
    const present = cells.filter((c): c is TableCell => c !== null);
    if (metric.trailing) {
      const { text: digits, afterBracket, offset } = metric.trailing;
      const small = /^\d{1,2}$/.test(digits);
      const complete = present.length === plans.length;
      const explained = small && notes.numbers.has(Number(digits));
      const gluedValue = !complete && present.length === plans.length - 1 && (afterBracket || !small);
      if (small && (complete || explained)) {
        rowWhy.push(
          `footnote marker "${digits}" stripped from "${metricCell.text.trim()}": ${
            complete ? 'the row has a cell in every value column' : 'the notes under the table explain it'
          }`,
        );
      } else if (gluedValue) {
        // 5G基站数（万个）1.5  8: the first value lost the spaces before it and stuck to the name.
        const glued: TableCell = { text: digits, line: metricCell.line, col: metricCell.col + offset };
        const sequence = [glued, ...present];
        sequence.forEach((c, k) => {
          cells[k] = c;
        });
        rowWhy.push(`value "${digits}" was glued to the indicator name; the row lacked one value cell`);
      } else {
        name = `${name}${digits}`;
        rowWhy.push(`trailing "${digits}" kept in the indicator: the row does not show it is a marker`);
      }
    }
    if (name === '' || !HAN.test(name)) continue;

    const unitText = unitAt >= 0 ? (row[unitAt]?.text.replace(/\s/g, '') ?? '') : '';
    const unitColumn = unitText !== '' && isUnitLike(unitText) ? unitText : null;
    const bindingCell = bindingAt >= 0 ? row[bindingAt] : undefined;
    const binding = bindingCell ? bindingOf(bindingCell.text) : null;

    plans.forEach((plan, k) => {
      const cell = cells[k];
      if (!cell) return;
      const value = parseValueCell(cell.text);
      if (!value) return;
      const measure = plan.column.measure;
      // 年均/累计: the cell's brackets decide which of the two the figure is.
      const why = [
        measure === 'growthOrCumulative'
          ? plan.why.replace('per-year or cumulative', value.cumulative ? 'cumulative' : 'per-year')
          : plan.why,
      ];
      const cumulative = value.cumulative || measure === 'cumulative';
      const perYear = measure === 'growth' || (measure === 'growthOrCumulative' && !value.cumulative);
      if (value.cumulative) why.push('[ ] marks a cumulative five-year figure');
      let unit: string;
      if (value.unit !== null) {
        unit = value.unit;
        why.push(`unit "${unit}" written in the cell`);
      } else if (measure === 'rate' || measure === 'change' || perYear) {
        unit = plan.column.unit ?? '%';
        why.push(
          plan.column.unit
            ? `unit "${unit}" from ${plan.column.header.trim()}`
            : `unit % for a ${measure === 'rate' ? 'completion rate' : 'growth rate'}`,
        );
      } else {
        const base = plan.column.unit ?? unitColumn ?? metric.unit ?? tableUnit?.unit ?? '';
        // 1.2万 over a unit column of 个 is 万个; over 万个 the 万 is already there.
        unit = /^[万亿千百]/.test(base) ? base : `${value.multiplier ?? ''}${base}`;
        if (plan.column.unit) why.push(`unit "${base}" from the header "${plan.column.header.trim()}"`);
        else if (unitColumn) why.push(`unit "${base}" from the unit column (line ${(row[unitAt]?.line ?? 0) + 1})`);
        else if (metric.unit) why.push(`unit "${base}" from the indicator's brackets`);
        else if (tableUnit) why.push(`unit "${base}" stated above the table (line ${tableUnit.line + 1})`);
      }
      let deadline = plan.deadline;
      if (notes.starYear !== null && value.markers.some((m) => /[*※#]/.test(m))) {
        deadline = String(notes.starYear);
        why.push(`* marks ${notes.starYear} data in the notes under the table`);
      }
      if (binding) why.push(`${binding} from the 属性 column "${bindingCell?.text.trim()}"`);
      if (category) why.push(`category "${category.name}" (line ${category.line + 1})`);
      if (value.remark) why.push(`remark not read: "${value.remark}"`);
      const at = locate(cell, rawLines);
      out.push({
        line: at.line,
        col: at.col,
        quote: at.quote,
        metric: name,
        unit,
        value: value.value,
        valueMax: value.valueMax,
        comparator: value.comparator,
        kind: plan.kind,
        deadline,
        perYear,
        cumulative,
        binding,
        category: category?.name || null,
        why: [...why, ...rowWhy],
      });
    });
  }
  return out;
}
