import { hasRole, type Actor, type Role } from '../../platform/actor.js';
import { ForbiddenError } from '../../platform/errors.js';

/** Refuses an actor who holds none of `roles` (the services check, not only the routes). */
export function requireRoles(actor: Actor, ...roles: Role[]): Actor {
  if (!hasRole(actor, ...roles)) {
    throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`, 'ROLE_REQUIRED');
  }
  return actor;
}

/** The intake desk: operators take contacts and create tickets. */
export const INTAKE_ROLES: Role[] = ['operator'];

/** Closing a ticket at intake is also open to the dispatch desk, from its pending queue. */
export const CLOSE_AT_INTAKE_ROLES: Role[] = ['operator', 'dispatcher'];
