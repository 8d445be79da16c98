// Warnings and escalation (预警、催办、提级): pure rules, no I/O, no "now" of their own.
import { ValidationError } from '../../platform/errors.js';
import { checkWeights, DEFAULT_WEIGHTS, type CompositeWeights } from './measures/measure-rates.js';

/** Which time limit a reminder is about: sign-for, feedback (reply), or a supervision order's. */
export const DEADLINE_KINDS = ['sign', 'reply', 'order'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** The automatic steps of pressure on a late unit, in order; `manual` is a person's 催办. */
export const STAGES = ['near', 'overdue', 'district', 'centre'] as const;
export type Stage = (typeof STAGES)[number];
export type ReminderStage = Stage | 'manual';

export type WatchState = 'ok' | 'near' | 'overdue';

/** The supervision rules an administrator sets. */
export interface SupervisionSettings {
  /** A deadline is "near" once this share of its time is used (0.5–0.95). */
  nearShare: number;
  /** Remind the unit automatically when a deadline turns near. */
  remindOnNear: boolean;
  /** Remind the unit automatically when a deadline is missed. */
  remindOnOverdue: boolean;
  /** Overdue by this many hours → the district's coordinators (null: never). */
  escalateDistrictAfterHours: number | null;
  /** This many hours more → the centre's supervisors (null: never). */
  escalateCentreAfterHours: number | null;
  /** The composite score's weights of the three rates (percent; default 30/35/35). */
  compositeWeights: CompositeWeights;
}

export const DEFAULT_SETTINGS: Readonly<SupervisionSettings> = Object.freeze({
  nearShare: 0.75,
  remindOnNear: true,
  remindOnOverdue: true,
  escalateDistrictAfterHours: 24,
  escalateCentreAfterHours: 24,
  compositeWeights: DEFAULT_WEIGHTS,
});

const HOUR = 3_600_000;
/** The longest escalation threshold an admin may set: 90 days. */
export const MAX_THRESHOLD_HOURS = 24 * 90;

/**
 * Where a deadline stands at `now`: overdue once missed; near once `share` of the time from
 * `start` to `due` is used; else ok.
 */
export function watchState(startAt: string, dueAt: string, now: Date, share: number): WatchState {
  const start = Date.parse(startAt);
  const due = Date.parse(dueAt);
  const at = now.getTime();
  if (at >= due) return 'overdue';
  if (due > start && (at - start) / (due - start) >= share) return 'near';
  return 'ok';
}

/** When each escalation level is reached, or null when it is off. */
export function escalationTimes(
  dueAt: string,
  settings: SupervisionSettings,
): { district: number | null; centre: number | null } {
  const due = Date.parse(dueAt);
  const district = settings.escalateDistrictAfterHours;
  const centre = settings.escalateCentreAfterHours;
  const districtAt = district === null ? null : due + district * HOUR;
  // "M more hours" count from the district level, or from the deadline when that level is off.
  const centreAt = centre === null ? null : (districtAt ?? due) + centre * HOUR;
  return { district: districtAt, centre: centreAt };
}

/**
 * The automatic stages a deadline has reached at `now`, in order, as the settings enable them.
 * A deadline already missed gets no "near" reminder; one far past its deadline gets every level
 * it has reached (a scanner that was down catches up).
 */
export function stagesReached(
  deadline: { startAt: string; dueAt: string },
  now: Date,
  settings: SupervisionSettings,
): Stage[] {
  const state = watchState(deadline.startAt, deadline.dueAt, now, settings.nearShare);
  if (state === 'ok') return [];
  if (state === 'near') return settings.remindOnNear ? ['near'] : [];
  const stages: Stage[] = settings.remindOnOverdue ? ['overdue'] : [];
  const at = now.getTime();
  const levels = escalationTimes(deadline.dueAt, settings);
  if (levels.district !== null && at >= levels.district) stages.push('district');
  if (levels.centre !== null && at >= levels.centre) stages.push('centre');
  return stages;
}

/** The last stage the settings enable: after it, a deadline needs no more scanning. */
export function finalStage(settings: SupervisionSettings): Stage | null {
  if (settings.escalateCentreAfterHours !== null) return 'centre';
  if (settings.escalateDistrictAfterHours !== null) return 'district';
  if (settings.remindOnOverdue) return 'overdue';
  if (settings.remindOnNear) return 'near';
  return null;
}

/** The longest time before its deadline that a deadline can turn near, for the scan's window. */
export const NEAR_HORIZON_MS = 60 * 24 * HOUR;

/** What an automatic reminder is about: a unit's sign-for or feedback, or an order. */
export type ReminderSubject =
  | { kind: 'sign' | 'reply'; ticketId: number; unitId: number; dueAt: string }
  | { kind: 'order'; orderId: number; dueAt: string };

/**
 * One key per stage, subject and deadline: a second scan, or a second app instance, finds it
 * taken; a deadline that moves (extension, reopen, a paused clock) is a new subject.
 */
export function reminderKey(stage: Stage, subject: ReminderSubject): string {
  const due = Date.parse(subject.dueAt);
  return subject.kind === 'order'
    ? `sv:${stage}:order:${subject.orderId}:${due}`
    : `sv:${stage}:${subject.kind}:${subject.ticketId}:${subject.unitId}:${due}`;
}

/** The highest automatic stage among reminders (for lists), or null. */
export function highestStage(stages: Iterable<string>): Stage | null {
  let best = -1;
  for (const stage of stages) best = Math.max(best, STAGES.indexOf(stage as Stage));
  return best < 0 ? null : STAGES[best]!;
}

/** Checks an admin's change of the rules and returns the rules it leads to. */
export function applySettingsPatch(
  current: SupervisionSettings,
  patch: Partial<SupervisionSettings>,
): SupervisionSettings {
  const next = { ...current, ...patch };
  if (patch.compositeWeights !== undefined)
    next.compositeWeights = checkWeights(patch.compositeWeights);
  if (!(next.nearShare >= 0.5 && next.nearShare <= 0.95))
    throw new ValidationError(
      'nearShare',
      'The near share must be between 0.5 and 0.95',
      'VALIDATION_FAILED',
      { rule: 'minimum', limit: 0.5 },
    );
  for (const field of ['escalateDistrictAfterHours', 'escalateCentreAfterHours'] as const) {
    const value = next[field];
    if (value === null) continue;
    if (!Number.isFinite(value) || value < 0)
      throw new ValidationError(field, `${field} must be 0 or more hours`, 'VALIDATION_FAILED', {
        rule: 'minimum',
        limit: 0,
      });
    if (value > MAX_THRESHOLD_HOURS)
      throw new ValidationError(
        field,
        `${field} must be at most ${MAX_THRESHOLD_HOURS} hours`,
        'VALIDATION_FAILED',
        { rule: 'maximum', limit: MAX_THRESHOLD_HOURS },
      );
  }
  return next;
}
