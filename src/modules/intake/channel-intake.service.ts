import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import {
  CHANNELS,
  insertEvent,
  isOpen,
  lockTicket,
  type AppealType,
  type Channel,
  type Executor,
} from '../tickets/index.js';
import {
  hashQueryCode,
  LIMITS,
  newQueryCode,
  normalisePhone,
  optionalText,
} from './appeal-rules.js';
import { oneOf, type AppealValidator } from './appeal-validation.js';
import { insertContact } from './contacts.repository.js';
import { writeNewTicket, type WriterDeps } from './ticket-writer.js';

/** Channels whose adapters deliver messages by themselves (not typed in by an operator). */
export type MessageChannel = Exclude<Channel, 'phone'>;
const MESSAGE_CHANNELS = CHANNELS.filter((c): c is MessageChannel => c !== 'phone');

/** One message received on a channel: a WeChat message, an SMS, an e-mail, a Weibo mention. */
export interface ChannelMessage {
  channel: MessageChannel;
  /** The message's id on its channel (MsgId, the gateway's id, Message-ID): a redelivery of it changes nothing. */
  externalId: string;
  /** Who sent it on the channel: a phone number (SMS), an openid, a Weibo uid, an e-mail address. */
  sender: string | null;
  senderName?: string | null;
  /** When the channel received it (ISO 8601); default now. */
  receivedAt?: string;
  /** What the message said, for the contact's record. */
  summary?: string | null;
}

/** An appeal a channel's adapter has gathered (what, where, who), filed as one received ticket. */
export interface ChannelAppeal extends ChannelMessage {
  description: string;
  title?: string | null;
  appealType?: AppealType;
  categoryId?: number | null;
  address?: string | null;
  districtId?: number | null;
  streetId?: number | null;
  lat?: number | null;
  lng?: number | null;
  citizenName?: string | null;
  citizenPhone?: string | null;
  confidential?: boolean;
}

export interface ChannelReceipt {
  ticketId: number;
  number: string;
  /** For the citizen to follow the appeal; null on a redelivery (only its hash is stored). */
  queryCode: string | null;
  contactId: number;
  /** True when this message was received before: the ticket is the one it made then. */
  duplicate: boolean;
}

/**
 * The one intake interface behind every channel adapter (Open311, WeChat, Weibo, SMS, e-mail):
 * messages become contacts, appeals become received tickets, each durable before the adapter
 * answers, and each message counted once however often the channel delivers it.
 */
export class ChannelIntakeService {
  constructor(
    private readonly deps: WriterDeps,
    private readonly validator: AppealValidator,
  ) {}

  private get database(): Database {
    return this.deps.database;
  }

  private get clock(): Clock {
    return this.deps.clock;
  }

  /** Records a message that makes no ticket (a question, a step of a conversation). */
  async recordMessage(message: ChannelMessage): Promise<{ contactId: number; duplicate: boolean }> {
    const contact = this.contactFields(message);
    const earlier = await this.findContact(this.database.db, contact.channel, contact.externalId);
    if (earlier) return { contactId: earlier.id, duplicate: true };
    try {
      const inserted = await this.database.write((trx) =>
        insertContact(trx, {
          channel: contact.channel,
          caller_number: contact.sender,
          caller_name: contact.senderName,
          started_at: contact.receivedAt,
          answered_at: null,
          ended_at: null,
          outcome: 'pending',
          operator_id: null,
          ticket_id: null,
          summary: contact.summary,
          referral_target: null,
          external_id: contact.externalId,
        }),
      );
      return { contactId: inserted.id, duplicate: false };
    } catch (error) {
      const raced = await this.afterUniqueViolation(error, contact);
      return { contactId: raced.id, duplicate: true };
    }
  }

  /**
   * Records a message about a ticket as one of its contacts (a follow-up on an open appeal, an
   * answer to a survey), with a `contact_attached` event; once per message, like recordMessage.
   * A ticket closed meanwhile takes no contact: the message is then recorded without a ticket.
   */
  async recordMessageOnTicket(
    message: ChannelMessage,
    ticketId: number,
  ): Promise<{ contactId: number; duplicate: boolean; attached: boolean }> {
    const contact = this.contactFields(message);
    const earlier = await this.findContact(this.database.db, contact.channel, contact.externalId);
    if (earlier)
      return { contactId: earlier.id, duplicate: true, attached: earlier.ticketId === ticketId };
    try {
      return await this.database.write(async (trx) => {
        const ticket = await lockTicket(trx, this.database.dialect, ticketId);
        const open = isOpen(ticket.status);
        const inserted = await insertContact(trx, {
          channel: contact.channel,
          caller_number: contact.sender,
          caller_name: contact.senderName,
          started_at: contact.receivedAt,
          answered_at: null,
          ended_at: null,
          // Until a received ticket is accepted or closed, its contacts' outcome is still open.
          outcome: open && ticket.status !== 'received' ? 'ticket' : 'pending',
          operator_id: null,
          ticket_id: open ? ticketId : null,
          summary: contact.summary,
          referral_target: null,
          external_id: contact.externalId,
        });
        if (open)
          await insertEvent(trx, {
            ticketId,
            type: 'contact_attached',
            actorId: null,
            actorUnitId: null,
            at: this.clock.now().toISOString(),
            reason: null,
            before: null,
            after: null,
            data: { contactId: inserted.id, channel: contact.channel },
          });
        return { contactId: inserted.id, duplicate: false, attached: open };
      });
    } catch (error) {
      const raced = await this.afterUniqueViolation(error, contact);
      return { contactId: raced.id, duplicate: true, attached: raced.ticketId === ticketId };
    }
  }

  /** Files an appeal as a received ticket with its contact; the number exists once committed. */
  async fileAppeal(appeal: ChannelAppeal): Promise<ChannelReceipt> {
    const contact = this.contactFields(appeal);
    const earlier = await this.findContact(this.database.db, contact.channel, contact.externalId);
    if (earlier?.ticketId) return this.receiptOf(earlier.id, earlier.ticketId);
    const valid = await this.validator.validate({
      channel: contact.channel,
      appealType: appeal.appealType ?? 'help',
      urgency: 'normal',
      title: appeal.title,
      description: appeal.description,
      categoryId: appeal.categoryId,
      address: appeal.address,
      districtId: appeal.districtId,
      streetId: appeal.streetId,
      lat: appeal.lat,
      lng: appeal.lng,
      citizenName: appeal.citizenName ?? contact.senderName,
      citizenPhone: appeal.citizenPhone ?? (contact.channel === 'sms' ? contact.sender : null),
      confidential: appeal.confidential,
    });
    const queryCode = newQueryCode();
    try {
      const created = await this.database.write((trx) =>
        writeNewTicket(trx, this.deps, null, {
          appeal: valid,
          step: { kind: 'received' },
          // A conversation's earlier message may already be its contact.
          contact: earlier
            ? { contactId: earlier.id }
            : {
                record: {
                  startedAt: contact.receivedAt,
                  callerNumber: contact.sender,
                  callerName: contact.senderName,
                  externalId: contact.externalId,
                  summary: contact.summary,
                },
              },
          queryCodeHash: hashQueryCode(queryCode),
        }),
      );
      return {
        ticketId: created.id,
        number: created.number,
        queryCode,
        contactId: created.contactId,
        duplicate: false,
      };
    } catch (error) {
      const raced = await this.afterUniqueViolation(error, contact);
      if (!raced.ticketId) throw error;
      return this.receiptOf(raced.id, raced.ticketId);
    }
  }

  /** The ticket a channel's message made, if it made one. */
  async ticketOfMessage(
    channel: MessageChannel,
    externalId: string,
  ): Promise<{ ticketId: number; number: string } | null> {
    const contact = await this.findContact(this.database.db, channel, externalId);
    if (!contact?.ticketId) return null;
    const { number } = await this.receiptOf(contact.id, contact.ticketId);
    return { ticketId: contact.ticketId, number };
  }

  private contactFields(message: ChannelMessage) {
    const channel = oneOf('channel', message.channel, MESSAGE_CHANNELS);
    const externalId = message.externalId?.trim();
    if (!externalId || externalId.length > 200) {
      throw new ValidationError('externalId', 'externalId must be 1 to 200 characters');
    }
    const receivedAt = message.receivedAt ?? this.clock.now().toISOString();
    if (Number.isNaN(Date.parse(receivedAt))) {
      throw new ValidationError('receivedAt', 'receivedAt must be an ISO 8601 time');
    }
    return {
      channel,
      externalId,
      sender:
        channel === 'sms'
          ? normalisePhone('sender', message.sender)
          : optionalText('sender', message.sender, 200),
      senderName: optionalText('senderName', message.senderName, LIMITS.name),
      receivedAt: new Date(receivedAt).toISOString(),
      summary: optionalText('summary', message.summary, LIMITS.summary),
    };
  }

  private async findContact(db: Executor, channel: Channel, externalId: string) {
    const row = await db
      .selectFrom('contacts')
      .select(['id', 'ticket_id'])
      .where('channel', '=', channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row ? { id: row.id, ticketId: row.ticket_id } : null;
  }

  /** Two deliveries of one message at once: the loser reads what the winner committed. */
  private async afterUniqueViolation(
    error: unknown,
    contact: { channel: Channel; externalId: string },
  ): Promise<{ id: number; ticketId: number | null }> {
    if (!isUniqueViolation(error)) throw error;
    const winner = await this.findContact(this.database.db, contact.channel, contact.externalId);
    if (!winner) throw error;
    return winner;
  }

  private async receiptOf(contactId: number, ticketId: number): Promise<ChannelReceipt> {
    const ticket = await this.database.db
      .selectFrom('tickets')
      .select('number')
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    return { ticketId, number: ticket.number, queryCode: null, contactId, duplicate: true };
  }
}
