// The auth module: password login into cookie sessions, API tokens for integrations, lockout after
// repeated failures, and user administration. Other modules learn who acts from the Actor only.
import type { Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { authRoutes } from './auth.routes.js';
import { AuthServiceImpl, type LoginResult } from './auth.service.js';
import { TokenServiceImpl } from './tokens.service.js';
import type { ApiToken, CreateUserInput, UpdateUserInput, User, UserFilter } from './user.js';
import { userRoutes } from './users.routes.js';
import { UserServiceImpl, type Caller } from './users.service.js';

export { SESSION_COOKIE, type LoginResult } from './auth.service.js';
export type {
  ApiToken,
  CreateUserInput,
  SessionUser,
  UpdateUserInput,
  User,
  UserFilter,
} from './user.js';
export type { Caller } from './users.service.js';

export interface AuthService {
  /** The actor of a request: a Bearer API token, else the session cookie; null when neither is valid. */
  actorFromRequest(
    authorization: string | undefined,
    cookies: Record<string, string | undefined>,
  ): Promise<Actor | null>;
  /** Checks the password (with lockout) and opens a session; the token goes into the cookie. */
  login(username: string, password: string): Promise<LoginResult>;
  /** Ends the session of a cookie value. */
  logout(sessionToken: string | undefined): Promise<void>;
  /** An active user as the command line acts for them; null when there is none. */
  actorOfUsername(username: string): Promise<Actor | null>;
}

/** User administration; `'system'` is the CLI or the demo seed acting without a logged-in admin. */
export interface UserService {
  /** Admin: one page of users matching the filter. */
  listUsers(
    actor: Actor,
    filter: UserFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: User[]; total: number }>;
  /** One user: an admin sees anyone, a user themself. */
  getUser(actor: Actor, id: number): Promise<User>;
  /** Admin or system: creates a user with a password and one or more roles. */
  createUser(caller: Caller, input: CreateUserInput): Promise<User>;
  /** Admin: changes display name, unit, roles or active. */
  updateUser(actor: Actor, id: number, patch: UpdateUserInput): Promise<User>;
  /** Your own password (with the current one), or an admin reset of someone else's. */
  changePassword(
    actor: Actor,
    id: number,
    input: { newPassword: string; currentPassword?: string },
  ): Promise<void>;
  /** Admin or system: sets a new password by username, unlocks the account and ends its sessions. */
  resetPassword(caller: Caller, username: string, newPassword: string): Promise<void>;
  /** Admin: lifts a lockout after failed logins. */
  unlockUser(actor: Actor, id: number): Promise<User>;
}

/** API tokens of integrations. */
export interface TokenService {
  /** A new token for the calling user (from a session); the secret is returned once. */
  createToken(actor: Actor, name: string): Promise<{ token: ApiToken; secret: string }>;
  /** Your tokens; an admin sees all. */
  listTokens(actor: Actor): Promise<ApiToken[]>;
  /** Revokes one of your tokens (an admin: anyone's). */
  revokeToken(actor: Actor, id: number): Promise<void>;
}

export interface AuthModule {
  service: AuthService;
  users: UserService;
  tokens: TokenService;
  routes: RouteRegistrar;
}

/** Builds the auth module: sessions and tokens, user administration, and their routes. */
export function createAuthModule(deps: ModuleDeps, extra: { audit: AuditLog }): AuthModule {
  const service = new AuthServiceImpl(deps.database, deps.config, deps.clock);
  const users = new UserServiceImpl(deps.database, deps.clock, extra.audit);
  const tokens = new TokenServiceImpl(deps.database, deps.clock, extra.audit);
  const registerAuth = authRoutes(service, tokens, deps.config);
  const registerUsers = userRoutes(users);
  return {
    service,
    users,
    tokens,
    routes(app) {
      registerAuth(app);
      registerUsers(app);
    },
  };
}
