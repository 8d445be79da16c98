import { requireRoles, type Actor } from '../../platform/actor.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { noticeLine, noticesTo, recordOnTicket, sendNotices } from './notices.js';
import {
  assertInDistrict,
  optionalText,
  watchScopeOf,
  WATCHERS,
  type SupervisionDeps,
} from './supervision-context.js';
import {
  currentAssignmentOf,
  insertReminder,
  lastManualReminderAt,
  listReminders,
  setReminderNotified,
  type Reminder,
} from './supervision.repository.js';
import type { ReminderStage } from './supervision-rules.js';

/** The longest note a person may add to a reminder. */
export const MAX_NOTE_CHARS = 500;
/** One person chases one unit on one ticket at most this often (a double click is not two). */
export const MANUAL_REMINDER_GAP_MS = 10 * 60_000;

export interface RemindInput {
  /** The unit to chase: the lead unit (主办) unless a co-handler (协办) is named. */
  unitId?: number;
  note?: string | null;
}

export interface ReminderListFilter {
  ticketId?: number;
  unitId?: number;
  stages?: ReminderStage[];
  page?: number;
  pageSize?: number;
}

/** Reminders (催办) by hand, and the record of every reminder and escalation. */
export class ReminderService {
  constructor(private readonly deps: SupervisionDeps) {}

  /**
   * 催办 by a supervisor, the dispatch desk or the district's coordinator: the unit is notified
   * and the ticket's timeline shows it. Only while the unit owes a sign-for or a reply.
   */
  async remind(actor: Actor, ticketId: number, input: RemindInput = {}): Promise<Reminder> {
    requireRoles(
      actor,
      WATCHERS,
      'Only supervisors, the dispatch desk and coordinators chase units',
    );
    const note = optionalText(input.note, 'note', MAX_NOTE_CHARS);
    const { database, clock, tickets, senders } = this.deps;
    const ticket = await tickets.query.getVisibleTicket(actor, ticketId);
    assertInDistrict(actor, ticket);
    if (ticket.status !== 'dispatched' && ticket.status !== 'in_progress')
      throw new ConflictError(
        'NOTHING_TO_CHASE',
        `Ticket ${ticket.number} is ${ticket.status.replaceAll('_', ' ')}: no unit owes it a sign-for or a reply now`,
      );
    const unitId = input.unitId ?? ticket.leadUnitId;
    const assignment =
      unitId === null ? undefined : await currentAssignmentOf(database.db, ticketId, unitId);
    if (!assignment || unitId === null || assignment.state === 'replied')
      throw new ValidationError(
        'unitId',
        'Chase a unit that still owes this ticket a sign-for or a reply',
        'UNIT_NOT_CHASEABLE',
      );
    const now = clock.now();
    const last = await lastManualReminderAt(database.db, {
      ticketId,
      unitId,
      actorId: actor.userId,
    });
    if (last && now.getTime() - Date.parse(last) < MANUAL_REMINDER_GAP_MS)
      throw new ConflictError(
        'REMINDED_RECENTLY',
        'You chased this unit on this ticket a moment ago; give it time to act',
      );
    const kind = assignment.state === 'dispatched' ? 'sign' : 'reply';
    const dueAt = kind === 'sign' ? ticket.signDueAt : ticket.replyDueAt;
    const id = await database.write(async (trx) => {
      const at = clock.now().toISOString();
      const reminderId = await insertReminder(trx, {
        ticketId,
        unitId,
        deadlineKind: kind,
        dueAt,
        stage: 'manual',
        orderId: null,
        actorId: actor.userId,
        note,
        dedupeKey: null,
        at,
      });
      const detail = { stage: 'manual', deadlineKind: kind, dueAt, unitId, orderId: null };
      const notified = await sendNotices(
        trx,
        senders,
        noticesTo([{ unitId, userId: null }], {
          kind: 'sv_reminder',
          ticket,
          message: noticeLine(ticket, note),
          dedupeKey: null,
          detail,
        }),
      );
      await setReminderNotified(trx, reminderId!, notified);
      await recordOnTicket(trx, database.dialect, {
        ticketId,
        type: 'reminder',
        actor,
        at,
        reason: note,
        data: { reminderId, ...detail, notified },
      });
      return reminderId!;
    });
    const { items } = await listReminders(database.db, { ticketId, page: 1, pageSize: 50 });
    return items.find((item) => item.id === id)!;
  }

  /**
   * Reminders and escalations, newest first: a handler sees those to the own unit, a coordinator
   * those about the district's tickets, supervisors and the dispatch desk all.
   */
  async list(
    actor: Actor,
    filter: ReminderListFilter = {},
  ): Promise<{ items: Reminder[]; total: number; page: number; pageSize: number }> {
    const scope = watchScopeOf(actor);
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, 200);
    const { items, total } = await listReminders(this.deps.database.db, {
      ticketId: filter.ticketId,
      unitId: scope.kind === 'unit' ? scope.unitId : filter.unitId,
      districtId: scope.kind === 'district' ? scope.districtId : undefined,
      stages: filter.stages,
      page,
      pageSize,
    });
    return { items, total, page, pageSize };
  }
}
