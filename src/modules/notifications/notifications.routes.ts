import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import {
  errorResponses,
  IdParams,
  Nullable,
  type RouteRegistrar,
} from '../../platform/http/routes.js';
import type { NotificationService } from './notifications.service.js';

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  message: Type.String(),
  subjectType: Nullable(Type.String()),
  subjectId: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});

/** GET /notifications and POST /notifications/:id/read, for any logged-in member of a unit. */
export function notificationRoutes(notifications: NotificationService): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['notifications'];
    api.get(
      '/notifications',
      {
        schema: {
          tags,
          summary: "Notifications for the actor's unit, newest first",
          querystring: Type.Object({
            unread: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          }),
          response: {
            200: Type.Object({ items: Type.Array(NotificationSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await notifications.list(requireActor(request), request.query),
      }),
    );
    api.post(
      '/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark a notification as read',
          params: IdParams,
          response: { 200: NotificationSchema, ...errorResponses },
        },
      },
      async (request) => notifications.markRead(requireActor(request), request.params.id),
    );
    api.post(
      '/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Mark every notification you see as read',
          response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => ({ marked: await notifications.markAllRead(requireActor(request)) }),
    );
  };
}
