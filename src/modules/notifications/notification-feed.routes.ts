import type { ServerResponse } from 'node:http';
import { requireActor } from '../../platform/http/request-actor.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { NotificationFeed } from './notification-feed.js';

const PING_MS = 25_000;

/**
 * GET /notifications/events: server push (Server-Sent Events) of `event: notification` with
 * `{ id }` for every new notification addressed to the caller, from any app instance; the
 * client then reloads its list. A comment every 25 s keeps proxies from closing an idle stream.
 */
export function notificationFeedRoutes(feed: NotificationFeed): RouteRegistrar {
  return (app) => {
    const open = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const response of open) response.socket?.destroy();
      await feed.close();
    });
    app.get(
      '/notifications/events',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Server push: your new notifications (text/event-stream)',
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        reply.hijack();
        const response = reply.raw;
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        open.add(response);
        let unsubscribe: () => void;
        try {
          unsubscribe = await feed.subscribe(actor, (arrival) => {
            response.write(`event: notification\ndata: ${JSON.stringify(arrival)}\n\n`);
          });
        } catch (error) {
          request.log.error({ err: error }, 'notification feed unavailable');
          open.delete(response);
          response.end();
          return;
        }
        response.write('retry: 3000\nevent: ready\ndata: {}\n\n');
        const ping = setInterval(() => response.write(': ping\n\n'), PING_MS);
        request.raw.socket.once('close', () => {
          clearInterval(ping);
          unsubscribe();
          open.delete(response);
        });
      },
    );
  };
}
