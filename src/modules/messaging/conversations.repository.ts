import type { Selectable, Transaction } from 'kysely';
import type { DialectName } from '../../platform/db/database.js';
import type {
  DB,
  MessagingInboundTable,
  MessagingLinkTable,
  MessagingSurveyTable,
} from '../../platform/db/schema.js';
import type { Executor } from '../tickets/index.js';
import type { MessagingChannel } from './outbox.repository.js';
import { OPEN_SURVEY_STATES, type SurveyState } from './sms-survey-rules.js';

// Where a ticket's answers go (links), what each inbound message was taken for (inbound), and
// the SMS surveys.

export type LinkKind = 'sms' | 'weibo_mention' | 'weibo_private' | 'email';
export type LinkRow = Selectable<MessagingLinkTable>;
export type InboundRow = Selectable<MessagingInboundTable>;
export type SurveyRow = Selectable<MessagingSurveyTable>;

/**
 * Links a ticket to the address its answers go to, once per ticket and channel. Its events are
 * read from the first (seen_version 0), so nothing that happened while it was filed is missed.
 */
export async function insertLink(
  trx: Transaction<DB>,
  link: {
    ticketId: number;
    channel: MessagingChannel;
    address: string;
    kind: LinkKind;
    replyRef?: string | null;
    subject?: string | null;
  },
  at: string,
): Promise<void> {
  await trx
    .insertInto('messaging_links')
    .values({
      ticket_id: link.ticketId,
      channel: link.channel,
      address: link.address,
      kind: link.kind,
      reply_ref: link.replyRef ?? null,
      subject: link.subject ?? null,
      seen_version: 0,
      last_seq: 0,
      active: 1,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'channel']).doNothing())
    .execute();
}

/** An address's tickets on a channel, newest first, with what decides where a message goes. */
export async function ticketsOfAddress(
  db: Executor,
  channel: MessagingChannel,
  address: string,
): Promise<
  Array<{ ticketId: number; number: string; status: string; parentId: number | null; kind: string }>
> {
  const rows = await db
    .selectFrom('messaging_links as l')
    .innerJoin('tickets as t', 't.id', 'l.ticket_id')
    .select(['t.id', 't.number', 't.status', 't.parent_id', 'l.kind'])
    .where('l.channel', '=', channel)
    .where('l.address', '=', address)
    .orderBy('l.id', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    ticketId: r.id,
    number: r.number,
    status: r.status,
    parentId: r.parent_id,
    kind: r.kind,
  }));
}

/**
 * Links whose ticket changed since they were last read (its version moved), for one scan. On
 * PostgreSQL they are locked with SKIP LOCKED: instances scanning at once take different links.
 */
export async function claimChangedLinks(
  trx: Transaction<DB>,
  dialect: DialectName,
  limit: number,
): Promise<Array<LinkRow & { version: number }>> {
  let query = trx
    .selectFrom('messaging_links as l')
    .innerJoin('tickets as t', 't.id', 'l.ticket_id')
    .selectAll('l')
    .select('t.version')
    .where('l.active', '=', 1)
    .whereRef('t.version', '<>', 'l.seen_version')
    .orderBy('l.id')
    .limit(limit);
  if (dialect === 'postgres') query = query.forUpdate(['l']).skipLocked();
  return query.execute();
}

export async function advanceLink(
  trx: Transaction<DB>,
  id: number,
  seen: { version: number; lastSeq: number },
): Promise<void> {
  await trx
    .updateTable('messaging_links')
    .set({ seen_version: seen.version, last_seq: seen.lastSeq })
    .where('id', '=', id)
    .execute();
}

/** Stops watching tickets closed before `cutoff` (a reopen after that is not announced). */
export async function retireLinks(trx: Transaction<DB>, cutoff: string): Promise<number> {
  const result = await trx
    .updateTable('messaging_links')
    .set({ active: 0 })
    .where('active', '=', 1)
    .where('ticket_id', 'in', (eb) =>
      eb
        .selectFrom('tickets')
        .select('id')
        .where('status', '=', 'closed')
        .where('closed_at', '<', cutoff),
    )
    .whereRef('seen_version', '=', (eb) =>
      eb
        .selectFrom('tickets')
        .select('version')
        .whereRef('tickets.id', '=', 'messaging_links.ticket_id'),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findInbound(
  db: Executor,
  channel: MessagingChannel,
  externalId: string,
): Promise<InboundRow | undefined> {
  return db
    .selectFrom('messaging_inbound')
    .selectAll()
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function insertInbound(
  trx: Transaction<DB>,
  row: Omit<InboundRow, 'done_at'>,
): Promise<InboundRow> {
  return trx
    .insertInto('messaging_inbound')
    .values({ ...row, done_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function finishInbound(
  trx: Transaction<DB>,
  channel: MessagingChannel,
  externalId: string,
  done: { at: string; ticketId?: number | null },
): Promise<void> {
  await trx
    .updateTable('messaging_inbound')
    .set({
      done_at: done.at,
      payload: null,
      ...(done.ticketId !== undefined ? { ticket_id: done.ticketId } : {}),
    })
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .execute();
}

/** Messages whose handling started before `before` and never finished (a crash, a failed call). */
export async function listUnfinishedInbound(
  db: Executor,
  channels: MessagingChannel[],
  before: string,
  limit: number,
): Promise<InboundRow[]> {
  return db
    .selectFrom('messaging_inbound')
    .selectAll()
    .where('done_at', 'is', null)
    .where('received_at', '<', before)
    .where('channel', 'in', channels)
    .where('payload', 'is not', null)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

export async function insertSurvey(
  trx: Transaction<DB>,
  survey: { ticketId: number; phone: string; round: number },
  at: string,
): Promise<void> {
  await trx
    .insertInto('messaging_surveys')
    .values({
      ticket_id: survey.ticketId,
      phone: survey.phone,
      round: survey.round,
      state: 'waiting',
      created_at: at,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'round']).doNothing())
    .execute();
}

export async function findSurvey(db: Executor, id: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('messaging_surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The survey whose question this number has open, if any (at most one). */
export async function openSurveyOf(db: Executor, phone: string): Promise<SurveyRow | undefined> {
  return db
    .selectFrom('messaging_surveys')
    .selectAll()
    .where('phone', '=', phone)
    .where('state', 'in', OPEN_SURVEY_STATES)
    .executeTakeFirst();
}

/** The number's most recent survey, whatever its state. */
export async function latestSurveyOf(db: Executor, phone: string): Promise<SurveyRow | undefined> {
  return db
    .selectFrom('messaging_surveys')
    .selectAll()
    .where('phone', '=', phone)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The surveys waiting their turn for a number, oldest first, with their ticket's status. */
export async function waitingSurveysOf(
  db: Executor,
  phone: string,
): Promise<Array<SurveyRow & { ticketStatus: string; number: string }>> {
  return db
    .selectFrom('messaging_surveys as s')
    .innerJoin('tickets as t', 't.id', 's.ticket_id')
    .selectAll('s')
    .select(['t.status as ticketStatus', 't.number'])
    .where('s.phone', '=', phone)
    .where('s.state', '=', 'waiting')
    .orderBy('s.id')
    .execute();
}

export async function updateSurvey(
  trx: Transaction<DB>,
  id: number,
  from: readonly SurveyState[],
  changes: Partial<Omit<SurveyRow, 'id' | 'ticket_id' | 'phone' | 'round' | 'created_at'>> & {
    state: SurveyState;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('messaging_surveys')
    .set(changes)
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A ticket's surveys not yet answered, when it left `replied` another way (callback desk, reopen). */
export async function staleSurveysOf(trx: Transaction<DB>, ticketId: number): Promise<string[]> {
  const rows = await trx
    .updateTable('messaging_surveys')
    .set({ state: 'stale', outcome: 'stale' })
    .where('ticket_id', '=', ticketId)
    .where('state', 'in', ['waiting', 'asked', 'asked_resolution'])
    .returning('phone')
    .execute();
  return [...new Set(rows.map((r) => r.phone))];
}
