// Periods of the dashboard: a month (the default), an ISO week, or any range of days, and the
// period just before of the same length (for "change on the previous period"). Pure.

export type PeriodKind = 'month' | 'week' | 'range';

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const text = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) =>
  text(new Date(day(iso).getTime() + days * DAY_MS));

/** "2026-11" → 1 to 30 November. */
export function monthPeriod(month: string): Period {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0));
  return { from: `${month}-01`, to: text(last) };
}

/** "2026-W48" (as <input type="week"> gives it) → Monday to Sunday of that ISO week. */
export function weekPeriod(week: string): Period {
  const [yearText, weekText] = week.split('-W');
  const year = Number(yearText);
  const number = Number(weekText);
  // ISO 8601: week 1 holds the year's first Thursday, so 4 January is always in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS);
  const from = text(new Date(monday1.getTime() + (number - 1) * 7 * DAY_MS));
  return { from, to: addDays(from, 6) };
}

/** The ISO week of a day, as <input type="week"> writes it ("2026-W48"). */
export function weekOf(iso: string): string {
  const date = day(iso);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const number = Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/** The period before: the previous month for a whole month, else as many days just before. */
export function previousPeriod(period: Period): Period {
  const from = day(period.from);
  const to = day(period.to);
  const wholeMonth =
    from.getUTCDate() === 1 &&
    text(new Date(to.getTime() + DAY_MS)).endsWith('-01') &&
    period.from.slice(0, 7) === period.to.slice(0, 7);
  if (wholeMonth) return monthPeriod(text(new Date(from.getTime() - DAY_MS)).slice(0, 7));
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** The month a period's ranking is of: the month of its last day. */
export const rankingMonth = (period: Period) => period.to.slice(0, 7);
