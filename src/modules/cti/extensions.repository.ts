import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Executor } from '../tickets/index.js';

export interface ExtensionRow {
  extension: string;
  userId: number;
  username: string;
  displayName: string;
  updatedAt: string;
}

export async function listExtensions(db: Executor): Promise<ExtensionRow[]> {
  const rows = await db
    .selectFrom('cti_extensions')
    .innerJoin('users', 'users.id', 'cti_extensions.user_id')
    .select([
      'cti_extensions.extension',
      'cti_extensions.user_id',
      'cti_extensions.updated_at',
      'users.username',
      'users.display_name',
    ])
    .orderBy('cti_extensions.extension')
    .execute();
  return rows.map((row) => ({
    extension: row.extension,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    updatedAt: row.updated_at,
  }));
}

/** Seats a user at an extension, freeing the user's earlier extension and the extension's earlier user. */
export async function seatAtExtension(
  trx: Transaction<DB>,
  row: { extension: string; userId: number; updatedBy: number; updatedAt: string },
): Promise<void> {
  await trx
    .deleteFrom('cti_extensions')
    .where((eb) => eb.or([eb('extension', '=', row.extension), eb('user_id', '=', row.userId)]))
    .execute();
  await trx
    .insertInto('cti_extensions')
    .values({
      extension: row.extension,
      user_id: row.userId,
      updated_by: row.updatedBy,
      updated_at: row.updatedAt,
    })
    .execute();
}

/** Frees an extension; the user who sat there, or null when nobody did. */
export async function freeExtension(
  trx: Transaction<DB>,
  extension: string,
): Promise<number | null> {
  const removed = await trx
    .deleteFrom('cti_extensions')
    .where('extension', '=', extension)
    .returning('user_id')
    .executeTakeFirst();
  return removed?.user_id ?? null;
}
