import { createHash } from 'node:crypto';
import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.js';
import { newSecret } from '../../platform/ids.js';
import {
  countKeyHit,
  findApiKey,
  findApiKeyByHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  updateApiKey,
  type ApiKey,
} from './api-keys.repository.js';

export type { ApiKey } from './api-keys.repository.js';

/** Prefix of Open311 keys, so they are recognisable in a client's configuration. */
export const OPEN311_KEY_PREFIX = 'o311_';
const SHOWN_PREFIX = OPEN311_KEY_PREFIX.length + 4;
export const MAX_RATE_LIMIT = 999_999;
const NAME_MAX = 100;

const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export interface NewApiKeyInput {
  name: string;
  /** Default: the channel's defaultRateLimit. */
  rateLimitPerMinute?: number | null;
}

export interface ApiKeyPatch {
  name?: string;
  rateLimitPerMinute?: number;
}

/**
 * The keys that let apps file Open311 requests: an admin issues them (the key is shown once; only
 * its SHA-256 is kept), limits them per minute and revokes them. Every change is audited, never
 * with the key.
 */
export class ApiKeyService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly defaultRateLimit: () => Promise<number>,
  ) {}

  async list(actor: Actor): Promise<ApiKey[]> {
    this.requireAdmin(actor);
    return listApiKeys(this.database.db);
  }

  /** A new key: the answer holds the key itself, which nothing shows again. */
  async create(actor: Actor, input: NewApiKeyInput): Promise<{ key: ApiKey; apiKey: string }> {
    this.requireAdmin(actor);
    const name = checkName(input.name);
    const rateLimitPerMinute = checkRate(
      input.rateLimitPerMinute ?? (await this.defaultRateLimit()),
    );
    const apiKey = `${OPEN311_KEY_PREFIX}${newSecret(24)}`;
    const id = await this.database.write(async (trx) => {
      const newId = await insertApiKey(trx, {
        name,
        hash: hashKey(apiKey),
        prefix: apiKey.slice(0, SHOWN_PREFIX),
        rateLimitPerMinute,
        createdBy: actor.userId,
        at: this.clock.now().toISOString(),
      });
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'open311.key.create',
        subjectType: 'open311_api_key',
        subjectId: newId,
        detail: { name, rateLimitPerMinute },
      });
      return newId;
    });
    return { key: await this.get(id), apiKey };
  }

  async update(actor: Actor, id: number, patch: ApiKeyPatch): Promise<ApiKey> {
    this.requireAdmin(actor);
    const values = {
      ...(patch.name !== undefined && { name: checkName(patch.name) }),
      ...(patch.rateLimitPerMinute !== undefined && {
        rateLimitPerMinute: checkRate(patch.rateLimitPerMinute),
      }),
    };
    await this.get(id);
    await this.database.write(async (trx) => {
      await updateApiKey(trx, id, values);
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'open311.key.update',
        subjectType: 'open311_api_key',
        subjectId: id,
        detail: values,
      });
    });
    return this.get(id);
  }

  /** Revokes a key for good: requests with it are refused from now on. */
  async revoke(actor: Actor, id: number): Promise<ApiKey> {
    this.requireAdmin(actor);
    const key = await this.get(id);
    if (!key.active) {
      throw new ConflictError('OPEN311_KEY_REVOKED', `API key ${key.name} is already revoked`);
    }
    await this.database.write(async (trx) => {
      await revokeApiKey(trx, id, actor.userId, this.clock.now().toISOString());
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'open311.key.revoke',
        subjectType: 'open311_api_key',
        subjectId: id,
        detail: { name: key.name },
      });
    });
    return this.get(id);
  }

  /**
   * The active key a client sent (null when it sent none); a key that is unknown or revoked is
   * refused (403, as GeoReport v2 answers a bad api_key).
   */
  async authenticate(apiKey: string | null): Promise<ApiKey | null> {
    if (apiKey === null) return null;
    const key = await findApiKeyByHash(this.database.db, hashKey(apiKey));
    if (!key) throw new ForbiddenError('api_key is not a valid key', 'API_KEY_INVALID');
    if (!key.active) throw new ForbiddenError('api_key has been revoked', 'API_KEY_REVOKED');
    return key;
  }

  /**
   * Counts a request of the key in the current minute; beyond its limit, TOO_MANY_REQUESTS (429)
   * with the seconds to wait. Counted on the database: the limit holds across app instances.
   */
  async countRequest(key: ApiKey): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const hits = await this.database.write((trx) =>
      countKeyHit(trx, key.id, windowStart.toISOString(), now.toISOString()),
    );
    if (hits > key.rateLimitPerMinute) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000),
      );
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        `api_key may make ${key.rateLimitPerMinute} requests per minute; try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    }
  }

  private async get(id: number): Promise<ApiKey> {
    const key = await findApiKey(this.database.db, id);
    if (!key) throw new NotFoundError('API key', id, 'OPEN311_KEY_NOT_FOUND');
    return key;
  }

  private requireAdmin(actor: Actor): void {
    requireRoles(actor, ['admin'], 'Only an admin manages Open311 API keys');
  }
}

function checkName(value: string): string {
  const name = (value ?? '').trim();
  if (!name) throw new ValidationError('name', 'name is required', undefined, { rule: 'required' });
  if (Array.from(name).length > NAME_MAX) {
    throw new ValidationError('name', `name must be at most ${NAME_MAX} characters`, undefined, {
      rule: 'maxLength',
      limit: NAME_MAX,
    });
  }
  return name;
}

function checkRate(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_RATE_LIMIT) {
    throw new ValidationError(
      'rateLimitPerMinute',
      `rateLimitPerMinute must be a whole number from 1 to ${MAX_RATE_LIMIT}`,
      undefined,
      value < 1 ? { rule: 'minimum', limit: 1 } : { rule: 'maximum', limit: MAX_RATE_LIMIT },
    );
  }
  return value;
}
