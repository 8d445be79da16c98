import type { Readable } from 'node:stream';
import { hasRole, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import { tooLarge, type AttachmentStorage, type ReceivedFile } from './attachment-storage.js';
import {
  ATTACHMENT_PURPOSES,
  cleanFileName,
  decideAttachmentType,
  type AttachmentPurpose,
} from './attachment-types.js';
import {
  findAttachment,
  insertAttachment,
  listAttachments,
  type Attachment,
} from './attachments.repository.js';
import type { TicketQueries } from './ticket-query.service.js';
import { insertEvent, listAssignments } from './tickets.repository.js';
import type { Ticket } from './ticket.js';

export interface UploadInput {
  /** The name the uploader gave the file. */
  name: string | undefined;
  declaredType: string | undefined;
  purpose: string | undefined;
  content: Readable;
  /** Whether the transport cut the content short (a multipart size limit). */
  truncated?: () => boolean;
}

/** A citizen adds photos to their appeal while it is being handled, a few at most. */
const CITIZEN_PHOTO_STATUSES: readonly string[] = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
];
const CITIZEN_PHOTO_LIMIT = 4;

const isPurpose = (value: string | undefined): value is AttachmentPurpose =>
  (ATTACHMENT_PURPOSES as readonly string[]).includes(value ?? '');

/** The year and month in the centre's time zone, for the storage folder. */
function yearMonth(at: Date, timeZone: string): { year: string; month: string } {
  const date = localDate(at, timeZone);
  return { year: date.slice(0, 4), month: date.slice(5, 7) };
}

/** Files on a ticket (photos, recordings, documents): type checked by content, size limited. */
export class AttachmentService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly queries: TicketQueries,
    private readonly storage: AttachmentStorage,
    private readonly options: { maxBytes: number; timeZone: string },
  ) {}

  /**
   * Anyone who sees the ticket and works on it: the centre's desks (operator, dispatcher, admin)
   * and handlers of a unit currently dispatched on it.
   */
  async assertCanUpload(actor: Actor, ticketId: number): Promise<Ticket> {
    const ticket = await this.visibleTicket(actor, ticketId);
    if (hasRole(actor, 'operator', 'dispatcher', 'admin')) return ticket;
    if (hasRole(actor, 'handler')) {
      const assignments = await listAssignments(this.database.db, ticketId);
      if (assignments.some((a) => a.unitId === actor.unitId && a.state !== 'withdrawn')) {
        return ticket;
      }
    }
    throw new ForbiddenError(
      'Only the centre and the units handling this ticket may add files to it',
      'ATTACHMENT_NOT_ALLOWED',
    );
  }

  async upload(actor: Actor, ticketId: number, input: UploadInput): Promise<Attachment> {
    await this.assertCanUpload(actor, ticketId);
    if (!isPurpose(input.purpose)) {
      throw new ValidationError(
        'purpose',
        `purpose must be one of ${ATTACHMENT_PURPOSES.join(', ')}`,
      );
    }
    return this.receive(actor, ticketId, input, input.purpose);
  }

  /**
   * Checks before a citizen's photo is received: the appeal is still being handled and holds
   * fewer than CITIZEN_PHOTO_LIMIT photos of theirs.
   */
  async assertCitizenMayAddPhoto(ticket: { id: number; status: string }): Promise<void> {
    if (!CITIZEN_PHOTO_STATUSES.includes(ticket.status))
      throw new ConflictError(
        'APPEAL_ANSWERED',
        'Photos can be added only until the appeal is answered',
      );
    const theirs = (await listAttachments(this.database.db, ticket.id)).filter(
      (a) => a.uploadedBy === null,
    );
    if (theirs.length >= CITIZEN_PHOTO_LIMIT)
      throw new ValidationError('file', `At most ${CITIZEN_PHOTO_LIMIT} photos per appeal`);
  }

  /** A photo the citizen adds to their own appeal (portal, app): images only. */
  async uploadFromCitizen(
    ticket: { id: number; status: string },
    input: Omit<UploadInput, 'purpose'>,
  ): Promise<Attachment> {
    await this.assertCitizenMayAddPhoto(ticket);
    return this.receive(null, ticket.id, input, 'appeal', (mime) => mime.startsWith('image/'));
  }

  /**
   * A file the citizen sent with a message on a channel (an e-mail's attachment): any accepted
   * type, recorded as the citizen's own on the ticket. The same content twice on one ticket is
   * kept once, so a message delivered again adds nothing.
   */
  async addFromChannel(
    ticketId: number,
    input: Omit<UploadInput, 'purpose'>,
  ): Promise<{ attachment: Attachment; duplicate: boolean }> {
    const received = await this.storage.receive(input.content, this.options.maxBytes);
    const same = (await listAttachments(this.database.db, ticketId)).find(
      (a) => a.uploadedBy === null && a.sha256 === received.sha256,
    );
    if (same) {
      await this.storage.discard(received.tempPath);
      return { attachment: same, duplicate: true };
    }
    const decision = decideAttachmentType(input.declaredType, received.head, received.isText);
    if (!decision.ok) {
      await this.storage.discard(received.tempPath);
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', decision.reason);
    }
    const attachment = await this.record(null, ticketId, received, {
      name: cleanFileName(input.name),
      mime: decision.type,
      purpose: 'appeal',
    });
    return { attachment, duplicate: false };
  }

  private async receive(
    actor: Actor | null,
    ticketId: number,
    input: Omit<UploadInput, 'purpose'>,
    purpose: AttachmentPurpose,
    allowed: (mime: string) => boolean = () => true,
  ): Promise<Attachment> {
    const received = await this.storage.receive(input.content, this.options.maxBytes);
    if (input.truncated?.()) {
      await this.storage.discard(received.tempPath);
      throw tooLarge(this.options.maxBytes);
    }
    const decision = decideAttachmentType(input.declaredType, received.head, received.isText);
    if (!decision.ok || !allowed(decision.type)) {
      await this.storage.discard(received.tempPath);
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        decision.ok ? `${decision.type} is not accepted here: send a photo` : decision.reason,
      );
    }
    return this.record(actor, ticketId, received, {
      name: cleanFileName(input.name),
      mime: decision.type,
      purpose,
    });
  }

  async list(actor: Actor, ticketId: number): Promise<Attachment[]> {
    await this.visibleTicket(actor, ticketId);
    return listAttachments(this.database.db, ticketId);
  }

  /** The attachment and its content, for a download by someone who may see the ticket. */
  async open(
    actor: Actor,
    ticketId: number,
    attachmentId: number,
  ): Promise<{ attachment: Attachment; content: Readable }> {
    await this.visibleTicket(actor, ticketId);
    const attachment = await findAttachment(this.database.db, ticketId, attachmentId);
    if (!attachment) throw new NotFoundError('Attachment', attachmentId, 'ATTACHMENT_NOT_FOUND');
    return { attachment, content: this.storage.open(attachment.storageKey) };
  }

  private async visibleTicket(actor: Actor, ticketId: number): Promise<Ticket> {
    return this.queries.getVisibleTicket(actor, ticketId);
  }

  /** The file is on disk before its row is written; a refused write removes the file again. */
  private async record(
    actor: Actor | null,
    ticketId: number,
    received: ReceivedFile,
    meta: { name: string; mime: string; purpose: AttachmentPurpose },
  ): Promise<Attachment> {
    const now = this.clock.now();
    const storageKey = await this.storage.keep(received, yearMonth(now, this.options.timeZone));
    const at = now.toISOString();
    try {
      return await this.database.write(async (trx) => {
        const attachment = await insertAttachment(trx, {
          ticketId,
          ...meta,
          size: received.size,
          sha256: received.sha256,
          uploadedBy: actor?.userId ?? null,
          createdAt: at,
          storageKey,
        });
        await insertEvent(trx, {
          ticketId,
          type: 'attachment_added',
          actorId: actor?.userId ?? null,
          actorUnitId: actor?.unitId ?? null,
          at,
          reason: null,
          before: null,
          after: null,
          // No file name: it may name the citizen; the history keeps the facts only.
          data: {
            attachmentId: attachment.id,
            mime: meta.mime,
            purpose: meta.purpose,
            size: received.size,
          },
        });
        return attachment;
      });
    } catch (error) {
      await this.storage.remove(storageKey);
      throw error;
    }
  }
}
