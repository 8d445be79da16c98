import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { DB, MessagingOutboxTable } from '../../platform/db/schema.js';
import type { Executor } from '../tickets/index.js';
import { CLAIM_LEASE_MS, type SendOutcome } from './outbox-rules.js';

export const MESSAGING_CHANNELS = ['sms', 'email', 'weibo'] as const;
export type MessagingChannel = (typeof MESSAGING_CHANNELS)[number];

export type OutboxRow = Selectable<MessagingOutboxTable>;

export interface NewOutboxMessage {
  channel: MessagingChannel;
  /** receipt | answer | survey | survey_question | survey_thanks | status */
  kind: string;
  /** Weibo: a public comment on a post, or a private message. */
  route?: 'comment' | 'private' | null;
  ticketId: number | null;
  recipient: string;
  subject?: string | null;
  body: string;
  /** The query code, kept apart from the body until the message is sent. */
  secret?: string | null;
  replyRef?: string | null;
  /** One message per key, however often (and on however many instances) it is planned. */
  dedupeKey: string;
  /** Send only after this message was sent (a survey after the reply it asks about). */
  afterId?: number | null;
}

/** Adds a message to send, in the caller's transaction; the id of the message under that key. */
export async function enqueueMessage(
  trx: Transaction<DB>,
  message: NewOutboxMessage,
  at: string,
): Promise<number> {
  const inserted = await trx
    .insertInto('messaging_outbox')
    .values({
      channel: message.channel,
      kind: message.kind,
      route: message.route ?? null,
      ticket_id: message.ticketId,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      secret: message.secret ?? null,
      reply_ref: message.replyRef ?? null,
      dedupe_key: message.dedupeKey,
      after_id: message.afterId ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  return (await findByDedupeKey(trx, message.dedupeKey))!.id;
}

export async function findByDedupeKey(db: Executor, key: string): Promise<OutboxRow | undefined> {
  return db
    .selectFrom('messaging_outbox')
    .selectAll()
    .where('dedupe_key', '=', key)
    .executeTakeFirst();
}

/**
 * Takes up to `limit` due messages for this instance: pending ones whose time has come, and
 * ones another instance claimed but did not finish within its lease. On PostgreSQL the rows are
 * locked with SKIP LOCKED, so instances claiming at once take different messages.
 */
export async function claimDueMessages(
  database: Database,
  now: Date,
  limit: number,
): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const leaseEnd = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
  return database.write(async (trx) => {
    let due = trx
      .selectFrom('messaging_outbox as o')
      .select('o.id')
      .where((eb) =>
        eb.or([
          eb.and([eb('o.status', '=', 'pending'), eb('o.next_attempt_at', '<=', at)]),
          eb.and([eb('o.status', '=', 'sending'), eb('o.locked_until', '<', at)]),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('o.after_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('messaging_outbox as before')
              .select('before.id')
              .whereRef('before.id', '=', 'o.after_id')
              .where('before.status', '=', 'sent'),
          ),
        ]),
      )
      .orderBy('o.id')
      .limit(limit);
    if (database.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('messaging_outbox')
      .set((eb) => ({
        status: 'sending',
        locked_until: leaseEnd,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  });
}

/**
 * Records the result of an attempt, unless the claim was lost meanwhile (another instance took
 * the message over after the lease). A final failure cancels the messages waiting for it.
 */
export async function settleMessage(
  trx: Transaction<DB>,
  claimed: Pick<OutboxRow, 'id' | 'attempts'>,
  outcome: SendOutcome,
  at: string,
): Promise<boolean> {
  const mine = trx
    .updateTable('messaging_outbox')
    .where('id', '=', claimed.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claimed.attempts);
  let updated;
  switch (outcome.status) {
    case 'sent':
      updated = await mine
        .set({
          status: 'sent',
          provider_id: outcome.providerId,
          sent_at: at,
          secret: null,
          locked_until: null,
          last_error: null,
        })
        .executeTakeFirst();
      break;
    case 'pending':
      updated = await mine
        .set({
          status: 'pending',
          next_attempt_at: outcome.nextAttemptAt,
          locked_until: null,
          last_error: outcome.error,
        })
        .executeTakeFirst();
      break;
    case 'failed':
      updated = await mine
        .set({ status: 'failed', locked_until: null, last_error: outcome.error, secret: null })
        .executeTakeFirst();
      await trx
        .updateTable('messaging_outbox')
        .set({
          status: 'cancelled',
          secret: null,
          last_error: 'CANCELLED: the message it follows was not sent',
        })
        .where('after_id', '=', claimed.id)
        .where('status', '=', 'pending')
        .execute();
      break;
  }
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * What the mails we sent with these Message-IDs were about: the newest one's ticket, and whether
 * any was a staff notice (their kinds start "staff_").
 */
export async function sentMailsAnswered(
  db: Executor,
  messageIds: string[],
): Promise<{ ticketId: number | null; staffNotice: boolean }> {
  if (messageIds.length === 0) return { ticketId: null, staffNotice: false };
  const rows = await db
    .selectFrom('messaging_outbox')
    .select(['ticket_id', 'kind'])
    .where('channel', '=', 'email')
    .where('provider_id', 'in', messageIds)
    .orderBy('id', 'desc')
    .execute();
  return {
    ticketId: rows.find((r) => r.ticket_id !== null)?.ticket_id ?? null,
    staffNotice: rows.some((r) => r.kind.startsWith('staff_')),
  };
}

export interface OutboxListItem {
  id: number;
  channel: string;
  kind: string;
  ticketId: number | null;
  ticketNumber: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

/** The outbox for the admin, newest first: no recipient, no content. */
export async function listOutbox(
  db: Executor,
  filter: { status?: string; channel?: string; limit: number },
): Promise<OutboxListItem[]> {
  let query = db
    .selectFrom('messaging_outbox as o')
    .leftJoin('tickets as t', 't.id', 'o.ticket_id')
    .select([
      'o.id',
      'o.channel',
      'o.kind',
      'o.ticket_id',
      't.number',
      'o.status',
      'o.attempts',
      'o.last_error',
      'o.created_at',
      'o.next_attempt_at',
      'o.sent_at',
    ])
    .orderBy('o.id', 'desc')
    .limit(filter.limit);
  if (filter.status === 'unsent') query = query.where('o.status', '<>', 'sent');
  else if (filter.status) query = query.where('o.status', '=', filter.status);
  if (filter.channel) query = query.where('o.channel', '=', filter.channel);
  return (await query.execute()).map((r) => ({
    id: r.id,
    channel: r.channel,
    kind: r.kind,
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    sentAt: r.sent_at,
  }));
}
