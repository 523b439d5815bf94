/**
 * Scores extracted records against hand annotations. Pure, so the accuracy test and a benchmark
 * share it. A match: same file, same kind, line within ±1, same value once 万/亿 are applied
 * (1000万 and 0.1亿 are the same figure).
 */

import type { ExtractedRecord } from '../../shared/schemas/record';
import { KINDS, type Kind } from '../../shared/taxonomy';
import { regionsNamed } from '../lib/regions';
import { unitMultiplier } from './numerals';

/** One hand annotation, as stored in tests/fixtures/*.json. */
export interface AnnotatedRecord {
  sourceFile: string;
  line: number;
  quote: string;
  kind: Kind;
  article: string;
  /** null: the annotator could not decide the region from the text. */
  region: string | null;
  theme: string;
  metric: string;
  comparator: string;
  value: number;
  valueMax: number | null;
  unit: string;
  deadline: string | null;
  perYear: boolean;
  /** Absent in annotations made before the spec had it: read as null. */
  binding?: 'expected' | 'binding' | null;
  notes?: string;
}

export type ScoredRecord = Pick<
  ExtractedRecord,
  | 'sourceFile'
  | 'line'
  | 'quote'
  | 'kind'
  | 'region'
  | 'theme'
  | 'metric'
  | 'comparator'
  | 'value'
  | 'valueMax'
  | 'unit'
  | 'deadline'
  | 'perYear'
  | 'binding'
>;

export const SCORED_FIELDS = [
  'region',
  'deadline',
  'comparator',
  'unit',
  'theme',
  'valueMax',
  'perYear',
  'binding',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface KindScore {
  expected: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface FieldMismatch {
  field: ScoredField;
  expected: AnnotatedRecord;
  actual: ScoredRecord;
}

export interface ScoreReport {
  kinds: Record<Kind, KindScore>;
  /** Share of matched targets whose field equals the annotation. */
  targetFields: Record<ScoredField, number>;
  matchedTargets: number;
  missed: AnnotatedRecord[];
  spurious: ScoredRecord[];
  mismatches: FieldMismatch[];
}

function scaled(value: number, unit: string): number {
  return value * unitMultiplier(unit);
}

function sameValue(a: AnnotatedRecord, b: ScoredRecord): boolean {
  const x = scaled(a.value, a.unit);
  const y = scaled(b.value, b.unit);
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

/** Scores `extracted` against `expected` (both possibly spanning many files). */
export function scoreRecords(expected: readonly AnnotatedRecord[], extracted: readonly ScoredRecord[]): ScoreReport {
  const used = new Set<number>();
  const pairs: Array<{ expected: AnnotatedRecord; actual: ScoredRecord }> = [];
  const missed: AnnotatedRecord[] = [];
  const byFile = new Map<string, number[]>();
  extracted.forEach((r, i) => {
    const list = byFile.get(r.sourceFile) ?? [];
    list.push(i);
    byFile.set(r.sourceFile, list);
  });
  // Exact lines first, so that a neighbour's figure does not steal a match.
  const ordered = [...expected].sort((a, b) => a.sourceFile.localeCompare(b.sourceFile) || a.line - b.line);
  const matchOf = new Map<AnnotatedRecord, number>();
  for (const tolerance of [0, 1]) {
    for (const exp of ordered) {
      if (matchOf.has(exp)) continue;
      for (const i of byFile.get(exp.sourceFile) ?? []) {
        if (used.has(i)) continue;
        const r = extracted[i];
        if (!r || r.kind !== exp.kind || Math.abs(r.line - exp.line) > tolerance || !sameValue(exp, r)) continue;
        used.add(i);
        matchOf.set(exp, i);
        break;
      }
    }
  }
  for (const exp of ordered) {
    const i = matchOf.get(exp);
    const actual = i === undefined ? undefined : extracted[i];
    if (actual) pairs.push({ expected: exp, actual });
    else missed.push(exp);
  }
  const spurious = extracted.filter((_, i) => !used.has(i));
  const kinds = {} as Record<Kind, KindScore>;
  for (const kind of KINDS) {
    const e = expected.filter((r) => r.kind === kind).length;
    const x = extracted.filter((r) => r.kind === kind).length;
    const m = pairs.filter((p) => p.expected.kind === kind).length;
    const precision = ratio(m, x);
    const recall = ratio(m, e);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    kinds[kind] = { expected: e, extracted: x, matched: m, precision, recall, f1 };
  }
  const targets = pairs.filter((p) => p.expected.kind === 'target');
  const mismatches: FieldMismatch[] = [];
  const targetFields = {} as Record<ScoredField, number>;
  for (const field of SCORED_FIELDS) {
    let ok = 0;
    for (const p of targets) {
      const want = p.expected[field] ?? null;
      const got = p.actual[field] ?? null;
      if (want === got || (field === 'region' && sameRegion(want, got))) ok++;
      else mismatches.push({ field, expected: p.expected, actual: p.actual });
    }
    targetFields[field] = ratio(ok, targets.length);
  }
  return { kinds, targetFields, matchedTargets: targets.length, missed, spurious, mismatches };
}

/**
 * A county annotated by its own name (石城县) is the region the engine names city-qualified (赣州市石城县): the
 * same division when the bare name is that region's.
 */
function sameRegion(annotated: unknown, extracted: unknown): boolean {
  if (typeof annotated !== 'string' || typeof extracted !== 'string') return false;
  return regionsNamed(annotated).some((r) => r.fullName === extracted);
}
