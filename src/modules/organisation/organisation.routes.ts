import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Nullable, Page } from '../../platform/http/routes.js';
import type { OrganisationServiceImpl } from './organisation.service.js';
import type { UnitNode } from './unit.js';
import {
  CreateUnitBody,
  JurisdictionSchema,
  UnitListQuery,
  UnitNodeSchema,
  UnitSchema,
  UnitTreeQuery,
  UpdateUnitBody,
} from './organisation.schemas.js';

const tags = ['organisation'];

/** /units: reads for every logged-in user, changes for admins (checked in the service). */
export function organisationRoutes(service: OrganisationServiceImpl) {
  return (root: FastifyInstance): void => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    const Place = Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      nameEn: Nullable(Type.String()),
    });
    app.get(
      '/public/districts',
      {
        schema: {
          tags: ['public'],
          summary:
            'Districts and counties with their streets and towns, for citizens placing an appeal',
          security: [],
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ ...Place.properties, streets: Type.Array(Place) })),
            }),
          },
        },
      },
      async () => {
        const place = (unit: UnitNode) => ({ id: unit.id, name: unit.name, nameEn: unit.nameEn });
        const districts: UnitNode[] = [];
        const find = (nodes: UnitNode[]) => {
          for (const node of nodes) {
            if (node.type === 'district') districts.push(node);
            else find(node.children);
          }
        };
        find(await service.getTree());
        return {
          items: districts.map((district) => ({
            ...place(district),
            streets: district.children.filter((c) => c.type === 'street').map(place),
          })),
        };
      },
    );

    app.get(
      '/public/districts/map',
      {
        schema: {
          tags: ['public'],
          summary:
            "The districts' boundaries as GeoJSON, for the citizens' map (public administrative areas)",
          security: [],
          response: {
            200: Type.Object({
              type: Type.Literal('FeatureCollection'),
              features: Type.Array(
                Type.Object({
                  type: Type.Literal('Feature'),
                  properties: Place,
                  geometry: JurisdictionSchema,
                }),
              ),
            }),
          },
        },
      },
      async () => {
        const districts = (
          await service.searchUnits({ type: 'district' }, { page: 1, pageSize: 1000 })
        ).items;
        const features = [];
        for (const district of districts) {
          const geometry = await service.getJurisdiction(district.id);
          if (!geometry) continue;
          features.push({
            type: 'Feature' as const,
            properties: { id: district.id, name: district.name, nameEn: district.nameEn },
            geometry,
          });
        }
        return { type: 'FeatureCollection' as const, features };
      },
    );

    app.get(
      '/units',
      {
        schema: {
          tags,
          summary: 'Units of the organisation, flat, with filters',
          querystring: UnitListQuery,
          response: { 200: Page(UnitSchema), ...errorResponses },
        },
      },
      async (request) => {
        requireActor(request);
        const { page = 1, pageSize = 200, ...filter } = request.query;
        const result = await service.searchUnits(filter, { page, pageSize });
        return { ...result, page, pageSize };
      },
    );

    app.get(
      '/units/tree',
      {
        schema: {
          tags,
          summary: 'The organisation as a nested tree',
          querystring: UnitTreeQuery,
          response: { 200: Type.Object({ items: Type.Array(UnitNodeSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        requireActor(request);
        return { items: await service.getTree(request.query) };
      },
    );

    app.get(
      '/units/:id',
      {
        schema: {
          tags,
          summary: 'One unit',
          params: IdParams,
          response: { 200: UnitSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireActor(request);
        return service.getUnit(request.params.id);
      },
    );

    app.get(
      '/units/:id/jurisdiction',
      {
        schema: {
          tags,
          summary: "A unit's jurisdiction (GeoJSON geometry), or null",
          params: IdParams,
          response: {
            200: Type.Object({ jurisdiction: Type.Union([JurisdictionSchema, Type.Null()]) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        requireActor(request);
        return { jurisdiction: await service.getJurisdiction(request.params.id) };
      },
    );

    app.post(
      '/units',
      {
        schema: {
          tags,
          summary: 'Create a unit (admin)',
          body: CreateUnitBody,
          response: { 201: UnitSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const unit = await service.createUnit(requireActor(request), request.body);
        return reply.status(201).send(unit);
      },
    );

    app.patch(
      '/units/:id',
      {
        schema: {
          tags,
          summary: 'Change a unit (admin); active=false deactivates it',
          params: IdParams,
          body: UpdateUnitBody,
          response: { 200: UnitSchema, ...errorResponses },
        },
      },
      async (request) => service.updateUnit(requireActor(request), request.params.id, request.body),
    );
  };
}
