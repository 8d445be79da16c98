import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** What an Actor is built from: the user and the district of their unit. */
export interface ActorRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  district_id: number | null;
}

export interface LoginRow extends ActorRow {
  password_hash: string;
  active: number;
  locked_until: string | null;
}

const ACTOR_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.unit_id',
  'units.district_id',
] as const;

/** The user logging in: the exact username first, else its canonical (lower-case) form. */
export async function findLoginUser(
  db: Executor,
  exact: string,
  canonical: string,
): Promise<LoginRow | undefined> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([...ACTOR_COLUMNS, 'users.password_hash', 'users.active', 'users.locked_until'])
    .where('users.username', 'in', [exact, canonical])
    .execute();
  return rows.find((r) => r.username === exact) ?? rows[0];
}

/** An active user by username, for the command line acting as them. */
export async function findActiveUser(
  db: Executor,
  username: string,
): Promise<ActorRow | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(ACTOR_COLUMNS)
    .where('users.username', '=', username)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** The user of a live session (by the hash of its token); none when expired or deactivated. */
export async function findSessionActor(
  db: Executor,
  sessionHash: string,
  now: string,
): Promise<ActorRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(ACTOR_COLUMNS)
    .where('sessions.id', '=', sessionHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/** The user of an unrevoked API token (by its hash); none when revoked or the user is deactivated. */
export async function findTokenActor(
  db: Executor,
  tokenHash: string,
): Promise<(ActorRow & { token_id: number; last_used_at: string | null }) | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([...ACTOR_COLUMNS, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export async function rolesOf(db: Executor, userId: number): Promise<Role[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role as Role);
}

/** Counts one more consecutive failure, atomically (concurrent attempts all count). */
export async function countFailure(trx: Transaction<DB>, userId: number): Promise<number> {
  const row = await trx
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return Number(row.failed_logins);
}

/** Locks the account until `until` and starts the count afresh for after the lock. */
export async function lockUser(trx: Transaction<DB>, userId: number, until: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ locked_until: until, failed_logins: 0 })
    .where('id', '=', userId)
    .execute();
}

export async function clearFailures(trx: Transaction<DB>, userId: number): Promise<void> {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('failed_logins', '>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}

export async function insertSession(
  trx: Transaction<DB>,
  session: { id: string; user_id: number; created_at: string; expires_at: string },
): Promise<void> {
  await trx.insertInto('sessions').values(session).execute();
}

export async function deleteSession(trx: Transaction<DB>, sessionHash: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', sessionHash).execute();
}

export async function deleteSessionsOf(trx: Transaction<DB>, userId: number): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function purgeExpiredSessions(trx: Transaction<DB>, now: string): Promise<void> {
  await trx.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function touchToken(
  trx: Transaction<DB>,
  tokenId: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .execute();
}
