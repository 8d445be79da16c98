import { sql, type Insertable, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { CtiCallEventTable, CtiCallTable, DB } from '../../platform/db/schema.js';
import type { Executor } from '../tickets/index.js';
import type { SwitchKind } from './call-events.js';
import type { CallOutcome } from './call-rules.js';

/** A call the switch offered, as recorded. */
export interface CallRecord {
  id: number;
  switch: SwitchKind;
  pbxCallId: string;
  callerNumber: string | null;
  calledNumber: string | null;
  agentExtension: string | null;
  operatorId: number | null;
  offeredAt: string;
  offeredDay: string;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  outcome: CallOutcome | null;
  answerWaitMs: number | null;
  handleMs: number | null;
  recordingUrl: string | null;
  contactId: number | null;
}

export type CallRow = Selectable<CtiCallTable>;

export function toCall(row: CallRow): CallRecord {
  return {
    id: row.id,
    switch: row.switch as SwitchKind,
    pbxCallId: row.pbx_call_id,
    callerNumber: row.caller_number,
    calledNumber: row.called_number,
    agentExtension: row.agent_extension,
    operatorId: row.operator_id,
    offeredAt: row.offered_at,
    offeredDay: row.offered_day,
    ringingAt: row.ringing_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    outcome: row.outcome as CallOutcome | null,
    answerWaitMs: row.answer_wait_ms === null ? null : Number(row.answer_wait_ms),
    handleMs: row.handle_ms === null ? null : Number(row.handle_ms),
    recordingUrl: row.recording_url,
    contactId: row.contact_id,
  };
}

export async function findCall(
  db: Executor,
  switchKind: SwitchKind,
  pbxCallId: string,
): Promise<CallRecord | null> {
  const row = await db
    .selectFrom('cti_calls')
    .selectAll()
    .where('switch', '=', switchKind)
    .where('pbx_call_id', '=', pbxCallId)
    .executeTakeFirst();
  return row ? toCall(row) : null;
}

export async function getCall(db: Executor, id: number): Promise<CallRecord | null> {
  const row = await db.selectFrom('cti_calls').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCall(row) : null;
}

/** Inserts a call unless the switch reported it before (then nothing changes). */
export async function insertCallOnce(
  trx: Transaction<DB>,
  row: Insertable<CtiCallTable>,
): Promise<void> {
  await trx
    .insertInto('cti_calls')
    .values(row)
    .onConflict((oc) => oc.columns(['switch', 'pbx_call_id']).doNothing())
    .execute();
}

export async function updateCall(
  trx: Transaction<DB>,
  id: number,
  columns: Updateable<CtiCallTable>,
): Promise<CallRecord> {
  const row = await trx
    .updateTable('cti_calls')
    .set(columns)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCall(row);
}

/**
 * Logs what happened to a call unless that very switch event was logged before (same call, kind
 * and dedupe key): the id of the new row, or null for a repeat. On PostgreSQL a second instance
 * inserting the same row waits for the first one's commit, then finds it.
 */
export async function insertCallEventOnce(
  trx: Transaction<DB>,
  row: Insertable<CtiCallEventTable>,
): Promise<number | null> {
  const inserted = await trx
    .insertInto('cti_call_events')
    .values(row)
    .onConflict((oc) => oc.columns(['call_id', 'kind', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** The operator at an extension (an active user), if any. */
export async function operatorAtExtension(
  db: Executor,
  extension: string,
): Promise<{ userId: number } | null> {
  const row = await db
    .selectFrom('cti_extensions')
    .innerJoin('users', 'users.id', 'cti_extensions.user_id')
    .select('users.id')
    .where('cti_extensions.extension', '=', extension)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  return row ? { userId: row.id } : null;
}

export async function usernameOf(db: Executor, userId: number): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('username')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.username ?? null;
}

/**
 * Takes the job of recording a call's contact: true for the one instance that takes it; a
 * claim older than `staleBefore` (its instance died before finishing) may be taken again.
 */
export async function claimContact(
  trx: Transaction<DB>,
  id: number,
  now: string,
  staleBefore: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('cti_calls')
    .set({ contact_claimed_at: now })
    .where('id', '=', id)
    .where('contact_id', 'is', null)
    .where((eb) =>
      eb.or([eb('contact_claimed_at', 'is', null), eb('contact_claimed_at', '<', staleBefore)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// The screen pop's feed.

export interface CallEventRow {
  id: number;
  kind: string;
  extension: string | null;
  operatorId: number | null;
  at: string;
  call: CallRecord;
}

export async function lastCallEventId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('cti_call_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function callEventIdsAfter(
  db: Executor,
  cursor: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('cti_call_events')
    .select('id')
    .where('id', '>', cursor)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function getCallEvent(db: Executor, id: number): Promise<CallEventRow | null> {
  const event = await db
    .selectFrom('cti_call_events')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!event) return null;
  const call = await getCall(db, event.call_id);
  if (!call) return null;
  return {
    id: event.id,
    kind: event.kind,
    extension: event.extension,
    operatorId: event.operator_id,
    at: event.at,
    call,
  };
}

/** The operator's newest call still in progress (offered after `since`), for a screen that (re)opens. */
export async function currentCallOf(
  db: Executor,
  userId: number,
  since: string,
): Promise<CallRecord | null> {
  const row = await db
    .selectFrom('cti_calls')
    .selectAll()
    .where('operator_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('offered_at', '>=', since)
    .orderBy('offered_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toCall(row) : null;
}

// The measures.

export interface DayFigures {
  day: string;
  offered: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  missed: number;
  handleMsTotal: number;
  handled: number;
}

const n = (value: unknown): number => Number(value ?? 0);

/** Per day of the range (YYYY-MM-DD, inclusive), counted in SQL. */
export async function dailyFigures(
  db: Executor,
  from: string,
  to: string,
  answerTargetMs: number,
): Promise<DayFigures[]> {
  const rows = await db
    .selectFrom('cti_calls')
    .select([
      'offered_day',
      sql<number>`count(*)`.as('offered'),
      sql<number>`sum(case when answered_at is not null then 1 else 0 end)`.as('answered'),
      sql<number>`sum(case when answer_wait_ms <= ${answerTargetMs} then 1 else 0 end)`.as(
        'in_time',
      ),
      sql<number>`sum(case when outcome = 'abandoned' then 1 else 0 end)`.as('abandoned'),
      sql<number>`sum(case when outcome = 'missed' then 1 else 0 end)`.as('missed'),
      sql<number>`coalesce(sum(handle_ms), 0)`.as('handle_total'),
      sql<number>`count(handle_ms)`.as('handled'),
    ])
    .where('offered_day', '>=', from)
    .where('offered_day', '<=', to)
    .groupBy('offered_day')
    .orderBy('offered_day')
    .execute();
  return rows.map((row) => ({
    day: row.offered_day,
    offered: n(row.offered),
    answered: n(row.answered),
    answeredInTime: n(row.in_time),
    abandoned: n(row.abandoned),
    missed: n(row.missed),
    handleMsTotal: n(row.handle_total),
    handled: n(row.handled),
  }));
}

export interface OperatorFigures {
  userId: number;
  displayName: string;
  extension: string | null;
  answered: number;
  answeredInTime: number;
  handleMsTotal: number;
  handled: number;
}

/** Per operator who answered calls in the range. */
export async function operatorFigures(
  db: Executor,
  from: string,
  to: string,
  answerTargetMs: number,
): Promise<OperatorFigures[]> {
  const rows = await db
    .selectFrom('cti_calls')
    .innerJoin('users', 'users.id', 'cti_calls.operator_id')
    .leftJoin('cti_extensions', 'cti_extensions.user_id', 'cti_calls.operator_id')
    .select([
      'users.id as user_id',
      'users.display_name',
      'cti_extensions.extension',
      sql<number>`count(*)`.as('answered'),
      sql<number>`sum(case when cti_calls.answer_wait_ms <= ${answerTargetMs} then 1 else 0 end)`.as(
        'in_time',
      ),
      sql<number>`coalesce(sum(cti_calls.handle_ms), 0)`.as('handle_total'),
      sql<number>`count(cti_calls.handle_ms)`.as('handled'),
    ])
    .where('cti_calls.offered_day', '>=', from)
    .where('cti_calls.offered_day', '<=', to)
    .where('cti_calls.answered_at', 'is not', null)
    .groupBy(['users.id', 'users.display_name', 'cti_extensions.extension'])
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    extension: row.extension,
    answered: n(row.answered),
    answeredInTime: n(row.in_time),
    handleMsTotal: n(row.handle_total),
    handled: n(row.handled),
  }));
}

export interface CallListRow extends CallRecord {
  operatorName: string | null;
}

/** The calls of a range, newest first, one page. */
export async function listCalls(
  db: Executor,
  from: string,
  to: string,
  page: { limit: number; offset: number },
): Promise<{ items: CallListRow[]; total: number }> {
  const base = db
    .selectFrom('cti_calls')
    .where('offered_day', '>=', from)
    .where('offered_day', '<=', to);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users', 'users.id', 'cti_calls.operator_id')
      .selectAll('cti_calls')
      .select('users.display_name as operator_name')
      .orderBy('cti_calls.offered_at', 'desc')
      .orderBy('cti_calls.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({ ...toCall(row), operatorName: row.operator_name })),
    total: n(count.total),
  };
}
