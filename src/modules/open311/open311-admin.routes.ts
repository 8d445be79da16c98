import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses } from '../../platform/http/routes.js';
import type { ApiKeyService } from './api-keys.service.js';
import {
  ApiKeyPatchBody,
  ApiKeySchema,
  CreatedApiKeySchema,
  NewApiKeyBody,
  ServiceAttributesBody,
  ServiceAttributesSchema,
  ServiceSummarySchema,
} from './open311.schemas.js';
import type { ServiceAttributeService } from './service-attributes.service.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CategoryParams = Type.Object({ categoryId: Type.Integer({ minimum: 1 }) });

/** The admin's Open311 routes: API keys and the attributes of each service (admins only, audited). */
export function open311AdminRoutes(
  app: FastifyInstance,
  keys: ApiKeyService,
  attributes: ServiceAttributeService,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['open311'];
  api.get(
    '/admin/open311/keys',
    {
      schema: {
        tags,
        summary: 'Open311 API keys (never the keys themselves)',
        response: { 200: Type.Object({ items: Type.Array(ApiKeySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await keys.list(requireActor(request)) }),
  );
  api.post(
    '/admin/open311/keys',
    {
      schema: {
        tags,
        summary: 'Issue an API key: the answer holds the key, shown this once',
        body: NewApiKeyBody,
        response: { 201: CreatedApiKeySchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await keys.create(requireActor(request), request.body)),
  );
  api.patch(
    '/admin/open311/keys/:id',
    {
      schema: {
        tags,
        summary: 'Rename a key or change its requests per minute',
        params: IdParams,
        body: ApiKeyPatchBody,
        response: { 200: ApiKeySchema, ...errorResponses },
      },
    },
    async (request) => keys.update(requireActor(request), request.params.id, request.body),
  );
  api.post(
    '/admin/open311/keys/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a key for good',
        params: IdParams,
        response: { 200: ApiKeySchema, ...errorResponses },
      },
    },
    async (request) => keys.revoke(requireActor(request), request.params.id),
  );
  api.get(
    '/admin/open311/services',
    {
      schema: {
        tags,
        summary: 'The Open311 services (active leaf categories) and how many attributes each has',
        response: {
          200: Type.Object({ items: Type.Array(ServiceSummarySchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await attributes.listServices(requireActor(request)) }),
  );
  api.get(
    '/admin/open311/services/:categoryId/attributes',
    {
      schema: {
        tags,
        summary: "A service's attributes",
        params: CategoryParams,
        response: { 200: ServiceAttributesSchema, ...errorResponses },
      },
    },
    async (request) => attributes.getAttributes(requireActor(request), request.params.categoryId),
  );
  api.put(
    '/admin/open311/services/:categoryId/attributes',
    {
      schema: {
        tags,
        summary: "Replace a service's attributes (their order is the list's)",
        params: CategoryParams,
        body: ServiceAttributesBody,
        response: { 200: ServiceAttributesSchema, ...errorResponses },
      },
    },
    async (request) =>
      attributes.replaceAttributes(
        requireActor(request),
        request.params.categoryId,
        request.body.attributes,
      ),
  );
}
