import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ValidationError } from '../../platform/errors.js';
import {
  listEvents,
  type Executor,
  type Ticket,
  type TicketStatus,
  type TicketStore,
} from '../tickets/index.js';
import {
  cancelPendingRequests,
  withdrawAssignments,
  type TicketRequest,
} from './dispatch.repository.js';

interface ReviewStep {
  actor: Actor;
  reason: string | null;
  data: { requestId: number; unitId: number };
}

/** Return accepted: back to dispatch, the unit's dispatches withdrawn, the return counted. */
export async function returnToDispatch(
  trx: Transaction<DB>,
  store: TicketStore,
  ticket: Ticket,
  step: ReviewStep,
): Promise<Ticket> {
  const { after } = await store.applyStep(trx, {
    ticketId: ticket.id,
    action: 'accept_return',
    ...step,
    patch: {
      leadUnitId: null,
      dispatchedAt: null,
      signDueAt: null,
      signedAt: null,
      replyDueAt: null,
      catalogueVersionId: null,
      catalogueRuleId: null,
      returnCount: ticket.returnCount + 1,
    },
  });
  await withdrawAssignments(trx, ticket.id);
  await cancelPendingRequests(trx, ticket.id, after.updatedAt);
  return after;
}

/** Return refused: back to where the ticket was when the unit asked; the unit keeps it. */
export async function returnToUnit(
  trx: Transaction<DB>,
  store: TicketStore,
  ticket: Ticket,
  step: ReviewStep,
): Promise<Ticket> {
  const { after } = await store.applyStep(trx, {
    ticketId: ticket.id,
    action: 'refuse_return',
    ...step,
    decided: await statusBeforeReturn(trx, ticket, step.data.requestId),
  });
  return after;
}

/** The working days the unit asked for, kept in the event of its request. */
export async function requestedWorkingDays(db: Executor, request: TicketRequest): Promise<number> {
  const events = await listEvents(db, request.ticketId);
  const event = events.findLast(
    (e) => e.type === 'request_extension' && e.data?.requestId === request.id,
  );
  const days = event?.data?.workingDays;
  if (typeof days !== 'number')
    throw new ValidationError('workingDays', 'Say how many working days to grant');
  return days;
}

/** The status before the return request, from its event's `before` (signed or not). */
async function statusBeforeReturn(
  trx: Transaction<DB>,
  ticket: Ticket,
  requestId: number,
): Promise<TicketStatus> {
  const events = await listEvents(trx, ticket.id);
  const event = events.findLast(
    (e) => e.type === 'request_return' && e.data?.requestId === requestId,
  );
  const previous = event?.before?.status;
  if (previous === 'dispatched' || previous === 'in_progress') return previous;
  return ticket.signedAt ? 'in_progress' : 'dispatched';
}
