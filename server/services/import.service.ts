import type { Actor } from '../../shared/schemas/auth';
import { type ImportResult, type ImportRowError, type NewActual, NewActualSchema } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { AppError, BadRequestError } from '../lib/errors';
import { type Cell, readTable } from '../lib/spreadsheet';
import { findTargetIdsByKey } from '../repos/targets.lookup.repo';
import { addActual } from './actuals.service';
import { recordAudit } from './audit.service';

type Field = 'targetId' | 'region' | 'metric' | 'deadline' | 'value' | 'asOf' | 'note' | 'supersedes';

/**
 * Header names an analyst's sheet may use, compared without case, spaces, `-` and `_`: the English
 * names of our own actuals export and the Chinese ones statistics offices use.
 */
const HEADERS: Record<Field, string[]> = {
  targetId: ['targetid', '指标id', '指标编号', '目标id', '目标编号'],
  region: ['region', 'regioncode', '地区', '地区代码', '行政区划代码', '区划代码'],
  metric: ['metric', '指标', '指标名称'],
  deadline: ['deadline', '期限', '目标年份', '目标期限'],
  value: ['value', 'actual', '实际值', '完成值', '数值'],
  asOf: ['asof', 'date', '日期', '截至日期', '统计日期', '统计时间'],
  note: ['note', '备注', '说明'],
  supersedes: ['supersedes', '更正', '更正编号', '替代'],
};
/** A row names its target by id, or by region + metric + deadline as offices' own sheets do. */
const REQUIRED: Field[] = ['value', 'asOf'];
const BY_KEY: Field[] = ['region', 'metric', 'deadline'];

/** Finds the ids of the targets a row names by region (code or name), metric and deadline. */
export type TargetResolver = (key: { region: string; metric: string; deadline: string }) => number[];

const headerKey = (c: Cell) =>
  String(c ?? '')
    .toLowerCase()
    .replace(/[\s_\-（）()]/g, '');

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

function parseRow(
  n: number,
  cells: Cell[],
  cols: Partial<Record<Field, number>>,
  errors: ImportRowError[],
  resolve: TargetResolver,
) {
  const get = (f: Field) => {
    const i = cols[f];
    return i === undefined ? null : (cells[i] ?? null);
  };
  let targetId = toNumber(get('targetId'));
  if (targetId === undefined && BY_KEY.every((f) => get(f) !== null)) {
    const key = {
      region: String(get('region')).trim(),
      metric: String(get('metric')).trim(),
      deadline: String(get('deadline')).trim(),
    };
    const ids = resolve(key);
    if (ids.length !== 1) {
      errors.push({
        row: n,
        column: 'metric',
        message: ids.length
          ? `${ids.length} targets match ${key.region} / ${key.metric} / ${key.deadline}; give the target id`
          : `no target matches ${key.region} / ${key.metric} / ${key.deadline}`,
      });
      return undefined;
    }
    targetId = ids[0];
  }
  if (targetId === undefined || !Number.isInteger(targetId) || targetId <= 0) {
    errors.push({
      row: n,
      column: 'targetId',
      message: 'name the target by a positive whole-number id, or by region, metric and deadline',
    });
    return undefined;
  }
  const supersedes = toNumber(get('supersedes'));
  const note = get('note');
  const parsed = NewActualSchema.safeParse({
    value: toNumber(get('value')),
    asOf: toDate(get('asOf')),
    note: note === null ? null : String(note),
    ...(supersedes !== undefined && { supersedes }),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? '') || null;
      const message =
        column === 'asOf' ? 'the date must be a real day written YYYY-MM-DD' : `${column ?? 'row'}: ${issue.message}`;
      errors.push({ row: n, column, message });
    }
    return undefined;
  }
  return { n, targetId, input: parsed.data } satisfies ParsedRow;
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
): Promise<ImportResult> {
  const table = await readTable(file.content);
  const [header, ...body] = table.rows;
  if (!header || !body.length) {
    throw new BadRequestError('The file has no data rows under a header row.', undefined, 'EMPTY_IMPORT');
  }
  const cols = columnsOf(header.cells);
  const byKey = BY_KEY.every((f) => cols[f] !== undefined);
  const missing = [...(cols.targetId === undefined && !byKey ? (['targetId'] as Field[]) : []), ...REQUIRED].filter(
    (f) => cols[f] === undefined,
  );
  if (missing.length) {
    throw new BadRequestError(
      `The header row lacks the column(s) ${missing.join(', ')}.`,
      {
        missing,
        expected: Object.fromEntries([...REQUIRED, 'targetId', ...BY_KEY].map((f) => [f, HEADERS[f as Field]])),
        note: 'name each row’s target by targetId, or by region, metric and deadline',
      },
      'MISSING_COLUMNS',
    );
  }

  const errors: ImportRowError[] = [];
  const resolve: TargetResolver = (key) => findTargetIdsByKey(db, key);
  const rows = body.map((r) => parseRow(r.n, r.cells, cols, errors, resolve)).filter((r) => r !== undefined);
  let result: ImportResult = { dryRun, format: table.format, rows: body.length, imported: 0, errors };
  try {
    // IMMEDIATE: it reads before it writes, and other server processes write to the file too (see addActual).
    db.transaction(
      () => {
        const ids: number[] = [];
        for (const r of rows) {
          try {
            // Each row in its own savepoint: a refused row leaves no trace and the others go on being checked.
            ids.push(db.transaction(() => addActual(db, actor, r.targetId, r.input, today)).actual.id);
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            errors.push({ row: r.n, column: null, message: e.message });
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
      `${errors.length} row(s) cannot be imported; nothing was stored.`,
      { rows: body.length, errors },
      'IMPORT_INVALID',
    );
  }
  return result;
}
