// The tickets module: the work order itself, its state machine, its history, its data scope.
// Other modules change tickets only through TicketStore.applyStep (or insert them through the
// repository functions re-exported here), inside database.write.
import type { Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketStore } from './ticket-store.js';
import type { Ticket, TicketAssignment, TicketEvent } from './ticket.js';

export * from './ticket.js';
export * from './ticket-status.js';
export { TicketStore, type StepInput, type StepResult } from './ticket-store.js';
export {
  canViewTicket,
  citizenVisibility,
  maskAddress,
  maskName,
  maskPhone,
  type TicketScope,
} from './ticket-access.js';
export {
  getTicketRow,
  indexTicketText,
  insertEvent,
  insertTicketRow,
  listAssignments,
  listEvents,
  lockTicket,
  nextTicketNumber,
  toAssignment,
  toTicket,
  type Executor,
  type TicketPatch,
} from './tickets.repository.js';

// CONTRACT (to be implemented by the tickets query side): ----------------------------------------

/** A ticket as one actor may see it: the citizen masked or hidden per their role. */
export interface TicketView extends Omit<Ticket, 'citizenName' | 'citizenPhone' | 'address'> {
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  citizenVisibility: 'full' | 'masked' | 'hidden';
  assignments: TicketAssignment[];
}

export interface TicketQueryService {
  /** One ticket, if the actor's data scope includes it (else NotFoundError); full citizen views are audited. */
  getTicket(actor: Actor, id: number): Promise<TicketView>;
  /** The immutable history of a ticket the actor may see. */
  getEvents(actor: Actor, id: number): Promise<TicketEvent[]>;
  /** Throws NotFoundError unless the actor's data scope includes the ticket. */
  assertVisible(actor: Actor, ticket: Ticket): Promise<void>;
}

export interface TicketsModule {
  store: TicketStore;
  query: TicketQueryService;
  routes: RouteRegistrar;
}

export declare function createTicketsModule(
  deps: ModuleDeps,
  extra: { audit: AuditLog; organisation: OrganisationService },
): TicketsModule;
