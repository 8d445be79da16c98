// The Open311 module: the GeoReport v2 API that apps and FixMyStreet-style clients speak, over our
// categories (services) and tickets (service requests), with the admin's API keys and the extra
// questions (attributes) of each service. Requests are filed through intake's channel interface.
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { CatalogueModule } from '../catalogue/index.js';
import type { ChannelsModule } from '../channels/index.js';
import type { IntakeModule } from '../intake/index.js';
import type { OrganisationService } from '../organisation/index.js';
import { ApiKeyService } from './api-keys.service.js';
import { GeoReportService } from './georeport.service.js';
import { georeportRoutes, loggedUrl } from './georeport.routes.js';
import { open311AdminRoutes } from './open311-admin.routes.js';
import { OPEN311_CHANNEL, OPEN311_SETTINGS, readOpen311Settings } from './open311-settings.js';
import { ServiceAttributeService } from './service-attributes.service.js';
import { ServiceCatalog } from './service-catalog.js';

export type { ApiKey, ApiKeyService } from './api-keys.service.js';
export type { GeoReportService } from './georeport.service.js';
export type { ServiceAttributeService } from './service-attributes.service.js';
export { OPEN311_CHANNEL } from './open311-settings.js';
// Which district's polygon holds a point (also the operator's place suggestion).
export { areaContains, unitAt, type Area } from './geo-rules.js';

export interface Open311Module {
  /** Discovery, services, filing and reading requests, tokens. */
  georeport: GeoReportService;
  /** The admin's API keys, and checking a client's key and rate. */
  keys: ApiKeyService;
  /** The admin's attributes per service. */
  attributes: ServiceAttributeService;
  routes: RouteRegistrar;
}

/** Where the GeoReport v2 endpoint is mounted, under /api/v1. */
export const OPEN311_PREFIX = '/open311/v2';

export function createOpen311Module(
  deps: ModuleDeps,
  extra: {
    audit: AuditLog;
    intake: IntakeModule;
    catalogue: CatalogueModule;
    channels: ChannelsModule;
    organisation: OrganisationService;
  },
): Open311Module {
  const { database, clock, config } = deps;
  const settings = extra.channels.settings;
  settings.register(OPEN311_CHANNEL, OPEN311_SETTINGS);
  const keys = new ApiKeyService(
    database,
    clock,
    extra.audit,
    async () => readOpen311Settings(await settings.values(OPEN311_CHANNEL)).defaultRateLimit,
  );
  const catalog = new ServiceCatalog(database, extra.catalogue.categories);
  const attributes = new ServiceAttributeService(database, clock, extra.audit, catalog);
  const georeport = new GeoReportService({
    database,
    clock,
    timeZone: config.timeZone,
    settings,
    keys,
    catalog,
    intake: extra.intake.channels,
    organisation: extra.organisation,
    anonymousLimiter: new FixedWindowLimiter(config.publicRateLimit, 60_000, clock),
  });
  return {
    georeport,
    keys,
    attributes,
    routes: (app) => {
      // A scope of its own: the form parser, the errors document and the log redaction apply
      // to these routes only.
      void app.register(georeportRoutes(georeport), {
        prefix: OPEN311_PREFIX,
        // pino takes objects from serializers; fastify's type says strings.
        logSerializers: {
          req: (req: { method: string; url: string; id: string }) => ({
            method: req.method,
            url: loggedUrl(req.url),
            id: req.id,
          }),
        } as unknown as Record<string, (value: unknown) => string>,
      });
      open311AdminRoutes(app, keys, attributes);
    },
  };
}
