// Time limits per category and urgency: pure rules, no I/O. A category's own limit applies to it
// and to every category below it that has none of its own; without any, the defaults apply.
import { ValidationError } from '../../platform/errors.js';
import {
  DEFAULT_TIME_LIMITS,
  type TimeLimit,
  type TimeLimits,
  type Urgency,
} from './sla-deadline.js';

export const LIMIT_STAGES = ['sign_for', 'feedback', 'callback'] as const;
export type LimitStage = (typeof LIMIT_STAGES)[number];
export const LIMIT_UNITS = ['minutes', 'hours', 'working_days'] as const;
export const URGENCY_LEVELS: readonly Urgency[] = ['normal', 'urgent', 'emergency'];

/** A category's own time limit for one urgency and stage. */
export interface TimeLimitRule {
  categoryId: number;
  urgency: Urgency;
  stage: LimitStage;
  limit: TimeLimit;
}

/** The largest amount per unit an administrator may set. */
const MAX_AMOUNT: Record<TimeLimit['unit'], number> = {
  minutes: 7 * 24 * 60,
  hours: 90 * 24,
  working_days: 120,
};

export const ruleKey = (categoryId: number, urgency: Urgency, stage: LimitStage): string =>
  `${categoryId}:${urgency}:${stage}`;

/** The default limit of a stage and urgency (DOMAIN.md, "Time limits"). */
export function defaultLimit(
  stage: LimitStage,
  urgency: Urgency,
  defaults: TimeLimits = DEFAULT_TIME_LIMITS,
): TimeLimit {
  if (stage === 'sign_for') return defaults.signFor[urgency];
  if (stage === 'feedback') return defaults.feedback[urgency];
  return defaults.callback;
}

/**
 * The limits in force for a category (given as the chain from it up to its root, nearest first)
 * at one urgency: for each stage, the nearest category's own rule, else the default. The
 * callback limit is the one of that urgency.
 */
export function limitsFor(
  chain: readonly number[],
  urgency: Urgency,
  rules: ReadonlyMap<string, TimeLimit>,
  defaults: TimeLimits = DEFAULT_TIME_LIMITS,
): TimeLimits {
  const pick = (stage: LimitStage, at: Urgency): TimeLimit => {
    for (const categoryId of chain) {
      const own = rules.get(ruleKey(categoryId, at, stage));
      if (own) return own;
    }
    return defaultLimit(stage, at, defaults);
  };
  const per = (stage: LimitStage) =>
    Object.fromEntries(URGENCY_LEVELS.map((at) => [at, pick(stage, at)])) as Record<
      Urgency,
      TimeLimit
    >;
  return {
    signFor: per('sign_for'),
    feedback: per('feedback'),
    callback: pick('callback', urgency),
  };
}

/** The chain of a category up to its root (nearest first), from a child → parent map. */
export function categoryChain(
  categoryId: number | null,
  parents: ReadonlyMap<number, number | null>,
): number[] {
  const chain: number[] = [];
  let at = categoryId;
  while (at !== null && at !== undefined && !chain.includes(at)) {
    chain.push(at);
    at = parents.get(at) ?? null;
  }
  return chain;
}

/** Checks one limit an administrator sets: a whole amount within its unit's range. */
export function checkLimit(limit: TimeLimit, field: string): TimeLimit {
  if (!(LIMIT_UNITS as readonly string[]).includes(limit.unit))
    throw new ValidationError(
      `${field}.unit`,
      'minutes, hours or working_days',
      'VALIDATION_FAILED',
      {
        rule: 'enum',
        allowed: [...LIMIT_UNITS],
      },
    );
  const max = MAX_AMOUNT[limit.unit];
  if (!Number.isInteger(limit.amount) || limit.amount < 1 || limit.amount > max)
    throw new ValidationError(
      `${field}.amount`,
      `A whole number of ${limit.unit.replace('_', ' ')} from 1 to ${max}`,
      'VALIDATION_FAILED',
      { rule: limit.amount < 1 ? 'minimum' : 'maximum', limit: limit.amount < 1 ? 1 : max },
    );
  return { unit: limit.unit, amount: limit.amount };
}
