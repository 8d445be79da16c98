import { ConflictError } from '../../platform/errors.js';

/** The states of a work order (工单), as in ../shared/DOMAIN.md "The life of a ticket". */
export const TICKET_STATUSES = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
  'replied',
  'closed',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = [
  'accept',
  'direct_answer',
  'refer',
  'invalidate',
  'dispatch',
  'reassign',
  'sign',
  'request_return',
  'accept_return',
  'refuse_return',
  'request_extension',
  'decide_extension',
  'reply',
  'callback',
  'reopen',
  'close',
  'merge',
  'follow_parent',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * For each action: the states it may start from and the state it leads to. `null` as the target
 * means "decided by the use case" (refusing a return goes back to where the ticket was; a
 * callback closes or reopens; a merged child follows its parent).
 */
const TRANSITIONS: Record<
  TicketAction,
  { from: readonly TicketStatus[]; to: TicketStatus | null }
> = {
  accept: { from: ['received'], to: 'pending_dispatch' },
  direct_answer: { from: ['received', 'pending_dispatch'], to: 'closed' },
  refer: { from: ['received', 'pending_dispatch'], to: 'closed' },
  invalidate: { from: ['received', 'pending_dispatch'], to: 'closed' },
  dispatch: { from: ['pending_dispatch'], to: 'dispatched' },
  reassign: { from: ['dispatched', 'in_progress'], to: 'dispatched' },
  sign: { from: ['dispatched'], to: 'in_progress' },
  request_return: { from: ['dispatched', 'in_progress'], to: 'return_review' },
  accept_return: { from: ['return_review'], to: 'pending_dispatch' },
  refuse_return: { from: ['return_review'], to: null },
  request_extension: { from: ['in_progress'], to: 'in_progress' },
  decide_extension: { from: ['in_progress', 'return_review'], to: null },
  reply: { from: ['in_progress'], to: 'replied' },
  callback: { from: ['replied'], to: null },
  reopen: { from: ['replied', 'closed'], to: 'in_progress' },
  close: { from: ['replied'], to: 'closed' },
  merge: {
    from: ['received', 'pending_dispatch', 'dispatched', 'in_progress', 'return_review'],
    to: 'merged',
  },
  follow_parent: { from: ['merged', 'replied'], to: null },
};

/** Where a ticket may go from `from` by `action` (the target, or null when the use case decides). */
export function allowedFrom(action: TicketAction): readonly TicketStatus[] {
  return TRANSITIONS[action].from;
}

export function canApply(action: TicketAction, from: TicketStatus): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/**
 * Checks that `action` is legal from `from` and returns the next status. `decided` supplies the
 * target for actions whose outcome depends on the case; it must itself be a sensible target.
 */
export function transition(
  action: TicketAction,
  from: TicketStatus,
  decided?: TicketStatus,
): TicketStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    throw new ConflictError(
      'ILLEGAL_TRANSITION',
      `Cannot ${action.replaceAll('_', ' ')} a ticket that is ${from.replaceAll('_', ' ')} (allowed from: ${rule.from.join(', ')})`,
      { action, status: from },
    );
  }
  const target = rule.to ?? decided;
  if (!target) throw new Error(`transition(${action}) needs a decided target`);
  return target;
}

/** Tickets still being worked on (not closed and not merged into another). */
export const isOpen = (status: TicketStatus): boolean => status !== 'closed' && status !== 'merged';

export const isTicketStatus = (value: string): value is TicketStatus =>
  (TICKET_STATUSES as readonly string[]).includes(value);
