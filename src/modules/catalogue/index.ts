// The catalogue module: the category tree (诉求分类), the versioned dispatch catalogue (派单目录),
// the working-day calendar and the time limits computed on it.
import type { FastifyInstance } from 'fastify';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { OrganisationService } from '../organisation/index.js';
import { calendarRoutes } from './calendar.routes.js';
import { CalendarService } from './calendar.service.js';
import { categoryRoutes } from './categories.routes.js';
import { CategoryService } from './categories.service.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { DispatchCatalogueService } from './catalogue.service.js';
import { DeadlineService } from './deadline.service.js';
import { TimeLimitService } from './time-limits.service.js';
import { timeLimitRoutes } from './time-limits.routes.js';

export type * from './catalogue-types.js';
export { CalendarService } from './calendar.service.js';
export { CategoryService } from './categories.service.js';
export { DispatchCatalogueService, type CatalogueVersionWithRules } from './catalogue.service.js';
export { DeadlineService, type TimeLimitSource } from './deadline.service.js';
export {
  TimeLimitService,
  type TimeLimitRuleView,
  type TimeLimitsView,
} from './time-limits.service.js';
export { LIMIT_STAGES, type LimitStage } from './time-limit-rules.js';
export { CsvImportError, type CsvProblem } from './csv-import.js';
export {
  addHours,
  addWorkingDays,
  DEFAULT_TIME_LIMITS,
  isWorkingDay,
  type CalendarDays,
  type TimeLimit,
  type TimeLimits,
  type Urgency,
} from './sla-deadline.js';

export interface CatalogueModule {
  categories: CategoryService;
  catalogue: DispatchCatalogueService;
  deadlines: DeadlineService;
  /** Time limits per category and urgency, kept by the admin. */
  timeLimits: TimeLimitService;
  calendar: CalendarService;
  routes: RouteRegistrar;
}

/** CSV bodies up to this size are accepted by the import routes. */
const CSV_BODY_LIMIT = 10 * 1024 * 1024;

/** Builds the catalogue module's services and its HTTP routes. */
export function createCatalogueModule(
  deps: ModuleDeps,
  extra: { organisation: OrganisationService },
): CatalogueModule {
  const { database, clock, config } = deps;
  const categories = new CategoryService(database, clock);
  const catalogue = new DispatchCatalogueService(database, clock, extra.organisation);
  const calendar = new CalendarService(database, clock, config.timeZone);
  const timeLimits = new TimeLimitService(database, clock);
  const deadlines = new DeadlineService(calendar, config.timeZone, timeLimits);
  const routes: RouteRegistrar = (app) => {
    // A scope of its own, so the text/csv parser applies to these routes only.
    void app.register(async (scope: FastifyInstance) => {
      if (!scope.hasContentTypeParser('text/csv')) {
        scope.addContentTypeParser(
          'text/csv',
          { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT },
          (_request, body, done) => done(null, body),
        );
      }
      categoryRoutes(scope, categories);
      catalogueRoutes(scope, catalogue);
      calendarRoutes(scope, calendar);
      timeLimitRoutes(scope, timeLimits);
    });
  };
  return { categories, catalogue, deadlines, timeLimits, calendar, routes };
}
