import { hasRole, type Actor } from '../../platform/actor.js';
import type { Ticket } from './ticket.js';

/** Roles that work city-wide and see every ticket. */
const CITY_WIDE = [
  'operator',
  'dispatcher',
  'supervisor',
  'analyst',
  'callback_agent',
  'admin',
] as const;

/** What a ticket's viewer knows of the handling units, for scope decisions. */
export interface TicketScope {
  /** Units with a dispatch (lead or co-handler, current or past) on the ticket. */
  assignedUnitIds: readonly number[];
  /** Districts of those units. */
  assignedDistrictIds: readonly (number | null)[];
}

/** Whether the actor may see the ticket at all (data scope, enforced in the service layer). */
export function canViewTicket(actor: Actor, ticket: Ticket, scope: TicketScope): boolean {
  if (hasRole(actor, ...CITY_WIDE)) return true;
  if (hasRole(actor, 'coordinator') && actor.districtId !== null) {
    if (ticket.districtId === actor.districtId) return true;
    if (scope.assignedDistrictIds.includes(actor.districtId)) return true;
  }
  if (hasRole(actor, 'handler')) return scope.assignedUnitIds.includes(actor.unitId);
  return false;
}

export type CitizenVisibility = 'full' | 'masked' | 'hidden';

/**
 * How much of the citizen a role sees (../shared/DOMAIN.md "Privacy"): the centre's desks see the
 * caller in full; units see a masked number unless the ticket requires contact; a confidential
 * ticket hides the citizen from every unit.
 */
export function citizenVisibility(actor: Actor, ticket: Ticket): CitizenVisibility {
  if (hasRole(actor, 'operator', 'dispatcher', 'callback_agent', 'supervisor', 'admin'))
    return 'full';
  if (hasRole(actor, 'handler', 'coordinator')) {
    if (ticket.confidential) return 'hidden';
    return ticket.contactRequired ? 'full' : 'masked';
  }
  return ticket.confidential ? 'hidden' : 'masked';
}

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const chars = Array.from(phone);
  if (chars.length >= 11) return `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
  return `${'*'.repeat(Math.max(chars.length - 2, 1))}${chars.slice(-2).join('')}`;
}

/** 张三丰 → 张**; Jane Doe → J*******. Works on characters, so 𠮷 counts as one. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** Keeps the start of an address (district, road) and hides the house and door numbers. */
export function maskAddress(address: string | null): string | null {
  if (!address) return address;
  const chars = Array.from(address);
  const keep = Math.min(Math.ceil(chars.length / 2), 12);
  return chars.slice(0, keep).join('') + '***';
}
