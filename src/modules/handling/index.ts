// The handling module: the handling unit's side of a ticket (承办单位): its queue, sign-for,
// return and extension requests, co-handlers' parts and the lead unit's consolidated reply.
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { handlingRoutes } from './handling.routes.js';
import { HandlingService } from './handling.service.js';

export { HandlingService, type ReplyInput, type UnitQueueItem } from './handling.service.js';

export interface HandlingModule {
  /** Queue, sign-for, return/extension requests, reply parts and the reply. */
  service: HandlingService;
  routes: RouteRegistrar;
}

/** Builds the handling module from the tickets and catalogue modules. */
export function createHandlingModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule },
): HandlingModule {
  const service = new HandlingService({ database: deps.database, clock: deps.clock, ...extra });
  return { service, routes: handlingRoutes(service) };
}
