// The intake module: contacts (来电/来件), ticket creation and the decisions taken at intake
// (accept, direct answer, referral, invalid), and the public portal's appeals.
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { AppealValidator } from './appeal-validation.js';
import { ChannelIntakeService } from './channel-intake.service.js';
import { ContactService } from './contacts.service.js';
import { intakeRoutes } from './intake.routes.js';
import { PublicAppealService } from './public-appeals.service.js';
import { TicketIntakeService } from './ticket-intake.service.js';
import type { WriterDeps } from './ticket-writer.js';

export {
  CONTACT_OUTCOMES,
  DISPOSITIONS,
  REFERRAL_TARGETS,
  type ContactOutcome,
  type Disposition,
  type ReferralTarget,
} from './appeal-rules.js';
export type { AppealInput } from './appeal-validation.js';
export type {
  ChannelAppeal,
  ChannelIntakeService,
  ChannelMessage,
  ChannelReceipt,
  MessageChannel,
} from './channel-intake.service.js';
export { CreateTicketBody, CreatedTicketSchema } from './intake.schemas.js';
export type { Contact } from './contacts.repository.js';
export type {
  CallerHistory,
  ContactService,
  RecordContactInput,
  UpdateContactInput,
} from './contacts.service.js';
export type {
  PublicAppealInput,
  PublicAppealService,
  PublicAppealStatus,
} from './public-appeals.service.js';
export type {
  AcceptInput,
  CreatedTicket,
  CreateTicketInput,
  StepOutcome,
  TicketIntakeService,
} from './ticket-intake.service.js';

export interface IntakeModule {
  /** Contacts: record, update, caller history, attach to a ticket. */
  contacts: ContactService;
  /** Tickets created by operators, and received tickets accepted or closed at intake. */
  tickets: TicketIntakeService;
  /** Appeals filed by citizens from the portal or the app, and following them with a query code. */
  publicAppeals: PublicAppealService;
  /** What every channel adapter (Open311, WeChat, Weibo, SMS, e-mail) files its messages through. */
  channels: ChannelIntakeService;
  routes: RouteRegistrar;
}

/**
 * Builds the intake module on the tickets module's store, the catalogue's categories and the
 * organisation's units (a ticket's district and street).
 */
export function createIntakeModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule; organisation: OrganisationService },
): IntakeModule {
  const writer: WriterDeps = {
    database: deps.database,
    clock: deps.clock,
    store: extra.tickets.store,
    timeZone: deps.config.timeZone,
  };
  const validator = new AppealValidator(extra.organisation, extra.catalogue.categories);
  const contacts = new ContactService(deps.database, deps.clock, extra.tickets);
  const tickets = new TicketIntakeService(writer, validator);
  const publicAppeals = new PublicAppealService(writer, validator, extra.catalogue.categories);
  const channels = new ChannelIntakeService(writer, validator);
  return {
    contacts,
    tickets,
    publicAppeals,
    channels,
    // Per client address and minute, for the endpoints anyone can call without an account.
    routes: intakeRoutes({
      contacts,
      tickets,
      publicAppeals,
      publicLimiter: new FixedWindowLimiter(deps.config.publicRateLimit, 60_000, deps.clock),
      attachments: extra.tickets.attachments,
      attachmentMaxBytes: deps.config.attachmentMaxBytes,
    }),
  };
}
