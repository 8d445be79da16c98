import type { ServerResponse } from 'node:http';
import type { Actor } from '../actor.js';
import { requireActor } from './request-actor.js';
import type { RouteRegistrar } from './routes.js';

const PING_MS = 25_000;

/** A feed a stream listens to: what reaches one actor, and the feed's own end. */
export interface ActorFeed<T> {
  subscribe(actor: Actor, onItem: (item: T) => void): Promise<() => void>;
  close(): Promise<void>;
}

/**
 * A GET route pushing a feed as Server-Sent Events (`event: <name>` with the item as JSON) to
 * the logged-in caller. The browser's EventSource reconnects by itself; a comment every 25 s
 * keeps proxies from closing an idle stream; closing the server ends every open stream.
 */
export function serverSentEventsRoute<T>(options: {
  path: string;
  event: string;
  feed: ActorFeed<T>;
  schema: { tags: string[]; summary: string };
}): RouteRegistrar {
  const { path, event, feed } = options;
  return (app) => {
    const open = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      // An open stream would hold the server open: end it (the browser reconnects elsewhere).
      for (const response of open) response.socket?.destroy();
      await feed.close();
    });
    app.get(path, { schema: options.schema }, async (request, reply) => {
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
        unsubscribe = await feed.subscribe(actor, (item) => {
          response.write(`event: ${event}\ndata: ${JSON.stringify(item)}\n\n`);
        });
      } catch (error) {
        request.log.error({ err: error }, `${event} feed unavailable`);
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
    });
  };
}
