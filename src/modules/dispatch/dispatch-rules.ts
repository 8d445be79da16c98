import { hasRole, type Actor } from '../../platform/actor.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { DispatchSuggestion } from '../catalogue/index.js';
import type { Unit } from '../organisation/index.js';

/** How far a dispatching actor reaches: the whole city, or one district (区县协调督办). */
export type DispatchScope = { kind: 'city' } | { kind: 'district'; districtId: number };

/** A ticket may have a handful of co-handlers; more is a sign of a misrouted order. */
export const MAX_CO_HANDLERS = 10;

export interface DispatchChoice {
  leadUnitId: number;
  coUnitIds: number[];
}

/** The dispatch desk works city-wide; a coordinator only inside their own district. */
export function dispatchScopeOf(actor: Actor): DispatchScope {
  if (hasRole(actor, 'dispatcher')) return { kind: 'city' };
  if (hasRole(actor, 'coordinator') && actor.districtId !== null)
    return { kind: 'district', districtId: actor.districtId };
  throw new ForbiddenError(
    'Only the dispatch desk or a district coordinator can do this',
    'ROLE_REQUIRED',
  );
}

/** Whether something located in `districtId` lies inside the actor's reach. */
export function inScope(scope: DispatchScope, districtId: number | null): boolean {
  return scope.kind === 'city' || districtId === scope.districtId;
}

/** The shape of a dispatch: a lead unit, distinct co-handlers, the lead not among them. */
export function checkChoice(input: { leadUnitId: number; coUnitIds?: number[] }): DispatchChoice {
  const coUnitIds = input.coUnitIds ?? [];
  if (coUnitIds.includes(input.leadUnitId))
    throw new ValidationError(
      'coUnitIds',
      'The lead unit cannot also be a co-handler',
      'LEAD_AMONG_CO_HANDLERS',
    );
  if (new Set(coUnitIds).size !== coUnitIds.length)
    throw new ValidationError('coUnitIds', 'A co-handler is listed twice', 'DUPLICATE_CO_HANDLER');
  if (coUnitIds.length > MAX_CO_HANDLERS)
    throw new ValidationError(
      'coUnitIds',
      `At most ${MAX_CO_HANDLERS} co-handlers`,
      'VALIDATION_FAILED',
      {
        rule: 'maxItems',
        limit: MAX_CO_HANDLERS,
      },
    );
  return { leadUnitId: input.leadUnitId, coUnitIds };
}

/**
 * Every unit of the dispatch exists, is active and handles tickets (the centre dispatches, it
 * does not handle); a coordinator dispatches only to units of their district.
 */
export function checkUnits(
  choice: DispatchChoice,
  units: ReadonlyMap<number, Unit>,
  scope: DispatchScope,
): void {
  const entries: Array<[string, number]> = [
    ['leadUnitId', choice.leadUnitId],
    ...choice.coUnitIds.map((id): [string, number] => ['coUnitIds', id]),
  ];
  for (const [field, id] of entries) {
    const unit = units.get(id);
    if (!unit) throw new ValidationError(field, `Unit ${id} does not exist`, 'UNIT_NOT_FOUND');
    if (!unit.active || unit.type === 'centre')
      throw new ValidationError(
        field,
        `${unit.name} is not an active handling unit`,
        'UNIT_NOT_HANDLING',
      );
    if (!inScope(scope, unit.districtId))
      throw new ForbiddenError(
        `${unit.name} is outside your district: ask the city dispatch desk`,
        'OUT_OF_DISTRICT',
      );
  }
}

/**
 * The catalogue version and rule that explain a dispatch: recorded when the lead unit is the
 * one the catalogue (派单目录) suggested, left empty when the dispatcher chose otherwise.
 */
export function catalogueTrace(
  suggestion: DispatchSuggestion | null,
  leadUnitId: number,
): { catalogueVersionId: number | null; catalogueRuleId: number | null } {
  if (!suggestion || suggestion.leadUnitId !== leadUnitId)
    return { catalogueVersionId: null, catalogueRuleId: null };
  return { catalogueVersionId: suggestion.versionId, catalogueRuleId: suggestion.ruleId };
}

/** A reason a person wrote: trimmed, and at least `min` characters (CJK counts one each). */
export function requireReason(
  reason: string | null | undefined,
  field = 'reason',
  min = 2,
): string {
  const text = (reason ?? '').trim();
  if (Array.from(text).length < min)
    throw new ValidationError(
      field,
      `A ${field} of at least ${min} characters is required`,
      'REASON_REQUIRED',
      { rule: 'minLength', limit: min },
    );
  return text;
}

/** The longest extension one request may grant, in working days. */
export const MAX_EXTENSION_WORKING_DAYS = 30;

/** An extension (延期) asked for or granted: a whole number of working days, 1 to the maximum. */
export function checkExtensionDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_WORKING_DAYS)
    throw new ValidationError(
      'workingDays',
      `An extension is from 1 to ${MAX_EXTENSION_WORKING_DAYS} working days`,
      'VALIDATION_FAILED',
      days > MAX_EXTENSION_WORKING_DAYS
        ? { rule: 'maximum', limit: MAX_EXTENSION_WORKING_DAYS }
        : { rule: 'minimum', limit: 1 },
    );
}
