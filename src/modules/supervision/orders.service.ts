import type { Transaction } from 'kysely';
import { requireRoles, type Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Ticket } from '../tickets/index.js';
import { noticeLine, noticesTo, recordOnTicket, sendNotices, type NoticeKind } from './notices.js';
import {
  getOrder,
  hasUnclosedOrder,
  insertOrder,
  insertStep,
  listOrders,
  stepsByOrder,
  updateOrder,
  type OrderAction,
  type OrderState,
  type OrderStep,
  type SupervisionOrder,
} from './orders.repository.js';
import {
  requiredText,
  optionalText,
  watchScopeOf,
  type SupervisionDeps,
} from './supervision-context.js';
import type { SupervisionEventType } from './notices.js';

export const MAX_ORDER_TEXT = 2000;
export const MAX_ORDER_REPLY = 5000;
/** An order's own time limit: at most this many working days, or this many hours. */
export const MAX_ORDER_WORKING_DAYS = 30;
export const MAX_ORDER_HOURS = 720;

/** The order's deadline: an instant, or working days or hours from now (exactly one). */
export interface OrderDeadline {
  dueAt?: string;
  workingDays?: number;
  hours?: number;
}

export interface IssueOrderInput extends OrderDeadline {
  reason: string;
  requirement: string;
}

export interface SupervisionOrderView extends SupervisionOrder {
  steps: OrderStep[];
}

const EVENT_OF: Record<OrderAction, SupervisionEventType> = {
  issue: 'supervision_order_issued',
  reply: 'supervision_order_replied',
  send_back: 'supervision_order_sent_back',
  close: 'supervision_order_closed',
};

const NOTICE_OF: Record<OrderAction, NoticeKind> = {
  issue: 'sv_order_issued',
  reply: 'sv_order_replied',
  send_back: 'sv_order_sent_back',
  close: 'sv_order_closed',
};

/** Tickets that can be supervised: handled by a unit, and not merged into another ticket. */
function assertSupervisable(ticket: Ticket): number {
  if (ticket.leadUnitId === null || ticket.status === 'merged')
    throw new ConflictError(
      'NOT_SUPERVISABLE',
      `Ticket ${ticket.number} has no unit handling it: there is nobody to supervise`,
    );
  return ticket.leadUnitId;
}

/**
 * Supervision orders (督办单): a supervisor orders the ticket's lead unit to act, with a reason,
 * a requirement and a deadline of its own; the unit's handler replies; the supervisor closes it
 * or sends it back with a new deadline. Every step is kept with its actor and time, and written
 * to the ticket's timeline.
 */
export class SupervisionOrderService {
  constructor(private readonly deps: SupervisionDeps) {}

  async issue(
    actor: Actor,
    ticketId: number,
    input: IssueOrderInput,
  ): Promise<SupervisionOrderView> {
    requireRoles(actor, ['supervisor'], 'Only a supervisor issues a supervision order');
    const reason = requiredText(input.reason, 'reason', { max: MAX_ORDER_TEXT });
    const requirement = requiredText(input.requirement, 'requirement', { max: MAX_ORDER_TEXT });
    const { database, clock, tickets } = this.deps;
    const ticket = await tickets.query.getVisibleTicket(actor, ticketId);
    const unitId = assertSupervisable(ticket);
    const dueAt = await this.deadline(input);
    if (await hasUnclosedOrder(database.db, ticketId, unitId))
      throw new ConflictError(
        'ORDER_OPEN',
        `Ticket ${ticket.number} already has a supervision order to this unit that is not closed`,
      );
    const id = await database.write(async (trx) => {
      const at = clock.now().toISOString();
      const orderId = await insertOrder(trx, {
        ticketId,
        unitId,
        reason,
        requirement,
        dueAt,
        by: actor.userId,
        at,
      });
      await this.recordStep(trx, actor, {
        orderId,
        ticket,
        unitId,
        action: 'issue',
        at,
        text: requirement,
        dueAt,
        reason,
        to: [{ unitId, userId: null }],
      });
      return orderId;
    });
    return this.view(id);
  }

  /** The unit's reply (one of its handlers): open → replied; the issuer hears of it. */
  async reply(actor: Actor, orderId: number, text: string): Promise<SupervisionOrderView> {
    requireRoles(actor, ['handler'], 'Only staff of the unit reply to its supervision order');
    const reply = requiredText(text, 'text', { max: MAX_ORDER_REPLY });
    const order = await getOrder(this.deps.database.db, orderId);
    if (order.unitId !== actor.unitId)
      throw new ForbiddenError('This supervision order is to another unit', 'NOT_YOUR_ORDER');
    if (order.state !== 'open') throw notInState(order, 'open');
    return this.move(actor, order, {
      action: 'reply',
      from: ['open'],
      set: { state: 'replied', reply_text: reply, replied_by: actor.userId },
      text: reply,
      dueAt: null,
      to: [{ unitId: order.issuedByUnitId ?? actor.unitId, userId: order.issuedBy }],
    });
  }

  /** A reply that does not satisfy: replied → open again, with a reason and a new deadline. */
  async sendBack(
    actor: Actor,
    orderId: number,
    input: OrderDeadline & { reason: string },
  ): Promise<SupervisionOrderView> {
    requireRoles(actor, ['supervisor'], 'Only a supervisor sends a supervision order back');
    const reason = requiredText(input.reason, 'reason', { max: MAX_ORDER_TEXT });
    const order = await getOrder(this.deps.database.db, orderId);
    if (order.state !== 'replied') throw notInState(order, 'replied');
    const given =
      input.dueAt !== undefined || input.workingDays !== undefined || input.hours !== undefined;
    const dueAt = given ? await this.deadline(input) : order.dueAt;
    return this.move(actor, order, {
      action: 'send_back',
      from: ['replied'],
      set: {
        state: 'open',
        due_at: dueAt,
        rounds: order.rounds + 1,
        reply_text: null,
        replied_by: null,
        replied_at: null,
      },
      startsAgain: true,
      text: reason,
      dueAt,
      to: [{ unitId: order.unitId, userId: null }],
    });
  }

  /** Done (or withdrawn): open|replied → closed, with an optional note. */
  async close(actor: Actor, orderId: number, note?: string | null): Promise<SupervisionOrderView> {
    requireRoles(actor, ['supervisor'], 'Only a supervisor closes a supervision order');
    const text = optionalText(note, 'note', MAX_ORDER_TEXT);
    const order = await getOrder(this.deps.database.db, orderId);
    if (order.state === 'closed') throw notInState(order, 'open');
    return this.move(actor, order, {
      action: 'close',
      from: ['open', 'replied'],
      set: { state: 'closed', closed_by: actor.userId, close_note: text },
      stampClosed: true,
      text,
      dueAt: null,
      to: [{ unitId: order.unitId, userId: null }],
    });
  }

  /** One order with its steps, if the actor may see it. */
  async get(actor: Actor, orderId: number): Promise<SupervisionOrderView> {
    const order = await getOrder(this.deps.database.db, orderId);
    await this.assertVisible(actor, order);
    return this.view(orderId);
  }

  /**
   * Orders: a handler sees those to the own unit, a coordinator those on the district's
   * tickets, supervisors and the dispatch desk all.
   */
  async list(
    actor: Actor,
    filter: {
      states?: OrderState[];
      unitId?: number;
      ticketId?: number;
      page?: number;
      pageSize?: number;
    } = {},
  ): Promise<{ items: SupervisionOrderView[]; total: number; page: number; pageSize: number }> {
    const scope = watchScopeOf(actor);
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, 200);
    const db = this.deps.database.db;
    const { items, total } = await listOrders(db, {
      states: filter.states,
      unitId: scope.kind === 'unit' ? scope.unitId : filter.unitId,
      districtId: scope.kind === 'district' ? scope.districtId : undefined,
      ticketId: filter.ticketId,
      page,
      pageSize,
    });
    const steps = await stepsByOrder(
      db,
      items.map((order) => order.id),
    );
    return {
      items: items.map((order) => ({ ...order, steps: steps.get(order.id) ?? [] })),
      total,
      page,
      pageSize,
    };
  }

  private async view(orderId: number): Promise<SupervisionOrderView> {
    const db = this.deps.database.db;
    const order = await getOrder(db, orderId);
    const steps = await stepsByOrder(db, [orderId]);
    return { ...order, steps: steps.get(orderId) ?? [] };
  }

  private async assertVisible(actor: Actor, order: SupervisionOrder): Promise<void> {
    const scope = watchScopeOf(actor);
    const visible =
      scope.kind === 'all' ||
      (scope.kind === 'unit' && order.unitId === scope.unitId) ||
      (scope.kind === 'district' && order.ticketDistrictId === scope.districtId);
    if (!visible)
      throw new ForbiddenError('This supervision order is outside your scope', 'OUT_OF_SCOPE');
  }

  /** The deadline asked for: exactly one of an instant in the future, working days, or hours. */
  private async deadline(input: OrderDeadline): Promise<string> {
    const now = this.deps.clock.now();
    const given = [input.dueAt, input.workingDays, input.hours].filter((v) => v !== undefined);
    if (given.length !== 1)
      throw new ValidationError(
        'dueAt',
        'Give the deadline as one of: a time (dueAt), working days, or hours',
        'DEADLINE_REQUIRED',
      );
    if (input.workingDays !== undefined) {
      if (
        !Number.isInteger(input.workingDays) ||
        input.workingDays < 1 ||
        input.workingDays > MAX_ORDER_WORKING_DAYS
      )
        throw new ValidationError(
          'workingDays',
          `1 to ${MAX_ORDER_WORKING_DAYS} working days`,
          'VALIDATION_FAILED',
          { rule: 'maximum', limit: MAX_ORDER_WORKING_DAYS },
        );
      return this.deps.catalogue.deadlines.addWorkingDays(now, input.workingDays);
    }
    if (input.hours !== undefined) {
      if (!(input.hours > 0) || input.hours > MAX_ORDER_HOURS)
        throw new ValidationError(
          'hours',
          `More than 0 and at most ${MAX_ORDER_HOURS} hours`,
          'VALIDATION_FAILED',
          { rule: 'maximum', limit: MAX_ORDER_HOURS },
        );
      return new Date(now.getTime() + input.hours * 3_600_000).toISOString();
    }
    const at = Date.parse(input.dueAt!);
    if (Number.isNaN(at))
      throw new ValidationError(
        'dueAt',
        'The deadline must be a date and time',
        'VALIDATION_FAILED',
        { rule: 'format' },
      );
    if (at <= now.getTime())
      throw new ValidationError('dueAt', 'The deadline must be in the future', 'DEADLINE_PASSED');
    return new Date(at).toISOString();
  }

  private async move(
    actor: Actor,
    order: SupervisionOrder,
    step: {
      action: OrderAction;
      from: OrderState[];
      set: Parameters<typeof updateOrder>[4];
      startsAgain?: boolean;
      stampClosed?: boolean;
      text: string | null;
      dueAt: string | null;
      to: Array<{ unitId: number; userId: number | null }>;
    },
  ): Promise<SupervisionOrderView> {
    const { database, clock } = this.deps;
    const ticket = await this.deps.tickets.query.getVisibleTicket(actor, order.ticketId);
    await database.write(async (trx) => {
      const at = clock.now().toISOString();
      const set = {
        ...step.set,
        updated_at: at,
        ...(step.action === 'reply' ? { replied_at: at } : {}),
        ...(step.startsAgain ? { started_at: at } : {}),
        ...(step.stampClosed ? { closed_at: at } : {}),
      };
      if (!(await updateOrder(trx, order.id, step.from, order.version, set)))
        throw new ConflictError(
          'ORDER_CHANGED',
          `Supervision order ${order.id} was changed by someone else; reload it and try again`,
        );
      await this.recordStep(trx, actor, {
        orderId: order.id,
        ticket,
        unitId: order.unitId,
        action: step.action,
        at,
        text: step.text,
        dueAt: step.dueAt,
        reason: step.action === 'reply' ? null : step.text,
        to: step.to,
      });
    });
    return this.view(order.id);
  }

  private async recordStep(
    trx: Transaction<DB>,
    actor: Actor,
    step: {
      orderId: number;
      ticket: Ticket;
      unitId: number;
      action: OrderAction;
      at: string;
      text: string | null;
      dueAt: string | null;
      reason: string | null;
      to: Array<{ unitId: number; userId: number | null }>;
    },
  ): Promise<void> {
    const { database, senders } = this.deps;
    await insertStep(trx, {
      orderId: step.orderId,
      action: step.action,
      actorId: actor.userId,
      actorUnitId: actor.unitId,
      at: step.at,
      text: step.text,
      dueAt: step.dueAt,
    });
    const detail = {
      orderId: step.orderId,
      unitId: step.unitId,
      action: step.action,
      dueAt: step.dueAt,
    };
    await sendNotices(
      trx,
      senders,
      noticesTo(step.to, {
        kind: NOTICE_OF[step.action],
        ticket: step.ticket,
        message: noticeLine(step.ticket),
        dedupeKey: null,
        detail,
      }),
    );
    await recordOnTicket(trx, database.dialect, {
      ticketId: step.ticket.id,
      type: EVENT_OF[step.action],
      actor,
      at: step.at,
      reason: step.reason,
      data: {
        ...detail,
        text: step.action === 'reply' || step.action === 'issue' ? step.text : null,
      },
    });
  }
}

const notInState = (order: SupervisionOrder, expected: OrderState) =>
  new ConflictError(
    'ORDER_NOT_' + expected.toUpperCase(),
    `Supervision order ${order.id} is ${order.state}, not ${expected}`,
  );
