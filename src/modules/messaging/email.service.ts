import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { DomainError } from '../../platform/errors.js';
import type { ChannelIntakeService, ChannelMessage } from '../intake/index.js';
import type { AttachmentService } from '../tickets/index.js';
import { insertLink, ticketsOfAddress, type InboundRow } from './conversations.repository.js';
import { Inbox, openTicketAmong, type InboxResult } from './inbox.js';
import { externalIdOf, KeyedQueue } from './inbound-support.js';
import { clip, emailTexts } from './message-texts.js';
import type { MessagingSettings } from './messaging-settings.js';
import { enqueueMessage, sentMailsAnswered } from './outbox.repository.js';

export interface EmailChannelDeps {
  database: Database;
  clock: Clock;
  intake: ChannelIntakeService;
  attachments: AttachmentService;
  settings: MessagingSettings;
}

/** The SMTP envelope of a received message. */
export interface MailEnvelope {
  /** MAIL FROM; empty for a bounce (a delivery report). */
  mailFrom: string;
  rcptTo: string[];
}

export type RecipientCheck = 'accepted' | 'unknown' | 'not_configured';

/** Files per e-mail kept on the ticket; the rest are named in the receipt as not kept. */
const MAX_ATTACHMENTS = 10;
const TITLE_CHARS = 200;
const DESCRIPTION_CHARS = 5000;

/**
 * The e-mail channel (来信): a message to the centre's address files an appeal (subject = title,
 * text or HTML turned into text = description, From = sender, Message-ID = the message's id) with
 * its attachments on the ticket, and the citizen gets an acknowledgement with the ticket number
 * and query code. A reply to one of our mails about a ticket that is still open, from the
 * address the ticket came from, is a contact on that ticket instead. A reply to a staff notice
 * files nothing: its sender is told, once, to act on the ticket in the workspace. Automatic mail
 * (bounces, auto-replies, lists) files nothing and is never answered, so two robots cannot loop.
 */
export class EmailChannelService {
  private readonly inbox: Inbox;
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: EmailChannelDeps) {
    this.inbox = new Inbox(deps.database, deps.clock, 'email');
  }

  /** Whether the listener takes mail for this address (RCPT TO): the centre's address only. */
  async checkRecipient(address: string): Promise<RecipientCheck> {
    const centre = await this.deps.settings.centreAddress();
    if (!centre) return 'not_configured';
    return address.trim().toLowerCase() === centre ? 'accepted' : 'unknown';
  }

  /** Takes one raw message as received over SMTP; durable when it resolves. */
  async receive(raw: Buffer, envelope: MailEnvelope): Promise<InboxResult> {
    const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    const from = firstAddress(mail.from);
    const centre = await this.deps.settings.centreAddress();
    if (!from || isAutomatic(mail, envelope) || from.address === centre)
      return { duplicate: false, decision: 'ignored', ticketId: null };
    const externalId = mail.messageId
      ? externalIdOf('', mail.messageId)
      : externalIdOf('sha256:', createHash('sha256').update(raw).digest('hex'));
    return this.queue.run(from.address, () =>
      this.inbox.handle(
        { externalId, sender: from.address, payload: null },
        async (trx) => {
          const answered = await sentMailsAnswered(trx, referencesOf(mail));
          // A member of staff answering a notice is not a citizen's appeal.
          if (answered.staffNotice) return { decision: 'staff_reply' };
          // A reply to our mail about an open ticket of the same sender joins that ticket.
          const referred = answered.ticketId;
          if (referred !== null) {
            const theirs = (await ticketsOfAddress(trx, 'email', from.address)).filter(
              (t) => t.ticketId === referred,
            );
            const open = openTicketAmong(theirs);
            if (open !== null) return { decision: 'contact', ticketId: open };
          }
          return { decision: 'appeal' };
        },
        (inbound) => this.carryOut(inbound, mail, from, externalId),
      ),
    );
  }

  private async carryOut(
    inbound: InboundRow,
    mail: ParsedMail,
    from: { address: string; name: string | null },
    externalId: string,
  ): Promise<void> {
    const subject = mail.subject?.trim() || null;
    const body = (mail.text ?? '').trim();
    const message: ChannelMessage = {
      channel: 'email',
      externalId,
      sender: from.address,
      senderName: from.name ? clip(from.name, 100) : null,
      receivedAt:
        mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined,
      summary: clip([subject, body].filter(Boolean).join('\n'), 2000) || null,
    };
    if (inbound.decision === 'staff_reply') {
      // Told once where to act instead (the notice's link), in the transaction that ends it.
      return this.deps.database.write(async (trx) => {
        await enqueueMessage(
          trx,
          {
            channel: 'email',
            kind: 'staff_reply',
            ticketId: null,
            recipient: from.address,
            subject: emailTexts.staffReplySubject(subject),
            body: emailTexts.staffReply,
            replyRef: mail.messageId ?? null,
            dedupeKey: `staff_reply:${externalId}`,
          },
          this.deps.clock.now().toISOString(),
        );
        await this.inbox.finish(trx, externalId);
      });
    }
    if (inbound.decision === 'contact') {
      const ticketId = inbound.ticket_id!;
      await this.deps.intake.recordMessageOnTicket(message, ticketId);
      await this.keepAttachments(ticketId, mail.attachments);
      return this.inbox.finishAlone(externalId);
    }
    const receipt = await this.deps.intake.fileAppeal({
      ...message,
      title: subject ? clip(subject, TITLE_CHARS) : null,
      description: clip(body || subject || '（邮件无正文）', DESCRIPTION_CHARS),
    });
    const skipped = await this.keepAttachments(receipt.ticketId, mail.attachments);
    const at = this.deps.clock.now().toISOString();
    await this.deps.database.write(async (trx) => {
      await insertLink(
        trx,
        {
          ticketId: receipt.ticketId,
          channel: 'email',
          address: from.address,
          kind: 'email',
          replyRef: mail.messageId ?? null,
          subject,
        },
        at,
      );
      await enqueueMessage(
        trx,
        {
          channel: 'email',
          kind: 'receipt',
          ticketId: receipt.ticketId,
          recipient: from.address,
          subject: emailTexts.receiptSubject(subject, receipt.number),
          body: emailTexts.receipt(receipt.number, receipt.queryCode !== null, skipped),
          secret: receipt.queryCode,
          replyRef: mail.messageId ?? null,
          dedupeKey: `receipt:${receipt.ticketId}:email`,
        },
        at,
      );
      await this.inbox.finish(trx, externalId, receipt.ticketId);
    });
  }

  /** Stores the message's files on the ticket; returns the names of those not taken. */
  private async keepAttachments(ticketId: number, files: Attachment[]): Promise<string[]> {
    const skipped: string[] = [];
    // Images a signature shows inline (cid:) are part of the layout, not the citizen's evidence.
    const evidence = files.filter((f) => f.contentDisposition === 'attachment' || !f.related);
    for (const [i, file] of evidence.entries()) {
      const name = file.filename ?? `attachment-${i + 1}`;
      if (i >= MAX_ATTACHMENTS) {
        skipped.push(name);
        continue;
      }
      try {
        await this.deps.attachments.addFromChannel(ticketId, {
          name,
          declaredType: file.contentType,
          content: Readable.from([file.content]),
        });
      } catch (error) {
        if (
          error instanceof DomainError &&
          (error.code === 'UNSUPPORTED_MEDIA_TYPE' || error.code === 'PAYLOAD_TOO_LARGE')
        )
          skipped.push(name);
        else throw error;
      }
    }
    return skipped;
  }
}

function firstAddress(
  header: AddressObject | undefined,
): { address: string; name: string | null } | null {
  const first = header?.value[0];
  const address = first?.address?.trim().toLowerCase();
  if (!address || !address.includes('@') || address.length > 200) return null;
  return { address, name: first?.name?.trim() || null };
}

/** The Message-IDs a mail answers (In-Reply-To and References). */
function referencesOf(mail: ParsedMail): string[] {
  const refs = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  return [...new Set([mail.inReplyTo, ...refs].filter((r): r is string => Boolean(r)))].slice(-20);
}

/** Bounces, auto-replies and list mail (RFC 3834, RFC 2369): never filed, never answered. */
function isAutomatic(mail: ParsedMail, envelope: MailEnvelope): boolean {
  if (envelope.mailFrom.trim() === '') return true;
  const header = (name: string): string => {
    const value = mail.headers.get(name) as unknown;
    const text =
      typeof value === 'string' ? value : (value as { value?: unknown } | undefined)?.value;
    return typeof text === 'string' ? text.trim().toLowerCase() : '';
  };
  const auto = header('auto-submitted');
  if (auto && auto !== 'no') return true;
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) return true;
  if (mail.headers.has('list-id') || mail.headers.has('x-autoreply')) return true;
  return /^(mailer-daemon|postmaster)@/i.test(envelope.mailFrom);
}
