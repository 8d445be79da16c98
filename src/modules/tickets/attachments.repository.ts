import type { Selectable, Transaction } from 'kysely';
import type { DB, TicketAttachmentTable } from '../../platform/db/schema.js';
import type { AttachmentPurpose } from './attachment-types.js';
import type { Executor } from './tickets.repository.js';

export interface Attachment {
  id: number;
  ticketId: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  purpose: AttachmentPurpose;
  uploadedBy: number | null;
  createdAt: string;
  storageKey: string;
}

function toAttachment(row: Selectable<TicketAttachmentTable>): Attachment {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    name: row.name,
    mime: row.mime,
    size: row.size,
    sha256: row.sha256,
    purpose: row.purpose as AttachmentPurpose,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    storageKey: row.storage_key,
  };
}

export async function insertAttachment(
  trx: Transaction<DB>,
  attachment: Omit<Attachment, 'id'>,
): Promise<Attachment> {
  const row = await trx
    .insertInto('ticket_attachments')
    .values({
      ticket_id: attachment.ticketId,
      name: attachment.name,
      mime: attachment.mime,
      size: attachment.size,
      sha256: attachment.sha256,
      storage_key: attachment.storageKey,
      purpose: attachment.purpose,
      uploaded_by: attachment.uploadedBy,
      created_at: attachment.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...attachment, id: row.id };
}

export async function listAttachments(db: Executor, ticketId: number): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

export async function findAttachment(
  db: Executor,
  ticketId: number,
  attachmentId: number,
): Promise<Attachment | null> {
  const row = await db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return row ? toAttachment(row) : null;
}
