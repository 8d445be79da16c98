import type { Kysely, Transaction } from 'kysely';
import type { DB, NotificationTable } from '../../platform/db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface Notification {
  id: number;
  kind: string;
  message: string;
  subjectType: string | null;
  subjectId: number | null;
  createdAt: string;
  readAt: string | null;
}

type Row = Pick<
  NotificationTable,
  'kind' | 'message' | 'subject_type' | 'subject_id' | 'created_at' | 'read_at'
> & { id: number };

const toNotification = (row: Row): Notification => ({
  id: row.id,
  kind: row.kind,
  message: row.message,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export interface NewNotificationRow {
  unit_id: number;
  user_id: number | null;
  kind: string;
  message: string;
  subject_type: string | null;
  subject_id: number | null;
  dedupe_key: string | null;
  created_at: string;
}

/** Inserts unless a notification with the same dedupe key exists; true when inserted. */
export async function insertNotification(trx: Executor, row: NewNotificationRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('notifications')
    .values({ ...row, read_at: null })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** What a unit's member sees: the unit's notifications and those addressed to them, newest first. */
export async function listNotifications(
  db: Executor,
  audience: { unitId: number; userId: number },
  options: { unreadOnly: boolean; limit: number },
): Promise<Notification[]> {
  let query = db
    .selectFrom('notifications')
    .select(['id', 'kind', 'message', 'subject_type', 'subject_id', 'created_at', 'read_at'])
    .where('unit_id', '=', audience.unitId)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', audience.userId)]));
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(toNotification);
}

export async function findNotification(
  db: Executor,
  id: number,
): Promise<(Notification & { unitId: number; userId: number | null }) | undefined> {
  const row = await db
    .selectFrom('notifications')
    .select([
      'id',
      'unit_id',
      'user_id',
      'kind',
      'message',
      'subject_type',
      'subject_id',
      'created_at',
      'read_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...toNotification(row), unitId: row.unit_id, userId: row.user_id };
}

export async function markNotificationRead(trx: Executor, id: number, at: string): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
}

/** Marks every unread notification the member sees as read; returns how many. */
export async function markAllNotificationsRead(
  trx: Executor,
  audience: { unitId: number; userId: number },
  at: string,
): Promise<number> {
  const result = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('unit_id', '=', audience.unitId)
    .where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '=', audience.userId)]))
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
