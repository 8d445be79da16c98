import type { Updateable } from 'kysely';
import { requireRoles, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { ContactTable } from '../../platform/db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import {
  CHANNELS,
  insertEvent,
  isOpen,
  lockTicket,
  maskName,
  type Channel,
  type TicketListItem,
  type TicketsModule,
} from '../tickets/index.js';
import {
  CONTACT_OUTCOMES,
  isoTime,
  LIMITS,
  normalisePhone,
  optionalText,
  type ContactOutcome,
} from './appeal-rules.js';
import { oneOf } from './appeal-validation.js';
import {
  findContact,
  insertContact,
  listContactsOfCaller,
  updateContact,
  type Contact,
} from './contacts.repository.js';
import { INTAKE_ROLES } from './intake-access.js';

export interface RecordContactInput {
  channel: Channel;
  callerNumber?: string | null;
  callerName?: string | null;
  startedAt: string;
  answeredAt?: string | null;
  endedAt?: string | null;
  outcome?: ContactOutcome;
  summary?: string | null;
}

export interface UpdateContactInput {
  answeredAt?: string | null;
  endedAt?: string | null;
  outcome?: ContactOutcome;
  summary?: string | null;
}

export interface CallerHistory {
  callerNumber: string;
  /** The caller's earlier contacts, newest first (names masked, as in every list). */
  contacts: Contact[];
  /** The caller's tickets, newest first (citizen masked). */
  tickets: TicketListItem[];
}

const HISTORY_LIMIT = 50;
const PHONE_CHANNELS: readonly Channel[] = ['phone', 'sms'];

/** A caller's identifier: a phone number on phone and SMS, an account name on other channels. */
function callerOf(channel: Channel, value: string | null | undefined): string | null {
  if (PHONE_CHANNELS.includes(channel)) return normalisePhone('callerNumber', value);
  return optionalText('callerNumber', value, 64);
}

function laterThan(field: string, value: string | null, earlier: string | null): void {
  if (value !== null && earlier !== null && value < earlier) {
    throw new ValidationError(
      field,
      `${field} must not be before the contact started or was answered`,
    );
  }
}

/** Every contact is recorded (for the intake measures), also a hang-up or a prank. */
export class ContactService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly tickets: TicketsModule,
  ) {}

  async record(actor: Actor, input: RecordContactInput): Promise<Contact> {
    requireRoles(actor, INTAKE_ROLES);
    const channel = oneOf('channel', input.channel, CHANNELS);
    const startedAt = isoTime('startedAt', input.startedAt);
    const answeredAt = input.answeredAt ? isoTime('answeredAt', input.answeredAt) : null;
    const endedAt = input.endedAt ? isoTime('endedAt', input.endedAt) : null;
    laterThan('answeredAt', answeredAt, startedAt);
    laterThan('endedAt', endedAt, answeredAt ?? startedAt);
    const row = {
      channel,
      caller_number: callerOf(channel, input.callerNumber),
      caller_name: optionalText('callerName', input.callerName, LIMITS.name),
      started_at: startedAt,
      answered_at: answeredAt,
      ended_at: endedAt,
      outcome: oneOf('outcome', input.outcome ?? 'pending', CONTACT_OUTCOMES),
      operator_id: actor.userId,
      ticket_id: null,
      summary: optionalText('summary', input.summary, LIMITS.summary),
      referral_target: null,
      external_id: null,
    };
    return this.database.write((trx) => insertContact(trx, row));
  }

  /** The end of a call, its outcome and summary; a contact with a ticket takes its outcome from it. */
  async update(actor: Actor, id: number, input: UpdateContactInput): Promise<Contact> {
    requireRoles(actor, INTAKE_ROLES);
    const contact = await this.existing(id);
    const columns: Updateable<ContactTable> = {};
    if (input.answeredAt !== undefined) {
      columns.answered_at = input.answeredAt ? isoTime('answeredAt', input.answeredAt) : null;
      laterThan('answeredAt', columns.answered_at, contact.startedAt);
    }
    if (input.endedAt !== undefined) {
      columns.ended_at = input.endedAt ? isoTime('endedAt', input.endedAt) : null;
      laterThan(
        'endedAt',
        columns.ended_at,
        columns.answered_at ?? contact.answeredAt ?? contact.startedAt,
      );
    }
    if (input.summary !== undefined)
      columns.summary = optionalText('summary', input.summary, LIMITS.summary);
    if (input.outcome !== undefined) {
      const outcome = oneOf('outcome', input.outcome, CONTACT_OUTCOMES);
      if (contact.ticketId !== null && outcome !== contact.outcome) {
        throw new ConflictError(
          'CONTACT_HAS_TICKET',
          'The outcome of a contact with a ticket follows the ticket (accept, answer, refer or invalidate it)',
        );
      }
      columns.outcome = outcome;
    }
    if (Object.keys(columns).length === 0) return contact;
    return this.database.write((trx) => updateContact(trx, id, columns));
  }

  /** What the operator's screen pops when a number calls: its earlier contacts and tickets. */
  async history(actor: Actor, caller: string): Promise<CallerHistory> {
    requireRoles(actor, INTAKE_ROLES);
    let callerNumber: string | null;
    try {
      callerNumber = normalisePhone('caller', caller);
    } catch {
      callerNumber = optionalText('caller', caller, 64);
    }
    if (callerNumber === null) throw new ValidationError('caller', 'caller is required');
    const contacts = await listContactsOfCaller(this.database.db, callerNumber, HISTORY_LIMIT);
    const tickets = await this.tickets.query.list(actor, {
      citizenPhone: callerNumber,
      sort: 'createdAt',
      order: 'desc',
      pageSize: HISTORY_LIMIT,
    });
    return {
      callerNumber,
      contacts: contacts.map((c) => ({ ...c, callerName: maskName(c.callerName) })),
      tickets: tickets.items,
    };
  }

  /** A repeat contact about an open ticket joins it, with an event on the ticket. */
  async attach(actor: Actor, contactId: number, ticketId: number): Promise<Contact> {
    requireRoles(actor, INTAKE_ROLES);
    await this.existing(contactId);
    const at = this.clock.now().toISOString();
    return this.database.write(async (trx) => {
      const ticket = await lockTicket(trx, this.database.dialect, ticketId);
      const contact = await findContact(trx, contactId);
      if (contact?.ticketId === ticketId) return contact;
      if (contact?.ticketId) {
        throw new ConflictError(
          'CONTACT_ALREADY_LINKED',
          `Contact ${contactId} already belongs to another ticket`,
        );
      }
      if (!isOpen(ticket.status)) {
        throw new ConflictError(
          'TICKET_NOT_OPEN',
          `Ticket ${ticket.number} is ${ticket.status}; create a new ticket or reopen it`,
        );
      }
      // Until a received ticket is accepted or closed, its contacts' outcome is still open.
      const outcome = ticket.status === 'received' ? 'pending' : 'ticket';
      const linked = await updateContact(trx, contactId, { ticket_id: ticketId, outcome });
      await insertEvent(trx, {
        ticketId,
        type: 'contact_attached',
        actorId: actor.userId,
        actorUnitId: actor.unitId,
        at,
        reason: null,
        before: null,
        after: null,
        data: { contactId, channel: linked.channel },
      });
      return linked;
    });
  }

  private async existing(id: number): Promise<Contact> {
    const contact = await findContact(this.database.db, id);
    if (!contact) throw new NotFoundError('Contact', id, 'CONTACT_NOT_FOUND');
    return contact;
  }
}
