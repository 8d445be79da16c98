import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ConflictError, DomainError } from '../../platform/errors.js';
import type { ChannelIntakeService, ChannelReceipt } from '../intake/index.js';
import { getTicketRow, type TicketStatus } from '../tickets/index.js';
import {
  appealOf,
  converse,
  CONVERSATION_TTL_MS,
  filedReply,
  IDLE,
  type Conversation,
  type Draft,
} from './conversation-rules.js';
import {
  notFoundReply,
  progressListReply,
  progressReply,
  type TicketProgress,
} from './progress-rules.js';
import type { InboundMessage } from './wechat-message.js';
import { messageKey } from './wechat-message.js';
import {
  enqueue,
  findConversation,
  findHandledMessage,
  findLinkedTicket,
  linkTicket,
  recentLinkedTickets,
  recordHandledMessage,
  saveConversation,
} from './wechat.repository.js';

/** How many tickets "查询" alone lists. */
const RECENT_TICKETS = 5;

/** Rolls back a write whose message another delivery answered first. */
class AnsweredMeanwhile extends Error {}

const SORRY_NOT_FILED = '抱歉，这次没有提交成功，请稍后回复 1 再试，或拨打 12345。';

/**
 * One citizen's messages on the official account, each answered once: the conversation that
 * gathers an appeal and files it through intake, "查询" for their own tickets, and a contact
 * recorded for every message. Slow work (photo downloads) goes to the outbox.
 */
export class WechatConversationService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly intake: ChannelIntakeService,
    private readonly timeZone: string,
  ) {}

  /**
   * The reply to a message (null: nothing to say). A redelivery gets the first delivery's reply;
   * two deliveries at once both do the (idempotent) work, and only the first to commit changes
   * the conversation: the other finds its reply and gives that.
   */
  async handle(message: InboundMessage): Promise<string | null> {
    const key = messageKey(message);
    const { openid } = message;
    for (let attempt = 0; attempt < 5; attempt++) {
      const earlier = await findHandledMessage(this.database.db, key);
      if (earlier) return earlier.reply;
      const now = this.clock.now();
      const stored = await findConversation(this.database.db, openid);
      const current: Conversation =
        stored && Date.parse(stored.expiresAt) > now.getTime() ? stored : IDLE;
      const step = converse(current, message);
      let reply: string | null;
      let next = step.next;
      let filed: { receipt: ChannelReceipt; draft: Draft } | null = null;
      switch (step.kind) {
        case 'reply':
          reply = step.reply;
          await this.record(message);
          break;
        case 'query':
          reply = await this.progress(openid, step.number);
          await this.record(message);
          break;
        case 'file':
          try {
            const receipt = await this.intake.fileAppeal({
              channel: 'wechat',
              // The confirming message: its redelivery finds the same ticket.
              externalId: message.msgId ?? key,
              sender: openid,
              summary: clipped(step.draft.what),
              appealType: 'help',
              ...appealOf(step.draft),
            });
            filed = { receipt, draft: step.draft };
            reply = filedReply(receipt);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            reply = SORRY_NOT_FILED;
            next = current;
          }
          break;
      }
      const at = now.toISOString();
      const saved = await this.database
        .write(async (trx) => {
          const changed = await saveConversation(trx, openid, stored?.version ?? null, next, {
            at,
            expiresAt: new Date(now.getTime() + CONVERSATION_TTL_MS).toISOString(),
          });
          if (!changed) return false;
          // Another delivery of this message committed first: undo, and give its reply.
          if (!(await recordHandledMessage(trx, { key, openid, at, reply })))
            throw new AnsweredMeanwhile();
          if (filed) {
            const { ticketId, number } = filed.receipt;
            await linkTicket(trx, { ticketId, openid, number, at });
            for (const [index, photo] of filed.draft.photos.entries()) {
              await enqueue(trx, {
                kind: 'photo',
                dedupeKey: `photo:${ticketId}:${index}`,
                ticketId,
                openid,
                payload: { ...photo, index },
                at,
              });
            }
          }
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof AnsweredMeanwhile) return false;
          throw error;
        });
      if (saved) return reply;
      // The conversation changed meanwhile (another message of this citizen): read it again.
    }
    throw new ConflictError(
      'WECHAT_CONVERSATION_BUSY',
      'Too many messages of one citizen at once; WeChat will deliver this one again',
    );
  }

  /** Every message is a contact for the intake measures (events are not messages). */
  private async record(message: InboundMessage): Promise<void> {
    if (message.kind === 'event') return;
    await this.intake.recordMessage({
      channel: 'wechat',
      externalId: message.msgId ?? messageKey(message),
      sender: message.openid,
      summary: contactSummary(message),
    });
  }

  private async progress(openid: string, number: string | null): Promise<string> {
    if (number === null) {
      const ids = await recentLinkedTickets(this.database.db, openid, RECENT_TICKETS);
      return progressListReply(await Promise.all(ids.map((id) => this.ticketProgress(id))));
    }
    const id = /^\d{14}$/.test(number)
      ? await findLinkedTicket(this.database.db, openid, number)
      : undefined;
    if (id === undefined) return notFoundReply(number);
    return progressReply(await this.ticketProgress(id), this.timeZone);
  }

  private async ticketProgress(ticketId: number): Promise<TicketProgress> {
    const row = await getTicketRow(this.database.db, ticketId);
    return {
      number: row.number,
      status: row.status as TicketStatus,
      createdAt: row.created_at,
      replyText: row.reply_text,
    };
  }
}

const SUMMARY_MAX = 2000;

/** What the contact's record says of a message. */
function contactSummary(message: InboundMessage): string {
  const text = ((): string => {
    switch (message.kind) {
      case 'text':
        return message.content;
      case 'voice':
        return `[语音] ${message.recognition ?? ''}`;
      case 'image':
        return '[图片]';
      case 'location':
        return `[位置] ${message.label ?? `${message.lat},${message.lng}`}`;
      case 'event':
        return `[事件] ${message.event}`;
      case 'other':
        return `[${message.msgType}]`;
    }
  })().trim();
  return clipped(text || '[空消息]');
}

function clipped(text: string): string {
  const chars = Array.from(text);
  return chars.length > SUMMARY_MAX ? chars.slice(0, SUMMARY_MAX).join('') : text;
}
