import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { requireRole } from '../../platform/http/request-actor.js';
import { ErrorEnvelope, errorResponses, Nullable, Page } from '../../platform/http/routes.js';
import type { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { PublicAppealService } from '../intake/index.js';
import { TicketHeadingFields, ticketStepRoute } from '../dispatch/index.js';
import type { CallbackService } from './callback.service.js';

const Reason = Type.String({ maxLength: 2000 });
const Satisfaction = Type.Union([
  Type.Literal('satisfied'),
  Type.Literal('basically_satisfied'),
  Type.Literal('dissatisfied'),
]);
const DESK = ['callback_agent', 'supervisor'] as const;

const QueueItem = Type.Object({
  ...TicketHeadingFields,
  leadUnitId: Nullable(Type.Integer()),
  parentId: Nullable(Type.Integer()),
  repliedAt: Nullable(Type.String()),
  replyText: Nullable(Type.String()),
  callbackDueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

const ticketStep = <B extends TSchema>(summary: string, body: B) =>
  ticketStepRoute('callback', summary, body);

/** HTTP adapter of the callback desk (回访): queue, callback, close, reopen; citizens' evaluations. */
export function callbackRoutes(
  service: CallbackService,
  publicAppeals: PublicAppealService,
  limiter: FixedWindowLimiter,
) {
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/public/appeals/:number/evaluation',
      {
        onRequest: async (request) => limiter.hit(request.ip),
        schema: {
          tags: ['public'],
          summary:
            'Evaluate the reply to your appeal (number and query code): contacted? resolved? satisfied?',
          security: [],
          params: Type.Object({ number: Type.String({ maxLength: 32 }) }),
          body: Type.Object(
            {
              code: Type.String({ minLength: 1, maxLength: 64 }),
              contacted: Type.Boolean(),
              resolved: Type.Boolean(),
              satisfaction: Satisfaction,
              comment: Type.Optional(Reason),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ number: Type.String(), status: Type.String() }),
            ...errorResponses,
            429: ErrorEnvelope,
          },
        },
      },
      async (request) => {
        const { code, ...answers } = request.body;
        const row = await publicAppeals.verify(request.params.number, code);
        const ticket = await service.recordCitizenEvaluation(row.id, answers);
        return { number: ticket.number, status: ticket.status };
      },
    );

    app.get(
      '/callback/queue',
      {
        schema: {
          tags: ['callback'],
          summary: 'Replied tickets waiting for a callback, nearest deadline first',
          querystring: Type.Object({
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          }),
          response: { 200: Page(QueueItem), ...errorResponses },
        },
      },
      async (request) => service.queue(requireRole(request, ...DESK), request.query),
    );

    app.post(
      '/tickets/:id/callback',
      ticketStep(
        'Record a callback: contacted? resolved? satisfied? Closes or reopens the ticket',
        Type.Object(
          {
            contacted: Type.Boolean(),
            resolved: Type.Boolean(),
            satisfaction: Satisfaction,
            note: Type.Optional(Reason),
            reopen: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      ),
      async (request) =>
        service.recordCallback(requireRole(request, ...DESK), request.params.id, request.body),
    );

    app.post(
      '/tickets/:id/close',
      ticketStep(
        'Close a replied ticket without a callback (the citizen could not be reached)',
        Type.Object({ reason: Reason }, { additionalProperties: false }),
      ),
      async (request) =>
        service.close(requireRole(request, ...DESK), request.params.id, request.body.reason),
    );

    app.post(
      '/tickets/:id/reopen',
      ticketStep(
        'Reopen (重办) a replied or closed ticket for its lead unit',
        Type.Object({ reason: Reason }, { additionalProperties: false }),
      ),
      async (request) =>
        service.reopen(requireRole(request, ...DESK), request.params.id, request.body.reason),
    );
  };
}
