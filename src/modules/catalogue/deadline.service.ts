import type { CalendarService } from './calendar.service.js';
import {
  addWorkingDays,
  callbackDeadline,
  DEFAULT_TIME_LIMITS,
  dispatchDeadlines,
  type TimeLimits,
  type Urgency,
} from './sla-deadline.js';

/** Where the limits of a category and urgency come from (the admin's rules, or fixed ones). */
export interface TimeLimitSource {
  limits(categoryId: number | null, urgency: Urgency): Promise<TimeLimits>;
}

const FIXED_DEFAULTS: TimeLimitSource = { limits: () => Promise.resolve(DEFAULT_TIME_LIMITS) };

/**
 * Time limits (../shared/DOMAIN.md) on the working-day calendar, in the centre's time zone,
 * by category and urgency (the admin's rules, see TimeLimitService; the defaults elsewhere).
 */
export class DeadlineService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly timeZone: string,
    private readonly limits: TimeLimitSource = FIXED_DEFAULTS,
  ) {}

  /** Sign-for and feedback deadlines of a dispatch made at `at`. */
  async atDispatch(input: {
    urgency: Urgency;
    categoryId: number | null;
    at: Date;
  }): Promise<{ signDueAt: string; replyDueAt: string }> {
    const [days, limits] = await Promise.all([
      this.calendar.days(),
      this.limits.limits(input.categoryId, input.urgency),
    ]);
    const due = dispatchDeadlines(input.at, input.urgency, days, this.timeZone, limits);
    return { signDueAt: due.signDueAt.toISOString(), replyDueAt: due.replyDueAt.toISOString() };
  }

  /**
   * The callback deadline of a reply made at `at` (1 working day by default), by the limits of
   * the ticket's category and urgency when given.
   */
  async callbackDue(
    at: Date,
    ticket: { categoryId: number | null; urgency: Urgency } = {
      categoryId: null,
      urgency: 'normal',
    },
  ): Promise<string> {
    const [days, limits] = await Promise.all([
      this.calendar.days(),
      this.limits.limits(ticket.categoryId, ticket.urgency),
    ]);
    return callbackDeadline(at, days, this.timeZone, limits).toISOString();
  }

  /** A feedback deadline moved by `workingDays` from `from` (approved extensions). */
  async addWorkingDays(from: Date, workingDays: number): Promise<string> {
    const days = await this.calendar.days();
    return addWorkingDays(from, workingDays, days, this.timeZone).toISOString();
  }
}
