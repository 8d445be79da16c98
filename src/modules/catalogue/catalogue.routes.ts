import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '../../platform/actor.js';
import { requireActor, requireRole } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams } from '../../platform/http/routes.js';
import { CsvErrorEnvelope, sendCsv } from './categories.routes.js';
import type { DispatchCatalogueService } from './catalogue.service.js';

/** Every role but the citizen reads the catalogue (dispatchers use it all day). */
export const STAFF_ROLES = ROLES.filter((role) => role !== 'citizen');

const Id = Type.Integer({ minimum: 1 });
const NullableId = Type.Union([Type.Integer(), Type.Null()]);
const Rule = Type.Object({
  id: Type.Integer(),
  versionId: Type.Integer(),
  categoryId: Type.Integer(),
  districtId: NullableId,
  leadUnitId: Type.Integer(),
  coUnitIds: Type.Array(Type.Integer()),
});
const VersionProperties = {
  id: Type.Integer(),
  createdAt: Type.String(),
  createdBy: NullableId,
  note: Type.Union([Type.String(), Type.Null()]),
  ruleCount: Type.Integer(),
};
const Version = Type.Object(VersionProperties);
const VersionWithRules = Type.Object({ ...VersionProperties, rules: Type.Array(Rule) });
const Suggestion = Type.Object({
  versionId: Type.Integer(),
  ruleId: Type.Integer(),
  leadUnitId: Type.Integer(),
  coUnitIds: Type.Array(Type.Integer()),
});
const Explanation = Type.Object({
  versionId: NullableId,
  categoryId: Type.Integer(),
  districtId: NullableId,
  suggestion: Type.Union([Suggestion, Type.Null()]),
  rule: Type.Union([Rule, Type.Null()]),
  ancestorDistance: Type.Union([Type.Integer(), Type.Null()], {
    description: '0: rule of the category itself, 1: of its parent, 2: of its grandparent',
  }),
  districtSpecific: Type.Union([Type.Boolean(), Type.Null()]),
});
const LookupQuery = Type.Object({ categoryId: Id, districtId: Type.Optional(Id) });
const NewVersionBody = Type.Object(
  {
    note: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    rules: Type.Array(
      Type.Object(
        {
          categoryId: Id,
          districtId: Type.Union([Id, Type.Null()]),
          leadUnitId: Id,
          coUnitIds: Type.Array(Id, { maxItems: 20 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20_000 },
    ),
  },
  { additionalProperties: false },
);

export function catalogueRoutes(app: FastifyInstance, catalogue: DispatchCatalogueService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['dispatch catalogue'];

  api.get(
    '/catalogue/versions',
    {
      schema: {
        tags,
        response: { 200: Type.Object({ items: Type.Array(Version) }), ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, ...STAFF_ROLES);
      return { items: await catalogue.listVersions() };
    },
  );

  api.get(
    '/catalogue/versions/:id',
    { schema: { tags, params: IdParams, response: { 200: VersionWithRules, ...errorResponses } } },
    async (request) => {
      requireRole(request, ...STAFF_ROLES);
      return catalogue.getVersion(request.params.id);
    },
  );

  api.get(
    '/catalogue/current',
    {
      schema: {
        tags,
        description: 'The version in force (the newest).',
        response: { 200: VersionWithRules, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, ...STAFF_ROLES);
      const current = await catalogue.currentVersion();
      if (current) return current;
      const error = {
        code: 'CATALOGUE_EMPTY',
        message: 'No catalogue version has been published',
        requestId: request.id,
      };
      return reply.status(404).send({ error });
    },
  );

  api.get(
    '/catalogue/suggest',
    {
      schema: {
        tags,
        description: 'The rule in force for a category in a district.',
        querystring: LookupQuery,
        response: { 200: Explanation, ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, ...STAFF_ROLES);
      return catalogue.explainCurrent(request.query.categoryId, request.query.districtId ?? null);
    },
  );

  api.get(
    '/catalogue/versions/:id/explain',
    {
      schema: {
        tags,
        description: 'Which rule of a past version applied to a category in a district.',
        params: IdParams,
        querystring: LookupQuery,
        response: { 200: Explanation, ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, ...STAFF_ROLES);
      const { categoryId, districtId } = request.query;
      return catalogue.explain(request.params.id, categoryId, districtId ?? null);
    },
  );

  api.get(
    '/catalogue/versions/:id/rules.csv',
    {
      schema: {
        tags,
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, ...STAFF_ROLES);
      const csv = await catalogue.exportCsv(request.params.id);
      return sendCsv(reply, `catalogue-v${request.params.id}.csv`, csv);
    },
  );

  api.post(
    '/catalogue/versions',
    {
      schema: {
        tags,
        description: 'Publishes a new version; it is in force at once.',
        body: NewVersionBody,
        response: { 201: VersionWithRules, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = await catalogue.publish(requireActor(request), request.body);
      return reply.status(201).send(version);
    },
  );

  api.post(
    '/catalogue/import',
    {
      schema: {
        tags,
        description:
          'Publishes a new version from CSV: category_code,district_code,lead_unit_code,co_unit_codes ("|"-separated).',
        consumes: ['text/csv'],
        querystring: Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }),
        body: Type.String(),
        response: { 201: VersionWithRules, ...errorResponses, 400: CsvErrorEnvelope },
      },
    },
    async (request, reply) => {
      const version = await catalogue.importCsv(
        requireActor(request),
        request.body,
        request.query.note ?? null,
      );
      return reply.status(201).send(version);
    },
  );
}
