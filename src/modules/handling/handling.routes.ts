import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { requireRole } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Nullable } from '../../platform/http/routes.js';
import { TicketSummarySchema, ticketStepRoute } from '../dispatch/index.js';
import type { HandlingService } from './handling.service.js';

const Reason = Type.String({ maxLength: 2000 });
const Text = Type.String({ maxLength: 20_000 });

const QueueItem = Type.Object({
  ticketId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  urgency: Type.String(),
  categoryId: Nullable(Type.Integer()),
  version: Type.Integer(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
  assignmentState: Type.Union([Type.Literal('dispatched'), Type.Literal('signed')]),
  dispatchedAt: Nullable(Type.String()),
  signDueAt: Nullable(Type.String()),
  replyDueAt: Nullable(Type.String()),
  dueKind: Type.Union([Type.Literal('sign'), Type.Literal('reply')]),
  dueAt: Nullable(Type.String()),
  secondsLeft: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
});

const ticketStep = <B extends TSchema>(summary: string, body: B) =>
  ticketStepRoute('handling', summary, body);

/** HTTP adapter of the handling unit's work: queue, sign-for, requests, reply parts, reply. */
export function handlingRoutes(service: HandlingService) {
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/handling/queue',
      {
        schema: {
          tags: ['handling'],
          summary: "The unit's tickets to sign for or reply to, nearest deadline first",
          response: { 200: Type.Object({ items: Type.Array(QueueItem) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await service.queue(requireRole(request, 'handler')) }),
    );

    app.post(
      '/tickets/:id/sign',
      {
        schema: {
          tags: ['handling'],
          summary: 'Sign for (签收) a dispatched ticket',
          params: IdParams,
          response: { 200: TicketSummarySchema, ...errorResponses },
        },
      },
      async (request) => service.sign(requireRole(request, 'handler'), request.params.id),
    );

    app.post(
      '/tickets/:id/return-request',
      ticketStep(
        'Return (退单) a misrouted ticket, with a reason',
        Type.Object({ reason: Reason }, { additionalProperties: false }),
      ),
      async (request) =>
        service.requestReturn(
          requireRole(request, 'handler'),
          request.params.id,
          request.body.reason,
        ),
    );

    app.post(
      '/tickets/:id/extension-request',
      ticketStep(
        'Ask for an extension (延期) of the feedback deadline',
        Type.Object(
          { reason: Reason, workingDays: Type.Integer({ minimum: 1, maximum: 30 }) },
          { additionalProperties: false },
        ),
      ),
      async (request) =>
        service.requestExtension(requireRole(request, 'handler'), request.params.id, request.body),
    );

    app.post(
      '/tickets/:id/reply-part',
      ticketStep(
        "A co-handler's (协办) own part of the reply",
        Type.Object({ text: Text }, { additionalProperties: false }),
      ),
      async (request) =>
        service.replyPart(requireRole(request, 'handler'), request.params.id, request.body.text),
    );

    app.post(
      '/tickets/:id/reply',
      ticketStep(
        "The lead unit's reply (办结), consolidating the co-handlers' parts",
        Type.Object(
          {
            text: Text,
            attachmentIds: Type.Optional(
              Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 }),
            ),
          },
          { additionalProperties: false },
        ),
      ),
      async (request) =>
        service.reply(requireRole(request, 'handler'), request.params.id, request.body),
    );
  };
}
