import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import {
  indexTicketText,
  insertEvent,
  insertTicket,
  type Ticket,
  nextTicketNumber,
  type StepResult,
  type TicketStatus,
  type TicketStore,
} from '../tickets/index.js';
import { contactOutcomeOf, ticketDay, type DispositionStep } from './appeal-rules.js';
import type { ValidAppeal } from './appeal-validation.js';
import {
  findContact,
  insertContact,
  settleContactsOfTicket,
  updateContact,
} from './contacts.repository.js';

export interface WriterDeps {
  database: Database;
  clock: Clock;
  store: TicketStore;
  timeZone: string;
}

/** A contact recorded with its ticket; a channel's sender and message id when it came on one. */
export interface NewContact {
  startedAt: string;
  /** The sender on the channel (phone number, WeChat openid, e-mail address); default the citizen's phone. */
  callerNumber?: string | null;
  callerName?: string | null;
  /** The message's id on its channel: a second delivery of it is the same contact. */
  externalId?: string | null;
  summary?: string | null;
}

/** The contact a new ticket comes from: one already recorded, or one to record with it. */
export type ContactSource = { contactId: number } | { record: NewContact };

/**
 * Takes a disposition step on a ticket through TicketStore.applyStep (state machine, event) and
 * settles its contacts' outcome. Used at creation and on received tickets.
 */
export async function applyDisposition(
  trx: Transaction<DB>,
  store: TicketStore,
  actor: Actor | null,
  ticketId: number,
  step: DispositionStep,
  options: { at: string; expectedVersion?: number; settleContacts?: boolean; current?: Ticket },
): Promise<StepResult | null> {
  const base = {
    ticketId,
    actor,
    expectedVersion: options.expectedVersion,
    current: options.current,
  };
  let result: StepResult | null = null;
  switch (step.kind) {
    case 'received':
      return null;
    case 'dispatch':
      result = await store.applyStep(trx, { ...base, action: 'accept' });
      break;
    case 'direct_answer':
      result = await store.applyStep(trx, {
        ...base,
        action: 'direct_answer',
        patch: {
          replyText: step.answer,
          repliedAt: options.at,
          closedAt: options.at,
          resolution: 'direct_answer',
        },
      });
      break;
    case 'referral':
      result = await store.applyStep(trx, {
        ...base,
        action: 'refer',
        reason: step.reason,
        data: { target: step.target },
        // The reason is the explanation the citizen gets (where to turn, and why).
        patch: { replyText: step.reason, closedAt: options.at, resolution: 'referral' },
      });
      break;
  }
  if (options.settleContacts !== false) {
    await settleContactsOfTicket(trx, ticketId, contactOutcomeOf(step.kind), referralOf(step));
  }
  return result;
}

const referralOf = (step: DispositionStep) => (step.kind === 'referral' ? step.target : null);

/** Records or links the ticket's contact, with the outcome its disposition gives it. */
async function linkContact(
  trx: Transaction<DB>,
  actor: Actor | null,
  ticketId: number,
  input: { appeal: ValidAppeal; step: DispositionStep; contact: ContactSource },
): Promise<number> {
  const { appeal, contact: source } = input;
  const outcome = contactOutcomeOf(input.step.kind);
  const referralTarget = referralOf(input.step);
  if ('record' in source) {
    const contact = await insertContact(trx, {
      channel: appeal.channel,
      caller_number: source.record.callerNumber ?? appeal.citizenPhone,
      caller_name: source.record.callerName ?? appeal.citizenName,
      started_at: source.record.startedAt,
      answered_at: null,
      ended_at: null,
      outcome,
      operator_id: actor?.userId ?? null,
      ticket_id: ticketId,
      summary: source.record.summary ?? null,
      referral_target: referralTarget,
      external_id: source.record.externalId ?? null,
    });
    return contact.id;
  }
  const contact = await findContact(trx, source.contactId);
  if (!contact)
    throw new ValidationError('contactId', `Contact ${source.contactId} does not exist`);
  if (contact.ticketId !== null) {
    throw new ConflictError(
      'CONTACT_ALREADY_LINKED',
      `Contact ${contact.id} already belongs to another ticket`,
    );
  }
  await updateContact(trx, contact.id, {
    ticket_id: ticketId,
    outcome,
    ...(referralTarget ? { referral_target: referralTarget } : {}),
  });
  return contact.id;
}

/**
 * Writes a new ticket in the caller's transaction: its number, its row, the "created" event, its
 * contact, the disposition step, and its search terms. Nothing of it exists unless all of it does.
 */
export async function writeNewTicket(
  trx: Transaction<DB>,
  deps: WriterDeps,
  actor: Actor | null,
  input: {
    appeal: ValidAppeal;
    step: DispositionStep;
    contact: ContactSource;
    queryCodeHash: string | null;
  },
): Promise<{
  id: number;
  number: string;
  status: TicketStatus;
  version: number;
  contactId: number;
}> {
  const { appeal } = input;
  const now = deps.clock.now();
  const at = now.toISOString();
  const number = await nextTicketNumber(deps.database, trx, ticketDay(now, deps.timeZone));
  const inserted = await insertTicket(trx, {
    number,
    status: 'received',
    appeal_type: appeal.appealType,
    category_id: appeal.categoryId,
    urgency: appeal.urgency,
    title: appeal.title,
    description: appeal.description,
    channel: appeal.channel,
    address: appeal.address,
    district_id: appeal.districtId,
    street_id: appeal.streetId,
    lat: appeal.lat,
    lng: appeal.lng,
    citizen_name: appeal.citizenName,
    citizen_phone: appeal.citizenPhone,
    confidential: appeal.confidential ? 1 : 0,
    contact_required: appeal.contactRequired ? 1 : 0,
    reopen_count: 0,
    return_count: 0,
    query_code_hash: input.queryCodeHash,
    created_by: actor?.userId ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  const id = inserted.id;
  const contactId = await linkContact(trx, actor, id, input);
  await insertEvent(trx, {
    ticketId: id,
    type: 'created',
    actorId: actor?.userId ?? null,
    actorUnitId: actor?.unitId ?? null,
    at,
    reason: null,
    before: null,
    // The citizen's name, phone and address never go into the history.
    after: {
      status: 'received',
      channel: appeal.channel,
      appealType: appeal.appealType,
      urgency: appeal.urgency,
      categoryId: appeal.categoryId,
      districtId: appeal.districtId,
      streetId: appeal.streetId,
      confidential: appeal.confidential,
      contactRequired: appeal.contactRequired,
    },
    data: { channel: appeal.channel, contactId, disposition: input.step.kind },
  });
  const stepped = await applyDisposition(trx, deps.store, actor, id, input.step, {
    at,
    settleContacts: false,
    current: inserted,
  });
  await indexTicketText(
    trx,
    deps.database.dialect,
    {
      id,
      number,
      title: appeal.title,
      description: appeal.description,
      address: appeal.address,
    },
    { isNew: true },
  );
  return {
    id,
    number,
    status: stepped?.after.status ?? 'received',
    version: stepped?.after.version ?? 1,
    contactId,
  };
}
