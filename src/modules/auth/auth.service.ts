import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { DomainError, ForbiddenError, UnauthorizedError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/password.js';
import type { Config } from '../../config.js';
import * as repo from './auth.repository.js';
import { isLocked, lockAfterFailure, minutesLeft, type LockoutPolicy } from './lockout.js';
import { hashSecret, newSessionToken } from './secrets.js';
import type { SessionUser } from './user.js';
import { canonicalUsername } from './user-input.js';

export const SESSION_COOKIE = 'oh_session';

// An API token's last use is recorded at most this often, so requests stay read-only.
const TOKEN_TOUCH_MS = 60 * 60_000;

const invalidCredentials = () =>
  new UnauthorizedError('Wrong username or password', 'INVALID_CREDENTIALS');

const accountLocked = (lockedUntil: string, now: Date) =>
  new DomainError(
    'ACCOUNT_LOCKED',
    `Too many failed logins: the account is locked, try again in ${minutesLeft(lockedUntil, now)} minutes`,
    { lockedUntil },
  );

export interface LoginResult {
  user: SessionUser;
  /** The session secret for the cookie; only its hash is stored. */
  token: string;
  expiresAt: string;
}

/** Password login, sessions, and who a request's actor is. */
export class AuthServiceImpl {
  // Unknown usernames are checked against a real hash too, so timing does not reveal who exists.
  private dummyHash: Promise<string> | null = null;
  private readonly lockout: LockoutPolicy;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {
    this.lockout = { threshold: config.lockoutThreshold, minutes: config.lockoutMinutes };
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const row = await repo.findLoginUser(
      this.database.db,
      username.trim(),
      canonicalUsername(username),
    );
    if (!row) {
      this.dummyHash ??= hashPassword('not a password of anyone');
      await verifyPassword(password, await this.dummyHash);
      throw invalidCredentials();
    }
    const now = this.clock.now();
    if (isLocked(row.locked_until, now)) throw accountLocked(row.locked_until!, now);
    if (!(await verifyPassword(password, row.password_hash))) {
      throw await this.recordFailure(row.id, now);
    }
    if (row.active !== 1)
      throw new ForbiddenError('This account is deactivated', 'ACCOUNT_INACTIVE');
    return this.startSession(row, now);
  }

  /** Ends the session of this cookie value (if any); logging out twice is harmless. */
  async logout(sessionToken: string | undefined): Promise<void> {
    if (!sessionToken) return;
    await this.database.write((trx) => repo.deleteSession(trx, hashSecret(sessionToken)));
  }

  async actorFromRequest(
    authorization: string | undefined,
    cookies: Record<string, string | undefined>,
  ): Promise<Actor | null> {
    // A Bearer token decides alone (a bad one is not rescued by a cookie); other schemes, such
    // as a proxy's Basic auth, are not ours and leave the session cookie to decide.
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (bearer) return this.actorOfToken(bearer[1]!);
    const sessionToken = cookies[SESSION_COOKIE];
    if (!sessionToken) return null;
    const row = await repo.findSessionActor(
      this.database.db,
      hashSecret(sessionToken),
      this.clock.now().toISOString(),
    );
    return row ? this.toActor(row, 'session') : null;
  }

  /** An active user as the command line acts for them (`--as <username>`); null if none. */
  async actorOfUsername(username: string): Promise<Actor | null> {
    const row = await repo.findActiveUser(this.database.db, username);
    return row ? this.toActor(row, 'cli') : null;
  }

  private async actorOfToken(token: string): Promise<Actor | null> {
    const row = await repo.findTokenActor(this.database.db, hashSecret(token));
    if (!row) return null;
    const now = this.clock.now();
    if (!row.last_used_at || Date.parse(row.last_used_at) + TOKEN_TOUCH_MS <= now.getTime()) {
      await this.database.write((trx) => repo.touchToken(trx, row.token_id, now.toISOString()));
    }
    return this.toActor(row, 'token');
  }

  private async toActor(row: repo.ActorRow, via: Actor['via']): Promise<Actor> {
    return {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      districtId: row.district_id,
      roles: await repo.rolesOf(this.database.db, row.id),
      via,
    };
  }

  /** Counts the failure; the error to answer with (ACCOUNT_LOCKED when this one locks). */
  private async recordFailure(userId: number, now: Date): Promise<DomainError> {
    const lockedUntil = await this.database.write(async (trx) => {
      const failures = await repo.countFailure(trx, userId);
      const until = lockAfterFailure(failures, this.lockout, now);
      if (until) await repo.lockUser(trx, userId, until);
      return until;
    });
    return lockedUntil ? accountLocked(lockedUntil, now) : invalidCredentials();
  }

  private async startSession(row: repo.LoginRow, now: Date): Promise<LoginResult> {
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    await this.database.write(async (trx) => {
      await repo.clearFailures(trx, row.id);
      await repo.purgeExpiredSessions(trx, now.toISOString());
      await repo.insertSession(trx, {
        id: hashSecret(token),
        user_id: row.id,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      });
    });
    const actor = await this.toActor(row, 'session');
    return { user: sessionUser(actor), token, expiresAt: expiresAt.toISOString() };
  }
}

/** The user as login and /me show it. */
export const sessionUser = (actor: Actor): SessionUser => ({
  id: actor.userId,
  username: actor.username,
  displayName: actor.displayName,
  unitId: actor.unitId,
  districtId: actor.districtId,
  roles: [...actor.roles],
});
