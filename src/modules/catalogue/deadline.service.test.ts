import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createCatalogueHarness, type CatalogueHarness } from './test-harness.js';

// Fri 2026-02-13 10:00 in Luzhou, the last working day before the Spring Festival.
const FRIDAY_BEFORE_SPRING_FESTIVAL = new Date('2026-02-13T02:00:00Z');

describe.each(TEST_DIALECTS)('calendar and deadlines on %s', (dialect) => {
  let h: CatalogueHarness;
  let admin: Actor;

  beforeAll(async () => {
    h = await createCatalogueHarness(dialect);
    admin = await h.actor('admin1');
  });
  afterAll(async () => {
    await h.close();
  });

  it('loads the shipped 2025 and 2026 calendar on first use of an empty table', async () => {
    const days = await h.module.calendar.listYear(2026);
    expect(days.find((d) => d.date === '2026-02-14')).toEqual({
      date: '2026-02-14',
      kind: 'workday',
      name: '调休上班',
    });
    expect(days.find((d) => d.date === '2026-10-01')).toMatchObject({
      kind: 'holiday',
      name: '国庆节 National Day',
    });
    expect((await h.module.calendar.listYear(2025)).length).toBeGreaterThan(30);
    expect(h.module.calendar.currentYear()).toBe(2026);
  });

  it('sets deadlines at dispatch on the working-day calendar', async () => {
    const normal = await h.module.deadlines.atDispatch({
      urgency: 'normal',
      categoryId: h.fixture.categories.streetLight,
      at: FRIDAY_BEFORE_SPRING_FESTIVAL,
    });
    expect(normal).toEqual({
      signDueAt: '2026-02-13T04:00:00.000Z',
      replyDueAt: '2026-03-02T02:00:00.000Z',
    });
    const emergency = await h.module.deadlines.atDispatch({
      urgency: 'emergency',
      categoryId: null,
      at: FRIDAY_BEFORE_SPRING_FESTIVAL,
    });
    expect(emergency).toEqual({
      signDueAt: '2026-02-13T02:30:00.000Z',
      replyDueAt: '2026-02-13T04:00:00.000Z',
    });
    expect(await h.module.deadlines.callbackDue(new Date('2026-02-14T08:00:00Z'))).toBe(
      '2026-02-24T08:00:00.000Z',
    );
    expect(await h.module.deadlines.addWorkingDays(new Date('2026-09-30T01:30:00Z'), 3)).toBe(
      '2026-10-10T01:30:00.000Z',
    );
  });

  it('moves deadlines as soon as an administrator edits the calendar', async () => {
    const { calendar, deadlines } = h.module;
    const due = () => deadlines.addWorkingDays(FRIDAY_BEFORE_SPRING_FESTIVAL, 7);
    expect(await due()).toBe('2026-03-02T02:00:00.000Z');
    await calendar.setDay(admin, '2026-03-02', { kind: 'holiday', name: '𠮷日 🎉' });
    expect(await due()).toBe('2026-03-03T02:00:00.000Z');
    await calendar.setDay(admin, '2026-02-28', { kind: 'holiday', name: null }); // was a make-up Saturday
    expect(await due()).toBe('2026-03-04T02:00:00.000Z');
    await calendar.deleteDay(admin, '2026-03-02');
    await calendar.setDay(admin, '2026-02-28', { kind: 'workday', name: '调休上班' });
    expect(await due()).toBe('2026-03-02T02:00:00.000Z');
    const marked = (await calendar.listYear(2026)).filter((d) => d.date === '2026-03-02');
    expect(marked).toEqual([]);
  });

  it('refuses a weekday make-up day, a bad date, a missing day and a non-admin', async () => {
    const { calendar } = h.module;
    await expect(
      calendar.setDay(admin, '2026-03-04', { kind: 'workday', name: null }),
    ).rejects.toMatchObject({
      details: { field: 'kind' },
    });
    await expect(
      calendar.setDay(admin, '2026-02-30', { kind: 'holiday', name: null }),
    ).rejects.toThrow(ValidationError);
    await expect(calendar.deleteDay(admin, '2026-03-04')).rejects.toMatchObject({
      code: 'CALENDAR_DAY_NOT_FOUND',
    });
    const handler = await h.actor('h-nancheng');
    await expect(
      calendar.setDay(handler, '2026-03-05', { kind: 'holiday', name: null }),
    ).rejects.toThrow(ForbiddenError);
    expect((await calendar.listYear(2026)).some((d) => d.date === '2026-03-05')).toBe(false);
  });

  it('imports a new year, replacing only that year, and refuses a bad file whole', async () => {
    const { calendar, deadlines } = h.module;
    const y2027 = {
      years: {
        '2027': {
          source: 'test notice',
          holidays: [{ name: '元旦', days: ['2027-01-01'] }],
          makeup_workdays: ['2027-01-02'],
        },
      },
    };
    expect(await calendar.importFile(admin, y2027)).toEqual({ years: [2027], days: 2 });
    // Thu 2026-12-31 10:00 + 1 working day: New Year's Day is off, Sat 2 January is worked.
    expect(await deadlines.addWorkingDays(new Date('2026-12-31T02:00:00Z'), 1)).toBe(
      '2027-01-02T02:00:00.000Z',
    );
    const before = await calendar.listYear(2027);
    const bad = {
      years: {
        '2027': {
          holidays: [{ name: '春节', days: ['2027-02-06'] }],
          makeup_workdays: ['2027-02-03'],
        },
      },
    };
    await expect(calendar.importFile(admin, bad)).rejects.toMatchObject({
      code: 'CALENDAR_INVALID',
      details: { field: 'years.2027.makeup_workdays.0' },
    });
    expect(await calendar.listYear(2027)).toEqual(before);
    expect((await calendar.listYear(2026)).length).toBeGreaterThan(30);
  });
});
