import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Ticket, TicketStore } from '../tickets/index.js';
import { listChildren } from './dispatch.repository.js';

// Merged tickets (并单) follow their parent: one unit handles the incident once, and every
// child's caller still gets the answer and a callback of their own (../shared/DOMAIN.md).

/**
 * The parent was replied: each child waiting under it takes the same reply and a callback
 * deadline, so it shows up in the callback queue for its own citizen.
 */
export async function passReplyToChildren(
  trx: Transaction<DB>,
  store: TicketStore,
  parent: Ticket,
): Promise<Ticket[]> {
  const children = await listChildren(trx, parent.id, ['merged']);
  const followed: Ticket[] = [];
  for (const child of children) {
    const { after } = await store.applyStep(trx, {
      ticketId: child.id,
      action: 'follow_parent',
      actor: null,
      decided: 'replied',
      reason: `Reply of the parent ticket ${parent.number}`,
      patch: {
        repliedAt: parent.repliedAt,
        replyText: parent.replyText,
        callbackDueAt: parent.callbackDueAt,
      },
      data: { parentId: parent.id, parentNumber: parent.number },
    });
    followed.push(after);
  }
  return followed;
}

/**
 * The parent was reopened: children not yet closed go back under it and wait for its next
 * reply; closed children keep their outcome.
 */
export async function recallChildrenOnReopen(
  trx: Transaction<DB>,
  store: TicketStore,
  parent: Ticket,
): Promise<Ticket[]> {
  const children = await listChildren(trx, parent.id, ['replied']);
  const recalled: Ticket[] = [];
  for (const child of children) {
    const { after } = await store.applyStep(trx, {
      ticketId: child.id,
      action: 'follow_parent',
      actor: null,
      decided: 'merged',
      reason: `The parent ticket ${parent.number} was reopened`,
      patch: { repliedAt: null, replyText: null, callbackDueAt: null },
      data: { parentId: parent.id, parentNumber: parent.number },
    });
    recalled.push(after);
  }
  return recalled;
}
