import { serverSentEventsRoute } from '../../platform/http/server-sent-events.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { NotificationFeed } from './notification-feed.js';

/**
 * GET /notifications/events: server push of `event: notification` with `{ id }` for every new
 * notification addressed to the caller, from any app instance; the client then reloads its list.
 */
export function notificationFeedRoutes(feed: NotificationFeed): RouteRegistrar {
  return serverSentEventsRoute({
    path: '/notifications/events',
    event: 'notification',
    feed,
    schema: {
      tags: ['notifications'],
      summary: 'Server push: your new notifications (text/event-stream)',
    },
  });
}
