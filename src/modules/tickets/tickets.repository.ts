import {
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database, DialectName } from '../../platform/db/database.js';
import { writeSearchTerms } from '../../platform/db/dialect-sql.js';
import type { DB, TicketAssignmentTable, TicketTable } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import { indexTerms } from '../../platform/text.js';
import type { Ticket, TicketAssignment, TicketEvent } from './ticket.js';

export type Executor = Kysely<DB> | Transaction<DB>;
export type TicketRow = Selectable<TicketTable>;

const parseJson = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    status: row.status as Ticket['status'],
    appealType: row.appeal_type as Ticket['appealType'],
    categoryId: row.category_id,
    urgency: row.urgency as Ticket['urgency'],
    title: row.title,
    description: row.description,
    channel: row.channel as Ticket['channel'],
    address: row.address,
    districtId: row.district_id,
    streetId: row.street_id,
    lat: row.lat,
    lng: row.lng,
    citizenName: row.citizen_name,
    citizenPhone: row.citizen_phone,
    confidential: row.confidential === 1,
    contactRequired: row.contact_required === 1,
    leadUnitId: row.lead_unit_id,
    parentId: row.parent_id,
    catalogueVersionId: row.catalogue_version_id,
    catalogueRuleId: row.catalogue_rule_id,
    dispatchedAt: row.dispatched_at,
    signDueAt: row.sign_due_at,
    signedAt: row.signed_at,
    replyDueAt: row.reply_due_at,
    repliedAt: row.replied_at,
    replyText: row.reply_text,
    callbackDueAt: row.callback_due_at,
    closedAt: row.closed_at,
    resolution: row.resolution,
    reopenCount: row.reopen_count,
    returnCount: row.return_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Domain field → column, for patches written by use cases. */
const COLUMN: { [K in keyof Ticket]?: keyof TicketTable } = {
  status: 'status',
  appealType: 'appeal_type',
  categoryId: 'category_id',
  urgency: 'urgency',
  title: 'title',
  description: 'description',
  address: 'address',
  districtId: 'district_id',
  streetId: 'street_id',
  lat: 'lat',
  lng: 'lng',
  citizenName: 'citizen_name',
  citizenPhone: 'citizen_phone',
  confidential: 'confidential',
  contactRequired: 'contact_required',
  leadUnitId: 'lead_unit_id',
  parentId: 'parent_id',
  catalogueVersionId: 'catalogue_version_id',
  catalogueRuleId: 'catalogue_rule_id',
  dispatchedAt: 'dispatched_at',
  signDueAt: 'sign_due_at',
  signedAt: 'signed_at',
  replyDueAt: 'reply_due_at',
  repliedAt: 'replied_at',
  replyText: 'reply_text',
  callbackDueAt: 'callback_due_at',
  closedAt: 'closed_at',
  resolution: 'resolution',
  reopenCount: 'reopen_count',
  returnCount: 'return_count',
};

export type TicketPatch = Partial<
  Omit<Ticket, 'id' | 'number' | 'createdAt' | 'createdBy' | 'version' | 'updatedAt' | 'channel'>
>;

export function toColumns(patch: TicketPatch): Updateable<TicketTable> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const column = COLUMN[key as keyof Ticket];
    if (!column) throw new Error(`ticket field ${key} cannot be patched`);
    out[column] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return out;
}

export async function getTicketRow(db: Executor, id: number): Promise<TicketRow> {
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Ticket', id, 'TICKET_NOT_FOUND');
  return row;
}

/** Reads a ticket inside a write, locking its row on PostgreSQL (SQLite has a single writer). */
export async function lockTicket(
  trx: Transaction<DB>,
  dialect: DialectName,
  id: number,
): Promise<Ticket> {
  let query = trx.selectFrom('tickets').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError('Ticket', id, 'TICKET_NOT_FOUND');
  return toTicket(row);
}

export async function insertTicketRow(
  trx: Transaction<DB>,
  row: Insertable<TicketTable>,
): Promise<number> {
  return (await insertTicket(trx, row)).id;
}

/** Inserts a ticket and returns it as written (defaults included). */
export async function insertTicket(
  trx: Transaction<DB>,
  row: Insertable<TicketTable>,
): Promise<Ticket> {
  return toTicket(
    await trx.insertInto('tickets').values(row).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function updateTicketRow(
  trx: Transaction<DB>,
  id: number,
  version: number,
  columns: Updateable<TicketTable>,
): Promise<void> {
  await trx
    .updateTable('tickets')
    .set({ ...columns, version: version + 1 })
    .where('id', '=', id)
    .execute();
}

/** Takes the next number of the day: "20261129" + 6-digit sequence, unique across instances. */
export async function nextTicketNumber(
  database: Database,
  trx: Transaction<DB>,
  day: string,
): Promise<string> {
  const seq = await database.nextCounterValue(trx, day);
  return `${day}${String(seq).padStart(6, '0')}`;
}

export async function indexTicketText(
  trx: Transaction<DB>,
  dialect: DialectName,
  ticket: Pick<Ticket, 'id' | 'number' | 'title' | 'description' | 'address'>,
  options: { isNew?: boolean } = {},
): Promise<void> {
  const terms = indexTerms(
    [ticket.number, ticket.title, ticket.description, ticket.address ?? ''].join(' '),
  );
  await writeSearchTerms(trx as unknown as Kysely<never>, dialect, ticket.id, terms, options);
}

export async function insertEvent(
  trx: Transaction<DB>,
  event: Omit<TicketEvent, 'id' | 'seq'>,
): Promise<TicketEvent> {
  const json = (value: Record<string, unknown> | null): string | null =>
    value === null ? null : JSON.stringify(value);
  // One statement takes the next sequence number and appends: the ticket's row lock (or
  // SQLite's single writer) keeps two events of one ticket from taking the same number.
  const result = await sql<{ id: number; seq: number }>`
    INSERT INTO ticket_events
      ("ticket_id", "seq", "type", "actor_id", "actor_unit_id", "at", "reason", "before", "after", "data")
    SELECT ${event.ticketId}, COALESCE(MAX("seq"), 0) + 1, ${event.type},
      CAST(${event.actorId} AS integer), CAST(${event.actorUnitId} AS integer), ${event.at},
      CAST(${event.reason} AS text), CAST(${json(event.before)} AS text),
      CAST(${json(event.after)} AS text), CAST(${json(event.data)} AS text)
    FROM ticket_events WHERE "ticket_id" = ${event.ticketId}
    RETURNING "id", "seq"`.execute(trx);
  const row = result.rows[0]!;
  // The measures' rollups recompute this ticket (supervision/measures). DO UPDATE, not DO
  // NOTHING: it waits for a worker holding the mark, so no change is lost between them.
  await sql`INSERT INTO rollup_dirty ("ticket_id", "marked_at") VALUES (${event.ticketId}, ${event.at})
    ON CONFLICT ("ticket_id") DO UPDATE SET "marked_at" = excluded."marked_at"`.execute(trx);
  return { ...event, id: Number(row.id), seq: Number(row.seq) };
}

export async function listEvents(db: Executor, ticketId: number): Promise<TicketEvent[]> {
  const rows = await db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    seq: r.seq,
    type: r.type,
    actorId: r.actor_id,
    actorUnitId: r.actor_unit_id,
    at: r.at,
    reason: r.reason,
    before: parseJson(r.before),
    after: parseJson(r.after),
    data: parseJson(r.data),
  }));
}

export function toAssignment(row: Selectable<TicketAssignmentTable>): TicketAssignment {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    unitId: row.unit_id,
    role: row.role as TicketAssignment['role'],
    state: row.state as TicketAssignment['state'],
    dispatchedAt: row.dispatched_at,
    dispatchedBy: row.dispatched_by,
    signedAt: row.signed_at,
    signedBy: row.signed_by,
    repliedAt: row.replied_at,
    repliedBy: row.replied_by,
    replyText: row.reply_text,
  };
}

export async function listAssignments(db: Executor, ticketId: number): Promise<TicketAssignment[]> {
  const rows = await db
    .selectFrom('ticket_assignments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map(toAssignment);
}
