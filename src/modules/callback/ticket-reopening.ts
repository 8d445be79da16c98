import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError } from '../../platform/errors.js';
import { recallChildrenOnReopen } from '../dispatch/index.js';
import { canApply, transition, type Ticket, type TicketStore } from '../tickets/index.js';
import { reopenLeadAssignment } from './callback.repository.js';
import { RESOLUTION_CALLBACK } from './callback-rules.js';

export interface StepContext {
  /** null: the citizen's own evaluation (no staff member acted). */
  actor: Actor | null;
  reason: string | null;
  data: Record<string, unknown>;
}

/**
 * Reopen (重办) for the same lead unit: → in_progress with a new feedback deadline, the lead's
 * dispatch back to signed, children that are not closed back under the ticket.
 */
export async function reopenForUnit(
  trx: Transaction<DB>,
  store: TicketStore,
  ticket: Ticket,
  step: StepContext & { action: 'callback' | 'reopen'; replyDueAt: string | null },
): Promise<Ticket> {
  // An illegal step is refused (ILLEGAL_TRANSITION) before anything else is checked or written.
  if (!canApply(step.action, ticket.status)) transition(step.action, ticket.status);
  if (ticket.leadUnitId === null)
    throw new ConflictError(
      'NO_LEAD_UNIT',
      `Ticket ${ticket.number} was never handled by a unit: there is nothing to reopen`,
    );
  const { after } = await store.applyStep(trx, {
    ticketId: ticket.id,
    action: step.action,
    actor: step.actor,
    reason: step.reason,
    decided: 'in_progress',
    data: step.data,
    patch: {
      reopenCount: ticket.reopenCount + 1,
      replyDueAt: step.replyDueAt,
      repliedAt: null,
      replyText: null,
      callbackDueAt: null,
      closedAt: null,
      resolution: null,
    },
  });
  await reopenLeadAssignment(trx, ticket.id);
  await recallChildrenOnReopen(trx, store, after);
  return after;
}

/** A satisfied or accepted callback closes the ticket (resolution 'callback', by default). */
export async function closeByCallback(
  trx: Transaction<DB>,
  store: TicketStore,
  ticket: Ticket,
  step: StepContext & { at: string; resolution?: string },
): Promise<Ticket> {
  const { after } = await store.applyStep(trx, {
    ticketId: ticket.id,
    action: 'callback',
    actor: step.actor,
    reason: step.reason,
    decided: 'closed',
    data: step.data,
    patch: { closedAt: step.at, resolution: step.resolution ?? RESOLUTION_CALLBACK },
  });
  return after;
}

/**
 * A merged child's unresolved callback: the child waits under its parent again and the parent
 * goes back to the unit (unless it is already there).
 */
export async function reopenThroughParent(
  trx: Transaction<DB>,
  store: TicketStore,
  child: Ticket,
  parent: Ticket,
  step: StepContext & { replyDueAt: string | null },
): Promise<Ticket> {
  const { after } = await store.applyStep(trx, {
    ticketId: child.id,
    action: 'callback',
    actor: step.actor,
    reason: step.reason,
    decided: 'merged',
    patch: { repliedAt: null, replyText: null, callbackDueAt: null },
    data: { ...step.data, reopenedParentId: parent.id },
  });
  if (canApply('reopen', parent.status))
    await reopenForUnit(trx, store, parent, {
      action: 'reopen',
      actor: step.actor,
      reason: `Callback of the merged ticket ${child.number}${step.reason ? `: ${step.reason}` : ''}`,
      data: { ...step.data, childId: child.id },
      replyDueAt: step.replyDueAt,
    });
  return after;
}
