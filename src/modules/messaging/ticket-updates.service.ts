import type { Transaction } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import {
  getTicketRow,
  listEvents,
  toTicket,
  type Ticket,
  type TicketEvent,
} from '../tickets/index.js';
import {
  advanceLink,
  claimChangedLinks,
  retireLinks,
  type LinkRow,
} from './conversations.repository.js';
import { emailTexts, smsTexts, weiboPrivateTexts, weiboPublicTexts } from './message-texts.js';
import type { MessagingSettings } from './messaging-settings.js';
import {
  enqueueMessage,
  type MessagingChannel,
  type NewOutboxMessage,
} from './outbox.repository.js';
import { answerKey, smsSurveys } from './sms-surveys.js';

/** Links read per transaction. */
const BATCH = 50;
/** A closed ticket's link is watched this long (a reopen within it is announced). */
const WATCH_AFTER_CLOSE_MS = 30 * 24 * 60 * 60_000;

/** Events whose answer the citizen gets on the channel they wrote on. */
const ANSWERING_STEPS = new Set(['direct_answer', 'refer']);

/**
 * Tells citizens on SMS, Weibo and e-mail when their ticket is answered: reads the new events of
 * every linked ticket whose version moved (the ticket event log is the source) and plans the
 * messages in the outbox, in the same transaction that records how far the events were read.
 * Every message has a key (ticket, event, channel), so a scan repeated on another instance plans
 * nothing twice; on PostgreSQL instances scanning at once take different links (SKIP LOCKED).
 */
export class TicketUpdateService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly settings: MessagingSettings,
  ) {}

  /** Reads every changed linked ticket; returns how many links were read. */
  async scan(): Promise<number> {
    const { signature } = await this.settings.sms();
    let total = 0;
    for (;;) {
      const read = await this.database.write((trx) => this.scanBatch(trx, signature));
      total += read;
      if (read < BATCH) return total;
    }
  }

  /** Stops watching tickets closed long ago. */
  async retireOldLinks(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - WATCH_AFTER_CLOSE_MS).toISOString();
    return this.database.write((trx) => retireLinks(trx, cutoff));
  }

  private async scanBatch(trx: Transaction<DB>, signature: string): Promise<number> {
    const links = await claimChangedLinks(trx, this.database.dialect, BATCH);
    const at = this.clock.now().toISOString();
    for (const link of links) {
      const ticket = toTicket(await getTicketRow(trx, link.ticket_id));
      const events = (await listEvents(trx, link.ticket_id)).filter((e) => e.seq > link.last_seq);
      for (const event of events) await this.onEvent(trx, link, ticket, event, signature, at);
      await advanceLink(trx, link.id, {
        version: ticket.version,
        lastSeq: events.at(-1)?.seq ?? link.last_seq,
      });
    }
    return links.length;
  }

  private async onEvent(
    trx: Transaction<DB>,
    link: LinkRow,
    ticket: Ticket,
    event: TicketEvent,
    signature: string,
    at: string,
  ): Promise<void> {
    const status = typeof event.after?.status === 'string' ? event.after.status : null;
    const replied = status === 'replied';
    if (replied || ANSWERING_STEPS.has(event.type)) {
      const text =
        typeof event.after?.replyText === 'string' ? event.after.replyText : ticket.replyText;
      if (text) {
        const message = answerMessage(link, ticket.number, text, replied, signature);
        await enqueueMessage(
          trx,
          {
            ...message,
            ticketId: ticket.id,
            kind: 'answer',
            dedupeKey: answerKey(ticket.id, event.seq, link.channel),
          },
          at,
        );
        if (replied && link.kind === 'sms')
          await smsSurveys.planAfterReply(
            trx,
            { ticketId: ticket.id, phone: link.address, round: event.seq },
            signature,
            at,
          );
      }
    } else if (status && link.kind === 'sms') {
      // Left `replied` another way (callback desk, reopen, close): its open survey is moot.
      await smsSurveys.dropForTicket(trx, ticket.id, signature, at);
    }
  }
}

/** The answer as this link's channel carries it; a public Weibo comment holds only the number. */
function answerMessage(
  link: LinkRow,
  number: string,
  reply: string,
  replied: boolean,
  signature: string,
): Omit<NewOutboxMessage, 'ticketId' | 'kind' | 'dedupeKey'> {
  const channel = link.channel as MessagingChannel;
  switch (link.kind) {
    case 'weibo_mention':
      return {
        channel,
        route: 'comment',
        recipient: link.address,
        replyRef: link.reply_ref,
        body: weiboPublicTexts.answered(number),
      };
    case 'weibo_private':
      return {
        channel,
        route: 'private',
        recipient: link.address,
        body: weiboPrivateTexts.answer(number, reply),
      };
    case 'email':
      return {
        channel,
        recipient: link.address,
        replyRef: link.reply_ref,
        subject: emailTexts.answerSubject(link.subject, number),
        body: emailTexts.answer(number, reply, replied),
      };
    default:
      return { channel, recipient: link.address, body: smsTexts.answer(signature, number, reply) };
  }
}
