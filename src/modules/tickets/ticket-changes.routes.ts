import type { ServerResponse } from 'node:http';
import { requireActor } from '../../platform/http/request-actor.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { TicketChangeFeed } from './ticket-changes.js';

const PING_MS = 25_000;

/**
 * GET /events: server push (Server-Sent Events) of changes to the tickets in the caller's scope,
 * `event: ticket` with `{ id, number, status, version }`; screens reload what they show. The
 * browser's EventSource reconnects by itself; a comment every 25 s keeps proxies from closing
 * an idle stream.
 */
export function ticketChangeRoutes(feed: TicketChangeFeed): RouteRegistrar {
  return (app) => {
    const open = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      // An open stream would hold the server open: end it (the browser reconnects elsewhere).
      for (const response of open) response.socket?.destroy();
      await feed.close();
    });
    app.get(
      '/events',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Server push: changes to the tickets in your scope (text/event-stream)',
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
          unsubscribe = await feed.subscribe(actor, (change) => {
            response.write(`event: ticket\ndata: ${JSON.stringify(change)}\n\n`);
          });
        } catch (error) {
          request.log.error({ err: error }, 'ticket change feed unavailable');
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
