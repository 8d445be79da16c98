import { requireRoles, type Actor, type Role } from '../../../platform/actor.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import type { Router } from './router.service.js';
import { latestDecision, latestDecisions, type DecisionRecord } from './routing.repository.js';
import type { ExplanationPart, RouteSuggestion } from './routing-types.js';

/** Who sees the router's suggestions: those who dispatch, and supervisors. */
export const ROUTING_READ_ROLES: readonly Role[] = ['dispatcher', 'coordinator', 'supervisor'];

/** How the router dispatched a ticket by itself, for the ticket page and the dispatcher. */
export interface AutoDispatchMark {
  decisionId: number;
  unitId: number | null;
  confidence: number;
  dispatchedAt: string | null;
  explanation: ExplanationPart[];
  /** dispatched | returned | reassigned | handled */
  outcome: string;
}

export interface TicketRouting {
  ticketId: number;
  suggestions: RouteSuggestion[];
  evidenceVersion: number;
  auto: AutoDispatchMark | null;
}

const autoMark = (decision: DecisionRecord | undefined): AutoDispatchMark | null =>
  decision?.auto
    ? {
        decisionId: decision.id,
        unitId: decision.dispatchedUnitId,
        confidence: decision.confidence,
        dispatchedAt: decision.outcomeAt,
        explanation: decision.suggestions.find((s) => s.role === 'lead')?.explanation ?? [],
        outcome: decision.outcome,
      }
    : null;

/** The router's view of tickets, for the dispatch desk. */
export class RoutingService {
  constructor(
    private readonly context: IntelligenceContext,
    private readonly router: Router,
  ) {}

  /** The router's suggestions for a ticket the actor may see, and its auto-dispatch if any. */
  async ticketRouting(actor: Actor, ticketId: number): Promise<TicketRouting> {
    requireRoles(actor, ROUTING_READ_ROLES, 'Only dispatchers and supervisors see routing');
    const ticket = await this.context.tickets.getVisibleTicket(actor, ticketId);
    const result = await this.router.routeNow(ticket);
    const decision = await latestDecision(this.context.database.db, ticketId);
    return {
      ticketId,
      suggestions: result.suggestions,
      evidenceVersion: result.evidenceVersion,
      auto: autoMark(decision),
    };
  }

  /** The same for a page of tickets (the queue); tickets out of the actor's scope are left out. */
  async ticketsRouting(actor: Actor, ticketIds: readonly number[]): Promise<TicketRouting[]> {
    requireRoles(actor, ROUTING_READ_ROLES, 'Only dispatchers and supervisors see routing');
    const decisions = await latestDecisions(this.context.database.db, ticketIds);
    const routes = new Map<string, ReturnType<Router['routeNow']>>();
    const out: TicketRouting[] = [];
    for (const ticketId of new Set(ticketIds)) {
      let ticket;
      try {
        ticket = await this.context.tickets.getVisibleTicket(actor, ticketId);
      } catch (error) {
        if (error instanceof NotFoundError) continue;
        throw error;
      }
      const key = `${ticket.categoryId}/${ticket.districtId}/${ticket.streetId}`;
      if (!routes.has(key)) routes.set(key, this.router.routeNow(ticket));
      const result = await routes.get(key)!;
      out.push({
        ticketId,
        suggestions: result.suggestions,
        evidenceVersion: result.evidenceVersion,
        auto: autoMark(decisions.get(ticketId)),
      });
    }
    return out;
  }
}
