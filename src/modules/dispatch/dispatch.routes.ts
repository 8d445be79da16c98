import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireRole } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Nullable, Page } from '../../platform/http/routes.js';
import type { DispatchService } from './dispatch.service.js';
import type { MergeService } from './merge.service.js';
import type { RequestsService } from './requests.service.js';
import { TicketHeadingFields, TicketSummarySchema, ticketStepRoute } from './ticket-summary.js';

const Reason = Type.String({ maxLength: 2000 });
const UnitIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 });
const Urgency = Type.Union([
  Type.Literal('normal'),
  Type.Literal('urgent'),
  Type.Literal('emergency'),
]);

const DispatchBody = Type.Object(
  {
    leadUnitId: Type.Integer({ minimum: 1 }),
    coUnitIds: Type.Optional(UnitIds),
    reason: Type.Optional(Reason),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const ReassignBody = Type.Object(
  {
    leadUnitId: Type.Integer({ minimum: 1 }),
    coUnitIds: Type.Optional(UnitIds),
    reason: Reason,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const Suggestion = Type.Object({
  versionId: Type.Integer(),
  ruleId: Type.Integer(),
  leadUnitId: Type.Integer(),
  coUnitIds: Type.Array(Type.Integer()),
});

const QueueItem = Type.Object({
  ...TicketHeadingFields,
  channel: Type.String(),
  createdAt: Type.String(),
  returnCount: Type.Integer(),
  suggestion: Nullable(Suggestion),
});

const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

const RequestKind = Type.Union([Type.Literal('return'), Type.Literal('extension')]);
const RequestState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('approved'),
  Type.Literal('refused'),
  Type.Literal('cancelled'),
]);

const RequestItem = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  ticketStatus: Type.String(),
  ticketTitle: Type.String(),
  kind: RequestKind,
  unitId: Type.Integer(),
  unitName: Type.String(),
  requestedBy: Type.Integer(),
  reason: Type.String(),
  requestedDueAt: Nullable(Type.String()),
  replyDueAt: Nullable(Type.String()),
  state: RequestState,
  decidedBy: Nullable(Type.Integer()),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  createdAt: Type.String(),
});

const BulkResult = Type.Object({
  ticketId: Type.Integer(),
  ok: Type.Boolean(),
  ticket: Type.Optional(TicketSummarySchema),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

const DISPATCH_ROLES = ['dispatcher', 'coordinator'] as const;

/** HTTP adapter of dispatch (派单), redistribution, merging and the review of units' requests. */
export function dispatchRoutes(services: {
  dispatch: DispatchService;
  merge: MergeService;
  requests: RequestsService;
}) {
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const { dispatch, merge, requests } = services;

    app.get(
      '/dispatch/queue',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Tickets waiting for dispatch, with the catalogue suggestion',
          querystring: Type.Object({
            districtId: Type.Optional(Type.Integer({ minimum: 1 })),
            categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
            urgency: Type.Optional(Urgency),
            ...PageQuery,
          }),
          response: { 200: Page(QueueItem), ...errorResponses },
        },
      },
      async (request) => dispatch.queue(requireRole(request, ...DISPATCH_ROLES), request.query),
    );

    app.post(
      '/tickets/:id/dispatch',
      ticketStepRoute('dispatch', 'Dispatch a ticket to a lead unit and co-handlers', DispatchBody),
      async (request) =>
        dispatch.dispatch(requireRole(request, ...DISPATCH_ROLES), request.params.id, request.body),
    );

    app.post(
      '/dispatch/bulk',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Dispatch several tickets; each succeeds or fails on its own',
          body: Type.Object(
            {
              items: Type.Array(
                Type.Object(
                  {
                    ticketId: Type.Integer({ minimum: 1 }),
                    leadUnitId: Type.Integer({ minimum: 1 }),
                    coUnitIds: Type.Optional(UnitIds),
                    reason: Type.Optional(Reason),
                    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
                  },
                  { additionalProperties: false },
                ),
                { minItems: 1, maxItems: 100 },
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ results: Type.Array(BulkResult) }), ...errorResponses },
        },
      },
      async (request) => ({
        results: await dispatch.dispatchMany(
          requireRole(request, ...DISPATCH_ROLES),
          request.body.items,
        ),
      }),
    );

    app.post(
      '/tickets/:id/reassign',
      ticketStepRoute(
        'dispatch',
        'Redistribute (改派) a dispatched ticket to other units',
        ReassignBody,
      ),
      async (request) =>
        dispatch.reassign(requireRole(request, ...DISPATCH_ROLES), request.params.id, request.body),
    );

    app.post(
      '/tickets/:id/merge',
      ticketStepRoute(
        'dispatch',
        'Merge a duplicate (并单) under a parent ticket',
        Type.Object(
          { parentId: Type.Integer({ minimum: 1 }), reason: Reason },
          { additionalProperties: false },
        ),
      ),
      async (request) =>
        merge.merge(
          requireRole(request, ...DISPATCH_ROLES),
          request.params.id,
          request.body.parentId,
          request.body.reason,
        ),
    );

    app.get(
      '/requests',
      {
        schema: {
          tags: ['dispatch'],
          summary:
            "Return and extension requests of units (pending by default); a handler sees their own unit's",
          querystring: Type.Object({
            kind: Type.Optional(RequestKind),
            state: Type.Optional(RequestState),
            ...PageQuery,
          }),
          response: { 200: Page(RequestItem), ...errorResponses },
        },
      },
      async (request) =>
        requests.list(requireRole(request, ...DISPATCH_ROLES, 'handler'), request.query),
    );

    app.post(
      '/requests/:id/decision',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Decide a request: accept/refuse a return, approve/refuse an extension',
          params: IdParams,
          body: Type.Object(
            {
              decision: Type.Union([
                Type.Literal('accept'),
                Type.Literal('refuse'),
                Type.Literal('approve'),
              ]),
              reason: Type.Optional(Reason),
              workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: TicketSummarySchema, ...errorResponses },
        },
      },
      async (request) =>
        requests.decide(requireRole(request, ...DISPATCH_ROLES), request.params.id, request.body),
    );
  };
}
