import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams, Page } from '../../platform/http/routes.js';
import {
  CreateUserBody,
  PasswordBody,
  UpdateUserBody,
  UserListQuery,
  UserSchema,
} from './auth.schemas.js';
import type { UserServiceImpl } from './users.service.js';

const tags = ['users'];

/** /users: account administration (admins; a user may read themself and change their password). */
export function userRoutes(users: UserServiceImpl) {
  return (root: FastifyInstance): void => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/users',
      {
        schema: {
          tags,
          summary: 'Users, filtered by unit, role, text or active (admin)',
          querystring: UserListQuery,
          response: { 200: Page(UserSchema), ...errorResponses },
        },
      },
      async (request) => {
        const { page = 1, pageSize = 50, ...filter } = request.query;
        const result = await users.listUsers(requireActor(request), filter, { page, pageSize });
        return { ...result, page, pageSize };
      },
    );

    app.get(
      '/users/:id',
      {
        schema: {
          tags,
          summary: 'One user (admin, or yourself)',
          params: IdParams,
          response: { 200: UserSchema, ...errorResponses },
        },
      },
      async (request) => users.getUser(requireActor(request), request.params.id),
    );

    app.post(
      '/users',
      {
        schema: {
          tags,
          summary: 'Create a user (admin)',
          body: CreateUserBody,
          response: { 201: UserSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await users.createUser(requireActor(request), request.body);
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/users/:id',
      {
        schema: {
          tags,
          summary: 'Change display name, unit, roles or active (admin)',
          params: IdParams,
          body: UpdateUserBody,
          response: { 200: UserSchema, ...errorResponses },
        },
      },
      async (request) => users.updateUser(requireActor(request), request.params.id, request.body),
    );

    app.post(
      '/users/:id/password',
      {
        schema: {
          tags,
          summary: 'Set a new password: your own (with the current one), or anyone (admin reset)',
          params: IdParams,
          body: PasswordBody,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await users.changePassword(requireActor(request), request.params.id, request.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/users/:id/unlock',
      {
        schema: {
          tags,
          summary: 'Lift a lockout after failed logins (admin)',
          params: IdParams,
          response: { 200: UserSchema, ...errorResponses },
        },
      },
      async (request) => users.unlockUser(requireActor(request), request.params.id),
    );
  };
}
