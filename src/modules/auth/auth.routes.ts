import type {} from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, IdParams } from '../../platform/http/routes.js';
import {
  ApiTokenSchema,
  CreateTokenBody,
  LockedEnvelope,
  LoginBody,
  SessionUserSchema,
} from './auth.schemas.js';
import { SESSION_COOKIE, sessionUser, type AuthServiceImpl } from './auth.service.js';
import type { TokenServiceImpl } from './tokens.service.js';

const tags = ['auth'];

/** /auth: password login into a cookie session, logout, who am I, and API tokens. */
export function authRoutes(auth: AuthServiceImpl, tokens: TokenServiceImpl, config: Config) {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: config.cookieSecure,
  };

  return (root: FastifyInstance): void => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/auth/login',
      {
        schema: {
          tags,
          summary: 'Log in with username and password; sets the session cookie',
          security: [],
          body: LoginBody,
          response: {
            200: Type.Object({ user: SessionUserSchema }),
            ...errorResponses,
            429: LockedEnvelope,
          },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const session = await auth.login(username, password);
        reply.setCookie(SESSION_COOKIE, session.token, {
          ...cookieOptions,
          expires: new Date(session.expiresAt),
        });
        return { user: session.user };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags, summary: 'End the session and clear its cookie', security: [] } },
      async (request, reply) => {
        await auth.logout(request.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/me',
      {
        schema: {
          tags,
          summary: 'The logged-in user',
          response: {
            200: Type.Object({
              user: SessionUserSchema,
              via: Type.Enum(['session', 'token', 'cli']),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return { user: sessionUser(actor), via: actor.via };
      },
    );

    app.post(
      '/auth/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token for yourself (the secret is shown only in this answer)',
          body: CreateTokenBody,
          response: {
            201: Type.Object({
              token: ApiTokenSchema,
              secret: Type.String({ description: 'Send as "Authorization: Bearer <secret>"' }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const created = await tokens.createToken(requireActor(request), request.body.name);
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/auth/tokens',
      {
        schema: {
          tags,
          summary: 'Your API tokens (an admin sees all)',
          response: { 200: Type.Object({ items: Type.Array(ApiTokenSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await tokens.listTokens(requireActor(request)) }),
    );

    app.delete(
      '/auth/tokens/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an API token',
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await tokens.revokeToken(requireActor(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
