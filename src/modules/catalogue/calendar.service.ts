import type { Actor } from '../../platform/actor.js';
import { recordAuditIn } from '../../platform/audit.js';
import { toLocalTime } from '../../platform/time-zone.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { assertAdmin } from './admin-audit.js';
import {
  countCalendarDays,
  deleteCalendarDay,
  deleteCalendarYear,
  insertCalendarDays,
  listCalendarDays,
  upsertCalendarDay,
} from './calendar.repository.js';
import type { CalendarDay, DayKind } from './catalogue-types.js';
import shippedHolidays from './data/cn-public-holidays.json' with { type: 'json' };
import { readHolidayFile } from './holiday-file.js';
import { isCalendarDate, isWeekend, type CalendarDays } from './sla-deadline.js';

/** The default calendar shipped with the module (see data/SOURCE.md). */
export const SHIPPED_HOLIDAYS: unknown = shippedHolidays;

/** Another app instance's calendar edits are seen within this time. */
const CACHE_TTL_MS = 5 * 60_000;

/**
 * The working-day calendar: public holidays and make-up working days (调休), kept as data by the
 * administrator. Loaded from the shipped file when first used on an empty table; cached in memory
 * and dropped whenever an administrator changes it.
 */
export class CalendarService {
  private cache: { days: CalendarDays; loadedAt: number } | null = null;
  private seeding: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly shipped: unknown = SHIPPED_HOLIDAYS,
  ) {}

  /** This year in the centre's time zone. */
  currentYear(): number {
    return Number(toLocalTime(this.clock.now(), this.timeZone).date.slice(0, 4));
  }

  /** The listed days, for deadline computation (cached). */
  async days(): Promise<CalendarDays> {
    const now = this.clock.now().getTime();
    if (this.cache && now - this.cache.loadedAt < CACHE_TTL_MS) return this.cache.days;
    await this.ensureSeeded();
    const rows = await listCalendarDays(this.database.db);
    const days = new Map(rows.map((d) => [d.date, d.kind]));
    this.cache = { days, loadedAt: now };
    return days;
  }

  async listYear(year: number): Promise<CalendarDay[]> {
    await this.ensureSeeded();
    return listCalendarDays(this.database.db, year);
  }

  /** Marks one day as a holiday or a make-up working day (which must fall on a weekend). */
  async setDay(
    actor: Actor,
    date: string,
    input: { kind: DayKind; name: string | null },
  ): Promise<CalendarDay> {
    assertAdmin(actor, 'change the calendar');
    checkDate(date);
    if (input.kind === 'workday' && !isWeekend(date)) {
      throw new ValidationError(
        'kind',
        `${date} is a weekday: a make-up working day (调休上班) is a Saturday or Sunday`,
      );
    }
    const name = input.name?.trim() || null;
    if (name && [...name].length > 100)
      throw new ValidationError('name', 'name must be at most 100 characters');
    const day = { date, kind: input.kind, name };
    await this.ensureSeeded();
    await this.database.write(async (trx) => {
      await upsertCalendarDay(trx, day);
      await this.audit(trx, actor, 'calendar.set_day', date, day);
    });
    this.cache = null;
    return day;
  }

  /** Removes a listed day: it becomes an ordinary weekday or weekend again. */
  async deleteDay(actor: Actor, date: string): Promise<void> {
    assertAdmin(actor, 'change the calendar');
    checkDate(date);
    await this.ensureSeeded();
    await this.database.write(async (trx) => {
      if (!(await deleteCalendarDay(trx, date))) {
        throw new NotFoundError('Calendar day', date, 'CALENDAR_DAY_NOT_FOUND');
      }
      await this.audit(trx, actor, 'calendar.delete_day', date, undefined);
    });
    this.cache = null;
  }

  /** Replaces the listed days of every year in a holiday file (shape of the shipped one). */
  async importFile(actor: Actor, file: unknown): Promise<{ years: number[]; days: number }> {
    assertAdmin(actor, 'change the calendar');
    const read = readHolidayFile(file);
    if (read.years === null) {
      const [first] = read.problems;
      const more =
        read.problems.length > 1 ? ` (and ${read.problems.length - 1} more problems)` : '';
      throw new ValidationError(
        first!.field,
        `${first!.field}: ${first!.message}${more}`,
        'CALENDAR_INVALID',
      );
    }
    const years = read.years;
    await this.ensureSeeded();
    await this.database.write(async (trx) => {
      for (const { year, days } of years) {
        await deleteCalendarYear(trx, year);
        await insertCalendarDays(trx, days);
      }
      const detail = { years: years.map((y) => y.year) };
      await this.audit(trx, actor, 'calendar.import', detail.years.join(','), detail);
    });
    this.cache = null;
    return { years: years.map((y) => y.year), days: years.reduce((n, y) => n + y.days.length, 0) };
  }

  /** Loads the shipped calendar into an empty table, once per process. */
  private ensureSeeded(): Promise<void> {
    this.seeding ??= this.seedIfEmpty().catch((error: unknown) => {
      this.seeding = null;
      throw error;
    });
    return this.seeding;
  }

  private async seedIfEmpty(): Promise<void> {
    if ((await countCalendarDays(this.database.db)) > 0) return;
    const read = readHolidayFile(this.shipped);
    if (read.years === null)
      throw new Error(`the shipped calendar is invalid: ${JSON.stringify(read.problems)}`);
    const days = read.years.flatMap((y) => y.days);
    // Two instances may both find the table empty: ON CONFLICT DO NOTHING makes that harmless.
    await this.database.write((trx) => insertCalendarDays(trx, days));
  }

  private audit(
    db: Parameters<typeof recordAuditIn>[0],
    actor: Actor,
    action: string,
    subjectId: string,
    detail: Record<string, unknown> | undefined,
  ) {
    return recordAuditIn(db, this.clock.now().toISOString(), {
      actorId: actor.userId,
      action,
      subjectType: 'calendar',
      subjectId,
      detail,
    });
  }
}

function checkDate(date: string): void {
  if (!isCalendarDate(date))
    throw new ValidationError('date', `${date} is not a date (YYYY-MM-DD)`);
}
