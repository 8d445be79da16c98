import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import {
  findNotification,
  insertNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
} from './notifications.repository.js';

export interface NotifyInput {
  /** The unit whose members see it. */
  unitId: number;
  /** One member of the unit only; absent: every member. */
  userId?: number | null;
  /** What it is about, for the client to pick its words and link ('kb_review_due', …). */
  kind: string;
  message: string;
  subjectType?: string | null;
  subjectId?: number | null;
  /** A second notification with the same key is not written (reminders run again and again). */
  dedupeKey?: string | null;
}

/** Notices to a unit (review reminders now, supervision later), written with the change that causes them. */
export class NotificationService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Writes a notification in the caller's transaction; false when its dedupe key was used before. */
  async notify(trx: Transaction<DB>, input: NotifyInput): Promise<boolean> {
    return insertNotification(trx, {
      unit_id: input.unitId,
      user_id: input.userId ?? null,
      kind: input.kind,
      message: input.message,
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
      dedupe_key: input.dedupeKey ?? null,
      created_at: this.clock.now().toISOString(),
    });
  }

  /** The actor's unit's notifications (and those addressed to the actor), newest first. */
  async list(
    actor: Actor,
    options: { unread?: boolean; limit?: number } = {},
  ): Promise<Notification[]> {
    return listNotifications(
      this.database.db,
      { unitId: actor.unitId, userId: actor.userId },
      { unreadOnly: options.unread === true, limit: Math.min(options.limit ?? 100, 500) },
    );
  }

  /** Marks one as read (for the whole unit); NOTIFICATION_NOT_FOUND outside the actor's unit. */
  async markRead(actor: Actor, id: number): Promise<Notification> {
    const at = this.clock.now().toISOString();
    return this.database.write(async (trx) => {
      const found = await findNotification(trx, id);
      const visible =
        found &&
        found.unitId === actor.unitId &&
        (found.userId === null || found.userId === actor.userId);
      if (!found || !visible) throw new NotFoundError('Notification', id, 'NOTIFICATION_NOT_FOUND');
      await markNotificationRead(trx, id, at);
      return {
        id: found.id,
        kind: found.kind,
        message: found.message,
        subjectType: found.subjectType,
        subjectId: found.subjectId,
        createdAt: found.createdAt,
        readAt: found.readAt ?? at,
      };
    });
  }

  /** Marks everything the actor sees as read; returns how many were unread. */
  async markAllRead(actor: Actor): Promise<number> {
    const at = this.clock.now().toISOString();
    return this.database.write((trx) =>
      markAllNotificationsRead(trx, { unitId: actor.unitId, userId: actor.userId }, at),
    );
  }
}
