import type { Transaction, Updateable } from 'kysely';
import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB, UserTable } from '../../platform/db/schema.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/password.js';
import { deleteSessionsOf } from './auth.repository.js';
import { isLocked } from './lockout.js';
import type { CreateUserInput, UpdateUserInput, User, UserFilter } from './user.js';
import {
  canonicalUsername,
  checkPassword,
  normaliseDisplayName,
  normaliseRoles,
  normaliseUsername,
} from './user-input.js';
import * as repo from './users.repository.js';

/** An admin acting, or the system itself (the CLI, the demo seed). */
export type Caller = Actor | 'system';

const requireAdmin = (caller: Caller): void => {
  if (caller !== 'system') requireRoles(caller, ['admin'], 'Only an admin can manage users');
};

const actorIdOf = (caller: Caller): number | null => (caller === 'system' ? null : caller.userId);

const userNotFound = (id: number | string) => new NotFoundError('User', id, 'USER_NOT_FOUND');

const usernameTaken = (username: string) =>
  new ConflictError('USERNAME_TAKEN', `The username ${username} is already taken`);

/** User accounts: created, changed, unlocked and given new passwords by admins; all audited. */
export class UserServiceImpl {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async listUsers(
    actor: Actor,
    filter: UserFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: User[]; total: number }> {
    requireAdmin(actor);
    const [records, total] = await Promise.all([
      repo.listUsers(this.database.db, filter, {
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      repo.countUsers(this.database.db, filter),
    ]);
    return { items: records.map((r) => this.toUser(r)), total };
  }

  /** One user: admins see anyone, a user themself. */
  async getUser(actor: Actor, id: number): Promise<User> {
    if (actor.userId !== id) requireAdmin(actor);
    return this.load(id);
  }

  async createUser(caller: Caller, input: CreateUserInput): Promise<User> {
    requireAdmin(caller);
    const username = normaliseUsername(input.username);
    const displayName = normaliseDisplayName(input.displayName);
    checkPassword(input.password);
    const roles = normaliseRoles(input.roles);
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now().toISOString();
    let id: number;
    try {
      id = await this.database.write(async (trx) => {
        await checkUnit(trx, input.unitId);
        if (await repo.findUserIdByUsername(trx, username)) throw usernameTaken(username);
        const created = await repo.insertUser(trx, {
          username,
          display_name: displayName,
          password_hash: passwordHash,
          unit_id: input.unitId,
          created_at: now,
          updated_at: now,
        });
        await repo.setRoles(trx, created, roles);
        const detail = { username, unitId: input.unitId, roles };
        await this.record(trx, caller, 'user.create', created, detail);
        return created;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? usernameTaken(username) : error;
    }
    return this.load(id);
  }

  async updateUser(actor: Actor, id: number, patch: UpdateUserInput): Promise<User> {
    requireAdmin(actor);
    const values: Updateable<UserTable> = {};
    if (patch.displayName !== undefined)
      values.display_name = normaliseDisplayName(patch.displayName);
    if (patch.unitId !== undefined) values.unit_id = patch.unitId;
    if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
    const roles = patch.roles === undefined ? undefined : normaliseRoles(patch.roles);
    if (id === actor.userId && (patch.active === false || (roles && !roles.includes('admin')))) {
      throw new ConflictError(
        'SELF_LOCKOUT',
        'You cannot deactivate yourself or remove your own admin role: ask another admin',
      );
    }
    await this.database.write(async (trx) => {
      if (!(await repo.findUser(trx, id))) throw userNotFound(id);
      if (patch.unitId !== undefined) await checkUnit(trx, patch.unitId);
      await repo.updateUser(trx, id, { ...values, updated_at: this.clock.now().toISOString() });
      if (roles) await repo.setRoles(trx, id, roles);
      // A deactivated user's open sessions end now, not when they expire.
      if (patch.active === false) await deleteSessionsOf(trx, id);
      await this.record(trx, actor, 'user.update', id, { ...patch, ...(roles ? { roles } : {}) });
    });
    return this.load(id);
  }

  /**
   * A new password: users change their own with their current password; an admin resets
   * anyone else's, which also unlocks the account and ends its sessions.
   */
  async changePassword(
    actor: Actor,
    id: number,
    input: { newPassword: string; currentPassword?: string },
  ): Promise<void> {
    const self = actor.userId === id;
    if (!self) requireAdmin(actor);
    checkPassword(input.newPassword, 'newPassword');
    if (self) {
      const current = await repo.passwordHashOf(this.database.db, id);
      if (!input.currentPassword) {
        throw new ValidationError('currentPassword', 'Give your current password to change it');
      }
      if (!current || !(await verifyPassword(input.currentPassword, current))) {
        throw new ValidationError(
          'currentPassword',
          'The current password is wrong',
          'WRONG_PASSWORD',
        );
      }
    }
    const action = self ? 'user.password_change' : 'user.password_reset';
    await this.setPassword(actor, action, id, input.newPassword, !self);
  }

  /** Resets a password by username (the CLI); unlocks the account and ends its sessions. */
  async resetPassword(caller: Caller, username: string, newPassword: string): Promise<void> {
    requireAdmin(caller);
    checkPassword(newPassword);
    const id = await repo.findUserIdByUsername(this.database.db, canonicalUsername(username));
    const found = id ?? (await repo.findUserIdByUsername(this.database.db, username.trim()));
    if (found === undefined) throw userNotFound(username);
    await this.setPassword(caller, 'user.password_reset', found, newPassword, true);
  }

  /** Lifts a lockout after failed logins. */
  async unlockUser(actor: Actor, id: number): Promise<User> {
    requireAdmin(actor);
    await this.database.write(async (trx) => {
      if (!(await repo.findUser(trx, id))) throw userNotFound(id);
      await repo.updateUser(trx, id, {
        failed_logins: 0,
        locked_until: null,
        updated_at: this.clock.now().toISOString(),
      });
      await this.record(trx, actor, 'user.unlock', id, {});
    });
    return this.load(id);
  }

  /** Sets the password (and, with resetAccess, unlocks and ends sessions), audited as `action`. */
  private async setPassword(
    caller: Caller,
    action: string,
    id: number,
    password: string,
    resetAccess: boolean,
  ): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.database.write(async (trx) => {
      if (!(await repo.findUser(trx, id))) throw userNotFound(id);
      await repo.updateUser(trx, id, {
        password_hash: passwordHash,
        updated_at: this.clock.now().toISOString(),
        ...(resetAccess ? { failed_logins: 0, locked_until: null } : {}),
      });
      if (resetAccess) await deleteSessionsOf(trx, id);
      await this.record(trx, caller, action, id, {});
    });
  }

  private async load(id: number): Promise<User> {
    const record = await repo.findUser(this.database.db, id);
    if (!record) throw userNotFound(id);
    return this.toUser(record);
  }

  private toUser(record: repo.UserRecord): User {
    const lockedUntil = isLocked(record.lockedUntil, this.clock.now()) ? record.lockedUntil : null;
    return { ...record, lockedUntil };
  }

  /** The audit entry of a change, written in the change's own transaction. */
  private async record(
    trx: Transaction<DB>,
    caller: Caller,
    action: string,
    userId: number,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordIn(trx, {
      actorId: actorIdOf(caller),
      action,
      subjectType: 'user',
      subjectId: userId,
      detail,
    });
  }
}

/** Users belong to an existing, active unit. */
async function checkUnit(trx: Transaction<DB>, unitId: number): Promise<void> {
  const active = await repo.unitIsActive(trx, unitId);
  if (active === undefined) {
    throw new ValidationError('unitId', `There is no unit ${unitId}`, 'UNIT_NOT_FOUND');
  }
  if (!active) throw new ValidationError('unitId', 'The unit is deactivated', 'UNIT_INACTIVE');
}
