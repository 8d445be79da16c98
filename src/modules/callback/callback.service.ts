import { requireRoles, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import type { CatalogueModule } from '../catalogue/index.js';
import { requireReason, toTicketSummary, type TicketSummary } from '../dispatch/index.js';
import {
  canApply,
  getTicketRow,
  listAssignments,
  lockTicket,
  toTicket,
  transition,
  type Ticket,
  type TicketsModule,
} from '../tickets/index.js';
import {
  insertCallback,
  insertCitizenEvaluation,
  listAwaitingCallback,
} from './callback.repository.js';
import {
  decideReopen,
  RESOLUTION_CITIZEN,
  RESOLUTION_NO_CALLBACK,
  type CallbackAnswers,
} from './callback-rules.js';
import { closeByCallback, reopenForUnit, reopenThroughParent } from './ticket-reopening.js';

export interface CallbackDeps {
  database: Database;
  clock: Clock;
  tickets: TicketsModule;
  catalogue: CatalogueModule;
}

export interface CallbackInput extends CallbackAnswers {
  note?: string | null;
}

export interface CallbackQueueItem {
  id: number;
  number: string;
  title: string;
  urgency: string;
  categoryId: number | null;
  districtId: number | null;
  leadUnitId: number | null;
  parentId: number | null;
  repliedAt: string | null;
  replyText: string | null;
  callbackDueAt: string | null;
  overdue: boolean;
  version: number;
}

const MAX_NOTE_CHARS = 2000;

/** The callback desk (回访): ask the citizen, then close the ticket or send it back (重办). */
export class CallbackService {
  constructor(private readonly deps: CallbackDeps) {}

  /** Replied tickets (merged children too) waiting for a callback, nearest deadline first. */
  async queue(
    actor: Actor,
    options: { page?: number; pageSize?: number } = {},
  ): Promise<{ items: CallbackQueueItem[]; total: number; page: number; pageSize: number }> {
    requireCallbackDesk(actor);
    const page = options.page ?? 1;
    const pageSize = options.pageSize ?? 50;
    const now = this.deps.clock.now().toISOString();
    const { items, total } = await listAwaitingCallback(this.deps.database.db, { page, pageSize });
    return {
      items: items.map((t) => ({
        id: t.id,
        number: t.number,
        title: t.title,
        urgency: t.urgency,
        categoryId: t.categoryId,
        districtId: t.districtId,
        leadUnitId: t.leadUnitId,
        parentId: t.parentId,
        repliedAt: t.repliedAt,
        replyText: t.replyText,
        callbackDueAt: t.callbackDueAt,
        overdue: t.callbackDueAt !== null && t.callbackDueAt < now,
        version: t.version,
      })),
      total,
      page,
      pageSize,
    };
  }

  /**
   * Records the three answers, then closes the ticket (resolution 'callback') or reopens it for
   * the same lead unit. A merged child's reopen reopens its parent, the child waits under it.
   */
  async recordCallback(
    actor: Actor,
    ticketId: number,
    input: CallbackInput,
  ): Promise<TicketSummary> {
    requireCallbackDesk(actor);
    const note = checkNote(input.note);
    const ticket = await this.readTicket(actor, ticketId);
    return this.conclude(actor, ticket, input, note, async (trx, at, answers) => ({
      callbackId: await insertCallback(trx, {
        ...answers,
        ticketId,
        agentId: actor.userId,
        note,
        at,
      }),
    }));
  }

  /**
   * The citizen's own evaluation of the reply (portal, app), found by number and query code: the
   * three answers in their words. An unresolved appeal goes back to its unit (重办); otherwise the
   * ticket closes (resolution 'citizen_evaluation') and needs no callback. Once, while replied.
   */
  async recordCitizenEvaluation(
    ticketId: number,
    input: CallbackAnswers & { comment?: string | null },
  ): Promise<Ticket> {
    const comment = checkNote(input.comment, 'comment');
    const ticket = toTicket(await getTicketRow(this.deps.database.db, ticketId));
    if (ticket.status !== 'replied')
      throw new ConflictError(
        'NOT_AWAITING_EVALUATION',
        ticket.status === 'closed'
          ? 'This appeal has already been evaluated'
          : 'An appeal can be evaluated once it has been replied to',
      );
    const answers = { ...input, reopen: undefined };
    const summary = await this.conclude(null, ticket, answers, comment, async (trx, at, given) => ({
      evaluationId: await insertCitizenEvaluation(trx, { ...given, ticketId, comment, at }),
      by: 'citizen',
    }));
    return toTicket(await getTicketRow(this.deps.database.db, summary.id));
  }

  /** Records the answers (through `record`) and closes or reopens the ticket accordingly. */
  private async conclude(
    actor: Actor | null,
    ticket: Ticket,
    input: CallbackAnswers,
    note: string | null,
    record: (
      trx: Transaction<DB>,
      at: string,
      answers: Pick<CallbackAnswers, 'contacted' | 'resolved' | 'satisfaction'>,
    ) => Promise<Record<string, unknown>>,
  ): Promise<TicketSummary> {
    const reopen = decideReopen(input);
    const target =
      reopen && ticket.parentId !== null
        ? actor
          ? await this.readTicket(actor, ticket.parentId)
          : toTicket(await getTicketRow(this.deps.database.db, ticket.parentId))
        : ticket;
    const replyDueAt = reopen ? await this.nextReplyDue(target) : null;
    const { database, clock, tickets } = this.deps;
    const { contacted, resolved, satisfaction } = input;
    return database.write(async (trx) => {
      const at = clock.now().toISOString();
      const current = await lockTicket(trx, database.dialect, ticket.id);
      // An illegal step is refused (ILLEGAL_TRANSITION) before anything else is checked or written.
      if (!canApply('callback', current.status)) transition('callback', current.status);
      const answers = { contacted, resolved, satisfaction };
      const recorded = await record(trx, at, answers);
      const step = { actor, reason: note, data: { ...recorded, ...answers, reopen } };
      let after: Ticket;
      if (!reopen)
        after = await closeByCallback(trx, tickets.store, current, {
          ...step,
          at,
          ...(actor ? {} : { resolution: RESOLUTION_CITIZEN }),
        });
      else if (current.parentId === null)
        after = await reopenForUnit(trx, tickets.store, current, {
          ...step,
          action: 'callback',
          replyDueAt,
        });
      else {
        const parent = await lockTicket(trx, database.dialect, current.parentId);
        after = await reopenThroughParent(trx, tickets.store, current, parent, {
          ...step,
          replyDueAt,
        });
      }
      return toTicketSummary(after, await listAssignments(trx, ticket.id));
    });
  }

  /** replied → closed without a callback (the citizen could not be reached), with a reason. */
  async close(actor: Actor, ticketId: number, reasonText: string): Promise<TicketSummary> {
    requireCallbackDesk(actor);
    const reason = requireReason(reasonText);
    await this.readTicket(actor, ticketId);
    const { database, clock, tickets } = this.deps;
    return database.write(async (trx) => {
      const { after } = await tickets.store.applyStep(trx, {
        ticketId,
        action: 'close',
        actor,
        reason,
        patch: { closedAt: clock.now().toISOString(), resolution: RESOLUTION_NO_CALLBACK },
      });
      return toTicketSummary(after, await listAssignments(trx, ticketId));
    });
  }

  /**
   * Reopen (重办): replied|closed → in_progress for the same lead unit, with a new feedback
   * deadline. Reopening a merged child reopens its parent, under which the child waits again.
   */
  async reopen(actor: Actor, ticketId: number, reasonText: string): Promise<TicketSummary> {
    requireCallbackDesk(actor);
    const reason = requireReason(reasonText);
    const ticket = await this.readTicket(actor, ticketId);
    if (ticket.parentId !== null && ticket.status === 'closed')
      throw new ConflictError(
        'MERGED_CHILD_CLOSED',
        `Ticket ${ticket.number} was closed under its parent: reopen the parent ticket instead`,
      );
    const child = ticket.parentId !== null && ticket.status === 'replied';
    const target = child ? await this.readTicket(actor, ticket.parentId!) : ticket;
    const replyDueAt = await this.nextReplyDue(target);
    const { database } = this.deps;
    return database.write(async (trx) => {
      const current = await lockTicket(trx, database.dialect, target.id);
      const after = await reopenForUnit(trx, this.deps.tickets.store, current, {
        action: 'reopen',
        actor,
        reason,
        data: child ? { childId: ticketId } : {},
        replyDueAt,
      });
      const shown = child ? toTicket(await getTicketRow(trx, ticketId)) : after;
      return toTicketSummary(shown, await listAssignments(trx, ticketId));
    });
  }

  /** A reopened ticket gets a fresh feedback time limit, counted from now. */
  private async nextReplyDue(ticket: Ticket): Promise<string> {
    const due = await this.deps.catalogue.deadlines.atDispatch({
      urgency: ticket.urgency,
      categoryId: ticket.categoryId,
      at: this.deps.clock.now(),
    });
    return due.replyDueAt;
  }

  private readTicket(actor: Actor, ticketId: number): Promise<Ticket> {
    return this.deps.tickets.query.getVisibleTicket(actor, ticketId);
  }
}

function requireCallbackDesk(actor: Actor): void {
  requireRoles(
    actor,
    ['callback_agent', 'supervisor'],
    'Only the callback desk or a supervisor can do this',
  );
}

function checkNote(note: string | null | undefined, field = 'note'): string | null {
  const text = note?.trim() || null;
  if (text && Array.from(text).length > MAX_NOTE_CHARS)
    throw new ValidationError(
      field,
      `${field} may have at most ${MAX_NOTE_CHARS} characters`,
      'VALIDATION_FAILED',
      { rule: 'maxLength', limit: MAX_NOTE_CHARS },
    );
  return text;
}
