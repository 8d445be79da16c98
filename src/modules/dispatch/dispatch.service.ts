import type { Actor } from '../../platform/actor.js';
import { DomainError, ValidationError } from '../../platform/errors.js';
import type { DispatchSuggestion } from '../catalogue/index.js';
import {
  listAssignments,
  type Channel,
  type Ticket,
  type TicketPatch,
  type Urgency,
} from '../tickets/index.js';
import { readTicketInScope, type DispatchDeps } from './dispatch-access.js';
import {
  cancelPendingRequests,
  insertAssignments,
  listPendingDispatch,
  withdrawAssignments,
} from './dispatch.repository.js';
import {
  catalogueTrace,
  checkChoice,
  checkUnits,
  dispatchScopeOf,
  requireReason,
  type DispatchChoice,
  type DispatchScope,
} from './dispatch-rules.js';
import { toTicketSummary, type TicketSummary } from './ticket-summary.js';

export interface DispatchInput {
  leadUnitId: number;
  coUnitIds?: number[];
  reason?: string | null;
  /** Refuse the dispatch if the ticket changed since the dispatcher read it. */
  expectedVersion?: number;
  /** Recorded in the dispatch event's data (the router's auto-dispatch: `auto`, confidence, why); never from HTTP. */
  marks?: Record<string, unknown>;
}

export interface ReassignInput extends DispatchInput {
  reason: string;
}

export type BulkDispatchResult =
  | { ticketId: number; ok: true; ticket: TicketSummary }
  | { ticketId: number; ok: false; error: { code: string; message: string } };

export interface DispatchQueueItem {
  id: number;
  number: string;
  title: string;
  urgency: Urgency;
  categoryId: number | null;
  districtId: number | null;
  channel: Channel;
  createdAt: string;
  returnCount: number;
  version: number;
  /** What the dispatch catalogue (派单目录) in force says for this category and district. */
  suggestion: DispatchSuggestion | null;
}

export interface DispatchQueueFilter {
  districtId?: number;
  categoryId?: number;
  urgency?: Urgency;
  page?: number;
  pageSize?: number;
}

/** The most tickets one bulk dispatch may carry. */
export const MAX_BULK_DISPATCH = 100;

/** Dispatch (派单) and redistribution (改派) of work orders to a lead unit and co-handlers. */
export class DispatchService {
  constructor(private readonly deps: DispatchDeps) {}

  /** Tickets waiting for dispatch, each with the catalogue's suggestion. */
  async queue(
    actor: Actor,
    filter: DispatchQueueFilter = {},
  ): Promise<{ items: DispatchQueueItem[]; total: number; page: number; pageSize: number }> {
    const scope = dispatchScopeOf(actor);
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const districtId = scope.kind === 'district' ? scope.districtId : filter.districtId;
    const { items, total } = await listPendingDispatch(this.deps.database.db, {
      ...filter,
      districtId,
      page,
      pageSize,
    });
    const suggestions = new Map<string, Promise<DispatchSuggestion | null>>();
    const suggest = (ticket: Ticket) => {
      const key = `${ticket.categoryId}:${ticket.districtId}`;
      if (!suggestions.has(key)) suggestions.set(key, this.suggestionFor(ticket));
      return suggestions.get(key)!;
    };
    const out = await Promise.all(
      items.map(async (ticket) => ({
        id: ticket.id,
        number: ticket.number,
        title: ticket.title,
        urgency: ticket.urgency,
        categoryId: ticket.categoryId,
        districtId: ticket.districtId,
        channel: ticket.channel,
        createdAt: ticket.createdAt,
        returnCount: ticket.returnCount,
        version: ticket.version,
        suggestion: await suggest(ticket),
      })),
    );
    return { items: out, total, page, pageSize };
  }

  /** pending_dispatch → dispatched: a lead unit (主办), optional co-handlers (协办), deadlines. */
  async dispatch(actor: Actor, ticketId: number, input: DispatchInput): Promise<TicketSummary> {
    const scope = dispatchScopeOf(actor);
    const ticket = await readTicketInScope(this.deps, actor, scope, ticketId);
    const choice = await this.checkedChoice(input, scope);
    return this.assign(actor, ticket, choice, {
      action: 'dispatch',
      reason: input.reason?.trim() || null,
      expectedVersion: input.expectedVersion,
      marks: input.marks,
    });
  }

  /** Several dispatches, each in its own write: one refusal does not stop the others. */
  async dispatchMany(
    actor: Actor,
    items: ReadonlyArray<{ ticketId: number } & DispatchInput>,
  ): Promise<BulkDispatchResult[]> {
    dispatchScopeOf(actor);
    if (items.length > MAX_BULK_DISPATCH)
      throw new ValidationError(
        'items',
        `At most ${MAX_BULK_DISPATCH} tickets per bulk dispatch`,
        'VALIDATION_FAILED',
        { rule: 'maxItems', limit: MAX_BULK_DISPATCH },
      );
    const results: BulkDispatchResult[] = [];
    for (const { ticketId, ...input } of items) {
      try {
        results.push({ ticketId, ok: true, ticket: await this.dispatch(actor, ticketId, input) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ ticketId, ok: false, error: { code: error.code, message: error.message } });
      }
    }
    return results;
  }

  /** Redistribution (改派): dispatched|in_progress → dispatched to other units, new deadlines. */
  async reassign(actor: Actor, ticketId: number, input: ReassignInput): Promise<TicketSummary> {
    const scope = dispatchScopeOf(actor);
    const reason = requireReason(input.reason);
    const ticket = await readTicketInScope(this.deps, actor, scope, ticketId);
    const choice = await this.checkedChoice(input, scope);
    return this.assign(actor, ticket, choice, {
      action: 'reassign',
      reason,
      expectedVersion: input.expectedVersion,
    });
  }

  private async checkedChoice(input: DispatchInput, scope: DispatchScope) {
    const choice = checkChoice(input);
    const units = await this.deps.organisation.getUnits([choice.leadUnitId, ...choice.coUnitIds]);
    checkUnits(choice, units, scope);
    return choice;
  }

  private suggestionFor(ticket: Ticket): Promise<DispatchSuggestion | null> {
    if (ticket.categoryId === null) return Promise.resolve(null);
    return this.deps.catalogue.catalogue.suggest(ticket.categoryId, ticket.districtId);
  }

  private async assign(
    actor: Actor,
    ticket: Ticket,
    choice: DispatchChoice,
    step: {
      action: 'dispatch' | 'reassign';
      reason: string | null;
      expectedVersion?: number;
      marks?: Record<string, unknown>;
    },
  ): Promise<TicketSummary> {
    const { database, clock, catalogue, tickets } = this.deps;
    const suggestion = await this.suggestionFor(ticket);
    const now = clock.now();
    const due = await catalogue.deadlines.atDispatch({
      urgency: ticket.urgency,
      categoryId: ticket.categoryId,
      at: now,
    });
    const patch: TicketPatch = {
      leadUnitId: choice.leadUnitId,
      dispatchedAt: now.toISOString(),
      signDueAt: due.signDueAt,
      replyDueAt: due.replyDueAt,
      signedAt: null,
      ...catalogueTrace(suggestion, choice.leadUnitId),
    };
    return database.write(async (trx) => {
      // The version read above guards what the deadlines and the suggestion were computed from.
      const { after } = await tickets.store.applyStep(trx, {
        ticketId: ticket.id,
        action: step.action,
        actor,
        reason: step.reason,
        expectedVersion: step.expectedVersion ?? ticket.version,
        patch,
        data: {
          ...step.marks,
          ...choice,
          suggestion,
          followsCatalogue: patch.catalogueRuleId !== null,
        },
      });
      if (step.action === 'reassign') {
        await withdrawAssignments(trx, ticket.id);
        await cancelPendingRequests(trx, ticket.id, after.updatedAt);
      }
      await insertAssignments(trx, {
        ticketId: ticket.id,
        ...choice,
        at: after.updatedAt,
        by: actor.userId,
      });
      return toTicketSummary(after, await listAssignments(trx, ticket.id));
    });
  }
}
