import type { ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../platform/http/routes.js';
import type { CallFeed } from './call-feed.js';
import type { CallMeasuresService } from './call-measures.service.js';
import type { ExtensionService } from './extensions.service.js';

const PING_MS = 25_000;

const DateText = Type.String({ description: 'YYYY-MM-DD, a date in the centre’s time zone' });
const DateQuery = { from: Type.Optional(DateText), to: Type.Optional(DateText) };

const FiguresSchema = {
  offered: Type.Integer(),
  answered: Type.Integer(),
  answeredInTime: Type.Integer(),
  inTimeRate: Nullable(Type.Number()),
  connectionRate: Nullable(Type.Number()),
  abandoned: Type.Integer(),
  missed: Type.Integer(),
  averageHandlingSeconds: Nullable(Type.Number()),
};

const MeasuresSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  answerTargetSeconds: Type.Integer(),
  total: Type.Object(FiguresSchema),
  days: Type.Array(Type.Object({ date: Type.String(), ...FiguresSchema })),
  operators: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      displayName: Type.String(),
      extension: Nullable(Type.String()),
      answered: Type.Integer(),
      answeredInTime: Type.Integer(),
      averageHandlingSeconds: Nullable(Type.Number()),
    }),
  ),
});

const CallSchema = Type.Object({
  id: Type.Integer(),
  switch: Type.String(),
  callerNumber: Nullable(Type.String()),
  calledNumber: Nullable(Type.String()),
  agentExtension: Nullable(Type.String()),
  operatorName: Nullable(Type.String()),
  offeredAt: Type.String({ format: 'date-time' }),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  outcome: Nullable(
    Type.Union([Type.Literal('answered'), Type.Literal('abandoned'), Type.Literal('missed')]),
  ),
  waitSeconds: Nullable(Type.Integer()),
  handlingSeconds: Nullable(Type.Integer()),
  recordingUrl: Nullable(Type.String()),
  contactId: Nullable(Type.Integer()),
});

const ExtensionSchema = Type.Object({
  extension: Type.String(),
  userId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const ExtensionParams = Type.Object({ extension: Type.String({ minLength: 1, maxLength: 32 }) });

/**
 * The phone switch's routes: the operator's screen pops (server-sent events), the supervisors'
 * call measures and call records, and the admin's extensions.
 */
export function ctiRoutes(deps: {
  feed: CallFeed;
  measures: CallMeasuresService;
  extensions: ExtensionService;
}): RouteRegistrar {
  const { feed, measures, extensions } = deps;
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['cti'];
    const open = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const response of open) response.socket?.destroy();
      await feed.close();
    });

    // GET /cti/events: `event: call` with a CallPop for each ring, answer, end and contact of a
    // call at the operator's extension, from any app instance; first the call in progress.
    app.get(
      '/cti/events',
      {
        schema: {
          tags,
          summary: 'Server push: calls ringing at your extension (text/event-stream; operators)',
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const pending: string[] = [];
        let response: ServerResponse | null = null;
        const send = (text: string) => (response ? response.write(text) : pending.push(text));
        // Checks the role (and starts the feed) before the stream opens, so a refusal is a 403.
        const unsubscribe = await feed.subscribe(actor, (pop) => {
          send(`event: call\ndata: ${JSON.stringify(pop)}\n\n`);
        });
        reply.hijack();
        response = reply.raw;
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        open.add(response);
        response.write('retry: 3000\nevent: ready\ndata: {}\n\n');
        for (const text of pending.splice(0)) response.write(text);
        const ping = setInterval(() => response?.write(': ping\n\n'), PING_MS);
        request.raw.socket.once('close', () => {
          clearInterval(ping);
          unsubscribe();
          if (response) open.delete(response);
        });
      },
    );

    api.get(
      '/cti/measures',
      {
        schema: {
          tags,
          summary:
            'Phone intake measures per day and operator: offered, answered within 15 s, connection rate, abandoned, handling time',
          querystring: Type.Object(DateQuery),
          response: { 200: MeasuresSchema, ...errorResponses },
        },
      },
      async (request) => measures.measures(requireActor(request), request.query),
    );

    api.get(
      '/cti/calls',
      {
        schema: {
          tags,
          summary: 'Call records of a date range, newest first (caller numbers masked)',
          querystring: Type.Object({
            ...DateQuery,
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(CallSchema),
              total: Type.Integer(),
              page: Type.Integer(),
              pageSize: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => measures.calls(requireActor(request), request.query),
    );

    api.get(
      '/cti/extensions',
      {
        schema: {
          tags,
          summary: 'Which operator sits at which extension (admin, supervisor)',
          response: { 200: Type.Object({ items: Type.Array(ExtensionSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await extensions.list(requireActor(request)) }),
    );

    api.put(
      '/cti/extensions/:extension',
      {
        schema: {
          tags,
          summary: 'Seat an operator at an extension (admin)',
          params: ExtensionParams,
          body: Type.Object({ userId: Type.Integer({ minimum: 1 }) }),
          response: { 200: ExtensionSchema, ...errorResponses },
        },
      },
      async (request) =>
        extensions.assign(requireActor(request), request.params.extension, request.body.userId),
    );

    api.delete(
      '/cti/extensions/:extension',
      {
        schema: {
          tags,
          summary: 'Free an extension (admin)',
          params: ExtensionParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await extensions.remove(requireActor(request), request.params.extension);
        return reply.status(204).send(null);
      },
    );
  };
}
