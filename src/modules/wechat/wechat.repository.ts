import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import {
  CONVERSATION_STATES,
  IDLE,
  type Conversation,
  type ConversationState,
  type Draft,
} from './conversation-rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

const changed = (result: { numUpdatedRows: bigint } | undefined): boolean =>
  Number(result?.numUpdatedRows ?? 0) > 0;

// --- conversations -------------------------------------------------------------------------

export interface StoredConversation extends Conversation {
  version: number;
  expiresAt: string;
}

function parseDraft(text: string): Draft {
  const draft = JSON.parse(text) as Partial<Draft>;
  return { what: draft.what ?? null, where: draft.where ?? null, photos: draft.photos ?? [] };
}

export async function findConversation(
  db: Executor,
  openid: string,
): Promise<StoredConversation | undefined> {
  const row = await db
    .selectFrom('wechat_conversations')
    .select(['state', 'draft', 'version', 'expires_at'])
    .where('openid', '=', openid)
    .executeTakeFirst();
  if (!row) return undefined;
  const state = (CONVERSATION_STATES as readonly string[]).includes(row.state)
    ? (row.state as ConversationState)
    : IDLE.state;
  return { state, draft: parseDraft(row.draft), version: row.version, expiresAt: row.expires_at };
}

/**
 * Writes the conversation if it is still at `expectedVersion` (null: if there is none yet);
 * false when another delivery changed it meanwhile.
 */
export async function saveConversation(
  trx: Executor,
  openid: string,
  expectedVersion: number | null,
  conversation: Conversation,
  times: { at: string; expiresAt: string },
): Promise<boolean> {
  const values = {
    state: conversation.state,
    draft: JSON.stringify(conversation.draft),
    updated_at: times.at,
    expires_at: times.expiresAt,
  };
  if (expectedVersion === null) {
    const inserted = await trx
      .insertInto('wechat_conversations')
      .values({ openid, ...values, version: 1 })
      .onConflict((c) => c.column('openid').doNothing())
      .returning('openid')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const result = await trx
    .updateTable('wechat_conversations')
    .set({ ...values, version: expectedVersion + 1 })
    .where('openid', '=', openid)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return changed(result);
}

export async function deleteStaleConversations(trx: Executor, before: string): Promise<void> {
  await trx.deleteFrom('wechat_conversations').where('expires_at', '<', before).execute();
}

// --- messages handled once -------------------------------------------------------------------

/** The reply a message got, if it was handled (null: it got "success"). */
export async function findHandledMessage(
  db: Executor,
  key: string,
): Promise<{ reply: string | null } | undefined> {
  return db
    .selectFrom('wechat_messages')
    .select('reply')
    .where('message_key', '=', key)
    .executeTakeFirst();
}

/** Records a message as handled with its reply; false when a delivery of it was recorded first. */
export async function recordHandledMessage(
  trx: Executor,
  message: { key: string; openid: string; at: string; reply: string | null },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('wechat_messages')
    .values({
      message_key: message.key,
      openid: message.openid,
      received_at: message.at,
      reply: message.reply,
    })
    .onConflict((c) => c.column('message_key').doNothing())
    .returning('message_key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Replies are kept only while WeChat may redeliver (seconds): a filed ticket's reply holds its
 * query code, which is otherwise stored only as a hash. Rows go after `deleteBefore`.
 */
export async function forgetHandledMessages(
  trx: Executor,
  times: { eraseRepliesBefore: string; deleteBefore: string },
): Promise<void> {
  await trx
    .updateTable('wechat_messages')
    .set({ reply: null })
    .where('received_at', '<', times.eraseRepliesBefore)
    .where('reply', 'is not', null)
    .execute();
  await trx.deleteFrom('wechat_messages').where('received_at', '<', times.deleteBefore).execute();
}

// --- tickets filed over WeChat ---------------------------------------------------------------

export async function linkTicket(
  trx: Executor,
  link: { ticketId: number; openid: string; number: string; at: string },
): Promise<void> {
  await trx
    .insertInto('wechat_ticket_links')
    .values({
      ticket_id: link.ticketId,
      openid: link.openid,
      number: link.number,
      seen_seq: 0,
      watch_until: null,
      created_at: link.at,
    })
    .onConflict((c) => c.column('ticket_id').doNothing())
    .execute();
}

/** The citizen's own ticket with this number, if they filed it over WeChat. */
export async function findLinkedTicket(
  db: Executor,
  openid: string,
  number: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('wechat_ticket_links')
    .select('ticket_id')
    .where('openid', '=', openid)
    .where('number', '=', number)
    .executeTakeFirst();
  return row?.ticket_id;
}

export async function recentLinkedTickets(
  db: Executor,
  openid: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('wechat_ticket_links')
    .select('ticket_id')
    .where('openid', '=', openid)
    .orderBy('created_at', 'desc')
    .orderBy('ticket_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.ticket_id);
}

export interface WatchedTicket {
  ticketId: number;
  openid: string;
  number: string;
  seenSeq: number;
  watchUntil: string | null;
}

/**
 * Watched tickets with history not read yet. Each ticket's events are numbered in commit order
 * (its row is locked while one is written), so a per-ticket cursor misses nothing, whichever
 * app instance wrote them.
 */
export async function ticketsWithNewEvents(
  db: Executor,
  now: string,
  limit: number,
): Promise<WatchedTicket[]> {
  const rows = await db
    .selectFrom('wechat_ticket_links as l')
    .select(['l.ticket_id', 'l.openid', 'l.number', 'l.seen_seq', 'l.watch_until'])
    .where((eb) => eb.or([eb('l.watch_until', 'is', null), eb('l.watch_until', '>', now)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_events as e')
          .select('e.id')
          .whereRef('e.ticket_id', '=', 'l.ticket_id')
          .whereRef('e.seq', '>', 'l.seen_seq'),
      ),
    )
    .orderBy('l.ticket_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    openid: r.openid,
    number: r.number,
    seenSeq: r.seen_seq,
    watchUntil: r.watch_until,
  }));
}

/** Moves a ticket's cursor from `fromSeq` (false when another instance moved it first). */
export async function advanceTicketCursor(
  trx: Executor,
  ticketId: number,
  fromSeq: number,
  toSeq: number,
  watchUntil: string | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('wechat_ticket_links')
    .set({ seen_seq: toSeq, watch_until: watchUntil })
    .where('ticket_id', '=', ticketId)
    .where('seen_seq', '=', fromSeq)
    .executeTakeFirst();
  return changed(result);
}

// --- the outbox ------------------------------------------------------------------------------

export type OutboxKind = 'push' | 'photo';

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  ticketId: number;
  openid: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export async function enqueue(
  trx: Executor,
  item: {
    kind: OutboxKind;
    dedupeKey: string;
    ticketId: number;
    openid: string;
    payload: Record<string, unknown>;
    at: string;
  },
): Promise<void> {
  await trx
    .insertInto('wechat_outbox')
    .values({
      kind: item.kind,
      dedupe_key: item.dedupeKey,
      ticket_id: item.ticketId,
      openid: item.openid,
      payload: JSON.stringify(item.payload),
      state: 'pending',
      attempts: 0,
      next_attempt_at: item.at,
      locked_until: null,
      last_error: null,
      created_at: item.at,
      done_at: null,
    })
    .onConflict((c) => c.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Pending items due now and not held by an instance, oldest first; a message waits while an
 * older one about the same ticket is pending, so a citizen hears of changes in order.
 */
export async function dueOutboxItems(
  db: Executor,
  now: string,
  limit: number,
): Promise<OutboxItem[]> {
  const rows = await db
    .selectFrom('wechat_outbox as o')
    .select(['o.id', 'o.kind', 'o.ticket_id', 'o.openid', 'o.payload', 'o.attempts'])
    .where('o.state', '=', 'pending')
    .where('o.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('o.locked_until', 'is', null), eb('o.locked_until', '<=', now)]))
    .where((eb) =>
      eb.or([
        eb('o.kind', '!=', 'push'),
        eb.not(
          eb.exists(
            eb
              .selectFrom('wechat_outbox as earlier')
              .select('earlier.id')
              .whereRef('earlier.ticket_id', '=', 'o.ticket_id')
              .where('earlier.kind', '=', 'push')
              .whereRef('earlier.id', '<', 'o.id')
              .where('earlier.state', '=', 'pending'),
          ),
        ),
      ]),
    )
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as OutboxKind,
    ticketId: r.ticket_id,
    openid: r.openid,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    attempts: r.attempts,
  }));
}

/**
 * Holds an item until `lockUntil`, if no instance holds it now: the compare-and-set makes one
 * instance the sender, on SQLite and PostgreSQL alike.
 */
export async function claimOutboxItem(
  trx: Executor,
  id: number,
  now: string,
  lockUntil: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('wechat_outbox')
    .set((eb) => ({ locked_until: lockUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return changed(result);
}

export async function finishOutboxItem(
  trx: Executor,
  id: number,
  outcome:
    | { state: 'done'; at: string }
    | { state: 'failed'; at: string; error: string }
    | { state: 'pending'; retryAt: string; error: string },
): Promise<void> {
  await trx
    .updateTable('wechat_outbox')
    .set(
      outcome.state === 'pending'
        ? { locked_until: null, next_attempt_at: outcome.retryAt, last_error: outcome.error }
        : {
            state: outcome.state,
            locked_until: null,
            done_at: outcome.at,
            last_error: outcome.state === 'failed' ? outcome.error : null,
          },
    )
    .where('id', '=', id)
    .execute();
}

export async function deleteFinishedOutboxItems(trx: Executor, before: string): Promise<void> {
  await trx
    .deleteFrom('wechat_outbox')
    .where('state', '!=', 'pending')
    .where('done_at', '<', before)
    .execute();
}

// --- the access token ------------------------------------------------------------------------

export interface CachedToken {
  accessToken: string;
  expiresAt: string;
  leaseUntil: string | null;
}

export async function findAccessToken(
  db: Executor,
  appId: string,
): Promise<CachedToken | undefined> {
  const row = await db
    .selectFrom('wechat_access_tokens')
    .select(['access_token', 'expires_at', 'lease_until'])
    .where('app_id', '=', appId)
    .executeTakeFirst();
  return (
    row && { accessToken: row.access_token, expiresAt: row.expires_at, leaseUntil: row.lease_until }
  );
}

/**
 * The right to ask WeChat for a new token until `until`: false while another instance holds it,
 * or once the stored token is good beyond `staleBefore` (another instance just renewed it).
 */
export async function leaseTokenRefresh(
  trx: Executor,
  appId: string,
  times: { now: string; until: string; staleBefore: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('wechat_access_tokens')
    .values({ app_id: appId, access_token: '', expires_at: times.now, lease_until: times.until })
    .onConflict((c) => c.column('app_id').doNothing())
    .returning('app_id')
    .executeTakeFirst();
  if (inserted) return true;
  const result = await trx
    .updateTable('wechat_access_tokens')
    .set({ lease_until: times.until })
    .where('app_id', '=', appId)
    .where('expires_at', '<=', times.staleBefore)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', times.now)]))
    .executeTakeFirst();
  return changed(result);
}

export async function storeAccessToken(
  trx: Executor,
  appId: string,
  accessToken: string,
  expiresAt: string,
): Promise<void> {
  await trx
    .insertInto('wechat_access_tokens')
    .values({ app_id: appId, access_token: accessToken, expires_at: expiresAt, lease_until: null })
    .onConflict((c) =>
      c
        .column('app_id')
        .doUpdateSet({ access_token: accessToken, expires_at: expiresAt, lease_until: null }),
    )
    .execute();
}

/** WeChat refused `accessToken`: it is expired now (unless another instance replaced it already). */
export async function expireAccessToken(
  trx: Executor,
  appId: string,
  accessToken: string,
  now: string,
): Promise<void> {
  await trx
    .updateTable('wechat_access_tokens')
    .set({ expires_at: now })
    .where('app_id', '=', appId)
    .where('access_token', '=', accessToken)
    .execute();
}

/** Gives the refresh lease back after a failed refresh, so another try need not wait for it. */
export async function releaseTokenLease(trx: Executor, appId: string): Promise<void> {
  await trx
    .updateTable('wechat_access_tokens')
    .set({ lease_until: null })
    .where('app_id', '=', appId)
    .execute();
}

/** An outbox item as the admin sees it: no openid, no content. */
export interface OutboxListItem {
  id: number;
  kind: OutboxKind;
  ticketId: number;
  ticketNumber: string | null;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  doneAt: string | null;
}

export async function listOutboxItems(
  db: Executor,
  filter: { unsentOnly: boolean; limit: number },
): Promise<OutboxListItem[]> {
  let query = db
    .selectFrom('wechat_outbox as o')
    .leftJoin('wechat_ticket_links as l', 'l.ticket_id', 'o.ticket_id')
    .select([
      'o.id',
      'o.kind',
      'o.ticket_id',
      'l.number',
      'o.state',
      'o.attempts',
      'o.last_error',
      'o.created_at',
      'o.next_attempt_at',
      'o.done_at',
    ]);
  if (filter.unsentOnly) query = query.where('o.state', '!=', 'done');
  const rows = await query.orderBy('o.id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as OutboxKind,
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    doneAt: r.done_at,
  }));
}
