import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../platform/errors.js';
import type { ChannelIntakeService, ChannelMessage } from '../intake/index.js';
import { getTicketRow } from '../tickets/index.js';
import { insertLink, ticketsOfAddress, type InboundRow } from './conversations.repository.js';
import { Inbox, openTicketAmong, type InboundDecision, type InboxResult } from './inbox.js';
import { externalIdOf, KeyedQueue } from './inbound-support.js';
import { clip, weiboPrivateTexts, weiboPublicTexts } from './message-texts.js';
import type { MessagingSettings } from './messaging-settings.js';
import { enqueueMessage } from './outbox.repository.js';
import { verifyWeiboSignature } from './webhook-signature.js';

/**
 * One push from Weibo's message service, after its fan-service format: `type` is `mention` (a
 * public post or comment that @-mentions the centre), `text` (a private message), `image`,
 * `voice` or `position` (a private message without text) or `event` (follow, subscribe…).
 * Ids may be numbers or strings; ids beyond 2^53 must come as strings.
 */
export interface WeiboPush {
  type: string;
  sender_id: string | number;
  receiver_id?: string | number;
  created_at?: string;
  text?: string;
  data?: {
    subtype?: string;
    /** mention: the post or comment that mentions the centre. */
    id?: string | number;
    /** mention: the post to comment under (default `id`). */
    status_id?: string | number;
    [key: string]: unknown;
  };
}

export interface WeiboChannelDeps {
  database: Database;
  clock: Clock;
  intake: ChannelIntakeService;
  settings: MessagingSettings;
}

const WITHOUT_TEXT = new Set(['image', 'voice', 'position']);
const TICKET_NUMBER = /\b(\d{14})\b/g;

/**
 * The Weibo channel (微博): mentions and private messages become appeals. A mention is public, so
 * the centre's public comment under it carries only the ticket number and neutral words; the query
 * code, the reply and any status go to the citizen's own private messages, also when they ask for
 * a mentioned appeal by its number in a private message.
 */
export class WeiboChannelService {
  private readonly inbox: Inbox;
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: WeiboChannelDeps) {
    this.inbox = new Inbox(deps.database, deps.clock, 'weibo');
  }

  /** Throws unless the push carries a fresh, correct signature of the app secret. */
  async authenticate(query: {
    signature?: string;
    timestamp?: string;
    nonce?: string;
  }): Promise<void> {
    const { pushSecret } = await this.deps.settings.weibo();
    if (!pushSecret)
      throw new ForbiddenError('The Weibo channel is not configured', 'CHANNEL_NOT_CONFIGURED');
    if (!verifyWeiboSignature(pushSecret, query, this.deps.clock.now()))
      throw new UnauthorizedError(
        'The signature of this call is wrong or too old',
        'SIGNATURE_INVALID',
      );
  }

  async receive(push: WeiboPush): Promise<InboxResult> {
    const uid = String(push.sender_id ?? '').trim();
    if (!uid || uid.length > 64) throw new ValidationError('sender_id', 'sender_id is required');
    const normalised: WeiboPush = { ...push, sender_id: uid, text: push.text ?? '' };
    return this.queue.run(uid, () => this.handle(normalised));
  }

  async resumeUnfinished(): Promise<number> {
    const rows = await this.inbox.unfinished();
    for (const row of rows) {
      const push = JSON.parse(row.payload!) as WeiboPush;
      await this.queue.run(String(push.sender_id), () => this.handle(push));
    }
    return rows.length;
  }

  private handle(push: WeiboPush): Promise<InboxResult> {
    const uid = String(push.sender_id);
    const text = push.text ?? '';
    const mention = push.type === 'mention';
    if (!mention && push.type !== 'text' && !WITHOUT_TEXT.has(push.type))
      return Promise.resolve({ duplicate: false, decision: 'ignored', ticketId: null });
    const externalId = mention ? mentionId(push) : privateId(push);
    return this.inbox.handle(
      { externalId, sender: uid, payload: JSON.stringify(push) },
      async (trx): Promise<InboundDecision> => {
        if (mention) return { decision: text.trim() ? 'appeal' : 'message' };
        const tickets = await ticketsOfAddress(trx, 'weibo', uid);
        for (const [, number] of text.matchAll(TICKET_NUMBER)) {
          const asked = tickets.find((t) => t.number === number);
          if (asked) return { decision: 'status_query', ticketId: asked.ticketId };
        }
        const open = openTicketAmong(tickets);
        if (open !== null) return { decision: 'contact', ticketId: open };
        return { decision: push.type === 'text' && text.trim() ? 'appeal' : 'message' };
      },
      (inbound) => this.carryOut(inbound, push, externalId),
    );
  }

  private async carryOut(inbound: InboundRow, push: WeiboPush, externalId: string): Promise<void> {
    const message: ChannelMessage = {
      channel: 'weibo',
      externalId,
      sender: String(push.sender_id),
      receivedAt: weiboTime(push.created_at),
      summary: clip(push.text?.trim() || `[${push.type}]`, 2000),
    };
    const { intake } = this.deps;
    switch (inbound.decision) {
      case 'appeal':
        return this.fileAppeal(push, message);
      case 'status_query':
        return this.answerStatus(inbound.ticket_id!, message);
      case 'contact':
        await intake.recordMessageOnTicket(message, inbound.ticket_id!);
        break;
      default:
        await intake.recordMessage(message);
    }
    await this.inbox.finishAlone(externalId);
  }

  private async fileAppeal(push: WeiboPush, message: ChannelMessage): Promise<void> {
    const mention = push.type === 'mention';
    const receipt = await this.deps.intake.fileAppeal({
      ...message,
      description: clip(push.text ?? '', 5000),
    });
    const uid = String(push.sender_id);
    const at = this.deps.clock.now().toISOString();
    const post = String(push.data?.status_id ?? push.data?.id ?? '');
    await this.deps.database.write(async (trx) => {
      await insertLink(
        trx,
        {
          ticketId: receipt.ticketId,
          channel: 'weibo',
          address: uid,
          kind: mention ? 'weibo_mention' : 'weibo_private',
          replyRef: mention ? post : null,
        },
        at,
      );
      await enqueueMessage(
        trx,
        mention
          ? {
              channel: 'weibo',
              kind: 'receipt',
              route: 'comment',
              ticketId: receipt.ticketId,
              recipient: uid,
              replyRef: post,
              body: weiboPublicTexts.receipt(receipt.number),
              dedupeKey: `receipt:${receipt.ticketId}:weibo`,
            }
          : {
              channel: 'weibo',
              kind: 'receipt',
              route: 'private',
              ticketId: receipt.ticketId,
              recipient: uid,
              body: weiboPrivateTexts.receipt(receipt.number, receipt.queryCode !== null),
              secret: receipt.queryCode,
              dedupeKey: `receipt:${receipt.ticketId}:weibo`,
            },
        at,
      );
      await this.inbox.finish(trx, message.externalId, receipt.ticketId);
    });
  }

  /** A private message naming one of the sender's own tickets: its status, privately. */
  private async answerStatus(ticketId: number, message: ChannelMessage): Promise<void> {
    await this.deps.intake.recordMessageOnTicket(message, ticketId);
    const ticket = await getTicketRow(this.deps.database.db, ticketId);
    const answered = ticket.status === 'replied' || ticket.status === 'closed';
    const at = this.deps.clock.now().toISOString();
    await this.deps.database.write(async (trx) => {
      await enqueueMessage(
        trx,
        {
          channel: 'weibo',
          kind: 'status',
          route: 'private',
          ticketId,
          recipient: message.sender!,
          body: weiboPrivateTexts.status(
            ticket.number,
            ticket.status,
            answered ? ticket.reply_text : null,
          ),
          dedupeKey: `status:${message.externalId}`,
        },
        at,
      );
      await this.inbox.finish(trx, message.externalId);
    });
  }
}

/** A mention's id: the post or comment that mentions the centre. */
function mentionId(push: WeiboPush): string {
  const id = push.data?.id ?? push.data?.status_id;
  if (id === undefined || id === null || String(id).trim() === '')
    throw new ValidationError('data.id', 'A mention needs data.id (the post or comment id)');
  return externalIdOf('mention:', String(id));
}

/** A private message has no id of its own: Weibo advises sender and time, to which we add the text. */
function privateId(push: WeiboPush): string {
  const digest = createHash('sha1')
    .update(`${push.type}\n${push.text ?? ''}\n${JSON.stringify(push.data ?? {})}`, 'utf8')
    .digest('hex')
    .slice(0, 16);
  return externalIdOf('pm:', `${String(push.sender_id)}:${push.created_at ?? ''}:${digest}`);
}

/** Weibo's "Mon Jul 16 18:09:20 +0800 2012" (or ISO 8601) as ISO 8601; undefined when unreadable. */
export function weiboTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const weibo = /^\w{3} (\w{3}) (\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4}) (\d{4})$/.exec(value);
  const parsed = weibo
    ? Date.parse(`${weibo[2]} ${weibo[1]} ${weibo[5]} ${weibo[3]} GMT${weibo[4]}`)
    : Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}
