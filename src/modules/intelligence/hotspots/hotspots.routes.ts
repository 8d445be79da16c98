import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../../platform/http/routes.js';
import type { EarlyWarningService } from './early-warning.service.js';
import type { HotIssueService } from './hot-issues.service.js';
import type { KeyProblemService } from './key-problems.service.js';

const AlertSchema = Type.Object({
  id: Type.Integer(),
  period: Type.Union([Type.Literal('day'), Type.Literal('week')]),
  periodStart: Type.String(),
  categoryId: Type.Integer(),
  districtId: Type.Integer(),
  observed: Type.Integer(),
  expected: Type.Number(),
  pValue: Type.Number(),
  baseline: Type.Record(Type.String(), Type.Unknown()),
  state: Type.Union([Type.Literal('open'), Type.Literal('acknowledged')]),
  createdAt: Type.String(),
  acknowledgedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

const HotIssueSchema = Type.Object({
  rank: Type.Integer(),
  label: Type.String(),
  places: Type.Array(Type.String()),
  appeals: Type.Integer(),
  likes: Type.Integer(),
  dislikes: Type.Integer(),
  activeDays: Type.Integer(),
  heat: Type.Number(),
  firstAt: Type.String(),
  lastAt: Type.String(),
  districtId: Nullable(Type.Integer()),
  categoryId: Nullable(Type.Integer()),
  appealsList: Type.Array(
    Type.Object({
      ticketId: Type.Integer(),
      number: Type.String(),
      title: Type.String(),
      createdAt: Type.String(),
      status: Type.String(),
      districtId: Nullable(Type.Integer()),
      likes: Type.Integer(),
    }),
  ),
});

const Fields = {
  month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  leadUnitId: Type.Integer({ minimum: 1 }),
  categoryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  districtId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  keywords: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 10 }),
  ),
  measures: Type.String({ maxLength: 4000 }),
  startDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  weeks: Type.Integer({ minimum: 1, maximum: 26 }),
};

const KeyProblemSchema = Type.Object({
  id: Type.Integer(),
  ...Fields,
  categoryId: Nullable(Type.Integer()),
  districtId: Nullable(Type.Integer()),
  keywords: Type.Array(Type.String()),
  source: Nullable(Type.Object({ label: Type.String(), ticketIds: Type.Array(Type.Integer()) })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  counts: Type.Object({
    weeks: Type.Integer(),
    before: Type.Integer(),
    after: Type.Integer(),
    afterComplete: Type.Boolean(),
    weekly: Type.Array(
      Type.Object({ weekStart: Type.String(), count: Type.Integer(), after: Type.Boolean() }),
    ),
  }),
  history: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Integer(),
        actorId: Type.Integer(),
        at: Type.String(),
        action: Type.String(),
        changes: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
  ),
});

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** /analysis: early-warning alerts, hot issues and the monthly key problems. */
export function hotspotsRoutes(services: {
  warning: EarlyWarningService;
  hotIssues: HotIssueService;
  keyProblems: KeyProblemService;
}): RouteRegistrar {
  const { warning, hotIssues, keyProblems } = services;
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['analysis'];
    api.get(
      '/analysis/alerts',
      {
        schema: {
          tags,
          summary: 'Early-warning alerts (unusual rises of a category in a district)',
          querystring: Type.Object({
            state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('acknowledged')])),
            districtId: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(AlertSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await warning.list(requireActor(request), request.query) }),
    );
    api.post(
      '/analysis/alerts/:id/acknowledge',
      {
        schema: {
          tags,
          summary: 'Acknowledge an alert, with an optional note',
          params: IdParams,
          body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }),
          response: { 200: AlertSchema, ...errorResponses },
        },
      },
      async (request) =>
        warning.acknowledge(requireActor(request), request.params.id, request.body.note ?? null),
    );
    api.get(
      '/analysis/hot-issues',
      {
        schema: {
          tags,
          summary: 'Hot issues: appeals clustered by matter and place, ranked by heat index',
          querystring: Type.Object({
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
            districtId: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(HotIssueSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await hotIssues.list(requireActor(request), request.query) }),
    );
    api.get(
      '/analysis/district-counts',
      {
        schema: {
          tags,
          summary: 'Appeals per district in the last days (the analyst map)',
          querystring: Type.Object({
            days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ districtId: Type.Integer(), count: Type.Integer() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await hotIssues.districtCounts(requireActor(request), request.query.days ?? 30),
      }),
    );
    api.get(
      '/analysis/key-problems',
      {
        schema: {
          tags,
          summary:
            'Monthly key problems (每月一题): all for analysts and supervisors, else the unit’s own',
          querystring: Type.Object({
            month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
          }),
          response: {
            200: Type.Object({ items: Type.Array(KeyProblemSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ items: await keyProblems.list(requireActor(request), request.query) }),
    );
    api.post(
      '/analysis/key-problems',
      {
        schema: {
          tags,
          summary: 'Make a monthly key problem, from a hot issue or a category and district',
          body: Type.Object({
            ...Fields,
            source: Type.Optional(
              Nullable(
                Type.Object({
                  label: Type.String({ maxLength: 500 }),
                  ticketIds: Type.Array(Type.Integer(), { maxItems: 2000 }),
                }),
              ),
            ),
          }),
          response: { 201: KeyProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await keyProblems.create(
          requireRole(request, 'analyst', 'supervisor'),
          request.body,
        );
        return reply.code(201).send(created);
      },
    );
    api.get(
      '/analysis/key-problems/:id',
      {
        schema: {
          tags,
          summary: 'A key problem with its before/after counts and its history',
          params: IdParams,
          response: { 200: KeyProblemSchema, ...errorResponses },
        },
      },
      async (request) => keyProblems.get(requireActor(request), request.params.id),
    );
    api.patch(
      '/analysis/key-problems/:id',
      {
        schema: {
          tags,
          summary: 'Edit a key problem (measures taken, lead unit…); every change is kept',
          params: IdParams,
          body: Type.Object({
            version: Type.Integer({ minimum: 1 }),
            month: Type.Optional(Fields.month),
            title: Type.Optional(Fields.title),
            leadUnitId: Type.Optional(Fields.leadUnitId),
            categoryId: Fields.categoryId,
            districtId: Fields.districtId,
            keywords: Fields.keywords,
            measures: Type.Optional(Fields.measures),
            startDate: Type.Optional(Fields.startDate),
            weeks: Type.Optional(Fields.weeks),
          }),
          response: { 200: KeyProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { version, ...patch } = request.body;
        return keyProblems.update(requireActor(request), request.params.id, version, patch);
      },
    );
  };
}
