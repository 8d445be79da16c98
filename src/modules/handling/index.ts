// CONTRACT (to be implemented by the handling module).
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { TicketsModule } from '../tickets/index.js';

export interface HandlingModule {
  routes: RouteRegistrar;
}

export declare function createHandlingModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule },
): HandlingModule;
