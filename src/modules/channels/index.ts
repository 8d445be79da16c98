// The channels module: what every channel adapter shares. The admin's settings of each adapter
// (endpoints, keys, secrets) live here; the adapters themselves are modules of their own that
// file what they receive through the intake module's ChannelIntakeService.
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { channelSettingsRoutes } from './channel-settings.routes.js';
import { ChannelSettingsService } from './channel-settings.service.js';

export type {
  ChannelSettingSpec,
  ChannelSettingsService,
  ChannelView,
} from './channel-settings.service.js';

export interface ChannelsModule {
  settings: ChannelSettingsService;
  routes: RouteRegistrar;
}

export function createChannelsModule(deps: ModuleDeps, extra: { audit: AuditLog }): ChannelsModule {
  const settings = new ChannelSettingsService(deps.database, deps.clock, extra.audit);
  return { settings, routes: channelSettingsRoutes(settings) };
}
