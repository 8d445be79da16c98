import { requireRoles, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { DomainError } from '../../platform/errors.js';
import {
  getTicketRow,
  listEvents,
  type AttachmentService,
  type TicketEvent,
} from '../tickets/index.js';
import type { Photo } from './conversation-rules.js';
import { progressPush, WATCH_AFTER_CLOSE_MS } from './progress-rules.js';
import { WechatApiError, type Download, type WechatApi } from './wechat-api.js';
import {
  advanceTicketCursor,
  claimOutboxItem,
  deleteFinishedOutboxItems,
  deleteStaleConversations,
  dueOutboxItems,
  enqueue,
  finishOutboxItem,
  forgetHandledMessages,
  listOutboxItems,
  ticketsWithNewEvents,
  type OutboxItem,
  type OutboxListItem,
} from './wechat.repository.js';
import type { WechatSettings } from './wechat-settings.js';

/** Waits before the next try of a failed item: 30 s, 1, 2, 5, 10, 30 minutes, 1 hour. */
const BACKOFF_MS = [30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** How long an instance holds an item it is sending; after that another may take it. */
const LOCK_MS = 2 * 60_000;
const BATCH = 20;
/** Rounds of sending per run at most (each a batch). */
const MAX_ROUNDS = 10;
const WATCH_BATCH = 200;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How often the old rows are cleared. */
const CLEANUP_EVERY_MS = 10 * MINUTE;

export interface OutboxRun {
  queued: number;
  sent: number;
  retried: number;
  failed: number;
}

const MIME_EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/**
 * What the WeChat adapter does after answering: customer-service messages when a ticket filed
 * over WeChat changes in a way the citizen cares about, and the photos of an appeal fetched from
 * WeChat onto its ticket. Every app instance may run it: changes are taken from each ticket's
 * history with a compare-and-set cursor, and each outbox item is claimed by one instance.
 */
export class WechatOutboxService {
  private lastCleanup = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly api: WechatApi,
    private readonly attachments: AttachmentService,
    private readonly settings: () => Promise<WechatSettings>,
  ) {}

  /** One round: queue what changed, send what is due, now and then clear old rows. */
  async runOnce(): Promise<OutboxRun> {
    const queued = await this.queueProgressMessages();
    const sent = await this.sendDue();
    const now = this.clock.now().getTime();
    if (now - this.lastCleanup >= CLEANUP_EVERY_MS) {
      this.lastCleanup = now;
      await this.cleanup();
    }
    return { queued, ...sent };
  }

  /** Reads the new history of watched tickets and queues a message for each change worth telling. */
  async queueProgressMessages(): Promise<number> {
    const now = this.clock.now();
    const at = now.toISOString();
    const watched = await ticketsWithNewEvents(this.database.db, at, WATCH_BATCH);
    let queued = 0;
    for (const ticket of watched) {
      const events = (await listEvents(this.database.db, ticket.ticketId)).filter(
        (e) => e.seq > ticket.seenSeq,
      );
      const last = events.at(-1);
      if (!last) continue;
      const row = await getTicketRow(this.database.db, ticket.ticketId);
      const messages = events
        .map((event) => ({
          event,
          text: progressPush(event, { number: ticket.number, replyText: row.reply_text }),
        }))
        .filter((m): m is { event: TicketEvent; text: string } => m.text !== null);
      const wrote = await this.database.write(async (trx) => {
        const moved = await advanceTicketCursor(
          trx,
          ticket.ticketId,
          ticket.seenSeq,
          last.seq,
          watchUntil(events, ticket.watchUntil),
        );
        if (!moved) return 0;
        for (const { event, text } of messages) {
          await enqueue(trx, {
            kind: 'push',
            dedupeKey: `push:${event.id}`,
            ticketId: ticket.ticketId,
            openid: ticket.openid,
            payload: { text },
            at,
          });
        }
        return messages.length;
      });
      queued += wrote;
    }
    return queued;
  }

  /**
   * Sends the due items this instance can claim; each is done, retried later, or given up. A
   * ticket's next message becomes due once the one before it is sent, so rounds repeat while
   * they make progress.
   */
  async sendDue(): Promise<Omit<OutboxRun, 'queued'>> {
    const result = { sent: 0, retried: 0, failed: 0 };
    const settings = await this.settings();
    // Until an admin sets the account up, items wait without using up their attempts.
    if (!settings.appId || !settings.appSecret) return result;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const finished = result.sent + result.failed;
      await this.sendRound(result);
      if (result.sent + result.failed === finished) break;
    }
    return result;
  }

  private async sendRound(result: Omit<OutboxRun, 'queued'>): Promise<void> {
    const now = this.clock.now();
    const at = now.toISOString();
    const lockUntil = new Date(now.getTime() + LOCK_MS).toISOString();
    for (const item of await dueOutboxItems(this.database.db, at, BATCH)) {
      const claimed = await this.database.write((trx) =>
        claimOutboxItem(trx, item.id, at, lockUntil),
      );
      if (!claimed) continue;
      const attempts = item.attempts + 1;
      try {
        await this.deliver(item);
        await this.database.write((trx) =>
          finishOutboxItem(trx, item.id, { state: 'done', at: this.clock.now().toISOString() }),
        );
        result.sent++;
      } catch (error) {
        const message = describe(error);
        const finished = this.clock.now();
        if (isRetryable(error) && attempts < MAX_ATTEMPTS) {
          const wait = BACKOFF_MS[attempts - 1] ?? BACKOFF_MS.at(-1)!;
          const retryAt = new Date(finished.getTime() + wait).toISOString();
          await this.database.write((trx) =>
            finishOutboxItem(trx, item.id, { state: 'pending', retryAt, error: message }),
          );
          result.retried++;
        } else {
          await this.database.write((trx) =>
            finishOutboxItem(trx, item.id, {
              state: 'failed',
              at: finished.toISOString(),
              error: message,
            }),
          );
          result.failed++;
        }
      }
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    switch (item.kind) {
      case 'push':
        return this.api.sendText(
          item.openid,
          typeof item.payload.text === 'string' ? item.payload.text : '',
        );
      case 'photo':
        return this.attachPhoto(item);
    }
  }

  /** Fetches a photo of the appeal from WeChat (the media API, else its PicUrl) onto the ticket. */
  private async attachPhoto(item: OutboxItem): Promise<void> {
    const photo = item.payload as unknown as Photo & { index?: number };
    const row = await getTicketRow(this.database.db, item.ticketId);
    // Checked before downloading: an answered appeal or a full one takes no more photos.
    await this.attachments.assertCitizenMayAddPhoto({ id: row.id, status: row.status });
    let download: Download;
    try {
      if (!photo.mediaId) throw new WechatApiError(null, 'the photo has no MediaId', false);
      download = await this.api.downloadMedia(photo.mediaId);
    } catch (error) {
      if (!photo.picUrl || !(error instanceof WechatApiError)) throw error;
      download = await this.api.downloadUrl(photo.picUrl);
    }
    const type = download.type?.split(';')[0]?.trim().toLowerCase() ?? '';
    await this.attachments.uploadFromCitizen(
      { id: row.id, status: row.status },
      {
        name: `微信照片-${(photo.index ?? 0) + 1}${MIME_EXTENSIONS[type] ?? ''}`,
        declaredType: type || undefined,
        content: download.content,
      },
    );
  }

  /**
   * For the admin: what was sent, is being retried or was given up (the newest 100), with the
   * reason; never whom to nor what.
   */
  async list(actor: Actor, filter: { unsentOnly: boolean }): Promise<OutboxListItem[]> {
    requireRoles(actor, ['admin'], 'Only an admin sees the WeChat outbox');
    return listOutboxItems(this.database.db, { unsentOnly: filter.unsentOnly, limit: 100 });
  }

  /** Clears what is no longer needed: replies of handled messages, old rows. */
  async cleanup(): Promise<void> {
    const now = this.clock.now().getTime();
    const before = (ms: number) => new Date(now - ms).toISOString();
    await this.database.write(async (trx) => {
      await forgetHandledMessages(trx, {
        eraseRepliesBefore: before(10 * MINUTE),
        deleteBefore: before(2 * DAY),
      });
      await deleteStaleConversations(trx, before(7 * DAY));
      await deleteFinishedOutboxItems(trx, before(30 * DAY));
    });
  }
}

/** Closed tickets stay watched for a while after their closing; a live one is watched. */
function watchUntil(events: TicketEvent[], current: string | null): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    const status = event.after?.status;
    if (typeof status !== 'string') continue;
    if (status === 'closed') {
      return new Date(Date.parse(event.at) + WATCH_AFTER_CLOSE_MS).toISOString();
    }
    return null;
  }
  return current;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof WechatApiError) return error.retryable;
  // The ticket refuses the photo (answered, full, not an image, too large): no retry changes that.
  if (error instanceof DomainError) return error.code === 'WECHAT_NOT_CONFIGURED';
  return true;
}

function describe(error: unknown): string {
  const text =
    error instanceof DomainError ? `${error.code}: ${error.message}` : (error as Error).message;
  return String(text).slice(0, 300);
}
