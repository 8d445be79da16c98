import type { Transaction } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { isOpen, isTicketStatus } from '../tickets/index.js';
import {
  finishInbound,
  findInbound,
  insertInbound,
  listUnfinishedInbound,
  type InboundRow,
} from './conversations.repository.js';
import type { MessagingChannel } from './outbox.repository.js';

/** What an inbound message is taken for, decided once per message id. */
export type InboundDecision =
  | { decision: 'appeal' }
  | { decision: 'contact'; ticketId: number }
  | { decision: 'survey'; ticketId: number; surveyId: number }
  | { decision: 'status_query'; ticketId: number }
  | { decision: 'late_answer'; ticketId: number }
  | { decision: 'message' }
  /** A member of staff answering a staff notice by e-mail. */
  | { decision: 'staff_reply' }
  | { decision: 'ignored' };

export interface InboxResult {
  /** The message was received before (its effects are not repeated). */
  duplicate: boolean;
  decision: string;
  ticketId: number | null;
}

/**
 * Makes a channel's deliveries idempotent: the first delivery of a message id records what the
 * message is taken for (in one transaction with any claim it makes, such as a survey's answer),
 * then carries it out step by step, each step idempotent itself; a later delivery of the same id
 * only finishes what a crash left undone. A message is done once `finish` is written.
 */
export class Inbox {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    readonly channel: MessagingChannel,
  ) {}

  async handle(
    message: { externalId: string; sender: string | null; payload: string | null },
    decide: (trx: Transaction<DB>) => Promise<InboundDecision>,
    carryOut: (inbound: InboundRow) => Promise<void>,
  ): Promise<InboxResult> {
    const known = await findInbound(this.database.db, this.channel, message.externalId);
    if (known?.done_at)
      return { duplicate: true, decision: known.decision, ticketId: known.ticket_id };
    const inbound = known ?? (await this.decide(message, decide));
    await carryOut(inbound);
    const done = await findInbound(this.database.db, this.channel, message.externalId);
    return {
      duplicate: known !== undefined,
      decision: inbound.decision,
      ticketId: done?.ticket_id ?? inbound.ticket_id,
    };
  }

  /** Marks a message done, in the transaction of its last effect. */
  async finish(trx: Transaction<DB>, externalId: string, ticketId?: number | null): Promise<void> {
    await finishInbound(trx, this.channel, externalId, {
      at: this.clock.now().toISOString(),
      ticketId,
    });
  }

  async finishAlone(externalId: string, ticketId?: number | null): Promise<void> {
    await this.database.write((trx) => this.finish(trx, externalId, ticketId));
  }

  /** Messages left unfinished for more than a minute (their payload, to carry them out again). */
  async unfinished(limit = 50): Promise<InboundRow[]> {
    const before = new Date(this.clock.now().getTime() - 60_000).toISOString();
    return listUnfinishedInbound(this.database.db, [this.channel], before, limit);
  }

  private async decide(
    message: { externalId: string; sender: string | null; payload: string | null },
    decide: (trx: Transaction<DB>) => Promise<InboundDecision>,
  ): Promise<InboundRow> {
    try {
      return await this.database.write(async (trx) => {
        const raced = await findInbound(trx, this.channel, message.externalId);
        if (raced) return raced;
        const decided = await decide(trx);
        return insertInbound(trx, {
          channel: this.channel,
          external_id: message.externalId,
          sender: message.sender,
          decision: decided.decision,
          ticket_id: 'ticketId' in decided ? decided.ticketId : null,
          survey_id: 'surveyId' in decided ? decided.surveyId : null,
          payload: message.payload,
          received_at: this.clock.now().toISOString(),
        });
      });
    } catch (error) {
      // Two deliveries at once on two instances: the loser follows the winner's decision.
      if (!isUniqueViolation(error)) throw error;
      const winner = await findInbound(this.database.db, this.channel, message.externalId);
      if (!winner) throw error;
      return winner;
    }
  }
}

/**
 * The open ticket an address's new message is about: its newest linked ticket still open; a
 * merged one stands for its parent, which handles it.
 */
export function openTicketAmong(
  tickets: Array<{ ticketId: number; status: string; parentId: number | null }>,
): number | null {
  for (const ticket of tickets) {
    if (ticket.status === 'merged' && ticket.parentId !== null) return ticket.parentId;
    if (isTicketStatus(ticket.status) && isOpen(ticket.status)) return ticket.ticketId;
  }
  return null;
}
