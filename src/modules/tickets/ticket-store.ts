import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError } from '../../platform/errors.js';
import type { Ticket, TicketEvent } from './ticket.js';
import { transition, type TicketAction, type TicketStatus } from './ticket-status.js';
import {
  insertEvent,
  lockTicket,
  toColumns,
  updateTicketRow,
  type TicketPatch,
} from './tickets.repository.js';

/** Fields that hold a citizen's personal data: an event records that they changed, never the value. */
const PERSONAL: ReadonlySet<keyof Ticket> = new Set(['citizenName', 'citizenPhone', 'address']);

export interface StepInput {
  ticketId: number;
  action: TicketAction;
  /** null for steps the system takes by itself (a merged child following its parent). */
  actor: Actor | null;
  reason?: string | null;
  patch?: TicketPatch;
  /** The target state, for actions whose outcome the use case decides. */
  decided?: TicketStatus;
  data?: Record<string, unknown>;
  /** When given, the step is refused if the ticket changed since the caller read it. */
  expectedVersion?: number;
  /**
   * The ticket as the caller's own transaction just wrote it (a creation's disposition step), so
   * it need not be read again; never a copy read outside this transaction.
   */
  current?: Ticket;
}

export interface StepResult {
  before: Ticket;
  after: Ticket;
  event: TicketEvent;
}

/**
 * The one way a ticket changes: check the transition against the state machine, write the new
 * state, append an immutable event with actor, time, reason and before/after, all in the caller's
 * transaction (so a refused step changes nothing).
 */
export class TicketStore {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async applyStep(trx: Transaction<DB>, input: StepInput): Promise<StepResult> {
    const before =
      input.current?.id === input.ticketId
        ? input.current
        : await lockTicket(trx, this.database.dialect, input.ticketId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) {
      throw new ConflictError(
        'TICKET_CHANGED',
        `Ticket ${before.number} was changed by someone else; reload it and try again`,
      );
    }
    const status = transition(input.action, before.status, input.decided);
    const at = this.clock.now().toISOString();
    const patch: TicketPatch = { ...input.patch, status };
    await updateTicketRow(trx, before.id, before.version, { ...toColumns(patch), updated_at: at });
    const after: Ticket = { ...before, ...patch, updatedAt: at, version: before.version + 1 };
    const event = await insertEvent(trx, {
      ticketId: before.id,
      type: input.action,
      actorId: input.actor?.userId ?? null,
      actorUnitId: input.actor?.unitId ?? null,
      at,
      reason: input.reason ?? null,
      ...diff(before, after),
      data: input.data ?? null,
    });
    return { before, after, event };
  }
}

function diff(
  before: Ticket,
  after: Ticket,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Ticket>) {
    if (key === 'version' || key === 'updatedAt' || before[key] === after[key]) continue;
    was[key] = PERSONAL.has(key) ? '[personal data]' : before[key];
    now[key] = PERSONAL.has(key) ? '[personal data]' : after[key];
  }
  return { before: was, after: now };
}
