import { ForbiddenError } from './errors.js';

/** The roles of ../shared/DOMAIN.md. */
export const ROLES = [
  'citizen',
  'operator',
  'dispatcher',
  'coordinator',
  'handler',
  'callback_agent',
  'supervisor',
  'analyst',
  'kb_editor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role =>
  (ROLES as readonly string[]).includes(value);

/** Who is acting: a logged-in user or an integration's API token, always bound to a unit. */
export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly unitId: number;
  /** The district (区/县) the user's unit belongs to; null for city-level units. */
  readonly districtId: number | null;
  readonly roles: readonly Role[];
  /** How they came: a browser session, an API token, or the command line on the server. */
  readonly via: 'session' | 'token' | 'cli';
}

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  roles.some((role) => actor.roles.includes(role));

/**
 * Refuses (ROLE_REQUIRED) an actor who holds none of `roles`. Services check this themselves,
 * not only their routes; `message` says who may act, in the words of the use case.
 */
export function requireRoles(
  actor: Actor,
  roles: readonly Role[],
  message = `This needs one of the roles: ${roles.join(', ')}`,
): Actor {
  if (!hasRole(actor, ...roles)) throw new ForbiddenError(message, 'ROLE_REQUIRED');
  return actor;
}
