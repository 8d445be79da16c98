import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { toAssignment, type Executor, type TicketAssignment } from '../tickets/index.js';

/** The unit's current (not withdrawn) dispatch on a ticket, if any. */
export async function currentAssignment(
  db: Executor,
  ticketId: number,
  unitId: number,
): Promise<TicketAssignment | null> {
  const row = await db
    .selectFrom('ticket_assignments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'withdrawn')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toAssignment(row) : null;
}

/** dispatched → signed; false when the dispatch was not waiting for a signature. */
export async function markSigned(
  trx: Transaction<DB>,
  input: { assignmentId: number; by: number; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('ticket_assignments')
    .set({ state: 'signed', signed_at: input.at, signed_by: input.by })
    .where('id', '=', input.assignmentId)
    .where('state', '=', 'dispatched')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** signed → replied with the unit's text; false when the dispatch was not signed. */
export async function markReplied(
  trx: Transaction<DB>,
  input: { assignmentId: number; by: number; at: string; text: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('ticket_assignments')
    .set({ state: 'replied', replied_at: input.at, replied_by: input.by, reply_text: input.text })
    .where('id', '=', input.assignmentId)
    .where('state', '=', 'signed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRequest(
  trx: Transaction<DB>,
  input: {
    ticketId: number;
    kind: 'return' | 'extension';
    unitId: number;
    requestedBy: number;
    reason: string;
    requestedDueAt: string | null;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('ticket_requests')
    .values({
      ticket_id: input.ticketId,
      kind: input.kind,
      unit_id: input.unitId,
      requested_by: input.requestedBy,
      reason: input.reason,
      requested_due_at: input.requestedDueAt,
      state: 'pending',
      created_at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function hasPendingRequest(
  db: Executor,
  ticketId: number,
  kind: 'return' | 'extension',
): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_requests')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', kind)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of `ids` are attachments of the ticket. */
export async function existingAttachmentIds(
  db: Executor,
  ticketId: number,
  ids: readonly number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('ticket_attachments')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface UnitQueueRow {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  urgency: string;
  categoryId: number | null;
  version: number;
  dispatchedAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  role: 'lead' | 'co';
  assignmentState: 'dispatched' | 'signed';
}

/** The unit's work: tickets it still has to sign for or reply to. */
export async function listUnitWork(db: Executor, unitId: number): Promise<UnitQueueRow[]> {
  const rows = await db
    .selectFrom('ticket_assignments as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .select([
      't.id',
      't.number',
      't.title',
      't.status',
      't.urgency',
      't.category_id',
      't.version',
      't.dispatched_at',
      't.sign_due_at',
      't.reply_due_at',
      'a.role',
      'a.state',
    ])
    .where('a.unit_id', '=', unitId)
    .where('a.state', 'in', ['dispatched', 'signed'])
    .where('t.status', 'in', ['dispatched', 'in_progress', 'return_review'])
    .execute();
  return rows.map((r) => ({
    ticketId: r.id,
    number: r.number,
    title: r.title,
    status: r.status,
    urgency: r.urgency,
    categoryId: r.category_id,
    version: r.version,
    dispatchedAt: r.dispatched_at,
    signDueAt: r.sign_due_at,
    replyDueAt: r.reply_due_at,
    role: r.role as 'lead' | 'co',
    assignmentState: r.state as 'dispatched' | 'signed',
  }));
}
