// What a ticket event teaches the router, pure: a unit handled a ticket to the reply (for it),
// sent it back (退单, against it), or had it redistributed away (改派, half against it).
import type { HandlingRole } from './routing-types.js';

/** A redistribution away from a unit counts half a return: often it is only handed down. */
export const REASSIGN_WEIGHT = 0.5;

export type EvidenceKind = 'handled' | 'returned' | 'reassigned';

export interface RoutingEvent {
  id: number;
  ticketId: number;
  type: string;
  actorId: number | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
}

/** A ticket as the router learns from it (its current values). */
export interface RoutingTicket {
  id: number;
  status: string;
  urgency: string;
  categoryId: number | null;
  districtId: number | null;
  streetId: number | null;
  leadUnitId: number | null;
  /** Co-handlers whose dispatch was not withdrawn. */
  coUnitIds: number[];
  version: number;
}

export interface Evidence {
  dedupeKey: string;
  ticketId: number;
  eventId: number;
  kind: EvidenceKind;
  unitId: number;
  role: HandlingRole;
  weight: number;
  categoryId: number | null;
  districtId: number | null;
  streetId: number | null;
  at: string;
}

const idOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/** The facts one event gives (none for most events). */
export function evidenceOf(event: RoutingEvent, ticket: RoutingTicket): Evidence[] {
  const base = {
    ticketId: ticket.id,
    eventId: event.id,
    categoryId: ticket.categoryId,
    districtId: ticket.districtId,
    streetId: ticket.streetId,
    at: event.at,
  };
  switch (event.type) {
    case 'accept_return': {
      const lead = idOf(event.before?.leadUnitId);
      const unitId = idOf(event.data?.unitId) ?? lead;
      if (unitId === null) return [];
      const role: HandlingRole = lead === null || unitId === lead ? 'lead' : 'co';
      return [
        { ...base, dedupeKey: `event:${event.id}`, kind: 'returned', unitId, role, weight: 1 },
      ];
    }
    case 'reassign': {
      const from = idOf(event.before?.leadUnitId);
      const to = idOf(event.after?.leadUnitId);
      if (from === null || to === null || from === to) return [];
      const fact = { ...base, dedupeKey: `event:${event.id}`, kind: 'reassigned' as const };
      return [{ ...fact, unitId: from, role: 'lead', weight: REASSIGN_WEIGHT }];
    }
    case 'reply':
    case 'close': {
      if (ticket.leadUnitId === null) return [];
      const handled = { ...base, kind: 'handled' as const, weight: 1 };
      return [
        {
          ...handled,
          dedupeKey: `handled:${ticket.id}`,
          unitId: ticket.leadUnitId,
          role: 'lead',
        },
        ...ticket.coUnitIds
          .filter((id) => id !== ticket.leadUnitId)
          .map((unitId) => ({
            ...handled,
            dedupeKey: `handled:${ticket.id}:co:${unitId}`,
            unitId,
            role: 'co' as const,
          })),
      ];
    }
    default:
      return [];
  }
}

/** Whether the event put the ticket in the dispatch queue (created there, accepted, returned). */
export const queuesTicket = (event: RoutingEvent): boolean =>
  event.after?.status === 'pending_dispatch';

/** The places a fact counts in: the city (0), the district, the street. */
export function placesOf(
  evidence: Evidence,
): Array<{ kind: 'city' | 'district' | 'street'; id: number }> {
  const places: Array<{ kind: 'city' | 'district' | 'street'; id: number }> = [
    { kind: 'city', id: 0 },
  ];
  if (evidence.districtId !== null) places.push({ kind: 'district', id: evidence.districtId });
  if (evidence.streetId !== null) places.push({ kind: 'street', id: evidence.streetId });
  return places;
}
