import type { Selectable, Transaction } from 'kysely';
import type { DB, SupervisionOrderTable } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Executor } from './supervision.repository.js';

export const ORDER_STATES = ['open', 'replied', 'closed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const ORDER_ACTIONS = ['issue', 'reply', 'send_back', 'close'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** A supervision order (督办单) as the services see it. */
export interface SupervisionOrder {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  ticketDistrictId: number | null;
  ticketStatus: string;
  ticketUrgency: string;
  unitId: number;
  state: OrderState;
  reason: string;
  requirement: string;
  startedAt: string;
  dueAt: string;
  issuedBy: number;
  issuedByName: string | null;
  issuedByUnitId: number | null;
  issuedAt: string;
  replyText: string | null;
  repliedBy: number | null;
  repliedAt: string | null;
  closedBy: number | null;
  closedAt: string | null;
  closeNote: string | null;
  rounds: number;
  version: number;
  updatedAt: string;
}

export interface OrderStep {
  id: number;
  action: OrderAction;
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  at: string;
  text: string | null;
  dueAt: string | null;
}

type Row = Selectable<SupervisionOrderTable> & {
  number: string;
  title: string;
  district_id: number | null;
  ticket_status: string;
  ticket_urgency: string;
  issuer_name: string | null;
  issuer_unit_id: number | null;
};

const toOrder = (row: Row): SupervisionOrder => ({
  id: row.id,
  ticketId: row.ticket_id,
  ticketNumber: row.number,
  ticketTitle: row.title,
  ticketDistrictId: row.district_id,
  ticketStatus: row.ticket_status,
  ticketUrgency: row.ticket_urgency,
  unitId: row.unit_id,
  state: row.state as OrderState,
  reason: row.reason,
  requirement: row.requirement,
  startedAt: row.started_at,
  dueAt: row.due_at,
  issuedBy: row.issued_by,
  issuedByName: row.issuer_name,
  issuedByUnitId: row.issuer_unit_id,
  issuedAt: row.issued_at,
  replyText: row.reply_text,
  repliedBy: row.replied_by,
  repliedAt: row.replied_at,
  closedBy: row.closed_by,
  closedAt: row.closed_at,
  closeNote: row.close_note,
  rounds: row.rounds,
  version: row.version,
  updatedAt: row.updated_at,
});

function selectOrders(db: Executor) {
  return db
    .selectFrom('supervision_orders as o')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .leftJoin('users as u', 'u.id', 'o.issued_by')
    .selectAll('o')
    .select([
      't.number',
      't.title',
      't.district_id',
      't.status as ticket_status',
      't.urgency as ticket_urgency',
      'u.display_name as issuer_name',
      'u.unit_id as issuer_unit_id',
    ]);
}

export async function getOrder(db: Executor, id: number): Promise<SupervisionOrder> {
  const row = await selectOrders(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Supervision order', id, 'ORDER_NOT_FOUND');
  return toOrder(row);
}

export interface OrderFilter {
  states?: readonly OrderState[];
  unitId?: number;
  ticketId?: number;
  districtId?: number;
  /** Only open orders due before this instant. */
  dueBefore?: string;
  page: number;
  pageSize: number;
}

/** Orders, the earliest deadline first among open ones, then the newest. */
export async function listOrders(
  db: Executor,
  filter: OrderFilter,
): Promise<{ items: SupervisionOrder[]; total: number }> {
  let query = selectOrders(db);
  let count = db
    .selectFrom('supervision_orders as o')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const where = <Q extends typeof query | typeof count>(q: Q): Q => {
    let out = q as typeof query;
    if (filter.states?.length) out = out.where('o.state', 'in', filter.states);
    if (filter.unitId !== undefined) out = out.where('o.unit_id', '=', filter.unitId);
    if (filter.ticketId !== undefined) out = out.where('o.ticket_id', '=', filter.ticketId);
    if (filter.districtId !== undefined) out = out.where('t.district_id', '=', filter.districtId);
    if (filter.dueBefore !== undefined) out = out.where('o.due_at', '<', filter.dueBefore);
    return out as Q;
  };
  query = where(query);
  count = where(count);
  const [rows, total] = await Promise.all([
    query
      .orderBy((eb) => eb.case().when('o.state', '=', 'closed').then(1).else(0).end())
      .orderBy('o.due_at')
      .orderBy('o.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    count.executeTakeFirst(),
  ]);
  return { items: rows.map(toOrder), total: Number(total?.n ?? 0) };
}

/** Steps of several orders, by order id. */
export async function stepsByOrder(
  db: Executor,
  orderIds: readonly number[],
): Promise<Map<number, OrderStep[]>> {
  const rows = await db
    .selectFrom('supervision_order_steps as s')
    .leftJoin('users as u', 'u.id', 's.actor_id')
    .selectAll('s')
    .select('u.display_name')
    .where('s.order_id', 'in', orderIds.length ? orderIds : [0])
    .orderBy('s.id')
    .execute();
  const out = new Map<number, OrderStep[]>();
  for (const row of rows) {
    const steps = out.get(row.order_id) ?? [];
    steps.push({
      id: row.id,
      action: row.action as OrderAction,
      actorId: row.actor_id,
      actorName: row.display_name,
      actorUnitId: row.actor_unit_id,
      at: row.at,
      text: row.text,
      dueAt: row.due_at,
    });
    out.set(row.order_id, steps);
  }
  return out;
}

/** Whether the unit has an order on this ticket that is not closed. */
export async function hasUnclosedOrder(
  db: Executor,
  ticketId: number,
  unitId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('supervision_orders')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'closed')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertOrder(
  trx: Transaction<DB>,
  order: {
    ticketId: number;
    unitId: number;
    reason: string;
    requirement: string;
    dueAt: string;
    by: number;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('supervision_orders')
    .values({
      ticket_id: order.ticketId,
      unit_id: order.unitId,
      state: 'open',
      reason: order.reason,
      requirement: order.requirement,
      started_at: order.at,
      due_at: order.dueAt,
      issued_by: order.by,
      issued_at: order.at,
      rounds: 1,
      version: 1,
      updated_at: order.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Moves an order on from `from` (one of the states allowed) with `set`; false when it is no
 * longer in such a state (someone else acted first).
 */
export async function updateOrder(
  trx: Transaction<DB>,
  id: number,
  from: readonly OrderState[],
  version: number,
  set: Partial<Omit<Selectable<SupervisionOrderTable>, 'id' | 'ticket_id' | 'version'>>,
): Promise<boolean> {
  const result = await trx
    .updateTable('supervision_orders')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('state', 'in', from)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStep(
  trx: Transaction<DB>,
  step: {
    orderId: number;
    action: OrderAction;
    actorId: number | null;
    actorUnitId: number | null;
    at: string;
    text: string | null;
    dueAt: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('supervision_order_steps')
    .values({
      order_id: step.orderId,
      action: step.action,
      actor_id: step.actorId,
      actor_unit_id: step.actorUnitId,
      at: step.at,
      text: step.text,
      due_at: step.dueAt,
    })
    .execute();
}
