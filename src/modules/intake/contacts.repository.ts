import type { Insertable, Selectable, Transaction, Updateable } from 'kysely';
import type { ContactTable, DB } from '../../platform/db/schema.js';
import type { Channel, Executor } from '../tickets/index.js';
import type { ContactOutcome, ReferralTarget } from './appeal-rules.js';

/** One interaction on one channel (来电/来件): recorded always, also a hang-up. */
export interface Contact {
  id: number;
  channel: Channel;
  callerNumber: string | null;
  callerName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: ContactOutcome;
  operatorId: number | null;
  ticketId: number | null;
  summary: string | null;
  referralTarget: ReferralTarget | null;
}

export function toContact(row: Selectable<ContactTable>): Contact {
  return {
    id: row.id,
    channel: row.channel as Channel,
    callerNumber: row.caller_number,
    callerName: row.caller_name,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    outcome: row.outcome as ContactOutcome,
    operatorId: row.operator_id,
    ticketId: row.ticket_id,
    summary: row.summary,
    referralTarget: row.referral_target as ReferralTarget | null,
  };
}

export async function insertContact(
  trx: Transaction<DB>,
  row: Insertable<ContactTable>,
): Promise<Contact> {
  const inserted = await trx
    .insertInto('contacts')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContact(inserted);
}

export async function findContact(db: Executor, id: number): Promise<Contact | null> {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toContact(row) : null;
}

export async function updateContact(
  trx: Transaction<DB>,
  id: number,
  columns: Updateable<ContactTable>,
): Promise<Contact> {
  const row = await trx
    .updateTable('contacts')
    .set(columns)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toContact(row);
}

/** A caller's earlier contacts, newest first. */
export async function listContactsOfCaller(
  db: Executor,
  callerNumber: string,
  limit: number,
): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('caller_number', '=', callerNumber)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toContact);
}

/** Moves the contacts of a ticket that still wait on its outcome to `outcome`. */
export async function settleContactsOfTicket(
  trx: Transaction<DB>,
  ticketId: number,
  outcome: ContactOutcome,
  referralTarget: ReferralTarget | null = null,
): Promise<void> {
  await trx
    .updateTable('contacts')
    .set({ outcome, ...(referralTarget ? { referral_target: referralTarget } : {}) })
    .where('ticket_id', '=', ticketId)
    .where('outcome', 'in', ['pending', 'ticket'])
    .execute();
}
