import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../platform/errors.js';
import {
  allowedFrom,
  canApply,
  isOpen,
  transition,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type TicketAction,
  type TicketStatus,
} from './ticket-status.js';

// The life of a ticket, ../shared/DOMAIN.md: every legal step with where it leads.
const LEGAL: Array<[TicketAction, TicketStatus, TicketStatus]> = [
  ['accept', 'received', 'pending_dispatch'],
  ['direct_answer', 'received', 'closed'],
  ['direct_answer', 'pending_dispatch', 'closed'],
  ['refer', 'received', 'closed'],
  ['refer', 'pending_dispatch', 'closed'],
  ['invalidate', 'received', 'closed'],
  ['invalidate', 'pending_dispatch', 'closed'],
  ['dispatch', 'pending_dispatch', 'dispatched'],
  ['reassign', 'dispatched', 'dispatched'],
  ['reassign', 'in_progress', 'dispatched'],
  ['sign', 'dispatched', 'in_progress'],
  ['request_return', 'dispatched', 'return_review'],
  ['request_return', 'in_progress', 'return_review'],
  ['accept_return', 'return_review', 'pending_dispatch'],
  ['request_extension', 'in_progress', 'in_progress'],
  ['reply', 'in_progress', 'replied'],
  ['reopen', 'replied', 'in_progress'],
  ['reopen', 'closed', 'in_progress'],
  ['close', 'replied', 'closed'],
  ['merge', 'received', 'merged'],
  ['merge', 'pending_dispatch', 'merged'],
  ['merge', 'dispatched', 'merged'],
  ['merge', 'in_progress', 'merged'],
  ['merge', 'return_review', 'merged'],
];

// Steps whose outcome the use case decides, with the targets it may choose.
const DECIDED: Array<[TicketAction, TicketStatus, TicketStatus]> = [
  ['refuse_return', 'return_review', 'dispatched'],
  ['refuse_return', 'return_review', 'in_progress'],
  ['decide_extension', 'in_progress', 'in_progress'],
  ['decide_extension', 'return_review', 'return_review'],
  ['callback', 'replied', 'closed'],
  ['callback', 'replied', 'in_progress'],
  ['follow_parent', 'merged', 'replied'],
  ['follow_parent', 'replied', 'merged'],
];

describe('ticket state machine', () => {
  it.each(LEGAL)('%s: %s → %s', (action, from, to) => {
    expect(transition(action, from)).toBe(to);
  });

  it.each(DECIDED)('%s: %s → %s as decided', (action, from, to) => {
    expect(transition(action, from, to)).toBe(to);
  });

  const legalPairs = new Set([...LEGAL, ...DECIDED].map(([a, f]) => `${a}:${f}`));
  const illegal = TICKET_ACTIONS.flatMap((action) =>
    TICKET_STATUSES.filter((from) => !legalPairs.has(`${action}:${from}`)).map(
      (from) => [action, from] as const,
    ),
  );

  it('lists every legal step above (the table and the machine agree)', () => {
    for (const action of TICKET_ACTIONS) {
      for (const from of TICKET_STATUSES) {
        expect(canApply(action, from), `${action} from ${from}`).toBe(
          legalPairs.has(`${action}:${from}`),
        );
      }
    }
  });

  it.each(illegal)('refuses %s from %s with ILLEGAL_TRANSITION', (action, from) => {
    let error: unknown;
    try {
      transition(action, from, 'closed');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('ILLEGAL_TRANSITION');
    expect((error as ConflictError).message).toContain(allowedFrom(action).join(', '));
  });

  it('explains a refused reply to a ticket not yet signed for', () => {
    expect(() => transition('reply', 'dispatched')).toThrow(
      'Cannot reply a ticket that is dispatched (allowed from: in_progress)',
    );
  });

  it('counts closed and merged tickets as no longer open', () => {
    expect(TICKET_STATUSES.filter(isOpen)).toEqual([
      'received',
      'pending_dispatch',
      'dispatched',
      'in_progress',
      'return_review',
      'replied',
    ]);
  });
});
