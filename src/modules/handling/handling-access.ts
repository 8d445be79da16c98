import { requireRoles, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError } from '../../platform/errors.js';
import type { CatalogueModule } from '../catalogue/index.js';
import {
  getTicketRow,
  toTicket,
  type Ticket,
  type TicketAssignment,
  type TicketsModule,
  type TicketStatus,
} from '../tickets/index.js';
import { currentAssignment } from './handling.repository.js';

/** What the handling services are built from (passed once by the composition root). */
export interface HandlingDeps {
  database: Database;
  clock: Clock;
  tickets: TicketsModule;
  catalogue: CatalogueModule;
}

/** Ticket states in which a unit works on its dispatch. */
export const HANDLING_STATUSES: readonly TicketStatus[] = [
  'dispatched',
  'in_progress',
  'return_review',
];

export function requireHandler(actor: Actor): void {
  requireRoles(actor, ['handler'], 'Only staff of a handling unit can do this');
}

/**
 * The ticket and the actor's unit's current dispatch on it. A ticket outside the actor's scope
 * is NotFound; one they may see but that is not (or no longer) dispatched to their unit is
 * Forbidden NOT_ASSIGNED. With `role`, the dispatch must be of that role.
 */
export async function readOwnDispatch(
  deps: HandlingDeps,
  actor: Actor,
  ticketId: number,
  role?: 'lead' | 'co',
): Promise<{ ticket: Ticket; assignment: TicketAssignment }> {
  requireHandler(actor);
  const db = deps.database.db;
  const ticket = toTicket(await getTicketRow(db, ticketId));
  const assignment = await currentAssignment(db, ticketId, actor.unitId);
  if (!assignment) {
    await deps.tickets.query.assertVisible(actor, ticket);
    throw new ForbiddenError(
      `Ticket ${ticket.number} is not dispatched to your unit`,
      'NOT_ASSIGNED',
    );
  }
  if (role === 'lead' && assignment.role !== 'lead')
    throw new ForbiddenError('Only the lead unit (主办) can do this', 'LEAD_UNIT_ONLY');
  if (role === 'co' && assignment.role !== 'co')
    throw new ForbiddenError(
      'Only a co-handler (协办) replies a part; the lead unit replies the whole ticket',
      'CO_HANDLER_ONLY',
    );
  return { ticket, assignment };
}

/** A co-handler acts only while the ticket is being handled. */
export function assertBeingHandled(ticket: Ticket): void {
  if (!HANDLING_STATUSES.includes(ticket.status))
    throw new ConflictError(
      'TICKET_NOT_IN_HANDLING',
      `Ticket ${ticket.number} is ${ticket.status.replaceAll('_', ' ')}: it is no longer being handled`,
    );
}
