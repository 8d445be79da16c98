import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/actor.js';
import { DomainError, NotFoundError } from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import {
  cleanFileName,
  decideAttachmentType,
  tooLarge,
  type AttachmentStorage,
} from '../tickets/index.js';
import { requireEditor } from './knowledge-access.js';
import type { KnowledgeContext } from './knowledge-context.js';

export interface ImageUpload {
  name: string | undefined;
  declaredType: string | undefined;
  content: Readable;
  /** Whether the transport cut the content short (a multipart size limit). */
  truncated?: () => boolean;
}

export interface StoredImage {
  id: number;
  name: string;
  mime: string;
  size: number;
}

/** Where an article's Markdown finds an uploaded image. */
export const imageUrl = (id: number): string => `/api/v1/knowledge/images/${id}`;

/** Images for articles, kept like ticket attachments (type checked by content, size limited). */
export class KnowledgeImageService {
  constructor(
    private readonly context: KnowledgeContext,
    private readonly storage: AttachmentStorage,
    private readonly maxBytes: number,
  ) {}

  /** Stores an image (JPEG, PNG, WebP, GIF) from an editor; returns the URL to put in Markdown. */
  async upload(actor: Actor, input: ImageUpload): Promise<{ id: number; url: string }> {
    requireEditor(actor);
    const received = await this.storage.receive(input.content, this.maxBytes);
    if (input.truncated?.()) {
      await this.storage.discard(received.tempPath);
      throw tooLarge(this.maxBytes);
    }
    const decision = decideAttachmentType(input.declaredType, received.head, received.isText);
    if (!decision.ok || !decision.type.startsWith('image/')) {
      await this.storage.discard(received.tempPath);
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        decision.ok ? 'Only images (JPEG, PNG, WebP, GIF) can go into an article' : decision.reason,
      );
    }
    const now = this.context.clock.now();
    const date = localDate(now, this.context.timeZone);
    const key = await this.storage.keep(received, {
      year: date.slice(0, 4),
      month: date.slice(5, 7),
    });
    try {
      const { id } = await this.context.database.write((trx) =>
        trx
          .insertInto('knowledge_images')
          .values({
            name: cleanFileName(input.name),
            mime: decision.type,
            size: received.size,
            sha256: received.sha256,
            storage_key: key,
            uploaded_by: actor.userId,
            created_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      return { id, url: imageUrl(id) };
    } catch (error) {
      await this.storage.remove(key);
      throw error;
    }
  }

  /** An image and its bytes; anyone may read it (public articles show images on the portal). */
  async open(id: number): Promise<{ image: StoredImage; content: Readable }> {
    const row = await this.context.database.db
      .selectFrom('knowledge_images')
      .select(['id', 'name', 'mime', 'size', 'storage_key'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Image', id, 'KNOWLEDGE_IMAGE_NOT_FOUND');
    const { storage_key: key, ...image } = row;
    return { image, content: this.storage.open(key) };
  }
}
