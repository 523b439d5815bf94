/**
 * Typical Chinese policy phrasing → the records TARGETS-SPEC.md asks for. The cases live in
 * phrasingCases.ts; each runs the whole engine on a tiny made-up document and compares, record by
 * record in text order, only the fields a case states (kind, region, regionCode, theme, metric,
 * comparator, value, valueMax, unit, normalizedValue, normalizedUnit, deadline, perYear, line).
 * The number of records must match exactly, so `expect: []` means nothing at all is extracted.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../server/extraction/index';
import type { ExtractedRecord } from '../../../shared/schemas/record';
import { type Expected, PHRASING_GROUPS, type PhrasingCase } from './phrasingCases';

const SOURCE_FILE = 'phrasing.txt';

const COMPARED_FIELDS = [
  'line',
  'kind',
  'region',
  'regionCode',
  'theme',
  'metric',
  'comparator',
  'value',
  'valueMax',
  'unit',
  'normalizedValue',
  'normalizedUnit',
  'deadline',
  'perYear',
] as const satisfies readonly (keyof ExtractedRecord)[];

/** Normalized values such as 1.2e12 may carry floating-point noise; compare them to 10 digits. */
function roundNormalized(value: number): number {
  return Number(value.toPrecision(10));
}

function rawLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Where the value's digits (half- or full-width) stand in a raw line at or after `from`, not inside a
 * longer number such as a year.
 */
function valuePosition(raw: string, value: number, from: number): number {
  const digits = String(value).replace('.', '\\.');
  const halfWidth = raw.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const match = new RegExp(`(?<![0-9.])${digits}(?![0-9])`).exec(halfWidth.slice(from));
  return match ? from + match.index : Number.POSITIVE_INFINITY;
}

/**
 * Text order: by line, then by where the quote ends in that line (the quote ends with the number and
 * its unit), then by where it starts, then by where the value's digits stand.
 */
function inTextOrder(records: readonly ExtractedRecord[], lines: readonly string[]): ExtractedRecord[] {
  const keyed = records.map((record) => {
    const raw = lines[record.line - 1] ?? '';
    const start = raw.indexOf(record.quote);
    const end = start < 0 ? Number.POSITIVE_INFINITY : start + record.quote.length;
    return { record, keys: [record.line, end, start, valuePosition(raw, record.value, Math.max(start, 0))] };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const diff = (a.keys[i] ?? 0) - (b.keys[i] ?? 0);
      if (diff !== 0 && !Number.isNaN(diff)) return diff;
    }
    return 0;
  });
  return keyed.map((k) => k.record);
}

/** Only the compared fields of an engine record, with its normalized value rounded. */
function project(record: ExtractedRecord): Expected {
  const out: Expected = {};
  for (const field of COMPARED_FIELDS) {
    Object.assign(out, { [field]: record[field] });
  }
  out.normalizedValue = roundNormalized(record.normalizedValue);
  return out;
}

/** A case's expectation with the defaults every record shares: not per-year; no upper bound unless a range. */
function withDefaults(expected: Expected): Expected {
  const out: Expected = { ...expected };
  if (!('perYear' in expected)) out.perYear = false;
  if (!('valueMax' in expected) && expected.comparator !== undefined && expected.comparator !== 'range') {
    out.valueMax = null;
  }
  if (expected.normalizedValue !== undefined) out.normalizedValue = roundNormalized(expected.normalizedValue);
  return out;
}

function check(testCase: PhrasingCase): void {
  const lines = rawLines(testCase.text);
  const result = extractDocument(testCase.text, SOURCE_FILE);
  const records = inTextOrder(result.records, lines);

  expect(records.map(project)).toMatchObject(testCase.expect.map(withDefaults));

  for (const record of records) {
    expect(record.sourceFile).toBe(SOURCE_FILE);
    expect(lines[record.line - 1] ?? '', `quote of the record for ${record.value} ${record.unit}`).toContain(
      record.quote,
    );
  }
}

describe('extraction of typical policy phrasing', () => {
  for (const { group, cases } of PHRASING_GROUPS) {
    describe(group, () => {
      for (const testCase of cases) {
        it(testCase.name, () => check(testCase));
      }
    });
  }

  it('reads each text alone: its records do not depend on which texts were read before it', () => {
    // State left behind by one call (a global regex's lastIndex, a module-level cache) would show as a
    // difference between reading the cases in one order and in the other.
    const cases = PHRASING_GROUPS.flatMap((g) => g.cases);
    const read = (c: (typeof cases)[number]) => JSON.stringify(extractDocument(c.text, 'case.txt'));
    const forward = cases.map(read);
    const backward = [...cases].reverse().map(read).reverse();
    expect(backward).toEqual(forward);
  });
});
