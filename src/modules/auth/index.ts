// CONTRACT (to be implemented by the auth module): other modules rely on these names.
import type { Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';

export const SESSION_COOKIE = 'oh_session';

export interface AuthService {
  /** The actor of a request: a Bearer API token, else the session cookie; null when neither is valid. */
  actorFromRequest(
    authorization: string | undefined,
    cookies: Record<string, string | undefined>,
  ): Promise<Actor | null>;
}

export interface AuthModule {
  service: AuthService;
  routes: RouteRegistrar;
}

export declare function createAuthModule(deps: ModuleDeps, extra: { audit: AuditLog }): AuthModule;
