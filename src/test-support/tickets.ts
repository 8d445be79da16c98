// Test helpers for tests that need tickets in a given state: real rows in a real database, no mocks.
import type { Insertable, Transaction } from 'kysely';
import type { Database, DialectName } from '../platform/db/database.js';
import type { DB, TicketTable } from '../platform/db/schema.js';
import { indexTicketText, insertTicketRow } from '../modules/tickets/index.js';

/** Inserts a ticket row and its search terms in the caller's write. */
export async function insertIndexedTicket(
  trx: Transaction<DB>,
  dialect: DialectName,
  row: Insertable<TicketTable>,
): Promise<number> {
  const id = await insertTicketRow(trx, row);
  await indexTicketText(trx, dialect, {
    id,
    number: row.number,
    title: row.title,
    description: row.description,
    address: row.address ?? null,
  });
  return id;
}

let seq = 0;

/** Inserts a ticket row as it would be at some point of its life, with its search terms. */
export async function seedTicket(
  database: Database,
  values: Partial<Insertable<TicketTable>> = {},
): Promise<number> {
  seq += 1;
  const at = values.created_at ?? '2026-03-01T02:00:00.000Z';
  const row: Insertable<TicketTable> = {
    number: `20260301${String(900000 + seq)}`,
    status: 'received',
    appeal_type: 'complaint',
    urgency: 'normal',
    title: values.description?.slice(0, 30) ?? 'ticket',
    description: 'ticket',
    channel: 'phone',
    confidential: 0,
    contact_required: 0,
    reopen_count: 0,
    return_count: 0,
    created_at: at,
    updated_at: at,
    version: 1,
    ...values,
  };
  return database.write((trx) => insertIndexedTicket(trx, database.dialect, row));
}

/** Dispatches a ticket to a unit directly (no workflow step, no event). */
export async function seedAssignment(
  database: Database,
  ticketId: number,
  unitId: number,
  options: { role?: 'lead' | 'co'; state?: string } = {},
): Promise<void> {
  await database.write((trx) =>
    trx
      .insertInto('ticket_assignments')
      .values({
        ticket_id: ticketId,
        unit_id: unitId,
        role: options.role ?? 'lead',
        state: options.state ?? 'dispatched',
        dispatched_at: '2026-03-01T03:00:00.000Z',
        dispatched_by: null,
      })
      .execute(),
  );
}
