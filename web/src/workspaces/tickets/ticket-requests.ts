import type { TicketEvent } from './types';

/** A unit's return (退单) or extension (延期) request, as the ticket's history tells it. */
export interface TicketRequestRecord {
  requestId: number;
  kind: 'return' | 'extension';
  at: string;
  unitId: number | null;
  reason: string | null;
  workingDays: number | null;
  requestedDueAt: string | null;
  outcome: 'pending' | 'accepted' | 'refused' | 'approved' | 'cancelled';
  decidedAt: string | null;
  decisionReason: string | null;
}

/** Steps after which the server cancels every pending request of the ticket. */
const CANCELLING = new Set(['reassign', 'merge', 'accept_return']);

const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * The requests of a ticket from its events (no route lists one ticket's requests): each request
 * event, with the decision that names it, or cancelled by a later redistribution or merge.
 */
export function requestsFromEvents(events: readonly TicketEvent[]): TicketRequestRecord[] {
  const records: TicketRequestRecord[] = [];
  events.forEach((event, index) => {
    if (event.type !== 'request_return' && event.type !== 'request_extension') return;
    const requestId = numberOf(event.data?.requestId);
    if (requestId === null) return;
    const record: TicketRequestRecord = {
      requestId,
      kind: event.type === 'request_return' ? 'return' : 'extension',
      at: event.at,
      unitId: numberOf(event.data?.unitId) ?? event.actorUnitId,
      reason: event.reason,
      workingDays: numberOf(event.data?.workingDays),
      requestedDueAt:
        typeof event.data?.requestedDueAt === 'string' ? event.data.requestedDueAt : null,
      outcome: 'pending',
      decidedAt: null,
      decisionReason: null,
    };
    for (const later of events.slice(index + 1)) {
      if (numberOf(later.data?.requestId) === requestId) {
        if (later.type === 'accept_return') record.outcome = 'accepted';
        else if (later.type === 'refuse_return') record.outcome = 'refused';
        else if (later.type === 'decide_extension')
          record.outcome = later.data?.decision === 'approve' ? 'approved' : 'refused';
        else continue;
        record.decidedAt = later.at;
        record.decisionReason = later.reason;
        break;
      }
      if (CANCELLING.has(later.type)) {
        record.outcome = 'cancelled';
        record.decidedAt = later.at;
        break;
      }
    }
    records.push(record);
  });
  return records;
}
