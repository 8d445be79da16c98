import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { toTicket, type Executor, type Ticket } from '../tickets/index.js';
import type { Satisfaction } from './callback-rules.js';

/** One callback (回访): the citizen's three answers, recorded on the ticket that was called. */
/** The citizen's own answers to the three questions, from the portal or the app. */
export async function insertCitizenEvaluation(
  trx: Transaction<DB>,
  input: {
    ticketId: number;
    contacted: boolean;
    resolved: boolean;
    satisfaction: Satisfaction;
    comment: string | null;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('citizen_evaluations')
    .values({
      ticket_id: input.ticketId,
      contacted: input.contacted ? 1 : 0,
      resolved: input.resolved ? 1 : 0,
      satisfaction: input.satisfaction,
      comment: input.comment,
      at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCallback(
  trx: Transaction<DB>,
  input: {
    ticketId: number;
    agentId: number;
    contacted: boolean;
    resolved: boolean;
    satisfaction: Satisfaction;
    note: string | null;
    at: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('ticket_callbacks')
    .values({
      ticket_id: input.ticketId,
      agent_id: input.agentId,
      contacted: input.contacted ? 1 : 0,
      resolved: input.resolved ? 1 : 0,
      satisfaction: input.satisfaction,
      note: input.note,
      at: input.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The lead unit works on a reopened ticket again: its dispatch goes back to signed. */
export async function reopenLeadAssignment(trx: Transaction<DB>, ticketId: number): Promise<void> {
  await trx
    .updateTable('ticket_assignments')
    .set({ state: 'signed', replied_at: null, replied_by: null, reply_text: null })
    .where('ticket_id', '=', ticketId)
    .where('role', '=', 'lead')
    .where('state', '=', 'replied')
    .execute();
}

/** Replied tickets waiting for their callback, the nearest callback deadline first. */
export async function listAwaitingCallback(
  db: Executor,
  page: { page: number; pageSize: number },
): Promise<{ items: Ticket[]; total: number }> {
  const query = db.selectFrom('tickets').where('status', '=', 'replied');
  const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy((eb) => eb.case().when('callback_due_at', 'is', null).then(1).else(0).end())
    .orderBy('callback_due_at')
    .orderBy('id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { total: Number(count?.n ?? 0), items: rows.map(toTicket) };
}
