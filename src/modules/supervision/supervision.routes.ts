import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Nullable, Page } from '../../platform/http/routes.js';
import type { EvaluationService } from './evaluation.service.js';
import type { SupervisionOrderService } from './orders.service.js';
import type { ReminderService } from './reminders.service.js';
import type { SupervisionSettingsService } from './settings.service.js';
import {
  AdjustmentSchema,
  DeadlineKindSchema,
  EvaluationRequestSchema,
  ObjectionAspectSchema,
  OrderDeadlineFields,
  OrderSchema,
  OrderStateSchema,
  PageQuery,
  ReminderSchema,
  ReminderStageSchema,
  RequestKindSchema,
  RequestStateSchema,
  SettingsPatchSchema,
  SettingsViewSchema,
  Text,
  WatchItemSchema,
} from './supervision.schemas.js';
import type { WatchService } from './watch.service.js';

export interface SupervisionRouteServices {
  watch: WatchService;
  reminders: ReminderService;
  orders: SupervisionOrderService;
  evaluation: EvaluationService;
  settings: SupervisionSettingsService;
}

const tags = ['supervision'];
const body = <T extends Parameters<typeof Type.Object>[0]>(fields: T) =>
  Type.Object(fields, { additionalProperties: false });

/** HTTP adapter of supervision: watch lists, reminders, orders, exemptions and objections, rules. */
export function supervisionRoutes(services: SupervisionRouteServices) {
  const { watch, reminders, orders, evaluation, settings } = services;
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/supervision/watch',
      {
        schema: {
          tags,
          summary:
            'Deadlines near or overdue (sign-for, feedback, supervision orders), earliest first',
          querystring: Type.Object({
            state: Type.Union([Type.Literal('near'), Type.Literal('overdue')]),
            kind: Type.Optional(DeadlineKindSchema),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            districtId: Type.Optional(Type.Integer({ minimum: 1 })),
            ...PageQuery,
          }),
          response: { 200: Page(WatchItemSchema), ...errorResponses },
        },
      },
      async (request) => watch.list(requireActor(request), request.query),
    );

    app.get(
      '/tickets/:id/supervision',
      {
        schema: {
          tags,
          summary: "A ticket's reminders, supervision orders, exemption and objection requests",
          params: IdParams,
          response: {
            200: Type.Object({
              reminders: Type.Array(ReminderSchema),
              orders: Type.Array(OrderSchema),
              requests: Type.Array(EvaluationRequestSchema),
              adjustments: Type.Array(AdjustmentSchema),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => watch.forTicket(requireActor(request), request.params.id),
    );

    app.get(
      '/supervision/reminders',
      {
        schema: {
          tags,
          summary: 'Reminders (催办) and escalations (提级), newest first',
          querystring: Type.Object({
            ticketId: Type.Optional(Type.Integer({ minimum: 1 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            stage: Type.Optional(Type.Array(ReminderStageSchema, { maxItems: 5 })),
            ...PageQuery,
          }),
          response: { 200: Page(ReminderSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { stage, ...rest } = request.query;
        return reminders.list(requireActor(request), { ...rest, stages: stage });
      },
    );

    app.post(
      '/tickets/:id/reminders',
      {
        schema: {
          tags,
          summary: 'Chase (催办) the unit handling a ticket, with an optional note',
          params: IdParams,
          body: body({
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            note: Type.Optional(Nullable(Text(500))),
          }),
          response: { 200: ReminderSchema, ...errorResponses },
        },
      },
      async (request) =>
        reminders.remind(requireActor(request), request.params.id, request.body ?? {}),
    );

    // ---- supervision orders (督办单) ----
    app.post(
      '/tickets/:id/supervision-orders',
      {
        schema: {
          tags,
          summary: "Issue a supervision order (督办单) to the ticket's lead unit",
          params: IdParams,
          body: body({
            reason: Text(2000),
            requirement: Text(2000),
            ...OrderDeadlineFields,
          }),
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.issue(requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/supervision/orders',
      {
        schema: {
          tags,
          summary: 'Supervision orders in your scope, open ones by deadline first',
          querystring: Type.Object({
            state: Type.Optional(Type.Array(OrderStateSchema, { maxItems: 3 })),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            ticketId: Type.Optional(Type.Integer({ minimum: 1 })),
            ...PageQuery,
          }),
          response: { 200: Page(OrderSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { state, ...rest } = request.query;
        return orders.list(requireActor(request), { ...rest, states: state });
      },
    );

    app.get(
      '/supervision/orders/:id',
      {
        schema: {
          tags,
          summary: 'One supervision order with every step',
          params: IdParams,
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.get(requireActor(request), request.params.id),
    );

    app.post(
      '/supervision/orders/:id/reply',
      {
        schema: {
          tags,
          summary: "The unit's reply to its supervision order",
          params: IdParams,
          body: body({ text: Text(5000) }),
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.reply(requireActor(request), request.params.id, request.body.text),
    );

    app.post(
      '/supervision/orders/:id/send-back',
      {
        schema: {
          tags,
          summary: 'Send a reply back: the order is open again, with a reason and a new deadline',
          params: IdParams,
          body: body({ reason: Text(2000), ...OrderDeadlineFields }),
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.sendBack(requireActor(request), request.params.id, request.body),
    );

    app.post(
      '/supervision/orders/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a supervision order, with an optional note',
          params: IdParams,
          body: body({ note: Type.Optional(Nullable(Text(2000))) }),
          response: { 200: OrderSchema, ...errorResponses },
        },
      },
      async (request) => orders.close(requireActor(request), request.params.id, request.body?.note),
    );

    // ---- exemption (核减) and objection (申诉) ----
    app.post(
      '/tickets/:id/evaluation-requests',
      {
        schema: {
          tags,
          summary: "Ask for an exemption (核减) or object (申诉) to one of the unit's results",
          params: IdParams,
          body: body({
            kind: RequestKindSchema,
            aspect: Type.Optional(ObjectionAspectSchema),
            reason: Text(2000),
            attachmentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          }),
          response: { 200: EvaluationRequestSchema, ...errorResponses },
        },
      },
      async (request) => evaluation.request(requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/supervision/evaluation-requests',
      {
        schema: {
          tags,
          summary: 'Exemption and objection requests in your scope, pending ones first',
          querystring: Type.Object({
            kind: Type.Optional(RequestKindSchema),
            state: Type.Optional(RequestStateSchema),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            ticketId: Type.Optional(Type.Integer({ minimum: 1 })),
            ...PageQuery,
          }),
          response: { 200: Page(EvaluationRequestSchema), ...errorResponses },
        },
      },
      async (request) => evaluation.list(requireActor(request), request.query),
    );

    app.post(
      '/supervision/evaluation-requests/:id/decision',
      {
        schema: {
          tags,
          summary: 'Approve or refuse an exemption or objection, with a reason',
          params: IdParams,
          body: body({
            decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
            reason: Text(2000),
          }),
          response: { 200: EvaluationRequestSchema, ...errorResponses },
        },
      },
      async (request) => evaluation.decide(requireActor(request), request.params.id, request.body),
    );

    // ---- the admin's rules ----
    app.get(
      '/admin/supervision',
      {
        schema: {
          tags,
          summary: 'The supervision rules: near share, automatic reminders, escalation thresholds',
          response: { 200: SettingsViewSchema, ...errorResponses },
        },
      },
      async (request) => settings.view(requireActor(request)),
    );

    app.put(
      '/admin/supervision',
      {
        schema: {
          tags,
          summary: 'Change some supervision rules (audited)',
          body: SettingsPatchSchema,
          response: { 200: SettingsViewSchema, ...errorResponses },
        },
      },
      async (request) => settings.update(requireActor(request), request.body),
    );
  };
}
