// The notifications module: notices to a unit (a review that falls due, later supervision),
// written in the same transaction as the change that causes them, read by the unit's members.
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { NotificationFeed } from './notification-feed.js';
import { notificationFeedRoutes } from './notification-feed.routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { NotificationService } from './notifications.service.js';

export type { Notification } from './notifications.repository.js';
export type { NotificationArrival, NotificationFeed } from './notification-feed.js';
export type { NotificationService, NotifyInput } from './notifications.service.js';

export interface NotificationsModule {
  service: NotificationService;
  /** Server push of new notifications to their addressees, across app instances. */
  feed: NotificationFeed;
  routes: RouteRegistrar;
}

/** Builds the notifications module: its service and its /notifications routes. */
export function createNotificationsModule(deps: ModuleDeps): NotificationsModule {
  const service = new NotificationService(deps.database, deps.clock);
  const feed = new NotificationFeed(deps.database);
  const routes: RouteRegistrar = (app) => {
    notificationRoutes(service)(app);
    notificationFeedRoutes(feed)(app);
  };
  return { service, feed, routes };
}
