import type { Actor } from '../../platform/actor.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { getTicketRow, isOpen, listAssignments, lockTicket } from '../tickets/index.js';
import { readTicketInScope, type DispatchDeps } from './dispatch-access.js';
import { cancelPendingRequests, listChildren, withdrawAssignments } from './dispatch.repository.js';
import { dispatchScopeOf, requireReason } from './dispatch-rules.js';
import { passReplyToChildren } from './merged-children.js';
import { toTicketSummary, type TicketSummary } from './ticket-summary.js';

/** Merging duplicates (并单): repeat appeals about one incident go under one parent ticket. */
export class MergeService {
  constructor(private readonly deps: DispatchDeps) {}

  /**
   * child → merged under `parentId`. The parent must be open and not merged itself; a ticket
   * that already has children cannot become a child. The child's dispatches are withdrawn; if
   * the parent is already replied, the child takes the reply at once.
   */
  async merge(
    actor: Actor,
    childId: number,
    parentId: number,
    reasonText: string,
  ): Promise<TicketSummary> {
    const scope = dispatchScopeOf(actor);
    const reason = requireReason(reasonText);
    if (childId === parentId)
      throw new ValidationError(
        'parentId',
        'A ticket cannot be merged into itself',
        'MERGE_INTO_ITSELF',
      );
    const child = await readTicketInScope(this.deps, actor, scope, childId);
    await readTicketInScope(this.deps, actor, scope, parentId);
    return this.mergeIn(actor, child.id, child.number, parentId, reason);
  }

  /**
   * The same merge decided by the system (the duplicates scorer, when the admin enabled automatic
   * merging): the step has no actor, and `data` says what decided it.
   */
  async mergeBySystem(
    childId: number,
    parentId: number,
    reasonText: string,
    data: Record<string, unknown>,
  ): Promise<TicketSummary> {
    const reason = requireReason(reasonText);
    if (childId === parentId)
      throw new ValidationError(
        'parentId',
        'A ticket cannot be merged into itself',
        'MERGE_INTO_ITSELF',
      );
    const child = await getTicketRow(this.deps.database.db, childId);
    return this.mergeIn(null, childId, child.number, parentId, reason, data);
  }

  private async mergeIn(
    actor: Actor | null,
    childId: number,
    childNumber: string,
    parentId: number,
    reason: string,
    extra: Record<string, unknown> = {},
  ): Promise<TicketSummary> {
    const { database, tickets } = this.deps;
    return database.write(async (trx) => {
      const parent = await lockTicket(trx, database.dialect, parentId);
      if (!isOpen(parent.status))
        throw new ConflictError(
          'PARENT_NOT_OPEN',
          `Ticket ${parent.number} is ${parent.status}: merge into an open ticket`,
        );
      if ((await listChildren(trx, childId)).length > 0)
        throw new ConflictError(
          'TICKET_HAS_CHILDREN',
          `Ticket ${childNumber} has merged tickets of its own: merge the others into it instead`,
        );
      const step = await tickets.store.applyStep(trx, {
        ticketId: childId,
        action: 'merge',
        actor,
        reason,
        patch: { parentId },
        data: { ...extra, parentId, parentNumber: parent.number },
      });
      await withdrawAssignments(trx, childId);
      await cancelPendingRequests(trx, childId, step.after.updatedAt);
      let after = step.after;
      if (parent.status === 'replied') {
        const followed = await passReplyToChildren(trx, tickets.store, parent);
        after = followed.find((t) => t.id === childId) ?? after;
      }
      return toTicketSummary(after, await listAssignments(trx, childId));
    });
  }
}
