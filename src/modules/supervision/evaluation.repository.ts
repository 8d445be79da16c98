import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Executor } from './supervision.repository.js';

/** Exemption (核减): the ticket leaves the unit's evaluation. Objection (申诉): one result is contested. */
export const EVALUATION_REQUEST_KINDS = ['exemption', 'objection'] as const;
export type EvaluationRequestKind = (typeof EVALUATION_REQUEST_KINDS)[number];

/** What an objection contests: the callback's verdict, the time limits, a reopening (重办). */
export const OBJECTION_ASPECTS = ['satisfaction', 'timeliness', 'reopen'] as const;
export type ObjectionAspect = (typeof OBJECTION_ASPECTS)[number];
/** An exemption takes the whole ticket out: aspect 'all'. */
export type EvaluationAspect = ObjectionAspect | 'all';

export type EvaluationRequestState = 'pending' | 'approved' | 'refused';

export interface EvaluationRequest {
  id: number;
  kind: EvaluationRequestKind;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  unitId: number;
  aspect: EvaluationAspect;
  reason: string;
  attachmentId: number | null;
  requestedBy: number;
  requestedByName: string | null;
  createdAt: string;
  state: EvaluationRequestState;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

/** What an approved request changed in a unit's evaluation of a ticket. */
export interface EvaluationAdjustment {
  ticketId: number;
  unitId: number;
  aspect: EvaluationAspect;
  requestId: number;
  at: string;
}

function selectRequests(db: Executor) {
  return db
    .selectFrom('evaluation_requests as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .leftJoin('users as r', 'r.id', 'e.requested_by')
    .leftJoin('users as d', 'd.id', 'e.decided_by')
    .selectAll('e')
    .select([
      't.number',
      't.title',
      'r.display_name as requester_name',
      'd.display_name as decider_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>;

const toRequest = (row: Row): EvaluationRequest => ({
  id: row.id,
  kind: row.kind as EvaluationRequestKind,
  ticketId: row.ticket_id,
  ticketNumber: row.number,
  ticketTitle: row.title,
  unitId: row.unit_id,
  aspect: row.aspect as EvaluationAspect,
  reason: row.reason,
  attachmentId: row.attachment_id,
  requestedBy: row.requested_by,
  requestedByName: row.requester_name,
  createdAt: row.created_at,
  state: row.state as EvaluationRequestState,
  decidedBy: row.decided_by,
  decidedByName: row.decider_name,
  decidedAt: row.decided_at,
  decisionReason: row.decision_reason,
});

export async function getEvaluationRequest(db: Executor, id: number): Promise<EvaluationRequest> {
  const row = await selectRequests(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Request', id, 'EVALUATION_REQUEST_NOT_FOUND');
  return toRequest(row);
}

export interface EvaluationRequestFilter {
  kind?: EvaluationRequestKind;
  state?: EvaluationRequestState;
  unitId?: number;
  ticketId?: number;
  districtId?: number;
  page: number;
  pageSize: number;
}

/** Requests, pending first (oldest first, as they wait), then decided ones newest first. */
export async function listEvaluationRequests(
  db: Executor,
  filter: EvaluationRequestFilter,
): Promise<{ items: EvaluationRequest[]; total: number }> {
  let query = selectRequests(db);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.state) query = query.where('e.state', '=', filter.state);
  if (filter.unitId !== undefined) query = query.where('e.unit_id', '=', filter.unitId);
  if (filter.ticketId !== undefined) query = query.where('e.ticket_id', '=', filter.ticketId);
  if (filter.districtId !== undefined) query = query.where('t.district_id', '=', filter.districtId);
  const [rows, count] = await Promise.all([
    query
      .orderBy((eb) => eb.case().when('e.state', '=', 'pending').then(0).else(1).end())
      .orderBy((eb) =>
        eb.case().when('e.state', '=', 'pending').then(eb.ref('e.created_at')).else(null).end(),
      )
      .orderBy('e.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { items: rows.map(toRequest), total: Number(count?.n ?? 0) };
}

/** A pending request of this kind and aspect by the unit on the ticket, if any. */
export async function hasPendingEvaluationRequest(
  db: Executor,
  input: { ticketId: number; unitId: number; kind: EvaluationRequestKind; aspect: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('evaluation_requests')
    .select('id')
    .where('ticket_id', '=', input.ticketId)
    .where('unit_id', '=', input.unitId)
    .where('kind', '=', input.kind)
    .where('aspect', '=', input.aspect)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertEvaluationRequest(
  trx: Transaction<DB>,
  input: {
    kind: EvaluationRequestKind;
    ticketId: number;
    unitId: number;
    aspect: EvaluationAspect;
    reason: string;
    attachmentId: number | null;
    by: number;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('evaluation_requests')
    .values({
      kind: input.kind,
      ticket_id: input.ticketId,
      unit_id: input.unitId,
      aspect: input.aspect,
      reason: input.reason,
      attachment_id: input.attachmentId,
      requested_by: input.by,
      created_at: input.at,
      state: 'pending',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** pending → approved | refused; false when it was decided meanwhile. */
export async function decideEvaluationRequest(
  trx: Transaction<DB>,
  input: { id: number; state: 'approved' | 'refused'; by: number; at: string; reason: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('evaluation_requests')
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

export async function insertAdjustment(
  trx: Transaction<DB>,
  adjustment: EvaluationAdjustment,
): Promise<void> {
  await trx
    .insertInto('evaluation_adjustments')
    .values({
      ticket_id: adjustment.ticketId,
      unit_id: adjustment.unitId,
      aspect: adjustment.aspect,
      request_id: adjustment.requestId,
      at: adjustment.at,
    })
    .onConflict((conflict) => conflict.columns(['ticket_id', 'unit_id', 'aspect']).doNothing())
    .execute();
}

export interface AdjustmentFilter {
  ticketIds?: readonly number[];
  unitId?: number;
  aspect?: EvaluationAspect;
}

export async function listAdjustments(
  db: Executor,
  filter: AdjustmentFilter,
): Promise<EvaluationAdjustment[]> {
  if (filter.ticketIds && filter.ticketIds.length === 0) return [];
  const out: EvaluationAdjustment[] = [];
  const batches = filter.ticketIds
    ? Array.from({ length: Math.ceil(filter.ticketIds.length / 500) }, (_, i) =>
        filter.ticketIds!.slice(i * 500, i * 500 + 500),
      )
    : [null];
  for (const ids of batches) {
    let query = db.selectFrom('evaluation_adjustments').selectAll();
    if (ids) query = query.where('ticket_id', 'in', ids);
    if (filter.unitId !== undefined) query = query.where('unit_id', '=', filter.unitId);
    if (filter.aspect) query = query.where('aspect', '=', filter.aspect);
    const rows = await query.orderBy('ticket_id').orderBy('unit_id').execute();
    for (const row of rows)
      out.push({
        ticketId: row.ticket_id,
        unitId: row.unit_id,
        aspect: row.aspect as EvaluationAspect,
        requestId: row.request_id,
        at: row.at,
      });
  }
  return out;
}

/** Whether the ticket's attachment exists (a request may point at one as evidence). */
export async function attachmentOfTicket(
  db: Executor,
  ticketId: number,
  attachmentId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_attachments')
    .select('id')
    .where('id', '=', attachmentId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * For the evaluation measures' own queries: true where a (ticket, unit) pair — given as column
 * references, e.g. `exemptedSql('t.id', 'a.unit_id')` — had this aspect taken out of the unit's
 * evaluation ('all': exempted, 核减). Plain SQL that reads the same on SQLite and PostgreSQL.
 */
export function exemptedSql(
  ticketColumn: string,
  unitColumn: string,
  aspect: EvaluationAspect = 'all',
): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM evaluation_adjustments ea WHERE ea.ticket_id = ${sql.ref(
    ticketColumn,
  )} AND ea.unit_id = ${sql.ref(unitColumn)} AND ea.aspect = ${aspect})`;
}
