// Time limits on the working-day calendar. Pure: no I/O, no "now"; every input is passed in.
// Limits in hours run on the clock; limits in days count working days (../shared/DOMAIN.md).
import { fromLocalTime, toLocalTime } from '../../platform/time-zone.js';

export type DayKind = 'holiday' | 'workday';
/** The listed days of the calendar: holidays (放假) and make-up working days (调休上班), by 'YYYY-MM-DD'. */
export type CalendarDays = ReadonlyMap<string, DayKind>;
export type Urgency = 'normal' | 'urgent' | 'emergency';

export type TimeLimit =
  | { unit: 'minutes'; amount: number }
  | { unit: 'hours'; amount: number }
  | { unit: 'working_days'; amount: number };

export interface TimeLimits {
  signFor: Record<Urgency, TimeLimit>;
  feedback: Record<Urgency, TimeLimit>;
  callback: TimeLimit;
}

/** The defaults of ../shared/DOMAIN.md ("Time limits"); issue 4 makes them configurable per category. */
export const DEFAULT_TIME_LIMITS: TimeLimits = {
  // Sign-for after dispatch: 2 h, emergency 30 min (Haikou 12345 practice).
  signFor: {
    normal: { unit: 'hours', amount: 2 },
    urgent: { unit: 'hours', amount: 2 },
    emergency: { unit: 'minutes', amount: 30 },
  },
  // Feedback: emergency 2 h, urgent utilities 24 h, general 7 working days
  // (Beijing 12345 service standard, draft 2021).
  feedback: {
    emergency: { unit: 'hours', amount: 2 },
    urgent: { unit: 'hours', amount: 24 },
    normal: { unit: 'working_days', amount: 7 },
  },
  // Callback: 1 working day after the reply (common local practice).
  callback: { unit: 'working_days', amount: 1 },
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const isWeekend = (date: string): boolean => [0, 6].includes(weekdayOf(date));

/** Weekends are rest days unless listed as make-up working days; listed holidays are rest days. */
export function isWorkingDay(date: string, calendar: CalendarDays): boolean {
  const kind = calendar.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  return !isWeekend(date);
}

/** The 'YYYY-MM-DD' date `days` after `date`. */
export function shiftDate(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** How far ahead a calendar may have to be searched: a year of rest days would be a bad calendar. */
const MAX_DAYS_SEARCHED = 366 * 2;

function nextWorkingDay(date: string, calendar: CalendarDays): string {
  let day = date;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    day = shiftDate(day, 1);
    if (isWorkingDay(day, calendar)) return day;
  }
  throw new RangeError(`no working day within ${MAX_DAYS_SEARCHED} days after ${date}`);
}

/**
 * The instant `n` working days after `from`, counted in the centre's time zone and keeping the
 * time of day. Started on a rest day, the count starts at 00:00 of the next working day (so one
 * working day from a Saturday ends when Monday ends).
 */
export function addWorkingDays(
  from: Date,
  n: number,
  calendar: CalendarDays,
  timeZone: string,
): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be ≥ 0 (got ${n})`);
  const local = toLocalTime(from, timeZone);
  const startsOnWorkingDay = isWorkingDay(local.date, calendar);
  if (startsOnWorkingDay && n === 0) return new Date(from);
  const start = startsOnWorkingDay
    ? local
    : { date: nextWorkingDay(local.date, calendar), timeOfDay: 0 };
  let day = start.date;
  for (let counted = 0; counted < n; counted++) day = nextWorkingDay(day, calendar);
  return fromLocalTime({ date: day, timeOfDay: start.timeOfDay }, timeZone);
}

/** The instant `hours` (may be fractional) after `from`, on the clock. */
export function addHours(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * 3_600_000);
}

/** The deadline of one time limit started at `from`. */
export function applyLimit(
  from: Date,
  limit: TimeLimit,
  calendar: CalendarDays,
  timeZone: string,
): Date {
  switch (limit.unit) {
    case 'minutes':
      return addHours(from, limit.amount / 60);
    case 'hours':
      return addHours(from, limit.amount);
    case 'working_days':
      return addWorkingDays(from, limit.amount, calendar, timeZone);
  }
}

/** Sign-for and feedback deadlines of a dispatch at `at`. */
export function dispatchDeadlines(
  at: Date,
  urgency: Urgency,
  calendar: CalendarDays,
  timeZone: string,
  limits: TimeLimits = DEFAULT_TIME_LIMITS,
): { signDueAt: Date; replyDueAt: Date } {
  return {
    signDueAt: applyLimit(at, limits.signFor[urgency], calendar, timeZone),
    replyDueAt: applyLimit(at, limits.feedback[urgency], calendar, timeZone),
  };
}

/** The callback deadline of a reply made at `at`. */
export function callbackDeadline(
  at: Date,
  calendar: CalendarDays,
  timeZone: string,
  limits: TimeLimits = DEFAULT_TIME_LIMITS,
): Date {
  return applyLimit(at, limits.callback, calendar, timeZone);
}
