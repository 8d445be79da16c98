import { hasRole, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { hashSecret, newApiToken } from './secrets.js';
import type { ApiToken } from './user.js';
import * as repo from './users.repository.js';

/** API tokens for integrations: each acts as the user who created it, until revoked. */
export class TokenServiceImpl {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** A new token for the calling user; the secret is returned here once and never again. */
  async createToken(actor: Actor, name: string): Promise<{ token: ApiToken; secret: string }> {
    // A leaked token must not be able to mint tokens that outlive its revocation.
    if (actor.via !== 'session') {
      throw new ForbiddenError('Create API tokens from a logged-in session', 'SESSION_REQUIRED');
    }
    const label = name.normalize('NFC').trim();
    if (label.length === 0 || Array.from(label).length > 100) {
      throw new ValidationError('name', 'A token name is 1 to 100 characters');
    }
    const secret = newApiToken();
    const id = await this.database.write(async (trx) => {
      const created = await repo.insertToken(trx, {
        name: label,
        token_hash: hashSecret(secret),
        user_id: actor.userId,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'token.create',
        subjectType: 'api_token',
        subjectId: created,
        detail: { name: label },
      });
      return created;
    });
    const token = await repo.findToken(this.database.db, id);
    return { token: token!, secret };
  }

  /** The caller's own tokens; an admin sees everyone's. */
  async listTokens(actor: Actor): Promise<ApiToken[]> {
    return repo.listTokens(this.database.db, hasRole(actor, 'admin') ? null : actor.userId);
  }

  /** Revokes a token of the caller (an admin: any token); revoking twice is harmless. */
  async revokeToken(actor: Actor, id: number): Promise<void> {
    const token = await repo.findToken(this.database.db, id);
    if (!token || (token.userId !== actor.userId && !hasRole(actor, 'admin'))) {
      throw new NotFoundError('API token', id, 'TOKEN_NOT_FOUND');
    }
    if (token.revokedAt) return;
    await this.database.write(async (trx) => {
      await repo.revokeToken(trx, id, this.clock.now().toISOString());
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'token.revoke',
        subjectType: 'api_token',
        subjectId: id,
        detail: { name: token.name, userId: token.userId },
      });
    });
  }
}
