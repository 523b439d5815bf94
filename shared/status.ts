import { MS_PER_DAY, periodDay } from './period';
import type { Comparator, Status } from './taxonomy';

/**
 * Progress and status of one quantified target. Pure: no clock, no I/O — `today` is injected so that
 * the server, the client and the tests all agree on the same answer for the same input.
 * The rules are explained for readers of the dashboard in docs/status.md; keep both in step.
 */

/** What {@link computeProgress} needs to know about a target and its latest actual. */
export interface ProgressInput {
  comparator: Comparator;
  /** Target value (lower bound of a `range`). */
  value: number;
  /** Upper bound of a `range`; ignored by every other comparator. */
  valueMax: number | null;
  /** Value of the metric when tracking began; null if the text gives none. */
  baselineValue: number | null;
  /** Date of the baseline: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year or month names its end). */
  baselineDate: string | null;
  /** Latest reported figure; `asOf` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a year or month names its end). */
  latestActual: { value: number; asOf: string } | null;
  /** `YYYY` (= 31 Dec of that year) or `YYYY-MM` (= last day of that month); `YYYY-MM-DD` is accepted too. */
  deadline: string | null;
  /** A recurring annual goal (每年…, 年均增速…): each year's actual is judged against `value` on its own. */
  perYear: boolean;
  /** `YYYY-MM-DD`, injected by the caller — never read from the clock here. */
  today: string;
  /**
   * When tracking began if there is no baseline date: the plan's first year (`2023` of 2023—2025年, which
   * names 1 Jan 2023) or the document's date. Unlike the other dates, a year or month names its start.
   */
  startDate?: string | null;
}

/** Output of {@link computeProgress}. Every number is finite (or null) and rounded to 0.1. */
export interface ProgressResult {
  /**
   * % of the way from the baseline (or from zero) to the target reached by the latest actual, unclamped so
   * that over-achievement (超额完成, 150 %) and regression (−20 %) show, but bounded to ±999. Null when no
   * actual, or when the distance cannot be measured proportionally (see the rules on computeProgress).
   */
  progress: number | null;
  /** `progress` clamped to [0, 100]: for progress bars and for averages over many targets. */
  clampedProgress: number | null;
  /** % of the way the target should be by `today` on a straight line from start to deadline; null without a deadline. */
  expectedProgress: number | null;
  status: Status;
}

/** Status bands, in percentage points of progress behind the expected progress (see computeProgress). */
export const ON_TRACK_MAX_GAP = 10;
export const AT_RISK_MAX_GAP = 25;
/** Without a deadline there is no clock: a target is on track from this much progress (Google's 0.7 OKR grade). */
export const NO_DEADLINE_ON_TRACK_PROGRESS = 70;
/** `~` (左右 / 约): the actual may fall this fraction short of the value (or pass it, for a decreasing target). */
export const APPROX_TOLERANCE = 0.05;
/** `=` (达到 / 实现): relative slack that absorbs rounding of reported figures and of unit conversion (万, 亿). */
export const EXACT_TOLERANCE = 0.001;
/** Without a baseline date or start date, tracking is assumed to start this many years before the deadline year ends. */
export const DEFAULT_WINDOW_YEARS = 3;
/** Bound of `progress`, so that a target of 1 against an actual of 1e6 still displays sensibly. */
export const PROGRESS_LIMIT = 999;

/** Slack for floating-point noise in `>=`, `<=`, `range` comparisons (0.1 + 0.2 ≥ 0.3). */
const FLOAT_EPSILON = 1e-9;

type Direction = 'up' | 'down';

/**
 * Computes how far a target has progressed, how far it should have by `today`, and its status.
 * Never throws; never returns NaN or Infinity.
 *
 * **Achieved** — the latest actual satisfies the comparator:
 * - `>=` actual ≥ value; `>` actual > value; `<=` actual ≤ value; `<` actual < value.
 * - `=` (达到 / 实现, "reach") — reached within {@link EXACT_TOLERANCE} (0.1 %). In policy language 达到 X means
 *   "get to X", so passing it (超额完成) also counts: for an increasing target any actual ≥ value − 0.1 %,
 *   for a decreasing one (baseline above the value) any actual ≤ value + 0.1 %.
 * - `~` (左右 / 约) — the same with a ±{@link APPROX_TOLERANCE} (5 %) band: 约500亿元 is met from 475亿元 on.
 *   Status has no "overshot" value, and an overshoot is reported by governments as met.
 * - `range` (2–3家) — met from the lower bound on, above the upper bound included: the ranges in these texts
 *   are counts (培育2-3家企业) where more is better. The upper bound does not enter progress either.
 * Achieved wins over everything else, also after the deadline (late, but met).
 *
 * **Progress** (`progress`, %):
 * - Increasing targets (`>=`, `>`, `range`, and `=`/`~` unless the baseline is above the value):
 *   (actual − baseline) / (value − baseline); with no baseline, from zero: actual / value.
 * - Decreasing targets (`<=`, `<`, and `=`/`~` with the baseline above the value):
 *   (baseline − actual) / (baseline − value). Without a baseline "from zero" means nothing (a wait time
 *   of 30 minutes against 不超过20分钟 is not 67 % or 150 % of the way), so progress is 100 if met, else null.
 * - The same "100 if met, else null" applies whenever the distance to cover is not positive: the baseline
 *   already at or past the value, a target of 0 or below measured from zero (增速不低于0).
 * - A strict comparator exactly at its value reads 100 % without being achieved.
 *
 * **Expected progress** — linear in time, as OKR and performance-dashboard tools draw it (0 % on the first
 * day, 100 % on the last): from the start to the deadline, clamped to [0, 100]. The start is the baseline
 * date (end of that period: a 2022 baseline is the figure at 31 Dec 2022), else `startDate` (beginning of
 * that period), else 1 Jan of the deadline year − ({@link DEFAULT_WINDOW_YEARS} − 1): a 2025 deadline is
 * read as 2023-01-01 → 2025-12-31, the shape of the commonest plan here, the 三年行动计划 (2023—2025年).
 * Expectation is measured at `today`, not at the actual's date: a stale figure is itself a reason to worry,
 * and the displayed numbers then agree with the status.
 *
 * **Status**, in this order:
 * 1. Achieved, as above.
 * 2. The deadline (its last day) is before `today` and the target is not achieved:
 *    `missed` when an actual was reported and falls short, `unreported` when none was (or none that counts: a
 *    per-year goal's actual older than the year before the reference year). Both must be chased; they need
 *    different chasing (a shortfall to explain, a figure to ask for), so they are not lumped together.
 * 3. `no_data` — no actual (or a non-finite one, or a non-finite target value).
 * 4. With a deadline, by the gap g = expected − progress in percentage points:
 *    g ≤ {@link ON_TRACK_MAX_GAP} → `on_track`; g ≤ {@link AT_RISK_MAX_GAP} → `at_risk`; else `off_track`.
 *    The 10-point band is Planview LeanKit's OKR Health rule ("On Track – within 10 % of the projected
 *    progress, inclusively"); the 25-point limit is the off-track line of Ally.io and of Telescope AI's goal
 *    status ("actual completion doesn't meet expected completion in more than 25 percent"). Progress ahead of
 *    expectation (negative gap) is on track.
 * 5. Without a deadline (or with an unreadable date) there is no clock to be behind: progress ≥
 *    {@link NO_DEADLINE_ON_TRACK_PROGRESS} → `on_track` (0.7, the "green" grade of Google's OKR scoring),
 *    else `at_risk`; never `off_track`. Expected progress is null.
 * Unmeasurable progress (null) on an unmet target with time left is `at_risk`: it needs a look, but there is
 * no evidence to call it red or green.
 *
 * **Per-year targets** (每年新增…, 年均增速超过20%): the goal recurs, so progress does not accumulate over the
 * plan: the latest actual is compared directly with the annual value (progress from zero, baseline ignored)
 * and expected progress is 100 — every year should meet it in full. Only an actual of the reference year or
 * the year before counts (the reference year is this year, or the deadline year once it has passed); an older
 * one says nothing about the current year and is treated as no data. Year-to-date figures are compared as if
 * they were the year's: the function cannot tell a cumulative count from a rate.
 *
 * Dates: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (surrounding spaces ignored). An unreadable or impossible date
 * (2025-13) is treated as absent. An actual dated after `today` is used as it is: a `2025` annual figure
 * resolves to 31 Dec 2025 even when entered in December.
 */
export function computeProgress(input: ProgressInput): ProgressResult {
  const today = periodDay(input.today, 'end');
  const deadlineEnd = input.deadline === null ? null : periodDay(input.deadline, 'end');
  const timed = today !== null && deadlineEnd !== null;
  const pastDeadline = timed && today > deadlineEnd;

  const value = input.value;
  const actual = usableActual(input, today, deadlineEnd);
  if (!Number.isFinite(value) || actual === null) {
    return result({
      progress: null,
      expectedProgress: timed ? expectedFor(input, today, deadlineEnd) : null,
      status: pastDeadline ? 'unreported' : 'no_data',
    });
  }

  const baseline = input.perYear || !isFiniteNumber(input.baselineValue) ? null : input.baselineValue;
  const target = input.comparator === 'range' ? rangeLowerBound(value, input.valueMax) : value;
  const direction = directionOf(input.comparator, target, baseline);
  const achieved = satisfies(input.comparator, actual, target, direction);
  const progress = measure(actual, target, baseline, direction, achieved);
  const expectedProgress = timed ? expectedFor(input, today, deadlineEnd) : null;

  let status: Status;
  if (achieved) status = 'achieved';
  else if (pastDeadline) status = 'missed';
  else if (progress === null) status = 'at_risk';
  else if (expectedProgress === null) status = progress >= NO_DEADLINE_ON_TRACK_PROGRESS ? 'on_track' : 'at_risk';
  else status = band(expectedProgress - progress);

  return result({ progress, expectedProgress, status });
}

/** The latest actual's value if it counts: finite, and for a per-year goal recent enough to speak for this year. */
function usableActual(input: ProgressInput, today: number | null, deadlineEnd: number | null): number | null {
  const latest = input.latestActual;
  if (latest === null || !Number.isFinite(latest.value)) return null;
  if (!input.perYear || today === null) return latest.value;
  const asOf = periodDay(latest.asOf, 'end');
  if (asOf === null) return latest.value;
  const todayYear = yearOf(today);
  const referenceYear = deadlineEnd === null ? todayYear : Math.min(todayYear, yearOf(deadlineEnd));
  return yearOf(asOf) >= referenceYear - 1 ? latest.value : null;
}

function band(gap: number): Status {
  if (gap <= ON_TRACK_MAX_GAP) return 'on_track';
  if (gap <= AT_RISK_MAX_GAP) return 'at_risk';
  return 'off_track';
}

/** `2-3家` → 2; a swapped or missing upper bound never raises the bar above the smaller figure. */
function rangeLowerBound(value: number, valueMax: number | null): number {
  return isFiniteNumber(valueMax) ? Math.min(value, valueMax) : value;
}

function directionOf(comparator: Comparator, target: number, baseline: number | null): Direction {
  if (comparator === '<=' || comparator === '<') return 'down';
  if ((comparator === '=' || comparator === '~') && baseline !== null && baseline > target) return 'down';
  return 'up';
}

function satisfies(comparator: Comparator, actual: number, target: number, direction: Direction): boolean {
  const slack = FLOAT_EPSILON * Math.max(1, Math.abs(target));
  switch (comparator) {
    case '>=':
    case 'range':
      return actual >= target - slack;
    case '>':
      return actual > target;
    case '<=':
      return actual <= target + slack;
    case '<':
      return actual < target;
    case '=':
    case '~': {
      const tolerance = (comparator === '=' ? EXACT_TOLERANCE : APPROX_TOLERANCE) * Math.abs(target) + slack;
      return direction === 'up' ? actual >= target - tolerance : actual <= target + tolerance;
    }
  }
}

/** Raw progress %, or null when the distance to cover is not positive and the target is not met. */
function measure(
  actual: number,
  target: number,
  baseline: number | null,
  direction: Direction,
  achieved: boolean,
): number | null {
  // A decreasing target needs a baseline: "from zero" would read a falling wait time as rising progress.
  if (direction === 'down' && baseline === null) return achieved ? 100 : null;
  const start = baseline ?? 0;
  const span = direction === 'up' ? target - start : start - target;
  const covered = direction === 'up' ? actual - start : start - actual;
  if (!(span > 0)) return achieved ? 100 : null;
  const raw = (covered / span) * 100;
  return Number.isFinite(raw) ? clamp(raw, -PROGRESS_LIMIT, PROGRESS_LIMIT) : null;
}

/** Linear expected progress at `today`; 100 for a per-year goal, which must be met in full every year. */
function expectedFor(input: ProgressInput, today: number, deadlineEnd: number): number {
  if (input.perYear) return 100;
  const start =
    parseOptionalDay(input.baselineDate, 'end') ??
    parseOptionalDay(input.startDate, 'start') ??
    Date.UTC(yearOf(deadlineEnd) - (DEFAULT_WINDOW_YEARS - 1), 0, 1) / MS_PER_DAY;
  if (deadlineEnd <= start) return today >= deadlineEnd ? 100 : 0;
  return clamp(((today - start) / (deadlineEnd - start)) * 100, 0, 100);
}

function result(r: { progress: number | null; expectedProgress: number | null; status: Status }): ProgressResult {
  return {
    progress: round1(r.progress),
    clampedProgress: r.progress === null ? null : round1(clamp(r.progress, 0, 100)),
    expectedProgress: round1(r.expectedProgress),
    status: r.status,
  };
}

function parseOptionalDay(text: string | null | undefined, edge: 'start' | 'end'): number | null {
  return typeof text === 'string' ? periodDay(text, edge) : null;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function isFiniteNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

function round1(x: number | null): number | null {
  // `+ 0` turns −0 into 0, so that JSON and equality checks never see a negative zero.
  return x === null ? null : Math.round(x * 10) / 10 + 0;
}

/** How old the latest actual may be before a target is flagged stale, unless configured otherwise (days). */
export const DEFAULT_STALE_AFTER_DAYS = 365;

/** The last cutoff asked for: every row of a page asks with the same two arguments. */
let lastCutoff = { today: '', days: Number.NaN, cutoff: '' };

/**
 * The first day on which an actual is still fresh: an actual dated before it (`asOf < cutoff`, compared as
 * YYYY-MM-DD text, as SQL compares it) is stale. `today` − `staleAfterDays` days.
 */
export function staleCutoff(today: string, staleAfterDays: number): string {
  if (lastCutoff.today === today && lastCutoff.days === staleAfterDays) return lastCutoff.cutoff;
  const day = periodDay(today, 'end');
  const cutoff = day === null ? '0000-00-00' : new Date((day - staleAfterDays) * MS_PER_DAY).toISOString().slice(0, 10);
  lastCutoff = { today, days: staleAfterDays, cutoff };
  return cutoff;
}

/**
 * Stale: an actual was reported, but its as-of date is older than `staleAfterDays` before `today`. A target with
 * nothing reported is not stale (it is no data or unreported); an actual's status is kept as computed — stale is a
 * flag beside it, saying the figure on which the status rests is old.
 */
export function isStale(lastReportedAt: string | null, today: string, staleAfterDays: number): boolean {
  return lastReportedAt !== null && lastReportedAt < staleCutoff(today, staleAfterDays);
}
