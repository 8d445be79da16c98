import { serverSentEventsRoute } from '../../platform/http/server-sent-events.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { TicketChangeFeed } from './ticket-changes.js';

/**
 * GET /events: server push of changes to the tickets in the caller's scope, `event: ticket` with
 * `{ id, number, status, version }`; screens reload what they show.
 */
export function ticketChangeRoutes(feed: TicketChangeFeed): RouteRegistrar {
  return serverSentEventsRoute({
    path: '/events',
    event: 'ticket',
    feed,
    schema: {
      tags: ['tickets'],
      summary: 'Server push: changes to the tickets in your scope (text/event-stream)',
    },
  });
}
