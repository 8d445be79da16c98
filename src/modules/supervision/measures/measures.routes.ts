import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import { errorResponses, Nullable } from '../../../platform/http/routes.js';
import { COUNT_NAMES } from './measure-facts.js';
import type { MeasuresService } from './measures.service.js';
import type { RankingService } from './rankings.service.js';

const tags = ['supervision'];
const Rate = Nullable(Type.Number());
const Id = Type.Integer({ minimum: 0 });

const Filters = {
  unitId: Type.Optional(Id),
  unitType: Type.Optional(Type.String({ maxLength: 40 })),
  districtId: Type.Optional(Id),
  categoryId: Type.Optional(Id),
  channel: Type.Optional(Type.String({ maxLength: 40 })),
};

const MeasureRowSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  labelEn: Nullable(Type.String()),
  counts: Type.Object(Object.fromEntries(COUNT_NAMES.map((c) => [c, Type.Number()]))),
  rates: Type.Object({
    directAnswerRate: Rate,
    signOnTimeRate: Rate,
    onTimeRate: Rate,
    responseRate: Rate,
    resolutionRate: Rate,
    satisfactionRate: Rate,
    compositeScore: Rate,
    returnRate: Rate,
    reopenRate: Rate,
  }),
  averageHandlingHours: Rate,
});

const RankingSchema = Type.Object({
  month: Type.String(),
  state: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
  weights: Type.Object({
    response: Type.Number(),
    resolution: Type.Number(),
    satisfaction: Type.Number(),
  }),
  groups: Type.Array(
    Type.Object({
      unitType: Type.String(),
      rows: Type.Array(
        Type.Object({
          rank: Nullable(Type.Integer()),
          unitId: Type.Integer(),
          unitName: Type.String(),
          unitNameEn: Nullable(Type.String()),
          evaluated: Type.Number(),
          responseRate: Rate,
          resolutionRate: Rate,
          satisfactionRate: Rate,
          compositeScore: Rate,
          onTimeRate: Rate,
          overdue: Type.Number(),
          returnRate: Rate,
          reopenRate: Rate,
        }),
      ),
    }),
  ),
});

/** HTTP adapter of the measures (考核指标), their drill-down and the monthly rankings. */
export function measuresRoutes(services: { measures: MeasuresService; rankings: RankingService }) {
  const { measures, rankings } = services;
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    // Dates and dimensions are checked by the service, so a refusal names the field and rule.
    app.get(
      '/supervision/measures',
      {
        schema: {
          tags,
          summary: 'Evaluation measures over a period, grouped by a dimension, with the total',
          querystring: Type.Object({
            from: Type.String({ maxLength: 10 }),
            to: Type.String({ maxLength: 10 }),
            by: Type.String({ maxLength: 10 }),
            ...Filters,
          }),
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              by: Type.String(),
              rows: Type.Array(MeasureRowSchema),
              total: MeasureRowSchema,
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => measures.query(requireActor(request), request.query),
    );

    app.get(
      '/supervision/measures/tickets',
      {
        schema: {
          tags,
          summary: 'The tickets behind one count of a figure (drill-down)',
          querystring: Type.Object({
            count: Type.String({ maxLength: 40 }),
            from: Type.String({ maxLength: 10 }),
            to: Type.String({ maxLength: 10 }),
            by: Type.Optional(Type.String({ maxLength: 10 })),
            key: Type.Optional(Type.String({ maxLength: 40 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            offset: Type.Optional(Type.Integer({ minimum: 0 })),
            ...Filters,
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  number: Type.String(),
                  title: Type.String(),
                  status: Type.String(),
                  channel: Type.String(),
                  categoryName: Nullable(Type.String()),
                  districtName: Nullable(Type.String()),
                  unitName: Nullable(Type.String()),
                  createdAt: Type.String(),
                }),
              ),
              total: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => measures.tickets(requireActor(request), request.query),
    );

    app.get(
      '/supervision/rankings',
      {
        schema: {
          tags,
          summary: "A month's ranking of units within each type (the published one once published)",
          querystring: Type.Object({ month: Type.String({ maxLength: 7 }) }),
          response: { 200: RankingSchema, ...errorResponses },
        },
      },
      async (request) => rankings.get(requireActor(request), request.query.month),
    );

    app.post(
      '/supervision/rankings/:month/publish',
      {
        schema: {
          tags,
          summary: "Publish a month's ranking (supervisor): it is frozen from then on (audited)",
          params: Type.Object({ month: Type.String({ maxLength: 7 }) }),
          response: { 200: RankingSchema, ...errorResponses },
        },
      },
      async (request) => rankings.publish(requireActor(request), request.params.month),
    );
  };
}
