import type { FastifyRequest } from 'fastify';
import { requireRoles, type Actor, type Role } from '../actor.js';
import { UnauthorizedError } from '../errors.js';

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
  return requireRoles(requireActor(request), roles);
}
