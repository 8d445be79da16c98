import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { MailSender } from '../../platform/outbound/mail-sender.js';
import { SendError } from '../../platform/outbound/send-error.js';
import type { SmsSender } from '../../platform/outbound/sms-sender.js';
import { QUERY_CODE_PLACEHOLDER } from './message-texts.js';
import type { MessagingSettings } from './messaging-settings.js';
import { afterFailure, type SendOutcome } from './outbox-rules.js';
import {
  claimDueMessages,
  listOutbox,
  settleMessage,
  type OutboxListItem,
  type OutboxRow,
} from './outbox.repository.js';
import type { WeiboApiClient } from './weibo-api.js';
import { requireRoles, type Actor } from '../../platform/actor.js';

/** Messages claimed (and sent side by side) at a time. */
const BATCH = 8;
/** Batches per drain, so one run never holds the timer for long. */
const MAX_BATCHES = 25;

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface OutboxSenders {
  sms: SmsSender;
  mail: MailSender;
  weibo: WeiboApiClient;
}

/**
 * Sends what the channels planned: claims due messages (one instance per message), hands each to
 * its channel's sender outside any transaction, and records sent (with the gateway's id), a retry
 * later (with backoff), or a final failure. A message whose instance died mid-send is taken over
 * after its lease, so delivery is at least once; the SMS reference and the e-mail Message-ID stay
 * the same on every attempt so a gateway can drop a repeat.
 */
export class OutboxService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly senders: OutboxSenders,
    private readonly settings: MessagingSettings,
  ) {}

  async drain(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const claimed = await claimDueMessages(this.database, this.clock.now(), BATCH);
      if (claimed.length === 0) break;
      // One recipient's messages go out one after the other, in the order they were planned (a
      // receipt before the answer that followed it at once); different recipients in parallel.
      const byRecipient = new Map<string, OutboxRow[]>();
      for (const row of [...claimed].sort((x, y) => x.id - y.id)) {
        const key = `${row.channel}\u0000${row.recipient}`;
        byRecipient.set(key, [...(byRecipient.get(key) ?? []), row]);
      }
      const outcomes = (
        await Promise.all(
          [...byRecipient.values()].map(async (rows) => {
            const done: SendOutcome[] = [];
            for (const row of rows) done.push(await this.attempt(row));
            return done;
          }),
        )
      ).flat();
      for (const outcome of outcomes) {
        if (outcome.status === 'sent') result.sent++;
        else if (outcome.status === 'pending') result.retrying++;
        else result.failed++;
      }
      if (claimed.length < BATCH) break;
    }
    return result;
  }

  /** The outbox for admins (no recipients, no content): what was sent, what waits, what failed. */
  async list(
    actor: Actor,
    filter: { status?: string; channel?: string; limit?: number },
  ): Promise<OutboxListItem[]> {
    requireRoles(actor, ['admin', 'supervisor'], 'Only an admin or a supervisor sees the outbox');
    return listOutbox(this.database.db, { ...filter, limit: filter.limit ?? 100 });
  }

  private async attempt(row: OutboxRow): Promise<SendOutcome> {
    let outcome: SendOutcome;
    try {
      outcome = { status: 'sent', providerId: await this.deliver(row) };
    } catch (error) {
      const failure =
        error instanceof SendError
          ? error
          : new SendError('SEND_FAILED', 'Sending failed unexpectedly', true);
      outcome = afterFailure(row.attempts, failure, this.clock.now());
    }
    const at = this.clock.now().toISOString();
    await this.database.write((trx) => settleMessage(trx, row, outcome, at));
    return outcome;
  }

  private async deliver(row: OutboxRow): Promise<string> {
    const text = row.secret ? row.body.replaceAll(QUERY_CODE_PLACEHOLDER, row.secret) : row.body;
    switch (row.channel) {
      case 'sms':
        return (
          await this.senders.sms.send({
            to: row.recipient,
            text,
            reference: `openhotline-${row.id}`,
          })
        ).messageId;
      case 'email': {
        const sent = await this.senders.mail.send({
          to: row.recipient,
          subject: row.subject ?? '',
          text,
          messageId: await this.messageIdOf(row),
          inReplyTo: row.reply_ref,
          references: row.reply_ref ? [row.reply_ref] : [],
        });
        return sent.messageId;
      }
      case 'weibo':
        if (row.route === 'comment') {
          if (!row.reply_ref)
            throw new SendError('NO_POST', 'A comment needs the post it answers', false);
          return this.senders.weibo.comment(row.reply_ref, text);
        }
        return this.senders.weibo.privateMessage(row.recipient, text);
      default:
        throw new SendError('UNKNOWN_CHANNEL', `No sender for channel ${row.channel}`, false);
    }
  }

  /** Our Message-ID for an e-mail: the same on every attempt, in the From address's domain. */
  private async messageIdOf(row: OutboxRow): Promise<string> {
    const from = (await this.settings.smtp())?.from ?? '';
    const domain = /@([^\s>@]+)>?\s*$/.exec(from)?.[1] ?? 'openhotline.invalid';
    return `<openhotline.${row.id}.${Date.parse(row.created_at)}@${domain}>`;
  }
}
