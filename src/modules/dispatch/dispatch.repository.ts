import type { Selectable, Transaction } from 'kysely';
import type { DB, TicketRequestTable } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import {
  toTicket,
  type Executor,
  type Ticket,
  type TicketStatus,
  type Urgency,
} from '../tickets/index.js';

export type RequestKind = 'return' | 'extension';
export type RequestState = 'pending' | 'accepted' | 'approved' | 'refused' | 'cancelled';

/** A unit's return (退单) or extension (延期) request, waiting for or past its review. */
export interface TicketRequest {
  id: number;
  ticketId: number;
  kind: RequestKind;
  unitId: number;
  requestedBy: number;
  reason: string;
  requestedDueAt: string | null;
  state: RequestState;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

/** A request as the review list shows it, with the ticket and unit it concerns. */
export interface RequestListItem extends TicketRequest {
  ticketNumber: string;
  ticketStatus: TicketStatus;
  ticketTitle: string;
  unitName: string;
  replyDueAt: string | null;
}

export function toRequest(row: Selectable<TicketRequestTable>): TicketRequest {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    kind: row.kind as RequestKind,
    unitId: row.unit_id,
    requestedBy: row.requested_by,
    reason: row.reason,
    requestedDueAt: row.requested_due_at,
    state: row.state as RequestState,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
  };
}

/** Creates the lead (主办) and co-handler (协办) dispatches of a ticket. */
export async function insertAssignments(
  trx: Transaction<DB>,
  input: {
    ticketId: number;
    leadUnitId: number;
    coUnitIds: readonly number[];
    at: string;
    by: number;
  },
): Promise<void> {
  const base = {
    ticket_id: input.ticketId,
    state: 'dispatched',
    dispatched_at: input.at,
    dispatched_by: input.by,
  };
  await trx
    .insertInto('ticket_assignments')
    .values([
      { ...base, unit_id: input.leadUnitId, role: 'lead' },
      ...input.coUnitIds.map((unitId) => ({ ...base, unit_id: unitId, role: 'co' })),
    ])
    .execute();
}

/** Withdraws every current dispatch of a ticket (return accepted, reassigned, merged). */
export async function withdrawAssignments(trx: Transaction<DB>, ticketId: number): Promise<void> {
  await trx
    .updateTable('ticket_assignments')
    .set({ state: 'withdrawn' })
    .where('ticket_id', '=', ticketId)
    .where('state', '!=', 'withdrawn')
    .execute();
}

/** Pending requests of a ticket lose their object when its units change: they are cancelled. */
export async function cancelPendingRequests(
  trx: Transaction<DB>,
  ticketId: number,
  at: string,
): Promise<void> {
  await trx
    .updateTable('ticket_requests')
    .set({ state: 'cancelled', decided_at: at })
    .where('ticket_id', '=', ticketId)
    .where('state', '=', 'pending')
    .execute();
}

export async function getRequest(db: Executor, id: number): Promise<TicketRequest> {
  const row = await db
    .selectFrom('ticket_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Request', id, 'REQUEST_NOT_FOUND');
  return toRequest(row);
}

/** Records the decision; false when someone else decided the request first. */
export async function decideRequest(
  trx: Transaction<DB>,
  input: { id: number; state: RequestState; by: number; at: string; reason: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('ticket_requests')
    .set({
      state: input.state,
      decided_by: input.by,
      decided_at: input.at,
      decision_reason: input.reason,
    })
    .where('id', '=', input.id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface RequestFilter {
  kind?: RequestKind;
  state?: RequestState;
  /** Only requests of units in this district (a coordinator's view). */
  districtId?: number;
  /** Only the requests of this unit (a handler's own). */
  unitId?: number;
  page: number;
  pageSize: number;
}

export async function listRequests(
  db: Executor,
  filter: RequestFilter,
): Promise<{ items: RequestListItem[]; total: number }> {
  let query = db
    .selectFrom('ticket_requests as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id');
  if (filter.kind) query = query.where('r.kind', '=', filter.kind);
  if (filter.state) query = query.where('r.state', '=', filter.state);
  if (filter.districtId !== undefined) query = query.where('u.district_id', '=', filter.districtId);
  if (filter.unitId !== undefined) query = query.where('r.unit_id', '=', filter.unitId);
  const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll('r')
    .select([
      't.number as ticket_number',
      't.status as ticket_status',
      't.title as ticket_title',
      't.reply_due_at as ticket_reply_due_at',
      'u.name as unit_name',
    ])
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((row) => ({
      ...toRequest(row),
      ticketNumber: row.ticket_number,
      ticketStatus: row.ticket_status as TicketStatus,
      ticketTitle: row.ticket_title,
      unitName: row.unit_name,
      replyDueAt: row.ticket_reply_due_at,
    })),
  };
}

export interface QueueFilter {
  districtId?: number;
  categoryId?: number;
  urgency?: Urgency;
  page: number;
  pageSize: number;
}

/** Tickets waiting for dispatch, the most urgent and the oldest first. */
export async function listPendingDispatch(
  db: Executor,
  filter: QueueFilter,
): Promise<{ items: Ticket[]; total: number }> {
  let query = db.selectFrom('tickets').where('status', '=', 'pending_dispatch');
  if (filter.districtId !== undefined) query = query.where('district_id', '=', filter.districtId);
  if (filter.categoryId !== undefined) query = query.where('category_id', '=', filter.categoryId);
  if (filter.urgency) query = query.where('urgency', '=', filter.urgency);
  const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy((eb) =>
      eb
        .case()
        .when('urgency', '=', 'emergency')
        .then(0)
        .when('urgency', '=', 'urgent')
        .then(1)
        .else(2)
        .end(),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return { total: Number(count?.n ?? 0), items: rows.map(toTicket) };
}

/** The tickets merged under `parentId` (并单), optionally only those in one of `statuses`. */
export async function listChildren(
  db: Executor,
  parentId: number,
  statuses?: readonly TicketStatus[],
): Promise<Ticket[]> {
  let query = db.selectFrom('tickets').selectAll().where('parent_id', '=', parentId);
  if (statuses) query = query.where('status', 'in', statuses);
  const rows = await query.orderBy('id').execute();
  return rows.map(toTicket);
}
