import { ValidationError } from '../../platform/errors.js';

/** The third callback question (满意/基本满意/不满意). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export interface CallbackAnswers {
  /** Did the unit contact you? (响应) */
  contacted: boolean;
  /** Is it resolved? (解决) */
  resolved: boolean;
  /** Are you satisfied? (满意) */
  satisfaction: Satisfaction;
  /** The callback agent's judgement; omitted, an unresolved appeal is reopened. */
  reopen?: boolean;
}

/**
 * Whether a callback reopens the ticket (重办): an unresolved appeal goes back to the unit unless
 * the agent judges otherwise (an unreasonable demand); a resolved one only when the citizen is
 * dissatisfied and the agent finds it reasonable (../shared/DOMAIN.md "reopen").
 */
export function decideReopen(answers: CallbackAnswers): boolean {
  if (answers.reopen === undefined) return !answers.resolved;
  if (answers.reopen && answers.resolved && answers.satisfaction !== 'dissatisfied')
    throw new ValidationError(
      'reopen',
      'A resolved appeal the citizen is satisfied with is not reopened',
      'REOPEN_NOT_JUSTIFIED',
    );
  return answers.reopen;
}

/** Resolution of a ticket closed by its callback, and of one closed without reaching the citizen. */
export const RESOLUTION_CALLBACK = 'callback';
/** Resolution of a ticket the citizen closed by evaluating the reply themself (portal, app). */
export const RESOLUTION_CITIZEN = 'citizen_evaluation';
export const RESOLUTION_NO_CALLBACK = 'closed_without_callback';
