import { sql } from 'kysely';
import { requireRoles, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import {
  callEventIdsAfter,
  currentCallOf,
  getCallEvent,
  lastCallEventId,
  type CallEventRow,
  type CallRecord,
} from './calls.repository.js';

export const POP_STATES = ['ringing', 'ring_stopped', 'answered', 'ended', 'contact'] as const;
export type PopState = (typeof POP_STATES)[number];

/** What the operator's screen learns about a call at their extension (the screen pop). */
export interface CallPop {
  /** The call record's id. */
  callId: number;
  state: PopState;
  at: string;
  extension: string | null;
  callerNumber: string | null;
  calledNumber: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** The contact recorded for this call, once there is one. */
  contactId: number | null;
}

type Listener = (pop: CallPop) => void;

interface Subscriber {
  userId: number;
  listener: Listener;
}

/** How often SQLite's single instance looks for new call events. */
const SQLITE_POLL_MS = 250;
/** A screen that opens during a call shows it, if it came in this recently. */
const CURRENT_CALL_WINDOW_MS = 2 * 60 * 60_000;

const isPopState = (kind: string): kind is PopState =>
  (POP_STATES as readonly string[]).includes(kind);

function popOf(call: CallRecord, state: PopState, at: string, extension: string | null): CallPop {
  return {
    callId: call.id,
    state,
    at,
    extension,
    callerNumber: call.callerNumber,
    calledNumber: call.calledNumber,
    offeredAt: call.offeredAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    contactId: call.contactId,
  };
}

/**
 * Pushes each call event to the operator at its extension, whichever app instance recorded it:
 * the source is the call event log (cti_call_events), as for ticket changes — on PostgreSQL a
 * trigger NOTIFYs each new row at commit and every instance LISTENs; on SQLite (one instance)
 * new rows are read in id order. It runs only while someone is subscribed.
 */
export class CallFeed {
  private readonly subscribers = new Set<Subscriber>();
  private stopSource: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;
  /** Pops go out in the order of the log, one read at a time. */
  private delivering: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Calls `listener` for every event of a call at the operator's extension, starting with the
   * call in progress there, if any; returns the unsubscribe.
   */
  async subscribe(actor: Actor, listener: Listener): Promise<() => void> {
    requireRoles(actor, ['operator'], 'Screen pops are for operators');
    const subscriber = { userId: actor.userId, listener };
    this.subscribers.add(subscriber);
    try {
      if (!this.stopSource) {
        this.starting ??= this.start().finally(() => (this.starting = null));
        await this.starting;
      }
    } catch (error) {
      this.subscribers.delete(subscriber);
      throw error;
    }
    const since = new Date(this.clock.now().getTime() - CURRENT_CALL_WINDOW_MS).toISOString();
    const current = await currentCallOf(this.database.db, actor.userId, since);
    if (current)
      listener(
        popOf(
          current,
          current.answeredAt ? 'answered' : 'ringing',
          current.answeredAt ?? current.ringingAt ?? current.offeredAt,
          current.agentExtension,
        ),
      );
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
      const channel = `cti_call_events_${schema.rows[0]!.schema}`;
      this.stopSource = await this.database.listen(channel, (payload) => {
        const id = Number(payload);
        if (Number.isInteger(id))
          this.delivering = this.delivering.then(() => this.announce(id)).catch(() => undefined);
      });
      return;
    }
    let cursor = await lastCallEventId(this.database.db);
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      callEventIdsAfter(this.database.db, cursor, 1000)
        .then(async (ids) => {
          for (const id of ids) {
            cursor = id;
            await this.announce(id);
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

  private async announce(eventId: number): Promise<void> {
    let event: CallEventRow | null;
    try {
      event = await getCallEvent(this.database.db, eventId);
    } catch {
      return;
    }
    if (!event || event.operatorId === null || !isPopState(event.kind)) return;
    const pop = popOf(event.call, event.kind, event.at, event.extension);
    for (const { userId, listener } of this.subscribers)
      if (userId === event.operatorId) listener(pop);
  }
}
