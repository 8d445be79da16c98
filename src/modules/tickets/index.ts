// The tickets module: the work order itself, its state machine, its history, its data scope.
// Other modules change tickets only through TicketStore.applyStep (or insert them through the
// repository functions re-exported here), inside database.write.
import type { Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { OrganisationService } from '../organisation/index.js';
import { AttachmentStorage } from './attachment-storage.js';
import { attachmentRoutes } from './attachments.routes.js';
import { AttachmentService } from './attachments.service.js';
import type { TicketListFilter } from './ticket-filter.js';
import {
  TicketQueries,
  type AuditView,
  type TicketPage,
  type TicketView,
} from './ticket-query.service.js';
import { TicketStore } from './ticket-store.js';
import { ticketRoutes } from './tickets.routes.js';
import type { Ticket, TicketEvent } from './ticket.js';
import { TicketChangeFeed } from './ticket-changes.js';
import { ticketChangeRoutes } from './ticket-changes.routes.js';

export * from './ticket.js';
export * from './ticket-status.js';
export { TicketStore, type StepInput, type StepResult } from './ticket-store.js';
export { TicketChangeFeed, type TicketChange } from './ticket-changes.js';
export {
  canViewTicket,
  citizenVisibility,
  maskAddress,
  maskName,
  maskPhone,
  type TicketScope,
} from './ticket-access.js';
export { AttachmentSchema } from './tickets.schemas.js';
export {
  getTicketRow,
  indexTicketText,
  insertEvent,
  insertTicket,
  insertTicketRow,
  listAssignments,
  listEvents,
  lockTicket,
  nextTicketNumber,
  toAssignment,
  toTicket,
  type Executor,
  type TicketPatch,
  type TicketRow,
} from './tickets.repository.js';

export { exportTickets, type ExportOptions } from './ticket-export.js';
export {
  findTicketByNumber,
  findTicketRowByNumber,
  isOverdue,
  type ListScope,
} from './ticket-list.repository.js';
export {
  maskCitizen,
  type AuditView,
  type TicketListItem,
  type TicketPage,
  type TicketView,
} from './ticket-query.service.js';
export {
  MAX_PAGE_SIZE,
  TICKET_SORTS,
  type TicketListFilter,
  type TicketSort,
} from './ticket-filter.js';
export type { Attachment } from './attachments.repository.js';
export type { AttachmentService, UploadInput } from './attachments.service.js';
export {
  ATTACHMENT_PURPOSES,
  ATTACHMENT_TYPES,
  cleanFileName,
  decideAttachmentType,
  type AttachmentPurpose,
  type AttachmentType,
} from './attachment-types.js';
export { AttachmentStorage, tooLarge } from './attachment-storage.js';
export { contentDisposition, receiveUpload } from './attachments.routes.js';
export {
  AppealTypeSchema,
  ChannelSchema,
  TicketListItemSchema,
  TicketStatusSchema,
  TicketViewSchema,
  UrgencySchema,
} from './tickets.schemas.js';

export interface TicketQueryService {
  /** One ticket, if the actor's data scope includes it (else NotFoundError); full citizen views are audited. */
  getTicket(actor: Actor, id: number): Promise<TicketView>;
  /** The same, by its number ("20260302000001"). */
  getTicketByNumber(actor: Actor, number: string): Promise<TicketView>;
  /** The immutable history of a ticket the actor may see. */
  getEvents(actor: Actor, id: number): Promise<TicketEvent[]>;
  /** Throws NotFoundError unless the actor's data scope includes the ticket. */
  assertVisible(actor: Actor, ticket: Ticket): Promise<void>;
  /** The ticket to act on (citizen unmasked, not audited), if in the actor's scope; else NotFoundError. */
  getVisibleTicket(actor: Actor, id: number): Promise<Ticket>;
  /** A filtered, sorted page of the tickets in the actor's scope; the citizen always masked. */
  list(actor: Actor, filter: TicketListFilter): Promise<TicketPage>;
  /** The audit entries about a ticket (who viewed its citizen in full): supervisors and admins. */
  auditOfTicket(actor: Actor, ticketId: number): Promise<AuditView[]>;
}

export interface TicketsModule {
  store: TicketStore;
  /** Server push of ticket changes, per subscriber's scope, across app instances. */
  changes: TicketChangeFeed;
  query: TicketQueryService;
  attachments: AttachmentService;
  routes: RouteRegistrar;
}

/** The tickets module: the one TicketStore, the scoped read side, attachments and their routes. */
export function createTicketsModule(
  deps: ModuleDeps,
  extra: { audit: AuditLog; organisation: OrganisationService },
): TicketsModule {
  const { database, config, clock } = deps;
  const store = new TicketStore(database, clock);
  const query = new TicketQueries(database, clock, extra.audit, config.timeZone);
  const attachments = new AttachmentService(
    database,
    clock,
    query,
    new AttachmentStorage(config.dataDir),
    { maxBytes: config.attachmentMaxBytes, timeZone: config.timeZone },
  );
  const changes = new TicketChangeFeed(database);
  const routes: RouteRegistrar = (app) => {
    ticketRoutes(query)(app);
    ticketChangeRoutes(changes)(app);
    attachmentRoutes(attachments, config.attachmentMaxBytes)(app);
  };
  return { store, changes, query, attachments, routes };
}
