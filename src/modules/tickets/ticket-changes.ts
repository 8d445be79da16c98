import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { canViewTicket, type TicketScope } from './ticket-access.js';
import { loadTicketScope } from './ticket-list.repository.js';
import type { TicketStatus } from './ticket-status.js';
import type { Ticket } from './ticket.js';
import { getTicketRow, toTicket } from './tickets.repository.js';

/** What a screen learns when a ticket changes: enough to know whether to reload. */
export interface TicketChange {
  id: number;
  number: string;
  status: TicketStatus;
  version: number;
}

type Listener = (change: TicketChange) => void;

interface Subscriber {
  actor: Actor;
  listener: Listener;
}

/** How often SQLite's single instance looks for new ticket events. */
const SQLITE_POLL_MS = 250;

/**
 * Tells subscribers, each within their own data scope, when a ticket changes, whichever app
 * instance changed it. The source is the ticket event log: on SQLite (one instance) new events
 * are read in id order; on PostgreSQL every event NOTIFYs its ticket at commit (a trigger), and
 * each instance LISTENs. It runs only while someone is subscribed.
 */
export class TicketChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private stopSource: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;
  /** Changes being read, per ticket: a burst of events on one ticket reads it once. */
  private readonly pending = new Set<number>();

  constructor(private readonly database: Database) {}

  /** Calls `listener` for every change to a ticket the actor may see; returns the unsubscribe. */
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
      const channel = `ticket_events_${schema.rows[0]!.schema}`;
      this.stopSource = await this.database.listen(channel, (payload) => {
        const id = Number(payload);
        if (Number.isInteger(id)) this.announce(id);
      });
      return;
    }
    const last = await this.database.db
      .selectFrom('ticket_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    let cursor = Number(last?.id ?? 0);
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      this.database.db
        .selectFrom('ticket_events')
        .select(['id', 'ticket_id'])
        .where('id', '>', cursor)
        .orderBy('id')
        .limit(1000)
        .execute()
        .then((rows) => {
          for (const row of rows) {
            cursor = row.id;
            this.announce(row.ticket_id);
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

  private announce(ticketId: number): void {
    if (this.pending.has(ticketId)) return;
    this.pending.add(ticketId);
    // Read after the current burst of events, so one read sees all of them.
    setImmediate(() => {
      this.pending.delete(ticketId);
      void this.read(ticketId)
        .then(({ ticket, scope }) => this.deliver(ticket, scope))
        .catch(() => undefined);
    });
  }

  private async read(ticketId: number): Promise<{ ticket: Ticket; scope: TicketScope }> {
    const [row, scope] = await Promise.all([
      getTicketRow(this.database.db, ticketId),
      loadTicketScope(this.database.db, ticketId),
    ]);
    return { ticket: toTicket(row), scope };
  }

  private deliver(ticket: Ticket, scope: TicketScope): void {
    const change: TicketChange = {
      id: ticket.id,
      number: ticket.number,
      status: ticket.status,
      version: ticket.version,
    };
    for (const { actor, listener } of this.subscribers)
      if (canViewTicket(actor, ticket, scope)) listener(change);
  }
}
