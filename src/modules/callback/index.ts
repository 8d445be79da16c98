// The callback module (回访): the callback desk asks the citizen after a reply, then closes the
// ticket or reopens it (重办) for the same lead unit.
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { IntakeModule } from '../intake/index.js';
import type { TicketsModule } from '../tickets/index.js';
import { callbackRoutes } from './callback.routes.js';
import { CallbackService } from './callback.service.js';

export { CallbackService, type CallbackInput, type CallbackQueueItem } from './callback.service.js';
export {
  decideReopen,
  RESOLUTION_CALLBACK,
  RESOLUTION_CITIZEN,
  RESOLUTION_NO_CALLBACK,
  SATISFACTIONS,
  type Satisfaction,
} from './callback-rules.js';

export interface CallbackModule {
  /** Callback queue, callbacks, close without callback, reopen. */
  service: CallbackService;
  routes: RouteRegistrar;
}

/** Builds the callback module from the tickets and catalogue modules. */
export function createCallbackModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule; intake: IntakeModule },
): CallbackModule {
  const { tickets, catalogue, intake } = extra;
  const service = new CallbackService({
    database: deps.database,
    clock: deps.clock,
    tickets,
    catalogue,
  });
  // Citizens evaluate without an account: limited per client address, like filing.
  const limiter = new FixedWindowLimiter(deps.config.publicRateLimit, 60_000, deps.clock);
  return { service, routes: callbackRoutes(service, intake.publicAppeals, limiter) };
}
