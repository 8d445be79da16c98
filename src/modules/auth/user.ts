import type { Role } from '../../platform/actor.js';

/** A user account as admins see it (never with its password hash). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  active: boolean;
  /** When a lockout after failed logins ends; null when the account is not locked now. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The logged-in user as the login and /me answers show it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  districtId: number | null;
  roles: Role[];
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  unitId: number;
  roles: readonly string[];
}

export interface UpdateUserInput {
  displayName?: string;
  unitId?: number;
  roles?: readonly string[];
  active?: boolean;
}

export interface UserFilter {
  unitId?: number;
  role?: string;
  /** Matches username or display name (case-insensitive substring). */
  q?: string;
  active?: boolean;
}

/** An integration's API token (the secret itself is shown once, at creation). */
export interface ApiToken {
  id: number;
  name: string;
  userId: number;
  username: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
