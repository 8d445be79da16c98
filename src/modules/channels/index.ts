// The channels module: what every channel adapter shares. The admin's settings of each adapter
// (endpoints, keys, secrets) live here; the adapters themselves are modules of their own that
// file what they receive through the intake module's ChannelIntakeService.
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { ChannelFiguresService } from './channel-figures.service.js';
import { channelSettingsRoutes } from './channel-settings.routes.js';
import { ChannelSettingsService } from './channel-settings.service.js';

export type { ChannelFigures, ChannelFiguresService } from './channel-figures.service.js';
export type {
  ChannelSettingSpec,
  ChannelSettingsService,
  ChannelView,
} from './channel-settings.service.js';

export interface ChannelsModule {
  settings: ChannelSettingsService;
  /** What came in on each channel: the channels compared for supervisors. */
  figures: ChannelFiguresService;
  routes: RouteRegistrar;
}

export function createChannelsModule(deps: ModuleDeps, extra: { audit: AuditLog }): ChannelsModule {
  const settings = new ChannelSettingsService(deps.database, deps.clock, extra.audit);
  const figures = new ChannelFiguresService(deps.database, deps.config.timeZone);
  return { settings, figures, routes: channelSettingsRoutes(settings, figures) };
}
