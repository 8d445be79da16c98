import type { Actor } from '../../platform/actor.js';
import { listAdjustments, listEvaluationRequests } from './evaluation.repository.js';
import type { EvaluationAdjustment, EvaluationRequest } from './evaluation.repository.js';
import { listOrders, stepsByOrder } from './orders.repository.js';
import type { SupervisionOrderView } from './orders.service.js';
import type { SettingsSource } from './settings.service.js';
import { watchScopeOf, type SupervisionDeps } from './supervision-context.js';
import {
  listOpenDeadlines,
  listReminders,
  remindersOfTickets,
  type Reminder,
  type ReminderTrace,
} from './supervision.repository.js';
import {
  highestStage,
  NEAR_HORIZON_MS,
  watchState,
  type DeadlineKind,
  type Stage,
} from './supervision-rules.js';

/** The most rows a watch list reads before paging (beyond it, `totalCapped`). */
const MAX_WATCHED = 5000;

/** A unit's deadline (or a supervision order's) that is near or overdue, for the lists. */
export interface WatchItem {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  urgency: string;
  districtId: number | null;
  unitId: number;
  role: 'lead' | 'co' | null;
  kind: DeadlineKind;
  orderId: number | null;
  startAt: string;
  dueAt: string;
  state: 'near' | 'overdue';
  /** Seconds to the deadline; negative once overdue. */
  secondsLeft: number;
  /** Share of the time used (1 = all of it). */
  used: number;
  /** Reminders and escalations about this deadline so far. */
  reminders: number;
  lastReminderAt: string | null;
  /** The highest automatic level reached for this deadline. */
  level: Stage | null;
}

export interface WatchFilter {
  state: 'near' | 'overdue';
  kind?: DeadlineKind;
  unitId?: number;
  districtId?: number;
  page?: number;
  pageSize?: number;
}

/** Everything supervision knows about one ticket, for its page. */
export interface TicketSupervision {
  reminders: Reminder[];
  orders: SupervisionOrderView[];
  requests: EvaluationRequest[];
  adjustments: EvaluationAdjustment[];
}

/** The watch lists (overdue, near) and the supervision record of a ticket. */
export class WatchService {
  constructor(
    private readonly deps: SupervisionDeps,
    private readonly settings: SettingsSource,
  ) {}

  /**
   * Deadlines near (≥ the configured share of their time used) or overdue, earliest deadline
   * first, in the actor's scope: all for supervisors and the dispatch desk, the district for a
   * coordinator, the own unit for a handler. Returns in review (退单审核) are left out: their
   * clock stands still.
   */
  async list(
    actor: Actor,
    filter: WatchFilter,
  ): Promise<{
    items: WatchItem[];
    total: number;
    totalCapped: boolean;
    page: number;
    pageSize: number;
  }> {
    const scope = watchScopeOf(actor);
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, 200);
    const now = this.deps.clock.now();
    const { nearShare } = await this.settings.current();
    const unitId = scope.kind === 'unit' ? scope.unitId : filter.unitId;
    const districtId = scope.kind === 'district' ? scope.districtId : filter.districtId;
    const nowIso = now.toISOString();
    const window =
      filter.state === 'overdue'
        ? { dueBefore: nowIso }
        : { dueFrom: nowIso, dueBefore: new Date(now.getTime() + NEAR_HORIZON_MS).toISOString() };
    const db = this.deps.database.db;
    const rows: Array<
      Omit<WatchItem, 'reminders' | 'lastReminderAt' | 'level' | 'secondsLeft' | 'used' | 'state'>
    > = [];
    if (filter.kind !== 'order') {
      const deadlines = await listOpenDeadlines(db, {
        ...window,
        kind: filter.kind,
        unitId,
        districtId,
        limit: MAX_WATCHED,
      });
      for (const d of deadlines) rows.push({ ...d, orderId: null });
    }
    if (filter.kind === undefined || filter.kind === 'order') {
      const orders = await listOrders(db, {
        states: ['open'],
        unitId,
        districtId,
        dueBefore: window.dueBefore,
        page: 1,
        pageSize: MAX_WATCHED,
      });
      for (const order of orders.items)
        if (!window.dueFrom || order.dueAt >= window.dueFrom)
          rows.push({
            ticketId: order.ticketId,
            number: order.ticketNumber,
            title: order.ticketTitle,
            status: order.ticketStatus,
            urgency: order.ticketUrgency,
            districtId: order.ticketDistrictId,
            unitId: order.unitId,
            role: null,
            kind: 'order',
            orderId: order.id,
            startAt: order.startedAt,
            dueAt: order.dueAt,
          });
    }
    const capped = rows.length >= MAX_WATCHED;
    const matching = rows
      .map((row) => ({ row, state: watchState(row.startAt, row.dueAt, now, nearShare) }))
      .filter((entry) => entry.state === filter.state)
      .map(({ row, state }) => {
        const due = Date.parse(row.dueAt);
        const start = Date.parse(row.startAt);
        return {
          ...row,
          state: state as 'near' | 'overdue',
          secondsLeft: Math.floor((due - now.getTime()) / 1000),
          used: due > start ? Math.round(((now.getTime() - start) / (due - start)) * 100) / 100 : 1,
        };
      })
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ticketId - b.ticketId);
    const pageRows = matching.slice((page - 1) * pageSize, page * pageSize);
    const traces = await remindersOfTickets(db, [...new Set(pageRows.map((row) => row.ticketId))]);
    const items = pageRows.map((row) => {
      const mine = traces.filter((trace) => sameDeadline(trace, row));
      return {
        ...row,
        reminders: mine.length,
        lastReminderAt: mine.reduce<string | null>(
          (last, trace) => (last === null || trace.createdAt > last ? trace.createdAt : last),
          null,
        ),
        level: highestStage(mine.map((trace) => trace.stage)),
      };
    });
    return { items, total: matching.length, totalCapped: capped, page, pageSize };
  }

  /** Reminders, orders (with their steps), requests and adjustments of a ticket the actor sees. */
  async forTicket(actor: Actor, ticketId: number): Promise<TicketSupervision> {
    await this.deps.tickets.query.getVisibleTicket(actor, ticketId);
    const db = this.deps.database.db;
    const [reminders, orders, requests, adjustments] = await Promise.all([
      listReminders(db, { ticketId, page: 1, pageSize: 500 }),
      listOrders(db, { ticketId, page: 1, pageSize: 100 }),
      listEvaluationRequests(db, { ticketId, page: 1, pageSize: 100 }),
      listAdjustments(db, { ticketIds: [ticketId] }),
    ]);
    const steps = await stepsByOrder(
      db,
      orders.items.map((order) => order.id),
    );
    return {
      reminders: reminders.items,
      orders: orders.items.map((order) => ({ ...order, steps: steps.get(order.id) ?? [] })),
      requests: requests.items,
      adjustments,
    };
  }
}

function sameDeadline(
  trace: ReminderTrace,
  row: { unitId: number; kind: DeadlineKind; dueAt: string; orderId: number | null },
): boolean {
  if (row.kind === 'order') return trace.orderId === row.orderId && trace.dueAt === row.dueAt;
  return (
    trace.unitId === row.unitId &&
    trace.deadlineKind === row.kind &&
    trace.dueAt !== null &&
    Date.parse(trace.dueAt) === Date.parse(row.dueAt)
  );
}
