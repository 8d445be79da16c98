import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { ErrorEnvelope, errorResponses, IdParams } from '../../platform/http/routes.js';
import type { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { KnowledgeAssistService } from './knowledge-assist.service.js';
import {
  AnswerBody,
  AnswerSchema,
  GapBody,
  HitSchema,
  PublicArticleSchema,
  PublicHitSchema,
  SearchQuery,
  SuggestQuery,
} from './knowledge.schemas.js';

/** Operator assist: search, suggestions while typing, answering with an article, gaps. */
export function assistRoutes(app: FastifyInstance, assist: KnowledgeAssistService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['knowledge'];
  api.get(
    '/knowledge/search',
    {
      schema: {
        tags,
        summary: 'Search live articles in force today (staff)',
        querystring: SearchQuery,
        response: {
          200: Type.Object({ items: Type.Array(HitSchema), total: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => assist.search(requireActor(request), request.query),
  );
  api.get(
    '/knowledge/suggest',
    {
      schema: {
        tags,
        summary: "Articles for an appeal's text as the operator types it (best 5 by default)",
        querystring: SuggestQuery,
        response: { 200: Type.Object({ items: Type.Array(HitSchema) }), ...errorResponses },
      },
    },
    async (request) => assist.suggest(requireActor(request), request.query),
  );
  api.post(
    '/knowledge/answers',
    {
      schema: {
        tags,
        summary:
          'Answer an appeal with an article: the ticket is created closed as a direct answer',
        body: AnswerBody,
        response: { 201: AnswerSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assist.answer(requireActor(request), request.body)),
  );
  api.post(
    '/knowledge/gaps',
    {
      schema: {
        tags,
        summary: '"No answer found": record the appeal for the editors',
        body: GapBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assist.recordGap(requireActor(request), request.body)),
  );
}

/** The citizens' portal: public articles in force today, nothing about who keeps them. */
export function publicKnowledgeRoutes(
  app: FastifyInstance,
  assist: KnowledgeAssistService,
  limiter: FixedWindowLimiter,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['public'];
  const limited = { onRequest: async (request: FastifyRequest) => limiter.hit(request.ip) };
  api.get(
    '/public/knowledge/search',
    {
      ...limited,
      schema: {
        tags,
        summary: 'Search the public answers',
        security: [],
        querystring: Type.Object({
          q: Type.String({ maxLength: 200 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(PublicHitSchema) }),
          400: ErrorEnvelope,
          429: ErrorEnvelope,
        },
      },
    },
    async (request) => assist.publicSearch(request.query),
  );
  api.get(
    '/public/knowledge/:id',
    {
      ...limited,
      schema: {
        tags,
        summary: 'One public answer',
        security: [],
        params: IdParams,
        response: {
          200: PublicArticleSchema,
          400: ErrorEnvelope,
          404: ErrorEnvelope,
          429: ErrorEnvelope,
        },
      },
    },
    async (request) => assist.publicArticle(request.params.id),
  );
}
