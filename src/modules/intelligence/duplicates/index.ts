// Duplicates (并单), part of the intelligence module: a scorer of "the same incident" (text,
// place, category, time) behind the operator's repeat warning and the dispatch queue's "likely
// duplicate" flags, and, when the admin enables it, automatic merging of new tickets from any
// channel through the dispatch module's merge.
import { every, type BackgroundWork } from '../../../platform/background.js';
import type { AuditLog } from '../../../platform/audit.js';
import type { RouteRegistrar } from '../../../platform/http/routes.js';
import type { ModuleDeps } from '../../../platform/module.js';
import type { CatalogueModule } from '../../catalogue/index.js';
import type { DispatchModule } from '../../dispatch/index.js';
import type { TicketsModule } from '../../tickets/index.js';
import { duplicatesRoutes } from './duplicates.routes.js';
import { DuplicatesService } from './duplicates.service.js';

export { DuplicateIndex, placeKeys, lookupKeys } from './duplicate-index.js';
export {
  DEFAULT_LIKELY_THRESHOLD,
  DEFAULT_SCORER,
  prepare,
  scoreDuplicate,
  SHOW_FLOOR,
  type DuplicateParts,
  type DuplicateScore,
  type DuplicateSubject,
} from './duplicate-scorer.js';
export type {
  AppealDraft,
  DuplicateCandidate,
  DuplicateSettings,
  DuplicatesService,
} from './duplicates.service.js';

export interface DuplicatesModule {
  service: DuplicatesService;
  routes: RouteRegistrar;
  /** New tickets read from the event log every few seconds, merged when the admin enabled it. */
  background: BackgroundWork;
}

const AUTO_MERGE_INTERVAL_MS = 3_000;

export function createDuplicatesModule(
  deps: ModuleDeps,
  extra: {
    audit: AuditLog;
    catalogue: CatalogueModule;
    tickets: TicketsModule;
    dispatch: DispatchModule;
  },
): DuplicatesModule {
  const service = new DuplicatesService({
    database: deps.database,
    clock: deps.clock,
    audit: extra.audit,
    catalogue: extra.catalogue,
    tickets: extra.tickets,
    merge: extra.dispatch.merge,
  });
  return {
    service,
    routes: duplicatesRoutes(service),
    background: every('duplicate merging', AUTO_MERGE_INTERVAL_MS, () =>
      service.autoMergeFromEvents(),
    ),
  };
}
