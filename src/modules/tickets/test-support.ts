// Test helpers for the tickets and intake tests: real rows in a real database, no mocks.
import type { Insertable } from 'kysely';
import { isRole, type Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import type { TicketTable } from '../../platform/db/schema.js';
import { indexTicketText, insertTicketRow } from './tickets.repository.js';

/** The actor of a user, read the way a login would resolve it (roles, unit, district). */
export async function actorFor(database: Database, username: string): Promise<Actor> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'users.unit_id', 'units.district_id'])
    .where('users.username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await database.db
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', user.id)
    .execute();
  return {
    userId: user.id,
    username,
    displayName: user.display_name,
    unitId: user.unit_id,
    districtId: user.district_id,
    roles: roles.map((r) => r.role).filter(isRole),
    via: 'session',
  };
}

let seq = 0;

/** Inserts a ticket row as it would be at some point of its life, with its search terms. */
export async function seedTicket(
  database: Database,
  values: Partial<Insertable<TicketTable>> = {},
): Promise<number> {
  seq += 1;
  const at = values.created_at ?? '2026-03-01T02:00:00.000Z';
  const row: Insertable<TicketTable> = {
    number: `20260301${String(900000 + seq)}`,
    status: 'received',
    appeal_type: 'complaint',
    urgency: 'normal',
    title: values.description?.slice(0, 30) ?? 'ticket',
    description: 'ticket',
    channel: 'phone',
    confidential: 0,
    contact_required: 0,
    reopen_count: 0,
    return_count: 0,
    created_at: at,
    updated_at: at,
    version: 1,
    ...values,
  };
  return database.write(async (trx) => {
    const id = await insertTicketRow(trx, row);
    await indexTicketText(trx, database.dialect, {
      id,
      number: row.number,
      title: row.title,
      description: row.description,
      address: row.address ?? null,
    });
    return id;
  });
}

export async function seedAssignment(
  database: Database,
  ticketId: number,
  unitId: number,
  options: { role?: 'lead' | 'co'; state?: string } = {},
): Promise<void> {
  await database.write((trx) =>
    trx
      .insertInto('ticket_assignments')
      .values({
        ticket_id: ticketId,
        unit_id: unitId,
        role: options.role ?? 'lead',
        state: options.state ?? 'dispatched',
        dispatched_at: '2026-03-01T03:00:00.000Z',
        dispatched_by: null,
      })
      .execute(),
  );
}
