import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../platform/http/routes.js';
import type { ClassificationService } from './classification.service.js';
import type { ClassifierTraining } from './training.service.js';

const SuggestedCategorySchema = Type.Object({
  categoryId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  level: Type.Integer(),
  path: Type.Array(Type.String()),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
});

const ModelRefSchema = Type.Object({
  id: Type.Integer(),
  trainedAt: Type.String({ format: 'date-time' }),
  coldStart: Type.Boolean(),
});

const ClassificationSchema = Type.Object({
  model: ModelRefSchema,
  suggestions: Type.Array(SuggestedCategorySchema),
  levels: Type.Array(SuggestedCategorySchema),
});

const TicketSuggestionSchema = Type.Object({
  ticketId: Type.Integer(),
  model: ModelRefSchema,
  category: SuggestedCategorySchema,
  createdAt: Type.String({ format: 'date-time' }),
  outcome: Type.Union([
    Type.Literal('pending'),
    Type.Literal('accepted'),
    Type.Literal('corrected'),
  ]),
  finalCategoryId: Nullable(Type.Integer()),
});

const ModelVersionSchema = Type.Object({
  id: Type.Integer(),
  trainedAt: Type.String({ format: 'date-time' }),
  trainedBy: Nullable(Type.Integer()),
  coldStart: Type.Boolean(),
  examplesCount: Type.Integer(),
  metrics: Type.Record(Type.String(), Type.Unknown()),
  suggestions: Type.Object({
    pending: Type.Integer(),
    accepted: Type.Integer(),
    corrected: Type.Integer(),
  }),
});

/** Classification: suggestions while typing and for queued tickets; model versions. */
export function intelligenceRoutes(
  classification: ClassificationService,
  training: ClassifierTraining,
): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['intelligence'];
    api.post(
      '/intelligence/classify',
      {
        schema: {
          tags,
          summary: "Suggest categories for an appeal's title and description",
          body: Type.Object({
            title: Type.Optional(Type.String({ maxLength: 500 })),
            description: Type.Optional(Type.String({ maxLength: 4000 })),
          }),
          response: { 200: ClassificationSchema, ...errorResponses },
        },
      },
      async (request) => classification.classify(requireActor(request), request.body),
    );
    api.get(
      '/intelligence/suggestions',
      {
        schema: {
          tags,
          summary: 'The newest category suggestion of each ticket (e.g. a queue page)',
          querystring: Type.Object({
            ticketIds: Type.String({ pattern: '^[0-9]+(,[0-9]+)*$', maxLength: 1200 }),
          }),
          response: {
            200: Type.Object({ items: Type.Array(TicketSuggestionSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await classification.ticketSuggestions(
          requireActor(request),
          request.query.ticketIds.split(',').map(Number),
        ),
      }),
    );
    api.get(
      '/intelligence/models',
      {
        schema: {
          tags,
          summary:
            'The newest classifier versions, their figures and how staff took their suggestions',
          querystring: Type.Object({
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
          response: {
            200: Type.Object({ items: Type.Array(ModelVersionSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await training.listVersions(requireActor(request), request.query.limit),
      }),
    );
    api.post(
      '/intelligence/models',
      {
        schema: {
          tags,
          summary: 'Train a new classifier version now on every category staff confirmed',
          response: { 200: ModelVersionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const summary = await training.trainNow(requireActor(request));
        return { ...summary, suggestions: { pending: 0, accepted: 0, corrected: 0 } };
      },
    );
  };
}
