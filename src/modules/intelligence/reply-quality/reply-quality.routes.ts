import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../../platform/http/routes.js';
import { GRADES, HINT_CODES } from './reply-scorer.js';
import { DEFAULT_WEAK_BELOW, type ReplyQualityService } from './reply-quality.service.js';

const Score = Type.Integer({ minimum: 0, maximum: 100 });
const Grade = Type.Enum([...GRADES]);

const ReplyQualitySchema = Type.Object({
  relevance: Score,
  completeness: Score,
  explanation: Score,
  overall: Score,
  grade: Grade,
  points: Type.Array(
    Type.Object({
      text: Type.String(),
      keyPhrases: Type.Array(Type.String()),
      covered: Type.Boolean(),
    }),
  ),
  hints: Type.Array(
    Type.Object({
      code: Type.Enum([...HINT_CODES]),
      params: Type.Record(Type.String(), Type.String()),
    }),
  ),
});

const StoredScoreSchema = Type.Object({
  ticketId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  unitId: Nullable(Type.Integer()),
  repliedAt: Type.String({ format: 'date-time' }),
  relevance: Score,
  completeness: Score,
  explanation: Score,
  overall: Score,
  grade: Type.String(),
  hints: Type.Array(Type.String()),
});

const PeriodQuery = {
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
};

/** Reply quality: a draft scored while typing; stored scores per ticket and per unit. */
export function replyQualityRoutes(service: ReplyQualityService): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['intelligence'];
    api.post(
      '/intelligence/reply-quality',
      {
        schema: {
          tags,
          summary:
            "Score a draft reply to a ticket's appeal: relevance, completeness, explanation, hints (advice only)",
          body: Type.Object({
            ticketId: Type.Integer({ minimum: 1 }),
            reply: Type.String({ maxLength: 20000 }),
          }),
          response: { 200: ReplyQualitySchema, ...errorResponses },
        },
      },
      async (request) =>
        service.scoreDraft(requireActor(request), request.body.ticketId, request.body.reply),
    );
    api.get(
      '/intelligence/reply-quality/tickets/:ticketId',
      {
        schema: {
          tags,
          summary: "The scores of a ticket's sent replies, newest first",
          params: Type.Object({ ticketId: Type.Integer({ minimum: 1 }) }),
          response: {
            200: Type.Object({ items: Type.Array(StoredScoreSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await service.ticketScores(requireActor(request), request.params.ticketId),
      }),
    );
    api.get(
      '/intelligence/reply-quality/units',
      {
        schema: {
          tags,
          summary:
            'Per unit: replies sent in [from, to), their average scores, the share below a threshold',
          querystring: Type.Object({
            ...PeriodQuery,
            below: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
          response: {
            200: Type.Object({
              below: Type.Integer(),
              items: Type.Array(
                Type.Object({
                  unitId: Type.Integer(),
                  unitName: Type.String(),
                  count: Type.Integer(),
                  relevance: Type.Number(),
                  completeness: Type.Number(),
                  explanation: Type.Number(),
                  overall: Type.Number(),
                  belowShare: Type.Number({ minimum: 0, maximum: 1 }),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { from, to, below } = request.query;
        const items = await service.unitFigures(requireActor(request), { from, to }, below);
        return { below: below ?? DEFAULT_WEAK_BELOW, items };
      },
    );
    api.get(
      '/intelligence/reply-quality/units/:unitId/tickets',
      {
        schema: {
          tags,
          summary: "A unit's scored replies in [from, to), the weakest first",
          params: Type.Object({ unitId: Type.Integer({ minimum: 1 }) }),
          querystring: Type.Object(PeriodQuery),
          response: {
            200: Type.Object({ items: Type.Array(StoredScoreSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await service.unitTickets(
          requireActor(request),
          request.params.unitId,
          request.query,
        ),
      }),
    );
  };
}
