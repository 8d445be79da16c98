import { hasRole, requireRoles, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { Ticket, TicketsModule } from '../tickets/index.js';
import type { NoticeSender } from './notices.js';

/** What the supervision services are built from (passed once by the composition root). */
export interface SupervisionDeps {
  database: Database;
  clock: Clock;
  tickets: TicketsModule;
  catalogue: CatalogueModule;
  organisation: OrganisationService;
  /** Where notices go: the in-app notifications first, then any sender plugged in. */
  senders: readonly NoticeSender[];
}

/** Who watches deadlines (supervisors, the dispatch desk, district coordinators in their district). */
export const WATCHERS = ['supervisor', 'dispatcher', 'coordinator'] as const;

/**
 * Which tickets an actor watches: everything for the centre's supervisors and dispatch desk,
 * the district for a coordinator, the own unit's dispatches for a handler.
 */
export type WatchScope =
  { kind: 'all' } | { kind: 'district'; districtId: number } | { kind: 'unit'; unitId: number };

export function watchScopeOf(actor: Actor, allowHandlers = true): WatchScope {
  const roles = allowHandlers ? [...WATCHERS, 'handler' as const] : [...WATCHERS];
  requireRoles(
    actor,
    roles,
    'Only supervisors, the dispatch desk and coordinators watch deadlines',
  );
  if (hasRole(actor, 'supervisor', 'dispatcher')) return { kind: 'all' };
  if (hasRole(actor, 'coordinator')) {
    if (actor.districtId === null)
      throw new ForbiddenError('Your unit is not in a district', 'NO_DISTRICT');
    return { kind: 'district', districtId: actor.districtId };
  }
  return { kind: 'unit', unitId: actor.unitId };
}

/** A coordinator acts on the tickets of their own district only. */
export function assertInDistrict(actor: Actor, ticket: Ticket): void {
  if (hasRole(actor, 'supervisor', 'dispatcher')) return;
  if (actor.districtId === null || ticket.districtId !== actor.districtId)
    throw new ForbiddenError(
      `Ticket ${ticket.number} is outside your district: the centre chases it`,
      'OUT_OF_DISTRICT',
    );
}

/** A text a person must give (a reason, a reply), trimmed and within its length. */
export function requiredText(
  value: string | null | undefined,
  field: string,
  limits: { min?: number; max: number },
): string {
  const text = value?.trim() ?? '';
  const length = Array.from(text).length;
  const min = limits.min ?? 1;
  if (length < min)
    throw new ValidationError(
      field,
      min === 1 ? `Say the ${field}` : `The ${field} needs at least ${min} characters`,
      'VALIDATION_FAILED',
      { rule: min === 1 ? 'required' : 'minLength', limit: min },
    );
  if (length > limits.max)
    throw new ValidationError(
      field,
      `The ${field} may have at most ${limits.max} characters`,
      'VALIDATION_FAILED',
      { rule: 'maxLength', limit: limits.max },
    );
  return text;
}

/** An optional text: null when empty. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  return requiredText(text, field, { max });
}
