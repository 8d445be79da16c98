import type { PlannedTicket, PlanOptions, StopPoint } from './plan-types.js';
import { isSelfService, STOP_POINTS } from './plan-types.js';
import type { Random } from './random.js';
import { DAY, HOUR } from './timing.js';

/**
 * Open tickets: the latest ones stop at every intermediate state (each state at least once),
 * a few older ones stay stuck in handling (overdue, for the supervisors' screens).
 */
export function assignStops(rng: Random, plans: PlannedTicket[], options: PlanOptions): void {
  const recent = plans.filter((p) => p.incident === null && options.end - p.at < 10 * DAY);
  const guaranteed: StopPoint[] = [...STOP_POINTS, ...STOP_POINTS];
  for (const plan of recent.reverse()) {
    const age = options.end - plan.at;
    const fits = guaranteed.findIndex(
      (s) => age >= HURRIED_AGE[s] && (s !== 'received' || isSelfService(plan.channel)),
    );
    const stop =
      fits >= 0 ? guaranteed.splice(fits, 1)[0]! : randomStop(rng, options.end - plan.at);
    if (stop === null) continue;
    plan.stopAfter = stop;
    plan.hurry = fits >= 0;
    plan.closeAtIntake = null;
    plan.referral = null;
    if (stop === 'return_review') plan.misrouted = true;
  }
  for (const plan of plans) {
    if (plan.stopAfter !== null || plan.incident?.role === 'child') continue;
    if (options.end - plan.at >= 10 * DAY && rng.chance(0.015)) plan.stopAfter = 'in_progress';
  }
  // The newest incident stays open: its repeat appeals show as merged under it.
  const lastParent = [...plans].reverse().find((p) => p.incident?.role === 'parent');
  if (lastParent) lastParent.stopAfter = 'in_progress';
}

/** How old a hurried ticket must be to reach each stop point before "now". */
const HURRIED_AGE: Record<StopPoint, number> = {
  received: 0,
  pending_dispatch: HOUR / 2,
  dispatched: 2 * HOUR,
  in_progress: 4 * HOUR,
  return_review: 4 * HOUR,
  replied: 6 * HOUR,
};

function randomStop(rng: Random, age: number): StopPoint | null {
  const days = age / DAY;
  if (days < 1)
    return rng.weighted<[StopPoint | null, number]>(
      [
        ['pending_dispatch', 15],
        ['dispatched', 25],
        ['in_progress', 30],
        ['return_review', 4],
        ['replied', 10],
        [null, 16],
      ],
      ([, w]) => w,
    )[0];
  if (days < 4)
    return rng.weighted<[StopPoint | null, number]>(
      [
        ['dispatched', 4],
        ['in_progress', 40],
        ['return_review', 2],
        ['replied', 14],
        [null, 40],
      ],
      ([, w]) => w,
    )[0];
  return rng.chance(0.25) ? 'in_progress' : null;
}
