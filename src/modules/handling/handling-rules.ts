import type { TicketAssignment } from '../tickets/index.js';

/** The time limit a unit works against next: sign-for until it signs, then the feedback deadline. */
export function nextDeadline(
  signed: boolean,
  ticket: { signDueAt: string | null; replyDueAt: string | null },
): { dueKind: 'sign' | 'reply'; dueAt: string | null } {
  return signed
    ? { dueKind: 'reply', dueAt: ticket.replyDueAt }
    : { dueKind: 'sign', dueAt: ticket.signDueAt };
}

/** Whole seconds from `now` to `dueAt`; negative once overdue, null without a deadline. */
export function secondsLeft(dueAt: string | null, now: Date): number | null {
  if (dueAt === null) return null;
  return Math.floor((new Date(dueAt).getTime() - now.getTime()) / 1000);
}

/** Co-handlers (协办) whose own part of the reply is still missing: the lead cannot reply yet. */
export function missingCoParts(assignments: readonly TicketAssignment[]): number[] {
  return assignments
    .filter((a) => a.role === 'co' && a.state !== 'withdrawn' && a.state !== 'replied')
    .map((a) => a.unitId);
}

/** The longest a reply or a reply part may be, in characters. */
export const MAX_REPLY_CHARS = 20_000;

/** Shortest reason a unit must give for a return or an extension, in characters. */
export const MIN_REQUEST_REASON_CHARS = 5;
