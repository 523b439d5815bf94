import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeProgress, isStale, type ProgressInput, staleCutoff } from '../../shared/status';
import { COMPARATORS, STATUSES } from '../../shared/taxonomy';

/**
 * 农村互联网普及率 from 50 % (2022) to 70 % by 2025 — a 3-year window 2022-12-31 → 2025-12-31 — with no
 * actual yet, checked on 2024-06-30 (half-way: expected progress 50 %).
 */
function buildInput(overrides: Partial<ProgressInput> = {}): ProgressInput {
  return {
    comparator: '>=',
    value: 70,
    valueMax: null,
    baselineValue: 50,
    baselineDate: '2022',
    latestActual: null,
    deadline: '2025',
    perYear: false,
    today: '2024-07-01',
    startDate: null,
    ...overrides,
  };
}

const actual = (value: number, asOf = '2024-06-30') => ({ latestActual: { value, asOf } });

describe('computeProgress: achieved', () => {
  it('marks a >= target achieved when the actual reaches it exactly', () => {
    expect(computeProgress(buildInput(actual(70))).status).toBe('achieved');
  });

  it('marks a > target achieved only when the actual passes it', () => {
    expect(computeProgress(buildInput({ comparator: '>', ...actual(70.1) })).status).toBe('achieved');
    expect(computeProgress(buildInput({ comparator: '>', ...actual(70) })).status).not.toBe('achieved');
  });

  it('marks a = target achieved within 0.1 % of the value', () => {
    expect(computeProgress(buildInput({ comparator: '=', ...actual(69.95) })).status).toBe('achieved');
    expect(computeProgress(buildInput({ comparator: '=', ...actual(69.5) })).status).not.toBe('achieved');
  });

  it('counts passing a = (达到) target as achieved', () => {
    const r = computeProgress(buildInput({ comparator: '=', ...actual(75) }));
    expect(r.status).toBe('achieved');
    expect(r.progress).toBe(125);
    expect(r.clampedProgress).toBe(100);
  });

  it('marks a ~ target achieved within 5 % below the value', () => {
    const base = { comparator: '~' as const, value: 500, baselineValue: null };
    expect(computeProgress(buildInput({ ...base, ...actual(476) })).status).toBe('achieved');
    expect(computeProgress(buildInput({ ...base, ...actual(474) })).status).not.toBe('achieved');
  });

  it('counts a ~ target passed by more than 5 % as achieved', () => {
    const r = computeProgress(buildInput({ comparator: '~', value: 500, baselineValue: null, ...actual(600) }));
    expect(r.status).toBe('achieved');
    expect(r.progress).toBe(120);
  });

  it('judges a ~ target approached from above within 5 % of the value', () => {
    const base = { comparator: '~' as const, value: 100, baselineValue: 200 };
    expect(computeProgress(buildInput({ ...base, ...actual(104) })).status).toBe('achieved');
    expect(computeProgress(buildInput({ ...base, ...actual(106) })).status).not.toBe('achieved');
  });

  it('marks a <= target achieved when the actual is below it', () => {
    const r = computeProgress(buildInput({ comparator: '<=', value: 20, baselineValue: 40, ...actual(18) }));
    expect(r.status).toBe('achieved');
    expect(r.progress).toBe(110);
  });

  it('marks a <= target achieved when the actual equals it, but a < target not', () => {
    expect(computeProgress(buildInput({ comparator: '<=', value: 20, ...actual(20) })).status).toBe('achieved');
    expect(computeProgress(buildInput({ comparator: '<', value: 20, ...actual(20) })).status).not.toBe('achieved');
  });

  it('marks a < target achieved when the actual is strictly below it', () => {
    expect(computeProgress(buildInput({ comparator: '<', value: 20, ...actual(19.9) })).status).toBe('achieved');
  });

  it('absorbs floating-point noise in a >= comparison', () => {
    expect(computeProgress(buildInput({ value: 0.3, baselineValue: 0, ...actual(0.1 + 0.2) })).status).toBe('achieved');
  });

  it('keeps a target achieved after its deadline', () => {
    expect(computeProgress(buildInput({ today: '2027-03-01', ...actual(71) })).status).toBe('achieved');
  });

  it('counts an actual reported after the deadline that meets the target as achieved', () => {
    expect(computeProgress(buildInput({ today: '2026-06-01', ...actual(72, '2026-03') })).status).toBe('achieved');
  });
});

describe('computeProgress: ranges', () => {
  const range = { comparator: 'range' as const, value: 2, valueMax: 3, baselineValue: null, baselineDate: null };

  it('marks a range achieved when the actual lies inside it', () => {
    expect(computeProgress(buildInput({ ...range, ...actual(2) })).status).toBe('achieved');
    expect(computeProgress(buildInput({ ...range, ...actual(3) })).status).toBe('achieved');
  });

  it('counts an actual above the range as achieved (more companies than 2-3家 is no failure)', () => {
    const r = computeProgress(buildInput({ ...range, ...actual(5) }));
    expect(r.status).toBe('achieved');
    expect(r.progress).toBe(250);
  });

  it('measures progress of a range toward its lower bound', () => {
    const r = computeProgress(buildInput({ ...range, value: 5, valueMax: 10, ...actual(4) }));
    expect(r.progress).toBe(80);
    expect(r.status).not.toBe('achieved');
  });

  it('reads a range with swapped bounds from its smaller figure', () => {
    expect(computeProgress(buildInput({ ...range, value: 10, valueMax: 5, ...actual(6) })).status).toBe('achieved');
  });
});

describe('computeProgress: progress', () => {
  it('measures progress from the baseline to the target', () => {
    expect(computeProgress(buildInput(actual(60))).progress).toBe(50);
  });

  it('measures progress from zero when there is no baseline', () => {
    expect(computeProgress(buildInput({ baselineValue: null, ...actual(35) })).progress).toBe(50);
  });

  it('measures a decreasing target from the baseline down to the target', () => {
    const r = computeProgress(buildInput({ comparator: '<=', value: 20, baselineValue: 40, ...actual(30) }));
    expect(r.progress).toBe(50);
  });

  it('leaves progress of an unmet decreasing target without baseline unmeasured and flags it at risk', () => {
    const r = computeProgress(buildInput({ comparator: '<=', value: 20, baselineValue: null, ...actual(30) }));
    expect(r.progress).toBeNull();
    expect(r.clampedProgress).toBeNull();
    expect(r.status).toBe('at_risk');
  });

  it('gives a met decreasing target without baseline 100 % progress', () => {
    const r = computeProgress(buildInput({ comparator: '<', value: 20, baselineValue: null, ...actual(15) }));
    expect(r.progress).toBe(100);
    expect(r.status).toBe('achieved');
  });

  it('reports regression below the baseline as negative progress, clamped to 0 for averages', () => {
    const r = computeProgress(buildInput(actual(45)));
    expect(r.progress).toBe(-25);
    expect(r.clampedProgress).toBe(0);
    expect(r.status).toBe('off_track');
  });

  it('bounds huge over-achievement to 999 %', () => {
    const r = computeProgress(buildInput({ value: 1, baselineValue: null, ...actual(1e9) }));
    expect(r.progress).toBe(999);
    expect(r.clampedProgress).toBe(100);
  });

  it('rounds progress to one decimal', () => {
    expect(computeProgress(buildInput({ baselineValue: null, value: 3, ...actual(1) })).progress).toBe(33.3);
  });

  it('reads 100 % for a strict target sitting exactly on its value without calling it achieved', () => {
    const r = computeProgress(buildInput({ comparator: '>', ...actual(70) }));
    expect(r.progress).toBe(100);
    expect(r.status).toBe('on_track');
  });
});

describe('computeProgress: expected progress and bands', () => {
  it('expects progress linearly from the baseline date to the deadline', () => {
    // 2022-12-31 → 2025-12-31 is 1096 days; 2024-07-01 is day 548: exactly half.
    expect(computeProgress(buildInput()).expectedProgress).toBe(50);
  });

  it('starts the line at startDate when there is no baseline date', () => {
    const r = computeProgress(buildInput({ baselineDate: null, startDate: '2024', today: '2025-01-01' }));
    expect(r.expectedProgress).toBe(50.1);
  });

  it('starts the line three years before the deadline year ends when no start is known', () => {
    // 2023-01-01 → 2025-12-31: 2024-07-02 is day 548 of 1095.
    const r = computeProgress(buildInput({ baselineDate: null, startDate: null, today: '2024-07-02' }));
    expect(r.expectedProgress).toBe(50);
  });

  it('prefers the baseline date over startDate', () => {
    const r = computeProgress(buildInput({ startDate: '2024-07-01' }));
    expect(r.expectedProgress).toBe(50);
  });

  it('expects nothing before the start and clamps to 0', () => {
    expect(computeProgress(buildInput({ today: '2022-06-01' })).expectedProgress).toBe(0);
  });

  it('is on track when progress is at most 10 points behind expectation', () => {
    expect(computeProgress(buildInput(actual(58))).status).toBe('on_track'); // 40 vs 50
  });

  it('is on track when ahead of expectation', () => {
    expect(computeProgress(buildInput(actual(68))).status).toBe('on_track'); // 90 vs 50
  });

  it('is at risk when 10 to 25 points behind expectation', () => {
    expect(computeProgress(buildInput(actual(57))).status).toBe('at_risk'); // 35 vs 50
    expect(computeProgress(buildInput(actual(55))).status).toBe('at_risk'); // 25 vs 50
  });

  it('is off track when more than 25 points behind expectation', () => {
    expect(computeProgress(buildInput(actual(54))).status).toBe('off_track'); // 20 vs 50
  });

  it('judges a stale actual against the expectation of today', () => {
    const r = computeProgress(buildInput({ today: '2025-07-01', ...actual(62, '2023-12') }));
    expect(r.expectedProgress).toBe(83.3);
    expect(r.status).toBe('at_risk'); // 60 vs 83.3
  });
});

describe('computeProgress: deadlines', () => {
  it('marks an unmet target missed once its deadline has passed and its last actual falls short', () => {
    const r = computeProgress(buildInput({ today: '2026-01-01', ...actual(65, '2025-12') }));
    expect(r.status).toBe('missed');
    expect(r.expectedProgress).toBe(100);
    expect(r.progress).toBe(75);
  });

  it('marks a target with no actual unreported (not missed) once its deadline has passed', () => {
    const r = computeProgress(buildInput({ today: '2026-01-01' }));
    expect(r.status).toBe('unreported');
    expect(r.progress).toBeNull();
  });

  it('reports no_data when there is no actual before the deadline', () => {
    const r = computeProgress(buildInput());
    expect(r.status).toBe('no_data');
    expect(r.progress).toBeNull();
    expect(r.expectedProgress).toBe(50);
  });

  it('is not overdue on the last day of a year deadline, when 100 % is expected', () => {
    const r = computeProgress(buildInput({ today: '2025-12-31', ...actual(68) }));
    expect(r.expectedProgress).toBe(100);
    expect(r.status).toBe('on_track'); // 90 vs 100
  });

  it('ends a month deadline on the last day of that month', () => {
    const input = buildInput({ deadline: '2025-06', ...actual(60) });
    expect(computeProgress({ ...input, today: '2025-06-30' }).status).toBe('off_track'); // 50 vs 100
    expect(computeProgress({ ...input, today: '2025-07-01' }).status).toBe('missed');
  });

  it('knows February of a leap year has 29 days', () => {
    const input = buildInput({ deadline: '2024-02', ...actual(60) });
    expect(computeProgress({ ...input, today: '2024-02-29' }).status).not.toBe('missed');
    expect(computeProgress({ ...input, today: '2024-03-01' }).status).toBe('missed');
  });

  it('accepts a full date as deadline', () => {
    const r = computeProgress(buildInput({ deadline: '2025-12-31', today: '2024-07-01' }));
    expect(r.expectedProgress).toBe(50);
  });
});

describe('computeProgress: no deadline', () => {
  const open = { deadline: null };

  it('gives no expected progress', () => {
    expect(computeProgress(buildInput({ ...open, ...actual(60) })).expectedProgress).toBeNull();
  });

  it('is on track from 70 % progress', () => {
    expect(computeProgress(buildInput({ ...open, ...actual(64) })).status).toBe('on_track'); // 70 %
  });

  it('is at risk below 70 % progress but never off track', () => {
    expect(computeProgress(buildInput({ ...open, ...actual(52) })).status).toBe('at_risk');
    expect(computeProgress(buildInput({ ...open, ...actual(10) })).status).toBe('at_risk');
  });

  it('still marks a met target achieved', () => {
    expect(computeProgress(buildInput({ ...open, ...actual(80) })).status).toBe('achieved');
  });

  it('reports no_data without an actual, and is never missed or unreported', () => {
    expect(computeProgress(buildInput({ ...open, today: '2099-01-01' })).status).toBe('no_data');
  });

  it('treats an unreadable deadline as no deadline', () => {
    const r = computeProgress(buildInput({ deadline: '2025年底', ...actual(60) }));
    expect(r.expectedProgress).toBeNull();
    expect(r.status).toBe('at_risk');
  });
});

describe('computeProgress: per-year targets', () => {
  // 年均增速超过20%, plan 2023—2025.
  const annual = { comparator: '>' as const, value: 20, perYear: true, baselineValue: 12, baselineDate: '2022' };

  it('compares the latest annual actual directly with the annual value', () => {
    const r = computeProgress(buildInput({ ...annual, today: '2025-03-01', ...actual(19, '2024') }));
    expect(r.progress).toBe(95); // from zero: the baseline of a rate is not a starting point
    expect(r.expectedProgress).toBe(100);
    expect(r.status).toBe('on_track');
  });

  it('marks a per-year target achieved when the latest year meets it', () => {
    expect(computeProgress(buildInput({ ...annual, ...actual(21, '2024') })).status).toBe('achieved');
  });

  it('bands a per-year target against the full annual value', () => {
    expect(computeProgress(buildInput({ ...annual, ...actual(16, '2023') })).status).toBe('at_risk'); // 80
    expect(computeProgress(buildInput({ ...annual, ...actual(14, '2023') })).status).toBe('off_track'); // 70
  });

  it('ignores an actual older than last year', () => {
    const r = computeProgress(buildInput({ ...annual, today: '2025-03-01', ...actual(25, '2023') }));
    expect(r.status).toBe('no_data');
    expect(r.progress).toBeNull();
  });

  it('judges the deadline year after the plan has ended', () => {
    const done = { ...annual, today: '2027-06-01' };
    expect(computeProgress(buildInput({ ...done, ...actual(22, '2025') })).status).toBe('achieved');
    expect(computeProgress(buildInput({ ...done, ...actual(18, '2025') })).status).toBe('missed');
  });

  it('marks a per-year target unreported when no recent actual exists after the deadline', () => {
    // The 2022 figure says nothing about the plan's last year: nothing that counts was reported.
    expect(computeProgress(buildInput({ ...annual, today: '2027-06-01', ...actual(25, '2022') })).status).toBe(
      'unreported',
    );
  });
});

describe('computeProgress: odd input', () => {
  it('handles a target value of 0 without dividing by it', () => {
    const met = computeProgress(buildInput({ value: 0, baselineValue: null, ...actual(0) }));
    expect(met).toMatchObject({ progress: 100, status: 'achieved' });
    const unmet = computeProgress(buildInput({ value: 0, baselineValue: null, ...actual(-2) }));
    expect(unmet).toMatchObject({ progress: null, status: 'at_risk' });
  });

  it('handles a baseline equal to the target', () => {
    expect(computeProgress(buildInput({ baselineValue: 70, ...actual(70) }))).toMatchObject({
      progress: 100,
      status: 'achieved',
    });
    expect(computeProgress(buildInput({ baselineValue: 70, ...actual(69) }))).toMatchObject({
      progress: null,
      status: 'at_risk',
    });
  });

  it('measures negative targets and actuals from a negative baseline', () => {
    // 亏损 from −10 to at least −2 (亿元): −6 is half-way.
    const r = computeProgress(buildInput({ value: -2, baselineValue: -10, ...actual(-6) }));
    expect(r.progress).toBe(50);
  });

  it('uses an actual dated after today as it is', () => {
    const r = computeProgress(buildInput({ today: '2024-07-01', ...actual(60, '2024') }));
    expect(r.progress).toBe(50);
    expect(r.status).toBe('on_track');
  });

  it('treats a non-finite actual as no data and a non-finite target as unjudgeable', () => {
    expect(computeProgress(buildInput(actual(Number.NaN))).status).toBe('no_data');
    expect(computeProgress(buildInput({ value: Number.POSITIVE_INFINITY, ...actual(60) })).status).toBe('no_data');
  });

  it('ignores an impossible baseline date and falls back to the default window', () => {
    const r = computeProgress(buildInput({ baselineDate: '2022-13', today: '2024-07-02' }));
    expect(r.expectedProgress).toBe(50);
  });

  it('collapses a window that ends before it starts to 0 or 100', () => {
    expect(computeProgress(buildInput({ baselineDate: '2026', today: '2025-06-01' })).expectedProgress).toBe(0);
    expect(computeProgress(buildInput({ baselineDate: '2026', today: '2026-01-01' })).expectedProgress).toBe(100);
  });

  it('never throws nor returns NaN or Infinity, whatever the input', () => {
    const num = fc.oneof(fc.double(), fc.integer({ min: -1000, max: 1000 }));
    const date = fc.oneof(
      fc.constantFrom('2020', '2025', '2025-02', '2024-02-29', '2025-13', '', 'x', '2025-12-31'),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.record({
          comparator: fc.constantFrom(...COMPARATORS),
          value: num,
          valueMax: fc.option(num),
          baselineValue: fc.option(num),
          baselineDate: fc.option(date),
          latestActual: fc.option(fc.record({ value: num, asOf: date })),
          deadline: fc.option(date),
          perYear: fc.boolean(),
          today: date,
          startDate: fc.option(date),
        }),
        (input) => {
          const r = computeProgress(input);
          expect(STATUSES).toContain(r.status);
          for (const n of [r.progress, r.clampedProgress, r.expectedProgress]) {
            if (n !== null) expect(Number.isFinite(n)).toBe(true);
          }
          if (r.clampedProgress !== null) {
            expect(r.clampedProgress).toBeGreaterThanOrEqual(0);
            expect(r.clampedProgress).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('computeProgress: missed versus unreported (docs/status.md)', () => {
  it('splits a passed deadline by whether anything was reported', () => {
    const after = { today: '2026-03-01' };
    expect(computeProgress(buildInput({ ...after })).status).toBe('unreported');
    expect(computeProgress(buildInput({ ...after, ...actual(10, '2024-06') })).status).toBe('missed');
    // Met stays achieved after the deadline, late actual or not.
    expect(computeProgress(buildInput({ ...after, ...actual(1000, '2026-02') })).status).toBe('achieved');
  });

  it('never gives missed or unreported before the deadline has passed', () => {
    for (const today of ['2024-01-01', '2025-06-30', '2025-12-31']) {
      expect(computeProgress(buildInput({ today })).status).toBe('no_data');
      expect(['missed', 'unreported']).not.toContain(computeProgress(buildInput({ today, ...actual(10) })).status);
    }
  });
});

describe('isStale / staleCutoff', () => {
  it('flags an actual older than the configured age, and only then', () => {
    expect(staleCutoff('2026-03-01', 365)).toBe('2025-03-01');
    expect(isStale('2025-02-28', '2026-03-01', 365)).toBe(true);
    expect(isStale('2025-03-01', '2026-03-01', 365)).toBe(false);
    expect(isStale('2026-02-01', '2026-03-01', 30)).toBe(false);
    expect(staleCutoff('2026-03-01', 30)).toBe('2026-01-30');
    expect(isStale('2026-01-29', '2026-03-01', 30)).toBe(true);
    expect(isStale('2026-01-30', '2026-03-01', 30)).toBe(false);
  });

  it('never flags a target with nothing reported (that is no data or unreported)', () => {
    expect(isStale(null, '2026-03-01', 1)).toBe(false);
  });

  it('crosses a leap day correctly', () => {
    expect(staleCutoff('2024-03-01', 1)).toBe('2024-02-29');
  });
});
