import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import {
  checkExtensionDays,
  passReplyToChildren,
  requireReason,
  toTicketSummary,
  type TicketSummary,
} from '../dispatch/index.js';
import {
  canApply,
  insertEvent,
  listAssignments,
  lockTicket,
  transition,
  type Ticket,
  type TicketAssignment,
} from '../tickets/index.js';
import {
  assertBeingHandled,
  readOwnDispatch,
  requireHandler,
  type HandlingDeps,
} from './handling-access.js';
import {
  existingAttachmentIds,
  hasPendingRequest,
  insertRequest,
  listUnitWork,
  markReplied,
  markSigned,
} from './handling.repository.js';
import {
  MAX_REPLY_CHARS,
  MIN_REQUEST_REASON_CHARS,
  missingCoParts,
  nextDeadline,
  secondsLeft,
} from './handling-rules.js';

export interface UnitQueueItem {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  urgency: string;
  categoryId: number | null;
  version: number;
  role: 'lead' | 'co';
  assignmentState: 'dispatched' | 'signed';
  dispatchedAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  /** The next time limit: sign-for until signed, then feedback. */
  dueKind: 'sign' | 'reply';
  dueAt: string | null;
  secondsLeft: number | null;
  overdue: boolean;
}

export interface ReplyInput {
  text: string;
  attachmentIds?: number[];
}

/** The handling unit's side (承办单位): sign for, reply parts and the consolidated reply. */
export class HandlingService {
  constructor(private readonly deps: HandlingDeps) {}

  /** The unit's open dispatches, the nearest deadline first, with the time left. */
  async queue(actor: Actor): Promise<UnitQueueItem[]> {
    requireHandler(actor);
    const now = this.deps.clock.now();
    const rows = await listUnitWork(this.deps.database.db, actor.unitId);
    const items = rows.map((row): UnitQueueItem => {
      const next = nextDeadline(row.assignmentState === 'signed', row);
      const left = secondsLeft(next.dueAt, now);
      return { ...row, ...next, secondsLeft: left, overdue: left !== null && left < 0 };
    });
    const key = (item: UnitQueueItem) => item.dueAt ?? '9999';
    return items.sort((a, b) => key(a).localeCompare(key(b)) || a.ticketId - b.ticketId);
  }

  /**
   * Sign-for (签收). The lead unit's signature starts the handling (dispatched → in_progress);
   * a co-handler signs its own dispatch only (an event, no change of the ticket's state).
   */
  async sign(actor: Actor, ticketId: number): Promise<TicketSummary> {
    const { assignment } = await readOwnDispatch(this.deps, actor, ticketId);
    const { database, clock, tickets } = this.deps;
    return database.write(async (trx) => {
      const at = clock.now().toISOString();
      let ticket: Ticket;
      if (assignment.role === 'lead') {
        ({ after: ticket } = await tickets.store.applyStep(trx, {
          ticketId,
          action: 'sign',
          actor,
          patch: { signedAt: at },
          data: { unitId: assignment.unitId, assignmentId: assignment.id },
        }));
      } else {
        ticket = await lockTicket(trx, database.dialect, ticketId);
        assertBeingHandled(ticket);
      }
      if (!(await markSigned(trx, { assignmentId: assignment.id, by: actor.userId, at })))
        throw new ConflictError('ALREADY_SIGNED', 'Your unit has already signed for this ticket');
      if (assignment.role === 'co')
        await this.coEvent(trx, actor, assignment, 'co_signed', 'signed', at);
      return toTicketSummary(ticket, await listAssignments(trx, ticketId));
    });
  }

  /** A co-handler's own part of the reply (协办答复), which the lead unit consolidates. */
  async replyPart(actor: Actor, ticketId: number, text: string): Promise<TicketSummary> {
    const { assignment } = await readOwnDispatch(this.deps, actor, ticketId, 'co');
    const part = checkText(text);
    const { database, clock } = this.deps;
    return database.write(async (trx) => {
      const at = clock.now().toISOString();
      const ticket = await lockTicket(trx, database.dialect, ticketId);
      assertBeingHandled(ticket);
      if (
        !(await markReplied(trx, { assignmentId: assignment.id, by: actor.userId, at, text: part }))
      )
        throw assignment.state === 'replied'
          ? new ConflictError('PART_ALREADY_REPLIED', 'Your unit has already replied its part')
          : new ConflictError('NOT_SIGNED', 'Sign for the ticket before replying your part');
      await this.coEvent(trx, actor, assignment, 'co_replied', 'replied', at, { text: part });
      return toTicketSummary(ticket, await listAssignments(trx, ticketId));
    });
  }

  /**
   * The lead unit's reply (办结): in_progress → replied, once every co-handler has replied its
   * part (else CO_HANDLERS_PENDING). Sets the callback deadline; merged children take the reply.
   */
  async reply(actor: Actor, ticketId: number, input: ReplyInput): Promise<TicketSummary> {
    const { ticket, assignment } = await readOwnDispatch(this.deps, actor, ticketId, 'lead');
    const text = checkText(input.text);
    const attachmentIds = await this.checkAttachments(ticketId, input.attachmentIds ?? []);
    const { database, clock, tickets, catalogue } = this.deps;
    const now = clock.now();
    const callbackDueAt = await catalogue.deadlines.callbackDue(now, ticket);
    return database.write(async (trx) => {
      const current = await lockTicket(trx, database.dialect, ticketId);
      // An illegal step is refused (ILLEGAL_TRANSITION) before anything else is checked or written.
      if (!canApply('reply', current.status)) transition('reply', current.status);
      const assignments = await listAssignments(trx, ticketId);
      const missing = missingCoParts(assignments);
      if (missing.length > 0)
        throw new ConflictError(
          'CO_HANDLERS_PENDING',
          `${missing.length} co-handler(s) have not replied their part yet`,
          { unitIds: missing },
        );
      const at = now.toISOString();
      const { after } = await tickets.store.applyStep(trx, {
        ticketId,
        action: 'reply',
        actor,
        patch: { repliedAt: at, replyText: text, callbackDueAt },
        data: { unitId: assignment.unitId, attachmentIds, coParts: coParts(assignments) },
      });
      await markReplied(trx, { assignmentId: assignment.id, by: actor.userId, at, text });
      await passReplyToChildren(trx, tickets.store, after);
      return toTicketSummary(after, await listAssignments(trx, ticketId));
    });
  }

  /** Return (退单): the lead unit sends a misrouted order back → return_review, with a request. */
  async requestReturn(actor: Actor, ticketId: number, reason: string): Promise<TicketSummary> {
    const { assignment } = await readOwnDispatch(this.deps, actor, ticketId, 'lead');
    const why = requireReason(reason, 'reason', MIN_REQUEST_REASON_CHARS);
    const { database, clock, tickets } = this.deps;
    return database.write(async (trx) => {
      const at = clock.now().toISOString();
      const requestId = await insertRequest(trx, {
        ticketId,
        kind: 'return',
        unitId: assignment.unitId,
        requestedBy: actor.userId,
        reason: why,
        requestedDueAt: null,
        at,
      });
      // The event's `before` keeps the status to go back to if the return is refused.
      const { after } = await tickets.store.applyStep(trx, {
        ticketId,
        action: 'request_return',
        actor,
        reason: why,
        data: { requestId, unitId: assignment.unitId },
      });
      return toTicketSummary(after, await listAssignments(trx, ticketId));
    });
  }

  /** Extension (延期): the lead unit asks for 1..30 more working days; one request at a time. */
  async requestExtension(
    actor: Actor,
    ticketId: number,
    input: { reason: string; workingDays: number },
  ): Promise<TicketSummary> {
    const { ticket, assignment } = await readOwnDispatch(this.deps, actor, ticketId, 'lead');
    const why = requireReason(input.reason, 'reason', MIN_REQUEST_REASON_CHARS);
    const days = input.workingDays;
    checkExtensionDays(days);
    const { database, clock, tickets, catalogue } = this.deps;
    const from = ticket.replyDueAt ? new Date(ticket.replyDueAt) : clock.now();
    const requestedDueAt = await catalogue.deadlines.addWorkingDays(from, days);
    return database.write(async (trx) => {
      await lockTicket(trx, database.dialect, ticketId);
      if (await hasPendingRequest(trx, ticketId, 'extension'))
        throw new ConflictError(
          'EXTENSION_PENDING',
          'An extension request of this ticket is still waiting for a decision',
        );
      const requestId = await insertRequest(trx, {
        ticketId,
        kind: 'extension',
        unitId: assignment.unitId,
        requestedBy: actor.userId,
        reason: why,
        requestedDueAt,
        at: clock.now().toISOString(),
      });
      const { after } = await tickets.store.applyStep(trx, {
        ticketId,
        action: 'request_extension',
        actor,
        reason: why,
        data: { requestId, unitId: assignment.unitId, workingDays: days, requestedDueAt },
      });
      return toTicketSummary(after, await listAssignments(trx, ticketId));
    });
  }

  private async checkAttachments(ticketId: number, ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const known = await existingAttachmentIds(this.deps.database.db, ticketId, unique);
    const unknown = unique.find((id) => !known.has(id));
    if (unknown !== undefined)
      throw new ValidationError(
        'attachmentIds',
        `Attachment ${unknown} does not belong to this ticket`,
        'ATTACHMENT_NOT_FOUND',
      );
    return unique;
  }

  /** A co-handler's step is recorded in the ticket's history, though the ticket's state stays. */
  private async coEvent(
    trx: Transaction<DB>,
    actor: Actor,
    assignment: TicketAssignment,
    type: 'co_signed' | 'co_replied',
    state: 'signed' | 'replied',
    at: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const unit = { unitId: assignment.unitId, role: 'co' };
    await insertEvent(trx, {
      ticketId: assignment.ticketId,
      type,
      actorId: actor.userId,
      actorUnitId: actor.unitId,
      at,
      reason: null,
      before: { assignment: { ...unit, state: assignment.state } },
      after: { assignment: { ...unit, state } },
      data: { assignmentId: assignment.id, ...extra },
    });
  }
}

function checkText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ValidationError('text', 'Say what was done', 'TEXT_REQUIRED');
  if (Array.from(trimmed).length > MAX_REPLY_CHARS)
    throw new ValidationError(
      'text',
      `At most ${MAX_REPLY_CHARS} characters`,
      'VALIDATION_FAILED',
      {
        rule: 'maxLength',
        limit: MAX_REPLY_CHARS,
      },
    );
  return trimmed;
}

const coParts = (assignments: readonly TicketAssignment[]) =>
  assignments
    .filter((a) => a.role === 'co' && a.state === 'replied')
    .map((a) => ({ unitId: a.unitId, text: a.replyText }));
