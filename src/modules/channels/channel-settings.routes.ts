import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../platform/http/routes.js';
import type { ChannelFiguresService } from './channel-figures.service.js';
import type { ChannelSettingsService } from './channel-settings.service.js';

const ChannelViewSchema = Type.Object({
  channel: Type.String(),
  settings: Type.Array(
    Type.Object({
      key: Type.String(),
      description: Type.String(),
      secret: Type.Boolean(),
      value: Nullable(Type.String()),
      set: Type.Boolean(),
      updatedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

/** GET /admin/channels and PUT /admin/channels/:channel, for admins; secrets never leave the server. */
export function channelSettingsRoutes(
  settings: ChannelSettingsService,
  figures: ChannelFiguresService,
): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['channels'];
    api.get(
      '/channels/figures',
      {
        schema: {
          tags,
          summary:
            'Contacts, tickets and direct answers per channel over days of the centre (supervisors, analysts)',
          querystring: Type.Object({
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  channel: Type.String(),
                  contacts: Type.Integer(),
                  tickets: Type.Integer(),
                  directAnswers: Type.Integer(),
                  directAnswerRate: Nullable(Type.Number()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ items: await figures.figures(requireActor(request), request.query) }),
    );
    api.get(
      '/admin/channels',
      {
        schema: {
          tags,
          summary: "Every channel adapter's settings (secrets shown only as set or not)",
          response: {
            200: Type.Object({ items: Type.Array(ChannelViewSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ items: await settings.list(requireActor(request)) }),
    );
    api.put(
      '/admin/channels/:channel',
      {
        schema: {
          tags,
          summary: "Set or clear (null or '') some of a channel's settings",
          params: Type.Object({ channel: Type.String({ minLength: 1, maxLength: 40 }) }),
          body: Type.Record(Type.String(), Nullable(Type.String())),
          response: { 200: ChannelViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        settings.update(requireActor(request), request.params.channel, request.body),
    );
  };
}
