import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import {
  errorResponses,
  IdParams,
  Nullable,
  type RouteRegistrar,
} from '../../../platform/http/routes.js';
import type { RoutingReportService } from './routing-report.service.js';
import type { RoutingService } from './routing.service.js';
import type { RoutingSettingsService } from './routing-settings.service.js';

const Place = Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('street')]);
const Role = Type.Union([Type.Literal('lead'), Type.Literal('co')]);

const ExplanationSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('catalogue'),
    ruleId: Type.Integer(),
    versionId: Type.Integer(),
    role: Role,
    districtSpecific: Type.Boolean(),
    ancestorDistance: Type.Integer(),
  }),
  Type.Object({
    kind: Type.Literal('history'),
    scope: Place,
    placeId: Nullable(Type.Integer()),
    placeName: Nullable(Type.String()),
    categoryId: Type.Integer(),
    categoryName: Type.String(),
    broaderCategory: Type.Boolean(),
    count: Type.Number(),
    total: Type.Number(),
    share: Type.Number(),
  }),
  Type.Object({
    kind: Type.Literal('returns'),
    scope: Place,
    placeName: Nullable(Type.String()),
    returned: Type.Number(),
    reassigned: Type.Number(),
  }),
  Type.Object({ kind: Type.Literal('thin_evidence'), total: Type.Number() }),
  Type.Object({ kind: Type.Literal('no_history') }),
]);

const SuggestionSchema = Type.Object({
  unitId: Type.Integer(),
  unitName: Type.String(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  role: Role,
  explanation: Type.Array(ExplanationSchema),
});

const TicketRoutingSchema = Type.Object({
  ticketId: Type.Integer(),
  suggestions: Type.Array(SuggestionSchema),
  evidenceVersion: Type.Integer(),
  auto: Nullable(
    Type.Object({
      decisionId: Type.Integer(),
      unitId: Nullable(Type.Integer()),
      confidence: Type.Number(),
      dispatchedAt: Nullable(Type.String()),
      explanation: Type.Array(ExplanationSchema),
      outcome: Type.String(),
    }),
  ),
});

const SettingsFields = {
  enabled: Type.Boolean(),
  threshold: Type.Number(),
  allowEmergency: Type.Boolean(),
  excludedCategoryIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 }),
};

const SettingsSchema = Type.Object({
  ...SettingsFields,
  defaults: Type.Object(SettingsFields),
  changedAt: Nullable(Type.String()),
  changedBy: Nullable(Type.Integer()),
});

const FiguresSchema = Type.Object({
  dispatches: Type.Integer(),
  returns: Type.Integer(),
  returnRate: Nullable(Type.Number()),
});

const ReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  routerSince: Nullable(Type.String()),
  units: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      unitName: Type.String(),
      withRouter: FiguresSchema,
      withoutRouter: FiguresSchema,
      total: FiguresSchema,
    }),
  ),
  weeks: Type.Array(
    Type.Object({
      week: Type.String(),
      dispatches: Type.Integer(),
      returns: Type.Integer(),
      returnRate: Nullable(Type.Number()),
      withRouter: Type.Integer(),
      auto: Type.Integer(),
    }),
  ),
  totals: Type.Object({
    withRouter: FiguresSchema,
    withoutRouter: FiguresSchema,
    total: FiguresSchema,
  }),
});

/** Routing (智能派单): suggestions per ticket, auto-dispatch settings, the return-rate report. */
export function routingRoutes(services: {
  routing: RoutingService;
  settings: RoutingSettingsService;
  report: RoutingReportService;
}): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['intelligence'];
    api.get(
      '/intelligence/tickets/:id/routing',
      {
        schema: {
          tags,
          summary:
            "The router's lead unit and co-handlers for a ticket, with confidence and reasons",
          params: IdParams,
          response: { 200: TicketRoutingSchema, ...errorResponses },
        },
      },
      async (request) => services.routing.ticketRouting(requireActor(request), request.params.id),
    );
    api.get(
      '/intelligence/routing/suggestions',
      {
        schema: {
          tags,
          summary: "The router's suggestions for a page of tickets (the dispatch queue)",
          querystring: Type.Object({
            ticketIds: Type.String({ pattern: '^[0-9]+(,[0-9]+){0,199}$', maxLength: 2400 }),
          }),
          response: {
            200: Type.Object({ items: Type.Array(TicketRoutingSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await services.routing.ticketsRouting(
          requireActor(request),
          request.query.ticketIds.split(',').map(Number),
        ),
      }),
    );
    api.get(
      '/intelligence/routing/settings',
      {
        schema: {
          tags,
          summary: 'The auto-dispatch settings in force',
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => services.settings.view(requireActor(request)),
    );
    api.put(
      '/intelligence/routing/settings',
      {
        schema: {
          tags,
          summary: 'Change the auto-dispatch settings (admin; audited)',
          body: Type.Partial(Type.Object(SettingsFields), { additionalProperties: false }),
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => services.settings.update(requireActor(request), request.body),
    );
    api.get(
      '/intelligence/routing/report',
      {
        schema: {
          tags,
          summary: 'Return rate per unit and per week, with and without the router',
          querystring: Type.Object({
            from: Type.Optional(Type.String({ maxLength: 40 })),
            to: Type.Optional(Type.String({ maxLength: 40 })),
          }),
          response: { 200: ReportSchema, ...errorResponses },
        },
      },
      async (request) => services.report.report(requireActor(request), request.query),
    );
  };
}
