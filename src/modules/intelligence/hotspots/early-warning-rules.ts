// Early warning (预警): is this period's count of one category in one district unusually high?
// Pure rules: daily counts in, an expected value and a tail probability out.
//
// The expected value is a seasonal baseline: for a day, half the mean of the same weekday over
// the trailing weeks and half the trailing daily mean times the city's weekday factor (Mondays
// are busy everywhere); for a week, the trailing weekly mean. When the history reaches a year
// back, last year's change from the trailing weeks to the same period scales it (summer power
// cuts come back every summer). The count is unusual when a negative binomial (dispersion from
// the trailing counts; Poisson when they vary no more than Poisson) puts it in the upper tail
// beyond `alpha`, and it is also at least `minCount` and `minRatio` times the expected value.

export type WarningPeriod = 'day' | 'week';

export interface WarningSettings {
  /** Trailing weeks the baseline is made of. */
  baselineWeeks: number;
  /** Largest tail probability that raises an alert (many series are tested each period). */
  alpha: number;
  /** Fewest appeals in the period for an alert. */
  minCount: Record<WarningPeriod, number>;
  /** The count must be at least this many times the expected value. */
  minRatio: number;
}

export const DEFAULT_WARNING: WarningSettings = {
  baselineWeeks: 8,
  alpha: 0.001,
  minCount: { day: 4, week: 6 },
  minRatio: 1.5,
};

/** Daily counts by local date ('YYYY-MM-DD'); a missing date is 0. */
export type DailyCounts = ReadonlyMap<string, number>;

export interface Expectation {
  expected: number;
  /** Negative binomial size (shape); null: Poisson. */
  dispersion: number | null;
  /** How it was made, kept with the alert and shown on the analyst page. */
  parts: {
    trailingMean: number;
    weekdayMean?: number;
    weekdayFactor?: number;
    yearAgoFactor?: number;
  };
}

export interface Judgement extends Expectation {
  observed: number;
  pValue: number;
  alert: boolean;
}

const DAY_MS = 86_400_000;

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

const countOn = (counts: DailyCounts, date: string) => counts.get(date) ?? 0;

function sumDays(counts: DailyCounts, from: string, days: number): number {
  let sum = 0;
  for (let i = 0; i < days; i++) sum += countOn(counts, addDays(from, i));
  return sum;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Method-of-moments negative binomial size; null when the counts are not over-dispersed. */
function dispersionOf(values: readonly number[]): number | null {
  const m = mean(values);
  if (values.length < 3 || m <= 0) return null;
  const variance = values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
  if (variance <= m) return null;
  return Math.max(2, (m * m) / (variance - m));
}

/**
 * Last year's change from the trailing window to the period itself, when the history reaches a
 * year back and last year had enough appeals to say (at least 10); clipped to [0.5, 3].
 */
function yearAgoFactor(
  counts: DailyCounts,
  periodStart: string,
  periodDays: number,
  settings: WarningSettings,
  historyStart: string | null,
): number | undefined {
  const baselineDays = settings.baselineWeeks * 7;
  const lastYear = addDays(periodStart, -364);
  if (historyStart === null || historyStart > addDays(lastYear, -baselineDays)) return undefined;
  const before = sumDays(counts, addDays(lastYear, -baselineDays), baselineDays) / baselineDays;
  const during = sumDays(counts, lastYear, periodDays) / periodDays;
  if (before * baselineDays < 10) return undefined;
  return Math.min(3, Math.max(0.5, during / before));
}

/**
 * The expected count of one series on `date`. `city` is every appeal's daily count: its
 * weekday factor is steadier than a single category's.
 */
export function expectDay(
  counts: DailyCounts,
  city: DailyCounts,
  date: string,
  settings: WarningSettings = DEFAULT_WARNING,
  historyStart: string | null = null,
): Expectation {
  const weeks = settings.baselineWeeks;
  const baselineDays = weeks * 7;
  const from = addDays(date, -baselineDays);
  const sameWeekday = Array.from({ length: weeks }, (_, k) =>
    countOn(counts, addDays(date, -7 * (k + 1))),
  );
  const trailingMean = sumDays(counts, from, baselineDays) / baselineDays;
  const cityMean = sumDays(city, from, baselineDays) / baselineDays;
  const cityWeekday = mean(
    Array.from({ length: weeks }, (_, k) => countOn(city, addDays(date, -7 * (k + 1)))),
  );
  const weekdayFactor = cityMean * baselineDays >= baselineDays ? cityWeekday / cityMean : 1;
  const weekdayMean = mean(sameWeekday);
  let expected = 0.5 * weekdayMean + 0.5 * trailingMean * weekdayFactor;
  const yearAgo = yearAgoFactor(counts, date, 1, settings, historyStart);
  if (yearAgo !== undefined) expected *= yearAgo;
  return {
    expected,
    dispersion: dispersionOf(sameWeekday),
    parts: { trailingMean, weekdayMean, weekdayFactor, yearAgoFactor: yearAgo },
  };
}

/** The expected count of one series in the week starting on `monday`. */
export function expectWeek(
  counts: DailyCounts,
  monday: string,
  settings: WarningSettings = DEFAULT_WARNING,
  historyStart: string | null = null,
): Expectation {
  const weekly = Array.from({ length: settings.baselineWeeks }, (_, k) =>
    sumDays(counts, addDays(monday, -7 * (k + 1)), 7),
  );
  const trailingMean = mean(weekly);
  const yearAgo = yearAgoFactor(counts, monday, 7, settings, historyStart);
  return {
    expected: trailingMean * (yearAgo ?? 1),
    dispersion: dispersionOf(weekly),
    parts: { trailingMean, yearAgoFactor: yearAgo },
  };
}

/**
 * P(X ≥ observed) for X negative binomial with mean `expected` and size `dispersion` (Poisson
 * when null). The expected value is floored at 0.5: a category that was silent is not "infinitely"
 * surprising at its first appeals.
 */
export function upperTail(observed: number, expected: number, dispersion: number | null): number {
  if (observed <= 0) return 1;
  const mu = Math.max(0.5, expected);
  let term: number;
  let next: (x: number) => number;
  if (dispersion === null) {
    term = Math.exp(-mu);
    next = (x) => mu / (x + 1);
  } else {
    const k = dispersion;
    term = Math.pow(k / (k + mu), k);
    next = (x) => ((x + k) / (x + 1)) * (mu / (k + mu));
  }
  let below = 0;
  for (let x = 0; x < observed; x++) {
    below += term;
    term *= next(x);
  }
  return Math.min(1, Math.max(0, 1 - below));
}

/** Whether `observed` against `expectation` raises an alert for a `period`. */
export function judge(
  observed: number,
  expectation: Expectation,
  period: WarningPeriod,
  settings: WarningSettings = DEFAULT_WARNING,
): Judgement {
  const pValue = upperTail(observed, expectation.expected, expectation.dispersion);
  const alert =
    observed >= settings.minCount[period] &&
    observed >= settings.minRatio * expectation.expected &&
    pValue < settings.alpha;
  return { ...expectation, observed, pValue, alert };
}
