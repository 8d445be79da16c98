import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { Ticket, TicketsModule } from '../tickets/index.js';
import { inScope, type DispatchScope } from './dispatch-rules.js';

/** What the dispatch services are built from (passed once by the composition root). */
export interface DispatchDeps {
  database: Database;
  clock: Clock;
  tickets: TicketsModule;
  catalogue: CatalogueModule;
  organisation: OrganisationService;
}

/**
 * Reads a ticket the actor may act on: NotFoundError when it is outside what they may see at
 * all, ForbiddenError when they see it but it lies outside their district.
 */
export async function readTicketInScope(
  deps: DispatchDeps,
  actor: Actor,
  scope: DispatchScope,
  ticketId: number,
): Promise<Ticket> {
  const ticket = await deps.tickets.query.getVisibleTicket(actor, ticketId);
  if (!inScope(scope, ticket.districtId))
    throw new ForbiddenError(
      `Ticket ${ticket.number} is outside your district: ask the city dispatch desk`,
      'OUT_OF_DISTRICT',
    );
  return ticket;
}
