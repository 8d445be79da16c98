import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';

/** What a screen learns when a notification arrives for its user: enough to reload the list. */
export interface NotificationArrival {
  id: number;
}

type Listener = (arrival: NotificationArrival) => void;

interface Subscriber {
  actor: Actor;
  listener: Listener;
}

/** How often SQLite's single instance looks for new notifications. */
const SQLITE_POLL_MS = 500;

/**
 * Tells each subscriber of every new notification addressed to them (their unit, or them in
 * it), whichever app instance wrote it: on PostgreSQL a trigger NOTIFYs "id:unit:user" at
 * commit and each instance LISTENs; on SQLite (one instance) new rows are read in id order. It
 * runs only while someone is subscribed.
 */
export class NotificationFeed {
  private readonly subscribers = new Set<Subscriber>();
  private stopSource: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly database: Database) {}

  /** Calls `listener` for every new notification the actor would see; returns the unsubscribe. */
  async subscribe(actor: Actor, listener: Listener): Promise<() => void> {
    const subscriber = { actor, listener };
    this.subscribers.add(subscriber);
    if (!this.stopSource) {
      this.starting ??= this.start().finally(() => (this.starting = null));
      await this.starting;
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) void this.stop();
    };
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.starting?.catch(() => undefined);
    await this.stop();
  }

  private async start(): Promise<void> {
    if (this.database.listen) {
      const schema = await sql<{
        schema: string;
      }>`SELECT current_schema() AS schema`.execute(this.database.db);
      this.stopSource = await this.database.listen(
        `notifications_${schema.rows[0]!.schema}`,
        (payload) => {
          const [id, unit, user] = payload.split(':');
          this.deliver(Number(id), Number(unit), user ? Number(user) : null);
        },
      );
      return;
    }
    const last = await this.database.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    let cursor = Number(last?.id ?? 0);
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      this.database.db
        .selectFrom('notifications')
        .select(['id', 'unit_id', 'user_id'])
        .where('id', '>', cursor)
        .orderBy('id')
        .limit(1000)
        .execute()
        .then((rows) => {
          for (const row of rows) {
            cursor = row.id;
            this.deliver(row.id, row.unit_id, row.user_id);
          }
        })
        .catch(() => undefined)
        .finally(() => (polling = false));
    }, SQLITE_POLL_MS);
    timer.unref();
    this.stopSource = async () => clearInterval(timer);
  }

  private async stop(): Promise<void> {
    const stop = this.stopSource;
    this.stopSource = null;
    await stop?.();
  }

  private deliver(id: number, unitId: number, userId: number | null): void {
    if (!Number.isInteger(id)) return;
    for (const { actor, listener } of this.subscribers)
      if (actor.unitId === unitId && (userId === null || userId === actor.userId)) listener({ id });
  }
}
