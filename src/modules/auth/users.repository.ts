import { sql, type SelectQueryBuilder, type Transaction, type Updateable } from 'kysely';
import type { Role } from '../../platform/actor.js';
import type { DB, UserTable } from '../../platform/db/schema.js';
import type { Executor } from './auth.repository.js';
import type { ApiToken, User, UserFilter } from './user.js';

/** A user row without its password hash (which never leaves the repository); lockedUntil as stored. */
export type UserRecord = User;

const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.unit_id',
  'users.active',
  'users.locked_until',
  'users.created_at',
  'users.updated_at',
] as const;

const containsPattern = (text: string): string =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function applyFilter<O>(
  query: SelectQueryBuilder<DB, 'users', O>,
  filter: UserFilter,
): SelectQueryBuilder<DB, 'users', O> {
  let q = query;
  if (filter.unitId !== undefined) q = q.where('users.unit_id', '=', filter.unitId);
  if (filter.active !== undefined) q = q.where('users.active', '=', filter.active ? 1 : 0);
  if (filter.role) {
    const role = filter.role;
    q = q.where('users.id', 'in', (eb) =>
      eb.selectFrom('user_roles').select('user_roles.user_id').where('user_roles.role', '=', role),
    );
  }
  const text = filter.q?.trim();
  if (text) {
    const pattern = containsPattern(text);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(users.username) like ${pattern} escape '\\'`,
        sql<boolean>`lower(users.display_name) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return q;
}

async function withRoles(
  db: Executor,
  rows: Array<{
    id: number;
    username: string;
    display_name: string;
    unit_id: number;
    active: number;
    locked_until: string | null;
    created_at: string;
    updated_at: string;
  }>,
): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const roleRows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('role')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    roles: roleRows.filter((r) => r.user_id === row.id).map((r) => r.role as Role),
    active: row.active === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function listUsers(
  db: Executor,
  filter: UserFilter,
  page: { limit: number; offset: number },
): Promise<UserRecord[]> {
  const rows = await applyFilter(db.selectFrom('users').select(USER_COLUMNS), filter)
    .orderBy('users.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return withRoles(db, rows);
}

export async function countUsers(db: Executor, filter: UserFilter): Promise<number> {
  const row = await applyFilter(db.selectFrom('users'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUser(db: Executor, id: number): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

export async function findUserIdByUsername(
  db: Executor,
  username: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.id;
}

export async function passwordHashOf(db: Executor, id: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.password_hash;
}

/** Whether a unit exists and is active (users are bound to active units only). */
export async function unitIsActive(db: Executor, unitId: number): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('units')
    .select('active')
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row ? row.active === 1 : undefined;
}

export async function insertUser(
  trx: Transaction<DB>,
  user: Omit<UserTable, 'id' | 'active' | 'failed_logins' | 'locked_until'>,
): Promise<number> {
  const row = await trx
    .insertInto('users')
    .values({ ...user, active: 1, failed_logins: 0, locked_until: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  trx: Transaction<DB>,
  id: number,
  values: Updateable<UserTable>,
): Promise<void> {
  await trx.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function setRoles(trx: Transaction<DB>, userId: number, roles: Role[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await trx
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

// --- API tokens ------------------------------------------------------------------------------------

export async function insertToken(
  trx: Transaction<DB>,
  token: { name: string; token_hash: string; user_id: number; created_at: string },
): Promise<number> {
  const row = await trx
    .insertInto('api_tokens')
    .values({ ...token, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const selectTokens = (db: Executor) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.user_id',
      'users.username',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ]);

type TokenRow = Awaited<ReturnType<ReturnType<typeof selectTokens>['executeTakeFirstOrThrow']>>;

const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  userId: row.user_id,
  username: row.username,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** Tokens of one user, or of everyone when `userId` is null; newest first. */
export async function listTokens(db: Executor, userId: number | null): Promise<ApiToken[]> {
  let query = selectTokens(db).orderBy('api_tokens.id', 'desc');
  if (userId !== null) query = query.where('api_tokens.user_id', '=', userId);
  return (await query.execute()).map(toApiToken);
}

export async function findToken(db: Executor, id: number): Promise<ApiToken | undefined> {
  const row = await selectTokens(db).where('api_tokens.id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : undefined;
}

export async function revokeToken(trx: Transaction<DB>, id: number, now: string): Promise<void> {
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
