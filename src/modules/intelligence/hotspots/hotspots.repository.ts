// The hotspots module's queries: its own tables (alerts, key problems, support) and the
// reads of tickets, categories and units it analyses.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ---- what is analysed ------------------------------------------------------------------------

export interface CategoryNode {
  id: number;
  parentId: number | null;
  level: number;
  name: string;
  nameEn: string | null;
}

export async function listCategories(db: Executor): Promise<CategoryNode[]> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'parent_id', 'level', 'name', 'name_en'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    name: r.name,
    nameEn: r.name_en,
  }));
}

export interface UnitName {
  id: number;
  name: string;
  nameEn: string | null;
  type: string;
  districtId: number | null;
}

export async function listUnitNames(db: Executor, ids?: readonly number[]): Promise<UnitName[]> {
  if (ids && ids.length === 0) return [];
  let query = db.selectFrom('units').select(['id', 'name', 'name_en', 'type', 'district_id']);
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nameEn: r.name_en,
    type: r.type,
    districtId: r.district_id,
  }));
}

/** Tickets created in [from, to): when, which category and district (children of merges included). */
export async function ticketsCreatedBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('tickets')
    .select(['id', 'created_at', 'category_id', 'district_id'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
}

export async function earliestTicketAt(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.min('created_at').as('first'))
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

export interface AppealRow {
  id: number;
  number: string;
  title: string;
  description: string;
  address: string | null;
  createdAt: string;
  status: string;
  categoryId: number | null;
  districtId: number | null;
  streetId: number | null;
  likes: number;
  dislikes: number;
}

/** Appeals created in [from, to), newest first, at most `limit`, with their public support. */
export async function appealsBetween(
  db: Executor,
  from: string,
  to: string,
  options: { districtId?: number | null; limit: number },
): Promise<AppealRow[]> {
  let query = db
    .selectFrom('tickets as t')
    .leftJoin('ticket_support as s', 's.ticket_id', 't.id')
    .select([
      't.id',
      't.number',
      't.title',
      't.description',
      't.address',
      't.created_at',
      't.status',
      't.category_id',
      't.district_id',
      't.street_id',
      's.likes',
      's.dislikes',
    ])
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to);
  if (options.districtId) query = query.where('t.district_id', '=', options.districtId);
  const rows = await query.orderBy('t.created_at', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    description: r.description,
    address: r.address,
    createdAt: r.created_at,
    status: r.status,
    categoryId: r.category_id,
    districtId: r.district_id,
    streetId: r.street_id,
    likes: r.likes ?? 0,
    dislikes: r.dislikes ?? 0,
  }));
}

/** Appeals created in [from, to) of some categories (any when null) and a district (any when null). */
export async function appealsOfClass(
  db: Executor,
  from: string,
  to: string,
  filter: { categoryIds: readonly number[] | null; districtId: number | null },
) {
  if (filter.categoryIds && filter.categoryIds.length === 0) return [];
  let query = db
    .selectFrom('tickets')
    .select(['id', 'created_at', 'title', 'description', 'address'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to);
  if (filter.categoryIds) query = query.where('category_id', 'in', [...filter.categoryIds]);
  if (filter.districtId !== null) query = query.where('district_id', '=', filter.districtId);
  return query.execute();
}

export async function recordSupport(
  trx: Transaction<DB>,
  row: { ticketId: number; likes: number; dislikes: number; at: string },
): Promise<void> {
  await trx
    .insertInto('ticket_support')
    .values({
      ticket_id: row.ticketId,
      likes: row.likes,
      dislikes: row.dislikes,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .column('ticket_id')
        .doUpdateSet({ likes: row.likes, dislikes: row.dislikes, updated_at: row.at }),
    )
    .execute();
}

// ---- who is told -------------------------------------------------------------------------------

/** The active coordinators of a district, each addressed personally. */
export async function districtCoordinators(
  db: Executor,
  districtId: number,
): Promise<Array<{ unitId: number; userId: number }>> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.unit_id'])
    .where('r.role', '=', 'coordinator')
    .where('u.active', '=', 1)
    .where('n.district_id', '=', districtId)
    .orderBy('u.id')
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, userId: row.id }));
}
