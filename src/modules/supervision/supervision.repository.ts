import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { DeadlineKind, ReminderStage, Stage } from './supervision-rules.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** Ticket states in which a unit's sign-for and feedback clocks run (not while a return is reviewed). */
export const RUNNING_STATUSES = ['dispatched', 'in_progress'] as const;

/** A unit's running time limit on a ticket: sign-for until it signs, then feedback. */
export interface OpenDeadline {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  urgency: string;
  districtId: number | null;
  unitId: number;
  role: 'lead' | 'co';
  kind: 'sign' | 'reply';
  /** When this time limit started (dispatch, or the last reopen for feedback). */
  startAt: string;
  dueAt: string;
}

export interface DeadlineFilter {
  kind?: 'sign' | 'reply';
  /** Only deadlines before this instant. */
  dueBefore: string;
  /** Only deadlines at or after this instant. */
  dueFrom?: string;
  unitId?: number;
  districtId?: number;
  /** Leave out deadlines that already reached this stage (the scanner is done with them). */
  unfinishedStage?: Stage;
  limit: number;
}

/** The running sign-for and feedback deadlines of units, earliest first. */
export async function listOpenDeadlines(
  db: Executor,
  filter: DeadlineFilter,
): Promise<OpenDeadline[]> {
  const kinds: Array<'sign' | 'reply'> = filter.kind ? [filter.kind] : ['sign', 'reply'];
  const results = await Promise.all(kinds.map((kind) => deadlinesOfKind(db, kind, filter)));
  const rows = results.flat().sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const reopened = rows.filter((row) => row.kind === 'reply' && row.reopenCount > 0);
  const reopenedAt = await lastReopenTimes(db, [...new Set(reopened.map((r) => r.ticketId))]);
  return rows.slice(0, filter.limit).map(({ reopenCount: _, ...row }) => {
    const reopen = row.kind === 'reply' ? reopenedAt.get(row.ticketId) : undefined;
    return reopen && reopen > row.startAt ? { ...row, startAt: reopen } : row;
  });
}

async function deadlinesOfKind(
  db: Executor,
  kind: 'sign' | 'reply',
  filter: DeadlineFilter,
): Promise<Array<OpenDeadline & { reopenCount: number }>> {
  const due = kind === 'sign' ? 't.sign_due_at' : 't.reply_due_at';
  let query = db
    .selectFrom('ticket_assignments as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .select([
      't.id as ticketId',
      't.number',
      't.title',
      't.status',
      't.urgency',
      't.district_id as districtId',
      't.reopen_count as reopenCount',
      'a.unit_id as unitId',
      'a.role',
      'a.dispatched_at as assignedAt',
      't.dispatched_at as dispatchedAt',
      `${due} as dueAt`,
    ])
    .where('t.status', 'in', RUNNING_STATUSES)
    .where('a.state', '=', kind === 'sign' ? 'dispatched' : 'signed')
    .where(due, 'is not', null)
    .where(due, '<', filter.dueBefore);
  if (filter.dueFrom) query = query.where(due, '>=', filter.dueFrom);
  if (filter.unitId !== undefined) query = query.where('a.unit_id', '=', filter.unitId);
  if (filter.districtId !== undefined) query = query.where('t.district_id', '=', filter.districtId);
  if (filter.unfinishedStage) {
    const stage = filter.unfinishedStage;
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('supervision_reminders as r')
            .select('r.id')
            .whereRef('r.ticket_id', '=', 't.id')
            .whereRef('r.unit_id', '=', 'a.unit_id')
            .where('r.deadline_kind', '=', kind)
            .whereRef('r.due_at', '=', due)
            .where('r.stage', '=', stage),
        ),
      ),
    );
  }
  const rows = await query.orderBy(due).limit(filter.limit).execute();
  return rows.map((row) => ({
    ticketId: row.ticketId,
    number: row.number,
    title: row.title,
    status: row.status,
    urgency: row.urgency,
    districtId: row.districtId,
    unitId: row.unitId,
    role: row.role as 'lead' | 'co',
    kind,
    startAt: (kind === 'sign' ? row.assignedAt : row.dispatchedAt) ?? row.assignedAt,
    dueAt: row.dueAt!,
    reopenCount: row.reopenCount,
  }));
}

/**
 * When each ticket was last sent back to its unit: a reopen (重办), or a callback that reopened
 * it. For a ticket being handled again, its newest such event is the one that reopened it.
 */
async function lastReopenTimes(db: Executor, ticketIds: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ticketIds.length; i += 500) {
    const rows = await db
      .selectFrom('ticket_events')
      .select(['ticket_id', (eb) => eb.fn.max('at').as('at')])
      .where('ticket_id', 'in', ticketIds.slice(i, i + 500))
      .where('type', 'in', ['reopen', 'callback'])
      .groupBy('ticket_id')
      .execute();
    for (const row of rows) if (row.at) out.set(row.ticket_id, row.at);
  }
  return out;
}

/** The current dispatch of a unit on a ticket (not withdrawn), if any. */
export async function currentAssignmentOf(
  db: Executor,
  ticketId: number,
  unitId: number,
): Promise<{ id: number; role: 'lead' | 'co'; state: string; dispatchedAt: string } | undefined> {
  const row = await db
    .selectFrom('ticket_assignments')
    .select(['id', 'role', 'state', 'dispatched_at'])
    .where('ticket_id', '=', ticketId)
    .where('unit_id', '=', unitId)
    .where('state', '!=', 'withdrawn')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      role: row.role as 'lead' | 'co',
      state: row.state,
      dispatchedAt: row.dispatched_at,
    }
  );
}

// ---- reminders (催办) and escalations (提级) ------------------------------------------------

export interface NewReminder {
  ticketId: number;
  unitId: number;
  deadlineKind: DeadlineKind;
  dueAt: string | null;
  stage: ReminderStage;
  orderId: number | null;
  actorId: number | null;
  note: string | null;
  dedupeKey: string | null;
  at: string;
}

/** Inserts a reminder; null when its dedupe key is taken (another scan or instance wrote it). */
export async function insertReminder(
  trx: Transaction<DB>,
  reminder: NewReminder,
): Promise<number | null> {
  const row = await trx
    .insertInto('supervision_reminders')
    .values({
      ticket_id: reminder.ticketId,
      unit_id: reminder.unitId,
      deadline_kind: reminder.deadlineKind,
      due_at: reminder.dueAt,
      stage: reminder.stage,
      order_id: reminder.orderId,
      actor_id: reminder.actorId,
      note: reminder.note,
      notified: 0,
      dedupe_key: reminder.dedupeKey,
      created_at: reminder.at,
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function setReminderNotified(
  trx: Transaction<DB>,
  id: number,
  notified: number,
): Promise<void> {
  await trx.updateTable('supervision_reminders').set({ notified }).where('id', '=', id).execute();
}

/** Which of these dedupe keys are already taken. */
export async function takenKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('supervision_reminders')
      .select('dedupe_key')
      .where('dedupe_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.dedupe_key) taken.add(row.dedupe_key);
  }
  return taken;
}

export interface Reminder {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  unitId: number;
  deadlineKind: DeadlineKind;
  dueAt: string | null;
  stage: ReminderStage;
  orderId: number | null;
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  notified: number;
  createdAt: string;
}

export interface ReminderFilter {
  ticketId?: number;
  unitId?: number;
  districtId?: number;
  stages?: readonly ReminderStage[];
  page: number;
  pageSize: number;
}

/** Reminders and escalations, newest first, with the ticket's number and title. */
export async function listReminders(
  db: Executor,
  filter: ReminderFilter,
): Promise<{ items: Reminder[]; total: number }> {
  let query = db
    .selectFrom('supervision_reminders as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .leftJoin('users as u', 'u.id', 'r.actor_id');
  if (filter.ticketId !== undefined) query = query.where('r.ticket_id', '=', filter.ticketId);
  if (filter.unitId !== undefined) query = query.where('r.unit_id', '=', filter.unitId);
  if (filter.districtId !== undefined) query = query.where('t.district_id', '=', filter.districtId);
  if (filter.stages?.length) query = query.where('r.stage', 'in', filter.stages);
  const [rows, count] = await Promise.all([
    query
      .select([
        'r.id',
        'r.ticket_id',
        't.number',
        't.title',
        'r.unit_id',
        'r.deadline_kind',
        'r.due_at',
        'r.stage',
        'r.order_id',
        'r.actor_id',
        'u.display_name',
        'r.note',
        'r.notified',
        'r.created_at',
      ])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((row) => ({
      id: row.id,
      ticketId: row.ticket_id,
      ticketNumber: row.number,
      ticketTitle: row.title,
      unitId: row.unit_id,
      deadlineKind: row.deadline_kind as DeadlineKind,
      dueAt: row.due_at,
      stage: row.stage as ReminderStage,
      orderId: row.order_id,
      actorId: row.actor_id,
      actorName: row.display_name,
      note: row.note,
      notified: row.notified,
      createdAt: row.created_at,
    })),
  };
}

export interface ReminderTrace {
  ticketId: number;
  unitId: number;
  deadlineKind: DeadlineKind;
  dueAt: string | null;
  stage: ReminderStage;
  orderId: number | null;
  createdAt: string;
}

/** Every reminder of these tickets, compactly (for the lists' "chased n times, level …"). */
export async function remindersOfTickets(
  db: Executor,
  ticketIds: readonly number[],
): Promise<ReminderTrace[]> {
  const out: ReminderTrace[] = [];
  for (let i = 0; i < ticketIds.length; i += 500) {
    const rows = await db
      .selectFrom('supervision_reminders')
      .select([
        'ticket_id',
        'unit_id',
        'deadline_kind',
        'due_at',
        'stage',
        'order_id',
        'created_at',
      ])
      .where('ticket_id', 'in', ticketIds.slice(i, i + 500))
      .execute();
    for (const row of rows)
      out.push({
        ticketId: row.ticket_id,
        unitId: row.unit_id,
        deadlineKind: row.deadline_kind as DeadlineKind,
        dueAt: row.due_at,
        stage: row.stage as ReminderStage,
        orderId: row.order_id,
        createdAt: row.created_at,
      });
  }
  return out;
}

/** When this person last chased this unit on this ticket by hand. */
export async function lastManualReminderAt(
  db: Executor,
  input: { ticketId: number; unitId: number; actorId: number },
): Promise<string | null> {
  const row = await db
    .selectFrom('supervision_reminders')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('ticket_id', '=', input.ticketId)
    .where('unit_id', '=', input.unitId)
    .where('actor_id', '=', input.actorId)
    .where('stage', '=', 'manual')
    .executeTakeFirst();
  return row?.at ?? null;
}

// ---- who hears of an escalation ----------------------------------------------------------

export interface Recipient {
  unitId: number;
  /** null: every member of the unit. */
  userId: number | null;
}

/** The active coordinators (区县协调督办) of a district, each addressed personally. */
export async function districtCoordinators(db: Executor, districtId: number): Promise<Recipient[]> {
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

/** The active supervisors (督办) of the centre, each addressed personally. */
export async function centreSupervisors(db: Executor): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.unit_id'])
    .where('r.role', '=', 'supervisor')
    .where('u.active', '=', 1)
    .orderBy('u.id')
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, userId: row.id }));
}

// ---- settings ----------------------------------------------------------------------------

export async function readSettingRows(
  db: Executor,
): Promise<Array<{ key: string; value: string; updatedAt: string; updatedBy: number | null }>> {
  const rows = await db.selectFrom('supervision_settings').selectAll().execute();
  return rows.map((row) => ({
    key: row.key,
    value: row.value,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }));
}

export async function writeSetting(
  trx: Transaction<DB>,
  row: { key: string; value: string; by: number; at: string },
): Promise<void> {
  await trx.deleteFrom('supervision_settings').where('key', '=', row.key).execute();
  await trx
    .insertInto('supervision_settings')
    .values({ key: row.key, value: row.value, updated_by: row.by, updated_at: row.at })
    .execute();
}
