// The rates of ../shared/DOMAIN.md "Measures" from the counts: pure, null where nothing counts.
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { hasRole, type Actor } from '../../../platform/actor.js';
import type { Counts } from './measure-facts.js';

/** The composite score's weights (percent, summing to 100). */
export interface CompositeWeights {
  response: number;
  resolution: number;
  satisfaction: number;
}

/** Default 30 / 35 / 35 (../shared/DOMAIN.md "Measures"). */
export const DEFAULT_WEIGHTS: Readonly<CompositeWeights> = Object.freeze({
  response: 30,
  resolution: 35,
  satisfaction: 35,
});

export interface Rates {
  directAnswerRate: number | null;
  signOnTimeRate: number | null;
  onTimeRate: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** 0..100 */
  compositeScore: number | null;
  returnRate: number | null;
  reopenRate: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function ratesOf(c: Counts, w: CompositeWeights): Rates {
  const response = ratio(c.contacted, c.evaluated);
  const resolution = ratio(c.resolved, c.evaluated);
  const satisfaction = ratio(c.satisfied, c.evaluated);
  return {
    directAnswerRate: ratio(c.directAnswers, c.contacts),
    signOnTimeRate: ratio(c.signedOnTime, c.dispatched),
    onTimeRate: ratio(c.onTime, c.due),
    responseRate: response,
    resolutionRate: resolution,
    satisfactionRate: satisfaction,
    compositeScore:
      c.evaluated > 0
        ? w.response * response! + w.resolution * resolution! + w.satisfaction * satisfaction!
        : null,
    returnRate: ratio(c.returned, c.dispatched),
    reopenRate: ratio(c.reopened, c.replied),
  };
}

export const averageHandlingHours = (c: Counts): number | null =>
  c.replied > 0 ? c.handlingSeconds / c.replied / 3600 : null;

/** Checks an admin's weights: three whole numbers 0..100 summing to 100. */
export function checkWeights(value: unknown): CompositeWeights {
  const w = value as Partial<CompositeWeights> | null;
  const parts = [w?.response, w?.resolution, w?.satisfaction];
  if (!parts.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 100))
    throw new ValidationError(
      'compositeWeights',
      'Each weight is a whole number from 0 to 100',
      'VALIDATION_FAILED',
      { rule: 'integer' },
    );
  const sum = (parts as number[]).reduce((a, b) => a + b, 0);
  if (sum !== 100)
    throw new ValidationError(
      'compositeWeights',
      `The three weights must add up to 100 (they add up to ${sum})`,
      'WEIGHTS_NOT_100',
      { rule: 'sum', limit: 100 },
    );
  return { response: w!.response!, resolution: w!.resolution!, satisfaction: w!.satisfaction! };
}

/** Who reads the measures: the centre's supervisors, analysts and admins all; a coordinator the own district. */
export function measuresScope(actor: Actor): { districtId: number | null } {
  if (hasRole(actor, 'supervisor', 'analyst', 'admin')) return { districtId: null };
  if (hasRole(actor, 'coordinator')) {
    if (actor.districtId === null)
      throw new ForbiddenError('Your unit is not in a district', 'NO_DISTRICT');
    return { districtId: actor.districtId };
  }
  throw new ForbiddenError(
    'Only supervisors, analysts, admins and district coordinators read the measures',
    'ROLE_REQUIRED',
  );
}
