// The dispatch module: dispatch (派单) to a lead unit and co-handlers, redistribution (改派),
// merging duplicates (并单), and the review of units' return and extension requests.
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { dispatchRoutes } from './dispatch.routes.js';
import { DispatchService } from './dispatch.service.js';
import { MergeService } from './merge.service.js';
import { RequestsService } from './requests.service.js';

export {
  DispatchService,
  MAX_BULK_DISPATCH,
  type BulkDispatchResult,
  type DispatchInput,
  type DispatchQueueFilter,
  type DispatchQueueItem,
  type ReassignInput,
} from './dispatch.service.js';
export { MergeService } from './merge.service.js';
export {
  RequestsService,
  type ExtensionDecision,
  type RequestDecision,
  type ReturnReview,
} from './requests.service.js';
export type {
  RequestKind,
  RequestListItem,
  RequestState,
  TicketRequest,
} from './dispatch.repository.js';
export { passReplyToChildren, recallChildrenOnReopen } from './merged-children.js';
export { checkExtensionDays, MAX_EXTENSION_WORKING_DAYS, requireReason } from './dispatch-rules.js';
export {
  TicketHeadingFields,
  TicketSummarySchema,
  ticketStepRoute,
  toTicketSummary,
  type TicketSummary,
} from './ticket-summary.js';

export interface DispatchModule {
  /** Dispatch, bulk dispatch, redistribution and the dispatch queue. */
  service: DispatchService;
  /** Merging duplicates under a parent ticket. */
  merge: MergeService;
  /** Review of return and extension requests. */
  requests: RequestsService;
  routes: RouteRegistrar;
}

/** Builds the dispatch module from the tickets, catalogue and organisation modules. */
export function createDispatchModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule; organisation: OrganisationService },
): DispatchModule {
  const inner = { database: deps.database, clock: deps.clock, ...extra };
  const service = new DispatchService(inner);
  const merge = new MergeService(inner);
  const requests = new RequestsService(inner);
  return {
    service,
    merge,
    requests,
    routes: dispatchRoutes({ dispatch: service, merge, requests }),
  };
}
