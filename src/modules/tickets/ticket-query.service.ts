import { hasRole, requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import {
  canViewTicket,
  citizenVisibility,
  maskAddress,
  maskName,
  maskPhone,
  type CitizenVisibility,
} from './ticket-access.js';
import { resolveFilter, type TicketListFilter } from './ticket-filter.js';
import {
  findTicketByNumber,
  isOverdue,
  listTicketAudit,
  listTicketRows,
  loadTicketScope,
  type ListScope,
} from './ticket-list.repository.js';
import { getTicketRow, listAssignments, listEvents, toTicket } from './tickets.repository.js';
import type { Ticket, TicketAssignment, TicketEvent } from './ticket.js';

/** An event as the history shows it: who acted, by name. */
export interface TicketEventView extends TicketEvent {
  actorName: string | null;
  actorUnitName: string | null;
}

/** A ticket as one actor may see it: the citizen masked or hidden per their role. */
export interface TicketView extends Omit<Ticket, 'citizenName' | 'citizenPhone' | 'address'> {
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  citizenVisibility: CitizenVisibility;
  /** Past its sign-for or feedback deadline now (see isOverdue). */
  overdue: boolean;
  assignments: TicketAssignment[];
}

/** One row of a ticket list: the citizen never in full. */
export type TicketListItem = Omit<TicketView, 'assignments'>;

export interface TicketPage {
  items: TicketListItem[];
  total: number;
  /** True when more tickets match than `total` (counting stops at a cap). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface AuditView {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  detail: Record<string, unknown> | null;
}

/** The citizen's fields as `visibility` allows; the location's street part stays for the unit's work. */
export function maskCitizen(
  ticket: Ticket,
  visibility: CitizenVisibility,
): Pick<TicketView, 'citizenName' | 'citizenPhone' | 'address'> {
  if (visibility === 'full') {
    return {
      citizenName: ticket.citizenName,
      citizenPhone: ticket.citizenPhone,
      address: ticket.address,
    };
  }
  return {
    citizenName: visibility === 'hidden' ? null : maskName(ticket.citizenName),
    citizenPhone: visibility === 'hidden' ? null : maskPhone(ticket.citizenPhone),
    address: maskAddress(ticket.address),
  };
}

const EMPTY_SCOPE = { assignedUnitIds: [], assignedDistrictIds: [] };

/**
 * The scope of a list, the same rule as canViewTicket: a ticket in no district with no dispatch
 * is visible only to the city-wide roles, so probing with it tells whether the actor is one.
 */
export function listScopeOf(actor: Actor): ListScope {
  const probe = { districtId: null } as unknown as Ticket;
  if (canViewTicket(actor, probe, EMPTY_SCOPE)) return { kind: 'all' };
  return {
    kind: 'some',
    unitIds: hasRole(actor, 'handler') ? [actor.unitId] : [],
    districtIds:
      hasRole(actor, 'coordinator') && actor.districtId !== null ? [actor.districtId] : [],
  };
}

const hasCitizenData = (ticket: Ticket): boolean =>
  Boolean(ticket.citizenName || ticket.citizenPhone || ticket.address);

/** Reads tickets within each actor's data scope; every full view of a citizen is audited. */
export class TicketQueries {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly timeZone: string,
  ) {}

  async getTicket(actor: Actor, id: number): Promise<TicketView> {
    const ticket = toTicket(await getTicketRow(this.database.db, id));
    return this.view(actor, ticket, id);
  }

  async getTicketByNumber(actor: Actor, number: string): Promise<TicketView> {
    const ticket = await findTicketByNumber(this.database.db, number);
    if (!ticket) throw new NotFoundError('Ticket', number, 'TICKET_NOT_FOUND');
    return this.view(actor, ticket, number);
  }

  /** The ticket's history, with the names of the staff and units who acted (never a citizen). */
  async getEvents(actor: Actor, id: number): Promise<TicketEventView[]> {
    await this.getVisibleTicket(actor, id);
    const events = await listEvents(this.database.db, id);
    const ids = (pick: (e: TicketEvent) => number | null) => [
      ...new Set(events.map(pick).filter((v): v is number => v !== null)),
    ];
    const db = this.database.db;
    const userIds = ids((e) => e.actorId);
    const unitIds = ids((e) => e.actorUnitId);
    const [userRows, unitRows] = await Promise.all([
      userIds.length
        ? db
            .selectFrom('users')
            .select(['id', 'display_name as name'])
            .where('id', 'in', userIds)
            .execute()
        : [],
      unitIds.length
        ? db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute()
        : [],
    ]);
    const users = new Map(userRows.map((row) => [row.id, row.name]));
    const units = new Map(unitRows.map((row) => [row.id, row.name]));
    return events.map((event) => ({
      ...event,
      actorName: event.actorId === null ? null : (users.get(event.actorId) ?? null),
      actorUnitName: event.actorUnitId === null ? null : (units.get(event.actorUnitId) ?? null),
    }));
  }

  /** The ticket as use cases act on it (unmasked, not audited: never shown as it is). */
  async getVisibleTicket(actor: Actor, id: number): Promise<Ticket> {
    const ticket = toTicket(await getTicketRow(this.database.db, id));
    await this.assertVisible(actor, ticket);
    return ticket;
  }

  /** NotFoundError (never Forbidden: a ticket's existence is itself out of scope). */
  async assertVisible(actor: Actor, ticket: Ticket): Promise<void> {
    const scope = await loadTicketScope(this.database.db, ticket.id);
    if (!canViewTicket(actor, ticket, scope)) {
      throw new NotFoundError('Ticket', ticket.id, 'TICKET_NOT_FOUND');
    }
  }

  async list(actor: Actor, filter: TicketListFilter): Promise<TicketPage> {
    if (filter.citizenPhone !== undefined) {
      requireRoles(actor, ['operator'], 'Searching by the caller number needs the operator role');
    }
    const resolved = resolveFilter(filter, this.timeZone);
    // Numbers are stored as digits (and a leading +): "138 1234-5678" finds 13812345678.
    if (resolved.citizenPhone) {
      resolved.citizenPhone = resolved.citizenPhone.normalize('NFKC').replace(/[\s-]/g, '');
    }
    const now = this.clock.now().toISOString();
    const { rows, total, totalCapped } = await listTicketRows(
      this.database.db,
      this.database.dialect,
      listScopeOf(actor),
      resolved,
      now,
    );
    const items = rows.map((row): TicketListItem => {
      const ticket = toTicket(row);
      const visibility = citizenVisibility(actor, ticket) === 'hidden' ? 'hidden' : 'masked';
      return {
        ...ticket,
        ...maskCitizen(ticket, visibility),
        citizenVisibility: visibility,
        overdue: isOverdue(ticket, now),
      };
    });
    return { items, total, totalCapped, page: resolved.page, pageSize: resolved.pageSize };
  }

  /** Who looked at a ticket's citizen in full (and other audited acts on it): supervisors, admins. */
  async auditOfTicket(actor: Actor, ticketId: number): Promise<AuditView[]> {
    requireRoles(
      actor,
      ['supervisor', 'admin'],
      'The audit log needs the supervisor or admin role',
    );
    const rows = await listTicketAudit(this.database.db, ticketId);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.display_name,
      action: r.action,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
    }));
  }

  /** `askedFor` is what the caller looked up, so "out of scope" reads exactly like "no such ticket". */
  private async view(actor: Actor, ticket: Ticket, askedFor: string | number): Promise<TicketView> {
    const scope = await loadTicketScope(this.database.db, ticket.id);
    if (!canViewTicket(actor, ticket, scope)) {
      throw new NotFoundError('Ticket', askedFor, 'TICKET_NOT_FOUND');
    }
    const visibility = citizenVisibility(actor, ticket);
    const assignments = await listAssignments(this.database.db, ticket.id);
    if (visibility === 'full' && hasCitizenData(ticket)) {
      await this.audit.record({
        actorId: actor.userId,
        action: 'view_citizen',
        subjectType: 'ticket',
        subjectId: ticket.id,
        detail: { number: ticket.number, via: actor.via },
      });
    }
    return {
      ...ticket,
      ...maskCitizen(ticket, visibility),
      citizenVisibility: visibility,
      overdue: isOverdue(ticket, this.clock.now().toISOString()),
      assignments,
    };
  }
}
