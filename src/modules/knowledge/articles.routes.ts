import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Page } from '../../platform/http/routes.js';
import type { ArticleEditingService } from './article-editing.service.js';
import type { ArticleQueryService } from './article-query.service.js';
import {
  ApproveBody,
  ArticleListQuery,
  ArticleSchema,
  CreateArticleBody,
  DiffQuery,
  DiffSchema,
  RejectBody,
  RetireBody,
  SubmitBody,
  UpdateArticleBody,
  VersionListSchema,
} from './knowledge.schemas.js';

const tags = ['knowledge'];
const ok = { 200: ArticleSchema, ...errorResponses };

/** The editors' routes: list, read, write, the life-cycle steps, versions and their diff. */
export function articleRoutes(
  app: FastifyInstance,
  editing: ArticleEditingService,
  query: ArticleQueryService,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/knowledge/articles',
    {
      schema: {
        tags,
        summary: "Editors' list: their unit's articles (all for the centre, admins, supervisors)",
        querystring: ArticleListQuery,
        response: { 200: Page(ArticleSchema), ...errorResponses },
      },
    },
    async (request) => query.list(requireActor(request), request.query),
  );
  api.post(
    '/knowledge/articles',
    {
      schema: {
        tags,
        summary: 'Write a new article (draft, version 1)',
        body: CreateArticleBody,
        response: { 201: ArticleSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await editing.create(requireActor(request), request.body)),
  );
  api.get(
    '/knowledge/articles/:id',
    {
      schema: {
        tags,
        summary: 'One article: the working copy for its editors, the live version for other staff',
        params: IdParams,
        response: ok,
      },
    },
    async (request) => query.get(requireActor(request), request.params.id),
  );
  api.put(
    '/knowledge/articles/:id',
    {
      schema: {
        tags,
        summary: 'A new version (back to draft; the live version stays live until approval)',
        params: IdParams,
        body: UpdateArticleBody,
        response: ok,
      },
    },
    async (request) => editing.update(requireActor(request), request.params.id, request.body),
  );
  api.post(
    '/knowledge/articles/:id/submit',
    {
      schema: {
        tags,
        summary: 'Ask the centre to publish',
        params: IdParams,
        body: SubmitBody,
        response: ok,
      },
    },
    async (request) => editing.submit(requireActor(request), request.params.id, request.body),
  );
  api.post(
    '/knowledge/articles/:id/approve',
    {
      schema: {
        tags,
        summary: 'Publish (centre editors)',
        params: IdParams,
        body: ApproveBody,
        response: ok,
      },
    },
    async (request) => editing.approve(requireActor(request), request.params.id, request.body),
  );
  api.post(
    '/knowledge/articles/:id/reject',
    {
      schema: {
        tags,
        summary: 'Send back to draft with a reason (centre editors)',
        params: IdParams,
        body: RejectBody,
        response: ok,
      },
    },
    async (request) => editing.reject(requireActor(request), request.params.id, request.body),
  );
  api.post(
    '/knowledge/articles/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire: it leaves search',
        params: IdParams,
        body: RetireBody,
        response: ok,
      },
    },
    async (request) => editing.retire(requireActor(request), request.params.id, request.body),
  );
  api.get(
    '/knowledge/articles/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version, newest first',
        params: IdParams,
        response: { 200: VersionListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await query.versions(requireActor(request), request.params.id) }),
  );
  api.get(
    '/knowledge/articles/:id/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: DiffSchema, ...errorResponses },
      },
    },
    async (request) =>
      query.diff(requireActor(request), request.params.id, request.query.from, request.query.to),
  );
}
