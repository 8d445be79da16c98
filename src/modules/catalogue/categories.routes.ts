import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { UTF8_BOM } from '../../platform/csv.js';
import { requireActor } from '../../platform/http/request-actor.js';
import { ErrorEnvelope, errorResponses, IdParams, Nullable } from '../../platform/http/routes.js';
import type { CategoryService } from './categories.service.js';
import type { CategoryNode } from './catalogue-types.js';

const CategoryProperties = {
  id: Type.Integer(),
  code: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  level: Type.Integer({ minimum: 1, maximum: 3 }),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  keywords: Type.Array(Type.String()),
  active: Type.Boolean(),
  path: Type.Array(Type.String(), { description: 'Names from the root' }),
};
export const CategorySchema = Type.Object(CategoryProperties);
const Level3Node = Type.Object({ ...CategoryProperties, children: Type.Array(Type.Object({})) });
const Level2Node = Type.Object({ ...CategoryProperties, children: Type.Array(Level3Node) });
const Level1Node = Type.Object({ ...CategoryProperties, children: Type.Array(Level2Node) });

/** The error envelope of a refused CSV import: every problem, by row and column. */
export const CsvErrorEnvelope = Type.Object({
  error: Type.Object({
    ...ErrorEnvelope.properties.error.properties,
    errors: Type.Optional(
      Type.Array(
        Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() }),
      ),
    ),
  }),
});

const ListQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) });
const Keywords = Type.Array(Type.String({ maxLength: 50 }), { maxItems: 50 });
const NewCategoryBody = Type.Object(
  {
    parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    keywords: Type.Optional(Keywords),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
);
const CategoryPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    keywords: Type.Optional(Keywords),
    active: Type.Optional(Type.Boolean({ description: 'false deactivates the whole subtree' })),
  },
  { additionalProperties: false },
);
const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});

/** Sends CSV text with a UTF-8 BOM, so that Excel shows Chinese correctly. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(UTF8_BOM + csv);
}

const PublicCategory = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  level: Type.Integer(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
});

export function categoryRoutes(app: FastifyInstance, categories: CategoryService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/public/categories',
    {
      schema: {
        tags: ['public'],
        summary: 'The active categories, for citizens choosing what their appeal is about',
        security: [],
        response: { 200: Type.Object({ items: Type.Array(PublicCategory) }) },
      },
    },
    async () => {
      const items: Array<Static<typeof PublicCategory>> = [];
      const walk = (nodes: CategoryNode[]) => {
        for (const { id, parentId, level, name, nameEn, children } of nodes) {
          items.push({ id, parentId, level, name, nameEn });
          walk(children);
        }
      };
      walk(await categories.tree());
      return { items };
    },
  );
  const tags = ['categories'];

  api.get(
    '/categories',
    {
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(CategorySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await categories.listCategories(request.query) };
    },
  );

  api.get(
    '/categories/tree',
    {
      schema: {
        tags,
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Level1Node) }), ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: await categories.tree(request.query) };
    },
  );

  api.get(
    '/categories/export.csv',
    {
      schema: {
        tags,
        description:
          'The tree as CSV: code,level1,level2,level3,name_en,keywords (keywords separated by "|"), UTF-8 with BOM.',
        querystring: ListQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireActor(request);
      return sendCsv(reply, 'categories.csv', await categories.exportCsv(request.query));
    },
  );

  api.get(
    '/categories/:id',
    { schema: { tags, params: IdParams, response: { 200: CategorySchema, ...errorResponses } } },
    async (request) => {
      requireActor(request);
      return categories.getCategory(request.params.id);
    },
  );

  api.post(
    '/categories',
    {
      schema: { tags, body: NewCategoryBody, response: { 201: CategorySchema, ...errorResponses } },
    },
    async (request, reply) => {
      const category = await categories.createCategory(requireActor(request), request.body);
      return reply.status(201).send(category);
    },
  );

  api.patch(
    '/categories/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: CategoryPatchBody,
        response: { 200: CategorySchema, ...errorResponses },
      },
    },
    async (request) =>
      categories.updateCategory(requireActor(request), request.params.id, request.body),
  );

  api.post(
    '/categories/import',
    {
      schema: {
        tags,
        description:
          'Upserts categories by code from CSV (text/csv). Any problem refuses the whole file.',
        consumes: ['text/csv'],
        body: Type.String(),
        response: { 200: ImportResult, ...errorResponses, 400: CsvErrorEnvelope },
      },
    },
    async (request) => categories.importCsv(requireActor(request), request.body),
  );
}
