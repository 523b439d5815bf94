/**
 * Scores the engine on the annotated texts — the five seed newsletters it was written against and the
 * corpus of real documents in tests/corpus/ — and holds each set at the floor it has reached: a
 * ratchet, raised as the engine improves and never lowered to let a change pass. The seeds' floor never
 * goes below 0.95 (issue "Extraction v2").
 */
import { describe, expect, it } from 'vitest';
import { loadEvalSet } from '../../../server/cli/evalSets';
import { SCORED_FIELDS, type ScoredField, scoreRecords } from '../../../server/extraction/evaluate';
import { KINDS } from '../../../shared/taxonomy';

type Floor = { targetPrecision: number; targetRecall: number; actualF1: number } & Record<ScoredField, number>;

/** What the engine reached when these were last raised, rounded down to 0.01. */
const FLOORS: Record<'seeds' | 'corpus', Floor> = {
  seeds: {
    targetPrecision: 0.96,
    targetRecall: 1,
    actualF1: 0.95,
    region: 1,
    deadline: 1,
    comparator: 1,
    unit: 1,
    theme: 0.96,
    valueMax: 1,
    perYear: 1,
    binding: 1,
  },
  // 28 texts since session 4 added two county 考评细则, a 管理办法, a 盟 work report and the 十五五 indicator table:
  // recall and theme floors are where the larger corpus stands (they were 0.92 on the first 23 texts).
  corpus: {
    targetPrecision: 0.92,
    targetRecall: 0.9,
    actualF1: 0.95,
    region: 0.99,
    deadline: 0.99,
    comparator: 0.98,
    unit: 0.99,
    theme: 0.88,
    valueMax: 0.99,
    perYear: 0.98,
    binding: 0.99,
  },
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

for (const set of ['seeds', 'corpus'] as const) {
  describe(`accuracy on the ${set}`, () => {
    const docs = loadEvalSet(set);
    const report = scoreRecords(
      docs.flatMap((d) => d.expected),
      docs.flatMap((d) => d.extracted),
    );
    const floor = FLOORS[set];

    it('has annotated texts to score', () => {
      expect(report.kinds.target.expected).toBeGreaterThan(0);
      console.log(
        [
          `${set}: ${docs.length} texts`,
          ...KINDS.map((kind) => {
            const s = report.kinds[kind];
            return `${kind.padEnd(8)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (${s.matched}/${s.expected} annotated, ${s.extracted} extracted)`;
          }),
          `fields over ${report.matchedTargets} matched targets: ${SCORED_FIELDS.map((f) => `${f} ${pct(report.targetFields[f])}`).join(', ')}`,
        ].join('\n'),
      );
    });

    it('finds targets with precision and recall at or above the floor', () => {
      expect(report.kinds.target.precision).toBeGreaterThanOrEqual(floor.targetPrecision);
      expect(report.kinds.target.recall).toBeGreaterThanOrEqual(floor.targetRecall);
    });

    it('finds actuals at or above the floor', () => {
      expect(report.kinds.actual.f1).toBeGreaterThanOrEqual(floor.actualF1);
    });

    for (const field of SCORED_FIELDS) {
      it(`fills ${field} of matched targets at or above the floor`, () => {
        expect(report.targetFields[field]).toBeGreaterThanOrEqual(floor[field]);
      });
    }
  });
}
