// CONTRACT (to be implemented by the dispatch module).
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketsModule } from '../tickets/index.js';

export interface DispatchModule {
  routes: RouteRegistrar;
}

export declare function createDispatchModule(
  deps: ModuleDeps,
  extra: { tickets: TicketsModule; catalogue: CatalogueModule; organisation: OrganisationService },
): DispatchModule;
