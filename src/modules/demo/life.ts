import type { Services } from '../../composition.js';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import type { Incident, PlannedTicket } from './plan-types.js';
import { Random } from './random.js';
import type { StepScheduler } from './scheduler.js';
import type { SeededOrganisation } from './seed-organisation.js';
import type { Staff } from './seed-users.js';
import { runAt } from './sim-time.js';
import { inOfficeHours, minutesLater, workingDaysLater } from './timing.js';

/** What every simulated life-cycle shares. */
export interface SimDeps {
  /** Services built on the simulated clock: every step is the platform's own. */
  services: Services;
  /** For the few reads the simulation itself needs (a pending request's id). */
  database: Database;
  scheduler: StepScheduler;
  /** The seed's "now": no step happens at or after it. */
  end: number;
  staff: Staff;
  org: SeededOrganisation;
  unitNames: ReadonlyMap<number, string>;
  /** Steps the platform refused (a life-cycle ends there): a race between life-cycles. */
  refused: string[];
}

/** Ends a life-cycle: its next step would be in the future, or its plan stops here. */
export class Stop extends Error {
  constructor() {
    super('the life-cycle stops here');
  }
}

/** One ticket's life as it is being played: where it is in time, and what it has become. */
export class Life {
  readonly rng: Random;
  /** The simulated time of the last step. */
  t: number;
  ticketId = 0;
  number = '';
  leadUnitId: number | null = null;
  coUnitIds: number[] = [];

  constructor(
    readonly deps: SimDeps,
    readonly plan: PlannedTicket,
  ) {
    this.rng = new Random(plan.seed);
    this.t = plan.at;
  }

  /**
   * Runs one step at `at` (in simulated time, in turn with the other life-cycles). A creation
   * says how many writes it makes (`orderedWrites`): it writes after every earlier creation, so
   * ticket numbers follow time.
   */
  async step<T>(at: number, work: () => Promise<T>, orderedWrites = 0): Promise<T> {
    if (at >= this.deps.end) throw new Stop();
    this.t = Math.max(this.t, at);
    const group = this.plan.incident?.group;
    if (!group || orderedWrites > 0) {
      const when = this.t;
      return this.deps.scheduler.run(when, (wrote) => runAt(when, work, wrote), orderedWrites);
    }
    return this.deps.scheduler.run(this.t, () => this.inTurn(group, work));
  }

  /** A step of an incident's ticket: after the group's previous step, and not earlier in time. */
  private async inTurn<T>(group: Incident, work: () => Promise<T>): Promise<T> {
    const previous = group.turn;
    let done: () => void = () => undefined;
    group.turn = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      const when = Math.max(this.t, group.lastAt);
      if (when >= this.deps.end) throw new Stop();
      this.t = group.lastAt = when;
      return await runAt(when, work);
    } finally {
      done();
    }
  }

  /**
   * A moment `min`..`max` minutes after the last step. A life-cycle that must reach its stop
   * point before "now" (one of each state, on the latest tickets) is played in a hurry.
   */
  later(min: number, max: number): number {
    return this.plan.hurry
      ? minutesLater(this.rng, this.t, Math.min(min, 2), Math.min(max, 20))
      : minutesLater(this.rng, this.t, min, max);
  }

  /** `at`, or the next moment in office hours (08:30–17:30 on weekdays). */
  office(at: number): number {
    return this.plan.hurry ? at : inOfficeHours(this.rng, at);
  }

  /** About `days` working days after the last step, in office hours. */
  workingDays(days: number): number {
    return this.workingDaysFrom(this.t, days);
  }

  /** About `days` working days after `from`, in office hours (never before the last step). */
  workingDaysFrom(from: number, days: number): number {
    if (this.plan.hurry) return this.later(10, 60);
    return Math.max(this.t, workingDaysLater(this.rng, from, days));
  }

  /** Ends the life-cycle here if its plan stops at `point`. */
  stopIf(point: NonNullable<PlannedTicket['stopAfter']>): void {
    if (this.plan.stopAfter === point) throw new Stop();
  }

  operator(): Actor {
    return this.rng.pick(this.deps.staff.operators);
  }

  dispatcher(): Actor {
    return this.rng.pick(this.deps.staff.dispatchers);
  }

  callbackAgent(): Actor {
    return this.rng.pick(this.deps.staff.callbackAgents);
  }

  handler(unitId: number): Actor {
    const actor = this.deps.staff.handlers.get(unitId);
    if (!actor) throw new Error(`no demo handler for unit ${unitId}`);
    return actor;
  }

  /** Who decides a unit's request: the district's coordinator for its own units, else the desk. */
  decider(unitId: number): Actor {
    const districtId = this.deps.staff.handlers.get(unitId)?.districtId ?? null;
    const coordinator =
      districtId === null ? undefined : this.deps.staff.coordinators.get(districtId);
    return coordinator && this.rng.chance(0.5) ? coordinator : this.dispatcher();
  }

  unitName(unitId: number): string {
    return this.deps.unitNames.get(unitId) ?? '承办单位';
  }
}
