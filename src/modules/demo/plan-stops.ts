import { ESTATES } from './data/vocabulary.js';
import type { PlannedTicket, PlanOptions, StopPoint } from './plan-types.js';
import { isSelfService, STOP_POINTS } from './plan-types.js';
import type { Random } from './random.js';
import type { SeededDistrict, SeededStreet } from './seed-organisation.js';
import { composeAppeal } from './texts.js';
import { DAY, HOUR } from './timing.js';

/**
 * Open tickets: the latest ones stop at every intermediate state (each state at least once),
 * a few older ones stay stuck in handling (overdue, for the supervisors' screens).
 */
export function assignStops(rng: Random, plans: PlannedTicket[], options: PlanOptions): void {
  const recent = plans.filter((p) => p.incident === null && options.end - p.at < 10 * DAY);
  const guaranteed: StopPoint[] = STOP_POINTS.flatMap((stop) =>
    Array.from({ length: GUARANTEED[stop] }, () => stop),
  );
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

/** Open tickets in every queue (operators, desk, units, callback desk) whatever "now" is. */
const GUARANTEED: Record<StopPoint, number> = {
  received: 3,
  pending_dispatch: 5,
  dispatched: 3,
  in_progress: 3,
  return_review: 2,
  replied: 4,
};

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

/**
 * The demo handler's street (江阳区南城街道) gets a few open orders of its own: the first thing
 * a visitor logging in as `handler` sees is work to sign for and to reply to.
 */
export function featureDemoStreet(
  rng: Random,
  plans: PlannedTicket[],
  district: SeededDistrict,
  street: SeededStreet,
  options: PlanOptions,
): void {
  const stops: StopPoint[] = ['dispatched', 'in_progress', 'in_progress', 'dispatched', 'replied'];
  const candidates = plans.filter(
    (p) =>
      p.incident === null &&
      !p.hurry &&
      p.closeAtIntake === null &&
      p.leaf.seed.route.lead === 'local' &&
      options.end - p.at > HURRIED_AGE.replied &&
      options.end - p.at < 6 * DAY,
  );
  for (const [i, plan] of candidates.reverse().slice(0, stops.length).entries()) {
    const stop = stops[i]!;
    const place = {
      district: district.seed,
      street: street.seed,
      place: rng.pick(street.seed.places),
      estate: rng.pick(ESTATES),
    };
    plan.district = district;
    plan.street = street;
    plan.where = place;
    plan.text = composeAppeal(rng, plan.leaf.seed, place, plan.channel);
    [plan.lng, plan.lat] = street.seed.at;
    plan.stopAfter = stop;
    plan.hurry = true;
    plan.misrouted = false;
    plan.toStreet = true;
  }
}
