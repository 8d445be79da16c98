// Reads a holiday file (the shape of data/cn-public-holidays.json) into calendar days. Pure: no I/O.
import type { CalendarDay } from './catalogue-types.js';
import { isCalendarDate, isWeekend } from './sla-deadline.js';

export interface HolidayFileProblem {
  field: string;
  message: string;
}

export interface HolidayYear {
  year: number;
  days: CalendarDay[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function readYear(year: string, entry: unknown, problems: HolidayFileProblem[]): CalendarDay[] {
  const at = `years.${year}`;
  const days: CalendarDay[] = [];
  const seen = new Set<string>();
  const add = (field: string, date: string, day: CalendarDay) => {
    if (!isCalendarDate(date))
      problems.push({ field, message: `${date} is not a date (YYYY-MM-DD)` });
    else if (!date.startsWith(`${year}-`))
      problems.push({ field, message: `${date} is not in ${year}` });
    else if (seen.has(date)) problems.push({ field, message: `${date} is listed twice` });
    else {
      seen.add(date);
      days.push(day);
    }
  };
  if (!isObject(entry) || !Array.isArray(entry.holidays) || !isStringArray(entry.makeup_workdays)) {
    problems.push({
      field: at,
      message: 'needs "holidays" (a list) and "makeup_workdays" (dates)',
    });
    return days;
  }
  entry.holidays.forEach((holiday: unknown, h) => {
    const field = `${at}.holidays.${h}`;
    if (
      !isObject(holiday) ||
      typeof holiday.name !== 'string' ||
      holiday.name.trim() === '' ||
      !isStringArray(holiday.days)
    ) {
      problems.push({ field, message: 'needs a "name" and "days" (dates)' });
      return;
    }
    const name = holiday.name.trim();
    holiday.days.forEach((date, d) =>
      add(`${field}.days.${d}`, date, { date, kind: 'holiday', name }),
    );
  });
  entry.makeup_workdays.forEach((date, d) => {
    const field = `${at}.makeup_workdays.${d}`;
    if (isCalendarDate(date) && !isWeekend(date)) {
      problems.push({
        field,
        message: `${date} is a weekday: a make-up working day (调休上班) is a Saturday or Sunday`,
      });
      return;
    }
    add(field, date, { date, kind: 'workday', name: '调休上班' });
  });
  return days;
}

/** The days of each year in a holiday file, or every problem found in it. */
export function readHolidayFile(
  file: unknown,
): { years: HolidayYear[]; problems: [] } | { years: null; problems: HolidayFileProblem[] } {
  if (!isObject(file) || !isObject(file.years)) {
    return { years: null, problems: [{ field: 'years', message: 'needs an object of years' }] };
  }
  const problems: HolidayFileProblem[] = [];
  const years: HolidayYear[] = [];
  for (const [year, entry] of Object.entries(file.years)) {
    if (!/^\d{4}$/.test(year)) {
      problems.push({ field: `years.${year}`, message: 'a year is four digits' });
      continue;
    }
    years.push({ year: Number(year), days: readYear(year, entry, problems) });
  }
  if (years.length === 0 && problems.length === 0)
    problems.push({ field: 'years', message: 'lists no year' });
  return problems.length > 0 ? { years: null, problems } : { years, problems: [] };
}
