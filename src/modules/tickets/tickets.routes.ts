import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Page, type RouteRegistrar } from '../../platform/http/routes.js';
import { MAX_PAGE_SIZE, TICKET_SORTS } from './ticket-filter.js';
import type { TicketQueries } from './ticket-query.service.js';
import {
  AppealTypeSchema,
  AuditEntrySchema,
  ChannelSchema,
  TicketEventSchema,
  TicketListItemSchema,
  TicketStatusSchema,
  TicketViewSchema,
  UrgencySchema,
} from './tickets.schemas.js';

const Positive = Type.Integer({ minimum: 1 });

const ListQuery = Type.Object({
  status: Type.Optional(Type.Array(TicketStatusSchema, { description: 'repeat for several' })),
  leadUnitId: Type.Optional(Positive),
  unitId: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'a unit with a current dispatch (lead or co-handler)',
    }),
  ),
  categoryId: Type.Optional(
    Type.Integer({ minimum: 1, description: 'the category and every category below it' }),
  ),
  districtId: Type.Optional(Positive),
  streetId: Type.Optional(Positive),
  urgency: Type.Optional(Type.Array(UrgencySchema)),
  channel: Type.Optional(Type.Array(ChannelSchema)),
  appealType: Type.Optional(Type.Array(AppealTypeSchema)),
  createdFrom: Type.Optional(Type.String({ description: 'ISO date or date-time, inclusive' })),
  createdTo: Type.Optional(
    Type.String({ description: 'ISO date-time (exclusive) or date (that day included)' }),
  ),
  overdue: Type.Optional(Type.Boolean()),
  parentId: Type.Optional(Positive),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'words, Chinese or English' })),
  citizenPhone: Type.Optional(Type.String({ maxLength: 20, description: 'operators only' })),
  sort: Type.Optional(Type.Enum(TICKET_SORTS)),
  order: Type.Optional(Type.Enum(['asc', 'desc'])),
  page: Type.Optional(Positive),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
});

/** Reading tickets: lists, one ticket, its history, and who viewed its citizen. */
export function ticketRoutes(queries: TicketQueries): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['tickets'];

    api.get(
      '/tickets',
      {
        schema: {
          tags,
          summary: 'Tickets in your data scope (citizen always masked)',
          querystring: ListQuery,
          response: { 200: Page(TicketListItemSchema), ...errorResponses },
        },
      },
      async (request) => queries.list(requireActor(request), request.query),
    );

    api.get(
      '/tickets/by-number/:number',
      {
        schema: {
          tags,
          summary: 'One ticket by its number',
          params: Type.Object({ number: Type.String({ pattern: '^[0-9]{8,20}$' }) }),
          response: { 200: TicketViewSchema, ...errorResponses },
        },
      },
      async (request) => queries.getTicketByNumber(requireActor(request), request.params.number),
    );

    api.get(
      '/tickets/:id',
      {
        schema: {
          tags,
          summary: 'One ticket (a full view of the citizen is audited)',
          params: IdParams,
          response: { 200: TicketViewSchema, ...errorResponses },
        },
      },
      async (request) => queries.getTicket(requireActor(request), request.params.id),
    );

    api.get(
      '/tickets/:id/events',
      {
        schema: {
          tags,
          summary: 'The immutable history of a ticket',
          params: IdParams,
          response: {
            200: Type.Object({ items: Type.Array(TicketEventSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await queries.getEvents(requireActor(request), request.params.id),
      }),
    );

    api.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Who viewed a ticket’s citizen data (supervisor, admin)',
          querystring: Type.Object({ ticketId: Positive }),
          response: {
            200: Type.Object({ items: Type.Array(AuditEntrySchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await queries.auditOfTicket(
          requireRole(request, 'supervisor', 'admin'),
          request.query.ticketId,
        ),
      }),
    );
  };
}
