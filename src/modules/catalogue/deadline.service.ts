import type { CalendarService } from './calendar.service.js';
import {
  addWorkingDays,
  callbackDeadline,
  DEFAULT_TIME_LIMITS,
  dispatchDeadlines,
  type TimeLimits,
  type Urgency,
} from './sla-deadline.js';

/**
 * Time limits (../shared/DOMAIN.md) on the working-day calendar, in the centre's time zone.
 * The limits are the defaults for now; issue 4 makes them configurable per category.
 */
export class DeadlineService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly timeZone: string,
    private readonly limits: TimeLimits = DEFAULT_TIME_LIMITS,
  ) {}

  /** Sign-for and feedback deadlines of a dispatch made at `at`. */
  async atDispatch(input: {
    urgency: Urgency;
    categoryId: number | null;
    at: Date;
  }): Promise<{ signDueAt: string; replyDueAt: string }> {
    const days = await this.calendar.days();
    const due = dispatchDeadlines(input.at, input.urgency, days, this.timeZone, this.limits);
    return { signDueAt: due.signDueAt.toISOString(), replyDueAt: due.replyDueAt.toISOString() };
  }

  /** The callback deadline of a reply made at `at` (1 working day by default). */
  async callbackDue(at: Date): Promise<string> {
    const days = await this.calendar.days();
    return callbackDeadline(at, days, this.timeZone, this.limits).toISOString();
  }

  /** A feedback deadline moved by `workingDays` from `from` (approved extensions). */
  async addWorkingDays(from: Date, workingDays: number): Promise<string> {
    const days = await this.calendar.days();
    return addWorkingDays(from, workingDays, days, this.timeZone).toISOString();
  }
}
