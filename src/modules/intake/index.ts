// CONTRACT (to be implemented by the intake module).
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { TicketsModule } from '../tickets/index.js';

export interface IntakeModule {
  routes: RouteRegistrar;
}

export declare function createIntakeModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule },
): IntakeModule;
