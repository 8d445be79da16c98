import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { lockTicket, type Ticket } from '../tickets/index.js';
import { noticeLine, noticesTo, recordOnTicket, sendNotices, type NoticeKind } from './notices.js';
import { getOrder, listOrders } from './orders.repository.js';
import type { SettingsSource } from './settings.service.js';
import type { SupervisionDeps } from './supervision-context.js';
import {
  centreSupervisors,
  currentAssignmentOf,
  districtCoordinators,
  insertReminder,
  listOpenDeadlines,
  setReminderNotified,
  takenKeys,
  type Recipient,
} from './supervision.repository.js';
import {
  finalStage,
  NEAR_HORIZON_MS,
  reminderKey,
  stagesReached,
  STAGES,
  type DeadlineKind,
  type Stage,
} from './supervision-rules.js';

/** The most running deadlines a scan reads, earliest first (beyond it, the next scans). */
const MAX_SCANNED = 20_000;
/** Steps taken per transaction (one commit for many, in ticket order). */
const BATCH = 50;

export interface ScanResult {
  /** Running deadlines looked at. */
  scanned: number;
  /** Reminders to units written by this scan (near, overdue). */
  reminders: number;
  /** Escalations written by this scan (district, centre). */
  escalations: number;
}

/** One automatic step to take: a stage reached by a unit's deadline or by an order. */
interface Due {
  key: string;
  stage: Stage;
  ticketId: number;
  unitId: number;
  kind: DeadlineKind;
  dueAt: string;
  orderId: number | null;
}

const NOTICE_OF: Record<Stage, NoticeKind> = {
  near: 'sv_near',
  overdue: 'sv_overdue',
  district: 'sv_escalation',
  centre: 'sv_escalation',
};

/**
 * Finds the units' sign-for and feedback deadlines, and the supervision orders, that turned
 * near or overdue or passed an escalation threshold, and for each step not taken yet: records
 * it, notifies the unit (or the district's coordinators, or the centre's supervisors) and adds
 * it to the ticket's timeline, in one transaction. Safe on every app instance at once: each step
 * has a unique key, written under the ticket's row lock, and a step whose key is taken is
 * skipped; a deadline that moved meanwhile (signed, replied, extended) is left alone.
 */
export class SupervisionScanner {
  constructor(
    private readonly deps: SupervisionDeps,
    private readonly settings: SettingsSource,
  ) {}

  async scan(): Promise<ScanResult> {
    const { database, clock } = this.deps;
    const now = clock.now();
    const settings = await this.settings.current();
    const final = finalStage(settings);
    const result: ScanResult = { scanned: 0, reminders: 0, escalations: 0 };
    if (final === null) return result;
    const horizon = new Date(now.getTime() + NEAR_HORIZON_MS).toISOString();
    const [deadlines, orders] = await Promise.all([
      listOpenDeadlines(database.db, {
        dueBefore: horizon,
        unfinishedStage: final,
        limit: MAX_SCANNED,
      }),
      listOrders(database.db, {
        states: ['open'],
        dueBefore: horizon,
        page: 1,
        pageSize: MAX_SCANNED,
      }),
    ]);
    result.scanned = deadlines.length + orders.items.length;
    const due: Due[] = [];
    for (const deadline of deadlines)
      for (const stage of stagesReached(deadline, now, settings))
        due.push({
          key: reminderKey(stage, deadline),
          stage,
          ticketId: deadline.ticketId,
          unitId: deadline.unitId,
          kind: deadline.kind,
          dueAt: deadline.dueAt,
          orderId: null,
        });
    for (const order of orders.items)
      for (const stage of stagesReached(
        { startAt: order.startedAt, dueAt: order.dueAt },
        now,
        settings,
      ))
        due.push({
          key: reminderKey(stage, { kind: 'order', orderId: order.id, dueAt: order.dueAt }),
          stage,
          ticketId: order.ticketId,
          unitId: order.unitId,
          kind: 'order',
          dueAt: order.dueAt,
          orderId: order.id,
        });
    const taken = await takenKeys(
      database.db,
      due.map((step) => step.key),
    );
    // In ticket order, so two instances lock the same tickets in the same order (no deadlock).
    const todo = due
      .filter((step) => !taken.has(step.key))
      .sort((a, b) => a.ticketId - b.ticketId || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
    for (let i = 0; i < todo.length; i += BATCH) {
      for (const step of await this.take(todo.slice(i, i + BATCH))) {
        if (step.stage === 'district' || step.stage === 'centre') result.escalations += 1;
        else result.reminders += 1;
      }
    }
    return result;
  }

  /**
   * Takes some steps in one transaction; returns those taken (a step another instance took first,
   * or whose deadline moved meanwhile, is skipped).
   */
  private async take(steps: readonly Due[]): Promise<Due[]> {
    const { database, clock, senders, organisation } = this.deps;
    const units = await organisation.getUnits([...new Set(steps.map((step) => step.unitId))]);
    return database.write(async (trx) => {
      const done: Due[] = [];
      const recipients = new RecipientCache(trx);
      for (const step of steps) {
        const ticket = await lockTicket(trx, database.dialect, step.ticketId);
        if (!(await stillRunning(trx, ticket, step))) continue;
        const at = clock.now().toISOString();
        const reminderId = await insertReminder(trx, {
          ticketId: step.ticketId,
          unitId: step.unitId,
          deadlineKind: step.kind,
          dueAt: step.dueAt,
          stage: step.stage,
          orderId: step.orderId,
          actorId: null,
          note: null,
          dedupeKey: step.key,
          at,
        });
        if (reminderId === null) continue;
        const detail = {
          stage: step.stage,
          deadlineKind: step.kind,
          dueAt: step.dueAt,
          unitId: step.unitId,
          orderId: step.orderId,
        };
        const escalation = step.stage === 'district' || step.stage === 'centre';
        const notified = await sendNotices(
          trx,
          senders,
          noticesTo(await recipients.of(step.stage, ticket, step.unitId), {
            kind: NOTICE_OF[step.stage],
            ticket,
            message: noticeLine(ticket, escalation ? (units.get(step.unitId)?.name ?? null) : null),
            dedupeKey: step.key,
            detail,
          }),
        );
        await setReminderNotified(trx, reminderId, notified);
        await recordOnTicket(trx, database.dialect, {
          ticketId: step.ticketId,
          type: escalation ? 'escalation' : 'reminder',
          actor: null,
          at,
          reason: null,
          data: { reminderId, ...detail, notified },
          locked: true,
        });
        done.push(step);
      }
      return done;
    });
  }
}

/** Whether the deadline is still the one found (not signed, replied, moved or closed meanwhile). */
async function stillRunning(trx: Transaction<DB>, ticket: Ticket, step: Due): Promise<boolean> {
  if (step.kind === 'order') {
    const order = await getOrder(trx, step.orderId!);
    return order.state === 'open' && order.dueAt === step.dueAt;
  }
  if (ticket.status !== 'dispatched' && ticket.status !== 'in_progress') return false;
  const dueAt = step.kind === 'sign' ? ticket.signDueAt : ticket.replyDueAt;
  if (dueAt !== step.dueAt) return false;
  const assignment = await currentAssignmentOf(trx, ticket.id, step.unitId);
  return assignment?.state === (step.kind === 'sign' ? 'dispatched' : 'signed');
}

/**
 * Who hears of a step: the unit itself for reminders; its district's coordinators, then the
 * centre's supervisors, for escalations (read once per batch).
 */
class RecipientCache {
  private supervisors: Promise<Recipient[]> | null = null;
  private readonly coordinators = new Map<number, Promise<Recipient[]>>();

  constructor(private readonly trx: Transaction<DB>) {}

  of(stage: Stage, ticket: Ticket, unitId: number): Promise<Recipient[]> {
    switch (stage) {
      case 'near':
      case 'overdue':
        return Promise.resolve([{ unitId, userId: null }]);
      case 'district': {
        const district = ticket.districtId;
        if (district === null) return Promise.resolve([]);
        if (!this.coordinators.has(district))
          this.coordinators.set(district, districtCoordinators(this.trx, district));
        return this.coordinators.get(district)!;
      }
      case 'centre':
        this.supervisors ??= centreSupervisors(this.trx);
        return this.supervisors;
    }
  }
}
