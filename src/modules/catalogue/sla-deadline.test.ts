import { describe, expect, it } from 'vitest';
import { SHIPPED_HOLIDAYS } from './calendar.service.js';
import { readHolidayFile } from './holiday-file.js';
import {
  addHours,
  addWorkingDays,
  callbackDeadline,
  dispatchDeadlines,
  isWorkingDay,
  type CalendarDays,
} from './sla-deadline.js';

const shipped = readHolidayFile(SHIPPED_HOLIDAYS);
const calendar: CalendarDays = new Map(
  (shipped.years ?? []).flatMap((y) => y.days.map((d) => [d.date, d.kind] as const)),
);
const SHANGHAI = 'Asia/Shanghai';

describe('the shipped calendar', () => {
  it('is valid and lists 2025 and 2026', () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.years?.map((y) => y.year)).toEqual([2025, 2026]);
  });
});

describe('isWorkingDay (2026)', () => {
  it.each([
    ['2026-01-03', 'Sat, New Year holiday', false],
    ['2026-01-04', 'Sun, make-up working day', true],
    ['2026-02-13', 'Fri before Spring Festival', true],
    ['2026-02-14', 'Sat, make-up working day', true],
    ['2026-02-15', 'Sun, Spring Festival', false],
    ['2026-02-16', 'Mon, Spring Festival', false],
    ['2026-02-23', 'Mon, last day of Spring Festival', false],
    ['2026-02-24', 'Tue, back at work', true],
    ['2026-02-28', 'Sat, make-up working day', true],
    ['2026-03-01', 'Sun, ordinary weekend', false],
    ['2026-03-02', 'Mon, ordinary', true],
    ['2026-10-01', 'Thu, National Day', false],
    ['2026-10-07', 'Wed, National Day', false],
    ['2026-10-10', 'Sat, make-up working day', true],
    ['2026-10-11', 'Sun, ordinary weekend', false],
  ])('%s (%s) → %s', (date, _what, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });

  it('treats every weekend as rest and every weekday as work without a calendar', () => {
    expect(isWorkingDay('2026-10-01', new Map())).toBe(true);
    expect(isWorkingDay('2026-02-14', new Map())).toBe(false);
  });
});

describe('addWorkingDays in Asia/Shanghai (UTC+8)', () => {
  it.each([
    // from (UTC), n, due (UTC), why
    ['2026-02-13T02:00:00Z', 1, '2026-02-14T02:00:00Z', 'Fri 10:00 → the make-up Saturday 10:00'],
    ['2026-02-13T02:00:00Z', 2, '2026-02-24T02:00:00Z', 'over the whole Spring Festival'],
    ['2026-02-13T02:00:00Z', 7, '2026-03-02T02:00:00Z', '7 days: 14, 24–28 (Sat 28 worked), Mon 2'],
    [
      '2026-02-18T07:00:00Z',
      1,
      '2026-02-24T16:00:00Z',
      'from a holiday: all of Tue 24, due 00:00 Wed',
    ],
    ['2026-02-18T07:00:00Z', 0, '2026-02-23T16:00:00Z', '0 days from a holiday: start of Tue 24'],
    ['2026-02-24T03:00:00Z', 0, '2026-02-24T03:00:00Z', '0 days on a working day: unchanged'],
    ['2026-09-30T01:30:00Z', 1, '2026-10-08T01:30:00Z', 'over National Day'],
    ['2026-09-30T01:30:00Z', 3, '2026-10-10T01:30:00Z', 'onto the make-up Saturday after it'],
    ['2026-01-04T06:00:00Z', 1, '2026-01-05T06:00:00Z', 'from the make-up Sunday'],
    [
      '2026-03-06T23:00:00Z',
      1,
      '2026-03-09T16:00:00Z',
      'Fri 23:00 UTC is Sat 07:00 in Luzhou: a rest day',
    ],
    ['2026-03-06T15:59:59Z', 1, '2026-03-09T15:59:59Z', 'Fri 23:59:59 local: still Friday'],
    ['2025-12-31T09:00:00Z', 1, '2026-01-04T09:00:00Z', 'over New Year onto the make-up Sunday'],
  ])('%s + %i → %s (%s)', (from, n, due, _why) => {
    expect(addWorkingDays(new Date(from), n, calendar, SHANGHAI).toISOString()).toBe(
      new Date(due).toISOString(),
    );
  });

  it('keeps the wall-clock time across a daylight-saving change (America/New_York)', () => {
    // Fri 2026-03-06 10:00 EST → Mon 2026-03-09 10:00 EDT (clocks went forward on Sun the 8th).
    const due = addWorkingDays(new Date('2026-03-06T15:00:00Z'), 1, new Map(), 'America/New_York');
    expect(due.toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(new Date(), -1, calendar, SHANGHAI)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, calendar, SHANGHAI)).toThrow(RangeError);
  });
});

describe('default time limits (DOMAIN.md)', () => {
  const friday = new Date('2026-02-13T02:00:00Z'); // Fri 10:00 before Spring Festival

  it.each([
    ['emergency', '2026-02-13T02:30:00.000Z', '2026-02-13T04:00:00.000Z'],
    ['urgent', '2026-02-13T04:00:00.000Z', '2026-02-14T02:00:00.000Z'],
    ['normal', '2026-02-13T04:00:00.000Z', '2026-03-02T02:00:00.000Z'],
  ] as const)('%s: sign-for by %s, feedback by %s', (urgency, sign, reply) => {
    const due = dispatchDeadlines(friday, urgency, calendar, SHANGHAI);
    expect(due.signDueAt.toISOString()).toBe(sign);
    expect(due.replyDueAt.toISOString()).toBe(reply);
  });

  it('runs hour limits on the clock, also through a holiday', () => {
    const onHoliday = new Date('2026-10-02T12:00:00Z');
    const due = dispatchDeadlines(onHoliday, 'urgent', calendar, SHANGHAI);
    expect(due.replyDueAt.toISOString()).toBe('2026-10-03T12:00:00.000Z');
    expect(addHours(onHoliday, 0.5).toISOString()).toBe('2026-10-02T12:30:00.000Z');
  });

  it('gives the callback one working day after the reply', () => {
    const replyOnMakeUpSaturday = new Date('2026-02-28T08:00:00Z'); // 16:00 local
    expect(callbackDeadline(replyOnMakeUpSaturday, calendar, SHANGHAI).toISOString()).toBe(
      '2026-03-02T08:00:00.000Z',
    );
  });
});
