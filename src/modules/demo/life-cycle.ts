import { DomainError } from '../../platform/errors.js';
import { Life, Stop, type SimDeps } from './life.js';
import type { PlannedTicket } from './plan-types.js';
import { createTicket, mergeIntoParent, takeReceived } from './life-intake.js';
import { dispatchTicket } from './life-dispatch.js';
import { callBack, callBackMergedChild, handleTicket } from './life-handling.js';

/**
 * Plays one planned appeal through the platform's services, from intake to archive, until its
 * plan stops or the next step would be after the seed's "now". Returns the ticket's id. A step
 * the platform refuses (a DomainError) ends the life-cycle where the ticket stands, and is
 * counted in `deps.refused`; any other error is a bug and fails the seed.
 */
export async function liveTicket(deps: SimDeps, plan: PlannedTicket): Promise<number | null> {
  const life = new Life(deps, plan);
  try {
    await playLife(life);
  } catch (error) {
    if (error instanceof DomainError)
      deps.refused.push(`${life.number || plan.index}: ${error.code} ${error.message}`);
    else if (!(error instanceof Stop)) throw error;
  } finally {
    // Children of a parent that was never written are handled on their own.
    if (plan.incident?.role === 'parent' && life.ticketId === 0)
      plan.incident.group.rejectParent(new Error('parent not created'));
  }
  return life.ticketId || null;
}

async function playLife(life: Life): Promise<void> {
  let status = await createTicket(life);
  if (status === 'received') {
    await takeReceived(life);
    if (life.plan.closeAtIntake) return;
    status = 'pending_dispatch';
  }
  if (status === 'closed') return;
  const merged = await mergeIntoParent(life);
  if (merged === 'replied') return callBackMergedChild(life);
  if (merged !== null) return;
  await dispatchTicket(life);
  life.stopIf('dispatched');
  await handleTicket(life);
  await callBack(life);
}
