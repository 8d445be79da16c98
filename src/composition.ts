import type { Config } from './config.js';
import { AuditLog } from './platform/audit.js';
import type { Clock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import type { ModuleDeps } from './platform/module.js';
import { createAuthModule } from './modules/auth/index.js';
import { createCallbackModule } from './modules/callback/index.js';
import { createChannelsModule } from './modules/channels/index.js';
import { createCtiModule } from './modules/cti/index.js';
import { createCatalogueModule } from './modules/catalogue/index.js';
import { createDispatchModule } from './modules/dispatch/index.js';
import { createHandlingModule } from './modules/handling/index.js';
import { createIntakeModule } from './modules/intake/index.js';
import {
  createDuplicatesModule,
  createHotspotsModule,
  createIntelligenceModule,
} from './modules/intelligence/index.js';
import { createKnowledgeModule } from './modules/knowledge/index.js';
import { createMessagingModule } from './modules/messaging/index.js';
import { createNotificationsModule } from './modules/notifications/index.js';
import { createOpen311Module } from './modules/open311/index.js';
import { createOrganisationModule } from './modules/organisation/index.js';
import {
  createReportsModule,
  createStaffNoticesModule,
  createSupervisionModule,
} from './modules/supervision/index.js';
import { createTicketsModule } from './modules/tickets/index.js';
import { createWechatModule } from './modules/wechat/index.js';

/** The composition root: every service is created here, once, with its dependencies. */
export function createServices(database: Database, config: Config, clock: Clock) {
  const deps: ModuleDeps = { database, config, clock };
  const audit = new AuditLog(database, clock);
  const organisation = createOrganisationModule(deps, { audit });
  const auth = createAuthModule(deps, { audit });
  const catalogue = createCatalogueModule(deps, { organisation: organisation.service });
  const tickets = createTicketsModule(deps, { audit, organisation: organisation.service });
  const intake = createIntakeModule(deps, {
    tickets,
    catalogue,
    organisation: organisation.service,
  });
  const dispatch = createDispatchModule(deps, {
    tickets,
    catalogue,
    organisation: organisation.service,
  });
  const handling = createHandlingModule(deps, { tickets, catalogue });
  const callback = createCallbackModule(deps, { tickets, catalogue, intake });
  const notifications = createNotificationsModule(deps);
  const channels = createChannelsModule(deps, { audit });
  const cti = createCtiModule(deps, {
    settings: channels.settings,
    contacts: intake.contacts,
    auth: auth.service,
    users: auth.users,
    audit,
  });
  const wechat = createWechatModule(deps, { intake, tickets, channels });
  const messaging = createMessagingModule(deps, { intake, tickets, callback, channels });
  const open311 = createOpen311Module(deps, {
    audit,
    intake,
    catalogue,
    channels,
    organisation: organisation.service,
  });
  const knowledge = createKnowledgeModule(deps, {
    intake,
    catalogue,
    organisation: organisation.service,
    notifications: notifications.service,
  });
  const intelligence = createIntelligenceModule(deps, {
    catalogue,
    organisation: organisation.service,
    tickets,
    dispatch,
    audit,
  });
  const staffNotices = createStaffNoticesModule(deps, { audit, channels });
  const duplicates = createDuplicatesModule(deps, { audit, catalogue, tickets, dispatch });
  const supervision = createSupervisionModule(deps, {
    audit,
    tickets,
    catalogue,
    organisation: organisation.service,
    notifications: notifications.service,
    senders: [staffNotices.sender],
  });
  const reports = createReportsModule(deps, {
    organisation: organisation.service,
    supervision,
  });
  const hotspots = createHotspotsModule(deps, { notifications: notifications.service });
  return {
    auth,
    organisation,
    catalogue,
    tickets,
    intake,
    dispatch,
    handling,
    callback,
    notifications,
    knowledge,
    channels,
    open311,
    cti,
    wechat,
    supervision,
    reports,
    staffNotices,
    messaging,
    intelligence,
    duplicates,
    hotspots,
  };
}

export type Services = ReturnType<typeof createServices>;
