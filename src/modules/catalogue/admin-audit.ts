import { requireRoles, type Actor } from '../../platform/actor.js';

/** Categories, the dispatch catalogue and the calendar are kept by administrators (DOMAIN.md). */
export function assertAdmin(actor: Actor, what: string): void {
  requireRoles(actor, ['admin'], `Only an administrator can ${what}`);
}
