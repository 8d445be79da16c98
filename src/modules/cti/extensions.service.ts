import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { UserService } from '../auth/index.js';
import { isExtension } from './call-rules.js';
import {
  freeExtension,
  listExtensions,
  seatAtExtension,
  type ExtensionRow,
} from './extensions.repository.js';

/** An extension of the phone switch and the operator who sits at it. */
export type Extension = ExtensionRow;

/**
 * Which operator sits at which extension, kept by the admin: a ringing call pops on that
 * operator's screen and counts in their figures. One extension per operator and per extension.
 */
export class ExtensionService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly users: UserService,
  ) {}

  async list(actor: Actor): Promise<Extension[]> {
    requireRoles(actor, ['admin', 'supervisor'], 'Only an admin or a supervisor sees extensions');
    return listExtensions(this.database.db);
  }

  /** Seats an operator at an extension: their earlier extension, and its earlier operator, are freed. */
  async assign(actor: Actor, extension: string, userId: number): Promise<Extension> {
    requireRoles(actor, ['admin'], 'Only an admin assigns extensions');
    if (!isExtension(extension)) {
      throw new ValidationError(
        'extension',
        "extension must be 1 to 32 letters, digits or '*#+_.-'",
        'VALIDATION_FAILED',
        { rule: 'pattern' },
      );
    }
    const user = await this.users.getUser(actor, userId).catch((error: unknown) => {
      if (error instanceof NotFoundError)
        throw new ValidationError('userId', `User ${userId} does not exist`);
      throw error;
    });
    if (!user.active || !user.roles.includes('operator'))
      throw new ValidationError('userId', `${user.username} is not an active operator`);
    const at = this.clock.now().toISOString();
    await this.database.write(async (trx) => {
      await seatAtExtension(trx, { extension, userId, updatedBy: actor.userId, updatedAt: at });
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'cti.extension.assign',
        subjectType: 'user',
        subjectId: userId,
        detail: { extension },
      });
    });
    return {
      extension,
      userId,
      username: user.username,
      displayName: user.displayName,
      updatedAt: at,
    };
  }

  async remove(actor: Actor, extension: string): Promise<void> {
    requireRoles(actor, ['admin'], 'Only an admin assigns extensions');
    await this.database.write(async (trx) => {
      const userId = await freeExtension(trx, extension);
      if (userId === null) throw new NotFoundError('Extension', extension, 'EXTENSION_NOT_FOUND');
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'cti.extension.remove',
        subjectType: 'user',
        subjectId: userId,
        detail: { extension },
      });
    });
  }
}
