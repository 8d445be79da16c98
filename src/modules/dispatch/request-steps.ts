import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ValidationError } from '../../platform/errors.js';
import {
  listEvents,
  type Executor,
  type Ticket,
  type TicketEvent,
  type TicketPatch,
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

/**
 * Return refused: back to where the ticket was when the unit asked; the unit keeps it. The clock
 * stood still while the return was under review: the unit's open deadlines move on by as long as
 * the review took (`at` is the decision's time).
 */
export async function returnToUnit(
  trx: Transaction<DB>,
  store: TicketStore,
  ticket: Ticket,
  step: ReviewStep,
  at: Date,
): Promise<Ticket> {
  const request = await returnRequestEvent(trx, ticket, step.data.requestId);
  const pausedMs = request ? Math.max(0, at.getTime() - Date.parse(request.at)) : 0;
  const { after } = await store.applyStep(trx, {
    ticketId: ticket.id,
    action: 'refuse_return',
    ...step,
    data: { ...step.data, pausedSeconds: Math.round(pausedMs / 1000) },
    decided: statusBeforeReturn(ticket, request),
    patch: pausedDeadlines(ticket, pausedMs),
  });
  return after;
}

/** The deadlines still running for the unit, moved on by the time the clock stood still. */
function pausedDeadlines(ticket: Ticket, pausedMs: number): TicketPatch {
  if (pausedMs === 0) return {};
  const shift = (due: string | null) =>
    due === null ? null : new Date(Date.parse(due) + pausedMs).toISOString();
  return {
    ...(ticket.signedAt === null && ticket.signDueAt !== null
      ? { signDueAt: shift(ticket.signDueAt) }
      : {}),
    ...(ticket.replyDueAt !== null ? { replyDueAt: shift(ticket.replyDueAt) } : {}),
  };
}

/** The working days the unit asked for, kept in the event of its request. */
export async function requestedWorkingDays(db: Executor, request: TicketRequest): Promise<number> {
  const events = await listEvents(db, request.ticketId);
  const event = events.findLast(
    (e) => e.type === 'request_extension' && e.data?.requestId === request.id,
  );
  const days = event?.data?.workingDays;
  if (typeof days !== 'number')
    throw new ValidationError(
      'workingDays',
      'Say how many working days to grant',
      'VALIDATION_FAILED',
      {
        rule: 'required',
      },
    );
  return days;
}

/** The event of the unit's return request (its time starts the pause; its `before`, the status). */
async function returnRequestEvent(
  trx: Transaction<DB>,
  ticket: Ticket,
  requestId: number,
): Promise<TicketEvent | undefined> {
  const events = await listEvents(trx, ticket.id);
  return events.findLast((e) => e.type === 'request_return' && e.data?.requestId === requestId);
}

/** The status before the return request, from its event's `before` (signed or not). */
function statusBeforeReturn(ticket: Ticket, event: TicketEvent | undefined): TicketStatus {
  const previous = event?.before?.status;
  if (previous === 'dispatched' || previous === 'in_progress') return previous;
  return ticket.signedAt ? 'in_progress' : 'dispatched';
}
