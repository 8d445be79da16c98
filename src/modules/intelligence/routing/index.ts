// Routing (智能派单): category + place → lead unit and co-handlers with a confidence and its
// reasons, learnt from the deployment's dispatches, returns and redistributions; automatic
// dispatch above an admin-set confidence; the return rate before and after.
import type { AuditLog } from '../../../platform/audit.js';
import { every, type BackgroundWork } from '../../../platform/background.js';
import type { RouteRegistrar } from '../../../platform/http/routes.js';
import type { DispatchService } from '../../dispatch/index.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import { AutoDispatch } from './auto-dispatch.service.js';
import { Router } from './router.service.js';
import { RoutingLearning } from './routing-learning.service.js';
import { RoutingReportService } from './routing-report.service.js';
import { routingRoutes } from './routing.routes.js';
import { RoutingService } from './routing.service.js';
import { RoutingSettingsService } from './routing-settings.service.js';

export type { AutoDispatch, AutoDispatchRun } from './auto-dispatch.service.js';
export type { Router, RouteResult } from './router.service.js';
export type { RoutingLearning, RoutingLearningRun } from './routing-learning.service.js';
export type { RoutingReport, RoutingReportService } from './routing-report.service.js';
export type { RoutingService, TicketRouting } from './routing.service.js';
export type { RoutingSettingsService, RoutingSettingsView } from './routing-settings.service.js';
export type { ExplanationPart, RouteSuggestion, RoutingSettings } from './routing-types.js';
export { ROUTER_USERNAME } from './router-actor.js';

export interface RoutingModule {
  router: Router;
  /** Counts and decisions from the ticket events. */
  learning: RoutingLearning;
  /** Dispatches waiting decisions the settings allow. */
  autoDispatch: AutoDispatch;
  service: RoutingService;
  settings: RoutingSettingsService;
  report: RoutingReportService;
  routes: RouteRegistrar;
  /** Learning then auto-dispatch, every few seconds on every instance (safe in parallel). */
  background: BackgroundWork;
}

/** How often the events are read and waiting tickets dispatched. */
const ROUTING_INTERVAL_MS = 3_000;

/** Builds routing on the intelligence context and the dispatch service. */
export function createRoutingModule(
  context: IntelligenceContext,
  extra: { dispatch: DispatchService; audit: AuditLog; timeZone: string },
): RoutingModule {
  const router = new Router(context);
  const learning = new RoutingLearning(context, router);
  const settings = new RoutingSettingsService(context, extra.audit);
  const autoDispatch = new AutoDispatch(context, extra.dispatch, settings);
  const service = new RoutingService(context, router);
  const report = new RoutingReportService(context, extra.timeZone);
  return {
    router,
    learning,
    autoDispatch,
    service,
    settings,
    report,
    routes: routingRoutes({ routing: service, settings, report }),
    background: every('routing', ROUTING_INTERVAL_MS, async () => {
      await learning.learnFromEvents();
      await autoDispatch.run();
    }),
  };
}
