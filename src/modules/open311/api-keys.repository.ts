import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ApiKey {
  id: number;
  name: string;
  /** The key's first characters, to tell keys apart; the key itself is never stored. */
  prefix: string;
  rateLimitPerMinute: number;
  active: boolean;
  createdBy: { id: number; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const columns = [
  'k.id',
  'k.name',
  'k.key_prefix',
  'k.rate_limit_per_minute',
  'k.active',
  'k.created_at',
  'k.last_used_at',
  'k.revoked_at',
  'k.created_by',
  'u.display_name as creator_name',
] as const;

function baseQuery(db: Executor) {
  return db
    .selectFrom('open311_api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select(columns);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const toApiKey = (row: Row): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.key_prefix,
  rateLimitPerMinute: row.rate_limit_per_minute,
  active: row.active === 1,
  createdBy: row.created_by === null ? null : { id: row.created_by, name: row.creator_name ?? '' },
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export async function listApiKeys(db: Executor): Promise<ApiKey[]> {
  const rows = await baseQuery(db).orderBy('k.id').execute();
  return rows.map(toApiKey);
}

export async function findApiKey(db: Executor, id: number): Promise<ApiKey | null> {
  const row = await baseQuery(db).where('k.id', '=', id).executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function findApiKeyByHash(db: Executor, hash: string): Promise<ApiKey | null> {
  const row = await baseQuery(db).where('k.key_hash', '=', hash).executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function insertApiKey(
  trx: Transaction<DB>,
  values: {
    name: string;
    hash: string;
    prefix: string;
    rateLimitPerMinute: number;
    createdBy: number;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('open311_api_keys')
    .values({
      name: values.name,
      key_hash: values.hash,
      key_prefix: values.prefix,
      rate_limit_per_minute: values.rateLimitPerMinute,
      active: 1,
      created_by: values.createdBy,
      created_at: values.at,
      last_used_at: null,
      revoked_by: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateApiKey(
  trx: Transaction<DB>,
  id: number,
  patch: { name?: string; rateLimitPerMinute?: number },
): Promise<void> {
  await trx
    .updateTable('open311_api_keys')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.rateLimitPerMinute !== undefined && {
        rate_limit_per_minute: patch.rateLimitPerMinute,
      }),
    })
    .where('id', '=', id)
    .execute();
}

export async function revokeApiKey(
  trx: Transaction<DB>,
  id: number,
  by: number,
  at: string,
): Promise<void> {
  await trx
    .updateTable('open311_api_keys')
    .set({ active: 0, revoked_by: by, revoked_at: at })
    .where('id', '=', id)
    .execute();
}

/**
 * Counts one request of a key in the minute starting at `windowStart` and returns the minute's
 * count so far; notes the key's last use. On the database, so every app instance shares it.
 */
export async function countKeyHit(
  trx: Transaction<DB>,
  keyId: number,
  windowStart: string,
  at: string,
): Promise<number> {
  const row = await trx
    .insertInto('open311_key_usage')
    .values({ key_id: keyId, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc
        .columns(['key_id', 'window_start'])
        .doUpdateSet((eb) => ({ hits: eb('open311_key_usage.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (row.hits === 1) {
    // A new minute: the key's earlier minutes are no longer needed.
    await trx
      .deleteFrom('open311_key_usage')
      .where('key_id', '=', keyId)
      .where('window_start', '<', windowStart)
      .execute();
  }
  await trx
    .updateTable('open311_api_keys')
    .set({ last_used_at: at })
    .where('id', '=', keyId)
    .execute();
  return Number(row.hits);
}
