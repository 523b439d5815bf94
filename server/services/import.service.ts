import type { Actor } from '../../shared/schemas/auth';
import {
  type ImportResult,
  type ImportRowError,
  type Lang,
  type NewActual,
  NewActualSchema,
} from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { AppError, BadRequestError } from '../lib/errors';
import { type Cell, readTable } from '../lib/spreadsheet';
import { sameLiveActual } from '../repos/actuals.repo';
import { findTargetIdsByKey } from '../repos/targets.lookup.repo';
import { addActual } from './actuals.service';
import { recordAudit } from './audit.service';
import { fill, messagesOf } from './export.labels';

type Field = 'targetId' | 'region' | 'metric' | 'deadline' | 'value' | 'asOf' | 'note' | 'supersedes';

/**
 * Header names an analyst's sheet may use, compared without case, spaces, `-` and `_`: the import template's
 * (both languages), the actuals export's, and the Chinese ones statistics offices use.
 */
const HEADERS: Record<Field, string[]> = {
  targetId: ['targetid', '指标id', '指标编号', '目标id', '目标编号'],
  region: ['region', 'regioncode', '地区', '地区代码', '行政区划代码', '区划代码'],
  metric: ['metric', '指标', '指标名称'],
  deadline: ['deadline', '期限', '目标年份', '目标期限'],
  value: ['value', 'actual', 'actualvalue', '实际值', '完成值', '数值'],
  asOf: ['asof', 'date', '日期', '截至日期', '统计日期', '统计时间'],
  note: ['note', '备注', '说明'],
  supersedes: ['supersedes', '更正', '更正编号', '替代'],
};

/** The import template's columns, in order (their names in each language are in the i18n files). */
export const TEMPLATE_FIELDS = ['targetId', 'region', 'metric', 'deadline', 'value', 'asOf', 'note'] as const;

/**
 * Columns only a sheet of targets has: a targets export (this product's, in either language, or the English one
 * exports had before) or a plan's own table of targets. A sheet with any of them is not a sheet of actuals, and
 * reading its `value` as the actual would store each target's own value as reached (issue 16).
 */
const TARGET_ONLY_FIELDS = [
  'comparator',
  'value',
  'valueMax',
  'latestActual',
  'latestActualAsOf',
  'progress',
  'status',
  'review',
  'binding',
  'quote',
] as const;
const TARGET_ONLY_HEADERS = new Set(
  [
    ...(['zh', 'en'] as const).flatMap((l) => TARGET_ONLY_FIELDS.map((f) => messagesOf(l).exportFile.columns[f])),
    ...['comparator', 'value max', 'progress %', 'review status', 'quote', 'latest actual', 'target value'],
    ...['目标值', '比较符'],
  ].map((h) => headerKey(h)),
);
/** How many rows from the top a title or filter line may push a header down (the XLSX export has three). */
const HEADER_SEARCH_ROWS = 10;

/** The target columns of the header row a targets export has in its first rows, or none. */
function targetColumnsOf(rows: { cells: Cell[] }[]): string[] {
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const found = row.cells.filter((c) => c !== null && TARGET_ONLY_HEADERS.has(headerKey(c))).map(String);
    if (found.length) return found;
  }
  return [];
}
/** A row names its target by id, or by region + metric + deadline as offices' own sheets do. */
const REQUIRED: Field[] = ['value', 'asOf'];
const BY_KEY: Field[] = ['region', 'metric', 'deadline'];

/** Finds the ids of the targets a row names by region (code or name), metric and deadline. */
export type TargetResolver = (key: { region: string; metric: string; deadline: string }) => number[];

function headerKey(c: Cell): string {
  return String(c ?? '')
    .toLowerCase()
    .replace(/[\s_\-（）()%]/g, '');
}

function columnsOf(header: Cell[]): Partial<Record<Field, number>> {
  const cols: Partial<Record<Field, number>> = {};
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    for (const [field, names] of Object.entries(HEADERS) as [Field, string[]][]) {
      if (names.includes(key) && cols[field] === undefined) cols[field] = i;
    }
  });
  return cols;
}

/** `1,234.5` and ` 12 ` are numbers; `12%` or `约12` are not: an actual is a plain figure in the target's unit. */
function toNumber(c: Cell): number | undefined {
  if (c === null) return undefined;
  if (typeof c === 'number') return c;
  const s = c.replace(/[,，\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** `2025-3-31`, `2025/3/31` and `2025.3.31` as Excel users type them → `2025-03-31`. */
function toDate(c: Cell): string | undefined {
  if (c === null) return undefined;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(String(c).trim());
  if (!m) return String(c);
  return `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
}

interface ParsedRow {
  n: number;
  targetId: number;
  input: NewActual;
}

/** What a row's problems are reported with: the file's own header for each column, and the messages' language. */
interface RowContext {
  cols: Partial<Record<Field, number>>;
  header: Cell[];
  errors: ImportRowError[];
  resolve: TargetResolver;
  lang: Lang;
  today: string;
}

/** A column as the file names it (its header cell), or the template's name for it when the file has none. */
function columnName(ctx: RowContext, f: Field): string {
  const i = ctx.cols[f];
  const named = i === undefined ? null : ctx.header[i];
  if (named !== null && named !== undefined) return String(named);
  const template = messagesOf(ctx.lang).importTemplate.columns as Record<string, string>;
  return template[f] ?? f;
}

function parseRow(n: number, cells: Cell[], ctx: RowContext): ParsedRow | undefined {
  const m = messagesOf(ctx.lang).importErrors;
  let bad = false;
  const fail = (f: Field, message: string): undefined => {
    ctx.errors.push({ row: n, column: columnName(ctx, f), message });
    bad = true;
    return undefined;
  };
  const get = (f: Field) => {
    const i = ctx.cols[f];
    return i === undefined ? null : (cells[i] ?? null);
  };
  let targetId = toNumber(get('targetId'));
  if (targetId === undefined && BY_KEY.every((f) => get(f) !== null)) {
    const key = {
      region: String(get('region')).trim(),
      metric: String(get('metric')).trim(),
      deadline: String(get('deadline')).trim(),
    };
    const ids = ctx.resolve(key);
    if (ids.length !== 1) {
      return fail('metric', ids.length ? fill(m.ambiguous, { count: ids.length, ...key }) : fill(m.noMatch, key));
    }
    targetId = ids[0];
  }
  if (targetId === undefined) return fail('targetId', m.noTarget);
  if (!Number.isInteger(targetId) || targetId <= 0) {
    return fail('targetId', fill(m.badTarget, { value: String(get('targetId')) }));
  }
  // Every problem of the row is reported, not only the first.
  const value = toNumber(get('value'));
  if (value === undefined) fail('value', m.valueMissing);
  else if (!Number.isFinite(value)) fail('value', fill(m.valueNotNumber, { value: String(get('value')) }));
  const asOf = toDate(get('asOf'));
  if (asOf === undefined) fail('asOf', m.dateMissing);
  const supersedes = toNumber(get('supersedes'));
  if (supersedes !== undefined && !(Number.isInteger(supersedes) && supersedes > 0)) {
    fail('supersedes', fill(m.supersedesInvalid, { value: String(get('supersedes')) }));
  }
  const note = get('note');
  const parsed = NewActualSchema.safeParse({
    value,
    asOf,
    note: note === null ? null : String(note),
    ...(supersedes !== undefined && { supersedes }),
  });
  if (!parsed.success) {
    // What the checks above have not already said: a date that is no real day, a note too long.
    const fields = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    if (fields.has('asOf') && asOf !== undefined) fail('asOf', fill(m.dateInvalid, { value: asOf }));
    if (fields.has('note')) fail('note', m.noteTooLong);
    return undefined;
  }
  if (bad) return undefined;
  if (parsed.data.asOf > ctx.today) return fail('asOf', fill(m.dateFuture, { value: parsed.data.asOf }));
  return { n, targetId, input: parsed.data };
}

/** A refused row's reason from the rules of addActual, in the messages' language and with the column to fix. */
function rowRefusal(e: AppError, r: ParsedRow, ctx: RowContext): ImportRowError {
  const m = messagesOf(ctx.lang).importErrors;
  const at = (f: Field, message: string) => ({ row: r.n, column: columnName(ctx, f), message });
  if (e.code === 'NOT_FOUND') return at('targetId', fill(m.targetNotFound, { id: r.targetId }));
  if (e.code === 'AS_OF_IN_FUTURE') return at('asOf', fill(m.dateFuture, { value: r.input.asOf }));
  if (e.code === 'NOT_AN_ACTUAL_OF_TARGET') {
    return at('supersedes', fill(m.notActualOfTarget, { id: r.input.supersedes ?? '' }));
  }
  if (e.code === 'CONFLICT') return at('supersedes', fill(m.alreadySuperseded, { id: r.input.supersedes ?? '' }));
  return { row: r.n, column: null, message: e.message };
}

class Rollback extends Error {}

/**
 * Imports reported actuals from a CSV (UTF-8 or GB18030) or .xlsx sheet: one actual per row, by target id,
 * with the same rules as entering them one by one (each row goes through addActual). All or nothing: the
 * rows are stored in one transaction, and any row error rolls back every row. A dry run does the same work
 * and rolls back even when every row is valid, so its error list is exactly what a real import would find.
 */
export async function importActuals(
  db: Db,
  actor: Actor,
  file: { fileName: string; content: Buffer },
  dryRun: boolean,
  today: string,
  lang: Lang = 'en',
): Promise<ImportResult> {
  const m = messagesOf(lang).importErrors;
  const table = await readTable(file.content);
  const exported = targetColumnsOf(table.rows);
  if (exported.length) {
    throw new BadRequestError(
      fill(m.exportRefused, { columns: exported.slice(0, 3).join('”“') }),
      { columns: exported },
      'TARGETS_EXPORT_REFUSED',
    );
  }
  const [header, ...body] = table.rows;
  if (!header || !body.length) throw new BadRequestError(m.empty, undefined, 'EMPTY_IMPORT');
  const cols = columnsOf(header.cells);
  const byKey = BY_KEY.every((f) => cols[f] !== undefined);
  const missing = [...(cols.targetId === undefined && !byKey ? (['targetId'] as Field[]) : []), ...REQUIRED].filter(
    (f) => cols[f] === undefined,
  );
  if (missing.length) {
    const template = messagesOf(lang).importTemplate.columns as Record<string, string>;
    throw new BadRequestError(
      fill(m.missingColumns, { columns: missing.map((f) => template[f] ?? f).join(lang === 'zh' ? '、' : ', ') }),
      {
        missing,
        expected: Object.fromEntries([...REQUIRED, 'targetId', ...BY_KEY].map((f) => [f, HEADERS[f as Field]])),
        note: 'name each row’s target by targetId, or by region, metric and deadline',
      },
      'MISSING_COLUMNS',
    );
  }

  const errors: ImportRowError[] = [];
  const ctx: RowContext = {
    cols,
    header: header.cells,
    errors,
    resolve: (key) => findTargetIdsByKey(db, key),
    lang,
    today,
  };
  const rows = body.map((r) => parseRow(r.n, r.cells, ctx)).filter((r) => r !== undefined);
  const skipped: ImportResult['skipped'] = [];
  let result: ImportResult = { dryRun, format: table.format, rows: body.length, imported: 0, skipped, errors };
  try {
    // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
    db.transaction(
      () => {
        const ids: number[] = [];
        for (const r of rows) {
          // Already recorded (the same sheet imported again, or an actuals export brought back): left as it is.
          const same =
            r.input.supersedes === undefined ? sameLiveActual(db, r.targetId, r.input.asOf, r.input.value) : undefined;
          if (same) {
            skipped.push({ row: r.n, targetId: r.targetId, actualId: same.id });
            continue;
          }
          try {
            // Each row in its own savepoint: a refused row leaves no trace and the others go on being checked.
            ids.push(db.transaction(() => addActual(db, actor, r.targetId, r.input, today)).actual.id);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            errors.push(rowRefusal(e, r, ctx));
          }
        }
        errors.sort((a, b) => a.row - b.row);
        if (errors.length || dryRun) throw new Rollback();
        recordAudit(db, actor, {
          action: 'actual.import',
          entity: 'actual',
          after: {
            fileName: file.fileName,
            format: table.format,
            encoding: table.encoding,
            rows: body.length,
            actualIds: ids,
            skipped: skipped.length,
          },
        });
        result = { ...result, imported: ids.length };
      },
      { behavior: 'immediate' },
    );
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  if (errors.length && !dryRun) {
    throw new BadRequestError(
      fill(m.invalid, { count: errors.length }),
      { rows: body.length, errors },
      'IMPORT_INVALID',
    );
  }
  return result;
}

/** The import template in `lang`: its header row (the columns HEADERS reads) and the help that says how to fill it. */
export function importTemplate(lang: Lang): { header: string[]; help: string } {
  const t = messagesOf(lang).importTemplate;
  return { header: TEMPLATE_FIELDS.map((f) => t.columns[f]), help: t.help };
}
