import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../../platform/http/routes.js';
import { MAX_QUEUE_TICKETS, type DuplicatesService } from './duplicates.service.js';

const PartsSchema = Type.Object({
  text: Type.Number(),
  category: Type.Union([
    Type.Literal('same'),
    Type.Literal('same_top'),
    Type.Literal('unknown'),
    Type.Literal('different'),
  ]),
  matter: Type.Number(),
  placeMatch: Type.Union([
    Type.Literal('same_address'),
    Type.Literal('nearby'),
    Type.Literal('same_street'),
    Type.Literal('same_district'),
    Type.Literal('unknown'),
    Type.Literal('different'),
  ]),
  distanceM: Nullable(Type.Number()),
  place: Type.Number(),
  hoursApart: Type.Number(),
  time: Type.Number(),
});

const CandidateSchema = Type.Object({
  ticketId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  channel: Type.String(),
  districtId: Nullable(Type.Integer()),
  address: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  likely: Type.Boolean(),
  parts: PartsSchema,
});

const SettingsSchema = Type.Object({
  likelyThreshold: Type.Number(),
  autoMerge: Type.Boolean(),
  windowDays: Type.Integer(),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  autoMergeSince: Nullable(Type.String({ format: 'date-time' })),
});

const Id = Type.Integer({ minimum: 1 });

/** Duplicates: scored candidates for a draft or a ticket, the queue's flags, the settings. */
export function duplicatesRoutes(duplicates: DuplicatesService): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['intelligence'];
    api.post(
      '/intelligence/duplicates',
      {
        schema: {
          tags,
          summary: 'Open tickets an appeal being taken may repeat, scored (并单)',
          body: Type.Object(
            {
              title: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
              description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
              categoryId: Type.Optional(Nullable(Id)),
              districtId: Type.Optional(Nullable(Id)),
              streetId: Type.Optional(Nullable(Id)),
              address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
              lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
              lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
              at: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ candidates: Type.Array(CandidateSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => duplicates.forDraft(requireActor(request), request.body),
    );
    api.get(
      '/intelligence/tickets/:id/duplicates',
      {
        schema: {
          tags,
          summary: 'Open tickets made before this one that it may repeat, scored',
          params: Type.Object({ id: Id }),
          response: {
            200: Type.Object({
              ticketId: Type.Integer(),
              likelyThreshold: Type.Number(),
              candidates: Type.Array(CandidateSchema),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => duplicates.forTicket(requireActor(request), request.params.id),
    );
    api.get(
      '/intelligence/duplicates/likely',
      {
        schema: {
          tags,
          summary: 'For tickets of the dispatch queue: the likely duplicate of each (疑似重复)',
          querystring: Type.Object({
            ticketId: Type.Array(Id, { maxItems: MAX_QUEUE_TICKETS }),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({ ticketId: Type.Integer(), duplicateOf: CandidateSchema }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => duplicates.likelyForTickets(requireActor(request), request.query.ticketId),
    );
    api.get(
      '/intelligence/duplicates/settings',
      {
        schema: {
          tags,
          summary: 'The likely-duplicate threshold and automatic merging',
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => duplicates.settings(requireActor(request)),
    );
    api.put(
      '/intelligence/duplicates/settings',
      {
        schema: {
          tags,
          summary: 'Change the likely-duplicate threshold or automatic merging (admin)',
          body: Type.Object(
            {
              likelyThreshold: Type.Optional(Type.Number({ minimum: 0.3, maximum: 1 })),
              autoMerge: Type.Optional(Type.Boolean()),
              windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => duplicates.updateSettings(requireActor(request), request.body),
    );
  };
}
