import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '../actor.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The logged-in actor, or a 401 UNAUTHENTICATED. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

/** The actor, who must hold one of `roles` (services still check scope themselves). */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(request);
  if (!roles.some((role) => actor.roles.includes(role))) {
    throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`, 'ROLE_REQUIRED');
  }
  return actor;
}
