import type { Transaction } from 'kysely';
import { hasRole, type Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { getTicketRow, listAssignments, lockTicket, toTicket } from '../tickets/index.js';
import type { DispatchDeps } from './dispatch-access.js';
import {
  decideRequest,
  getRequest,
  listRequests,
  type RequestKind,
  type RequestListItem,
  type RequestState,
  type TicketRequest,
} from './dispatch.repository.js';
import { checkExtensionDays, dispatchScopeOf, inScope, requireReason } from './dispatch-rules.js';
import { requestedWorkingDays, returnToDispatch, returnToUnit } from './request-steps.js';
import { toTicketSummary, type TicketSummary } from './ticket-summary.js';

export interface ReturnReview {
  decision: 'accept' | 'refuse';
  reason?: string | null;
}

export interface ExtensionDecision {
  decision: 'approve' | 'refuse';
  reason?: string | null;
  /** Working days granted; defaults to what the unit asked for. */
  workingDays?: number;
}

export type RequestDecision = {
  decision: 'accept' | 'refuse' | 'approve';
  reason?: string | null;
  workingDays?: number;
};

/**
 * Review of units' requests: returns (派单异议审核: accept → back to dispatch, refuse → back to
 * the unit) and extensions (延期: approve moves the feedback deadline on the working-day calendar).
 */
export class RequestsService {
  constructor(private readonly deps: DispatchDeps) {}

  /**
   * Requests to review: the dispatch desk sees all, a coordinator those of their district's
   * units; a handler sees their own unit's, to know what still waits for a decision.
   */
  async list(
    actor: Actor,
    filter: { kind?: RequestKind; state?: RequestState; page?: number; pageSize?: number } = {},
  ): Promise<{ items: RequestListItem[]; total: number; page: number; pageSize: number }> {
    const ownUnitOnly = !hasRole(actor, 'dispatcher', 'coordinator') && hasRole(actor, 'handler');
    const scope = ownUnitOnly ? null : dispatchScopeOf(actor);
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const { items, total } = await listRequests(this.deps.database.db, {
      kind: filter.kind,
      state: filter.state ?? 'pending',
      districtId: scope?.kind === 'district' ? scope.districtId : undefined,
      unitId: ownUnitOnly ? actor.unitId : undefined,
      page,
      pageSize,
    });
    return { items, total, page, pageSize };
  }

  /** Decides a request of either kind (the decision must fit its kind). */
  async decide(actor: Actor, requestId: number, input: RequestDecision): Promise<TicketSummary> {
    const request = await this.pendingRequestInScope(actor, requestId);
    if (request.kind === 'return') {
      if (input.decision === 'approve')
        throw new ValidationError('decision', 'A return is accepted or refused, not approved');
      return this.reviewReturn(actor, requestId, { ...input, decision: input.decision });
    }
    if (input.decision === 'accept')
      throw new ValidationError('decision', 'An extension is approved or refused, not accepted');
    return this.decideExtension(actor, requestId, { ...input, decision: input.decision });
  }

  /** accept → pending_dispatch (dispatches withdrawn, returnCount + 1); refuse → back to the unit. */
  async reviewReturn(actor: Actor, requestId: number, input: ReturnReview): Promise<TicketSummary> {
    const request = await this.pendingRequestInScope(actor, requestId, 'return');
    const reason = decisionReason(input.decision, input.reason);
    const { database, tickets } = this.deps;
    return database.write(async (trx) => {
      const accept = input.decision === 'accept';
      await this.markDecided(trx, actor, request, accept ? 'accepted' : 'refused', reason);
      const ticket = await lockTicket(trx, database.dialect, request.ticketId);
      const step = { actor, reason, data: { requestId, unitId: request.unitId } };
      const after = accept
        ? await returnToDispatch(trx, tickets.store, ticket, step)
        : await returnToUnit(trx, tickets.store, ticket, step, this.deps.clock.now());
      return toTicketSummary(after, await listAssignments(trx, ticket.id));
    });
  }

  /** approve → the feedback deadline moves by working days from the current one; refuse → unchanged. */
  async decideExtension(
    actor: Actor,
    requestId: number,
    input: ExtensionDecision,
  ): Promise<TicketSummary> {
    const request = await this.pendingRequestInScope(actor, requestId, 'extension');
    const reason = decisionReason(input.decision, input.reason);
    const { database, tickets, catalogue } = this.deps;
    const ticket = toTicket(await getTicketRow(database.db, request.ticketId));
    let replyDueAt = ticket.replyDueAt;
    let workingDays: number | null = null;
    if (input.decision === 'approve') {
      workingDays = input.workingDays ?? (await requestedWorkingDays(database.db, request));
      checkExtensionDays(workingDays);
      const from = ticket.replyDueAt ? new Date(ticket.replyDueAt) : this.deps.clock.now();
      replyDueAt = await catalogue.deadlines.addWorkingDays(from, workingDays);
    }
    return database.write(async (trx) => {
      await this.markDecided(
        trx,
        actor,
        request,
        input.decision === 'approve' ? 'approved' : 'refused',
        reason,
      );
      const { after } = await tickets.store.applyStep(trx, {
        ticketId: ticket.id,
        action: 'decide_extension',
        actor,
        reason,
        // The new deadline was counted from the one read above: refuse if it moved meanwhile.
        expectedVersion: ticket.version,
        decided: ticket.status,
        patch: { replyDueAt },
        data: {
          requestId,
          decision: input.decision,
          workingDays,
          previousDueAt: ticket.replyDueAt,
        },
      });
      return toTicketSummary(after, await listAssignments(trx, ticket.id));
    });
  }

  private async pendingRequestInScope(
    actor: Actor,
    requestId: number,
    kind?: RequestKind,
  ): Promise<TicketRequest> {
    const scope = dispatchScopeOf(actor);
    const request = await getRequest(this.deps.database.db, requestId);
    if (scope.kind === 'district') {
      const unit = await this.deps.organisation.getUnit(request.unitId);
      if (!inScope(scope, unit.districtId))
        throw new ForbiddenError(
          `${unit.name} is outside your district: the city dispatch desk decides`,
          'OUT_OF_DISTRICT',
        );
    }
    if (kind && request.kind !== kind)
      throw new ValidationError(
        'requestId',
        `Request ${requestId} is not a ${kind} request`,
        'WRONG_REQUEST_KIND',
      );
    if (request.state !== 'pending') throw alreadyDecided(request);
    return request;
  }

  private async markDecided(
    trx: Transaction<DB>,
    actor: Actor,
    request: TicketRequest,
    state: RequestState,
    reason: string | null,
  ): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const decided = await decideRequest(trx, {
      id: request.id,
      state,
      by: actor.userId,
      at,
      reason,
    });
    if (!decided) throw alreadyDecided(request);
  }
}

const alreadyDecided = (request: TicketRequest) =>
  new ConflictError('REQUEST_ALREADY_DECIDED', `Request ${request.id} was already decided`);

/** A refusal must say why; an acceptance may. */
function decisionReason(decision: string, reason: string | null | undefined): string | null {
  if (decision === 'refuse') return requireReason(reason);
  return reason?.trim() || null;
}
