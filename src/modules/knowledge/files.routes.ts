import type { MultipartFile } from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { UTF8_BOM } from '../../platform/csv.js';
import { DomainError, ValidationError } from '../../platform/errors.js';
import { requireActor } from '../../platform/http/request-actor.js';
import { ErrorEnvelope, errorResponses, IdParams } from '../../platform/http/routes.js';
import { contentDisposition } from '../tickets/index.js';
import type { KnowledgeImageService } from './knowledge-images.service.js';
import type { ImportFile, KnowledgeTransferService } from './knowledge-transfer.service.js';
import { requireEditor } from './knowledge-access.js';
import { ImportResultSchema } from './knowledge.schemas.js';

/** A file to import may be this large (a CSV of a few thousand articles). */
const IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `A file may be at most ${maxBytes} bytes`, { maxBytes });

function requireMultipart(request: FastifyRequest): void {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the files as multipart/form-data');
  }
}

/** Every file of a multipart request, read as UTF-8 text (invalid bytes become U+FFFD). */
async function readTextFiles(request: FastifyRequest): Promise<ImportFile[]> {
  requireMultipart(request);
  const files: ImportFile[] = [];
  const decoder = new TextDecoder('utf-8');
  for await (const part of request.parts({ limits: { fileSize: IMPORT_FILE_MAX_BYTES + 1 } })) {
    if (part.type !== 'file') continue;
    const bytes = await part.toBuffer().catch((error: unknown) => {
      throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
        ? tooLarge(IMPORT_FILE_MAX_BYTES)
        : error;
    });
    if (bytes.length > IMPORT_FILE_MAX_BYTES) throw tooLarge(IMPORT_FILE_MAX_BYTES);
    files.push({ name: part.filename || part.fieldname, text: decoder.decode(bytes) });
  }
  return files;
}

/** The first file of a multipart request, handed to `store` as a stream. */
async function firstFile<T>(
  request: FastifyRequest,
  maxBytes: number,
  store: (file: MultipartFile) => Promise<T>,
): Promise<T> {
  requireMultipart(request);
  // One byte over the limit reaches the service, which refuses the file as too large.
  for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: 1 } })) {
    if (part.type !== 'file') continue;
    try {
      return await store(part);
    } catch (error) {
      part.file.resume();
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
      throw error;
    }
  }
  throw new ValidationError('file', 'Attach an image (multipart field "file")');
}

/** Import and export (Markdown with front matter, CSV) and the articles' images. */
export function fileRoutes(
  app: FastifyInstance,
  transfer: KnowledgeTransferService,
  images: KnowledgeImageService,
  imageMaxBytes: number,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['knowledge'];
  api.get(
    '/knowledge/export.csv',
    {
      schema: {
        tags,
        description:
          'The working copies the actor keeps, as CSV (UTF-8 with BOM): id,title,owner,audience,categories,keywords,synonyms,effective_from,expires_on,review_by,body,state,version,published_version,updated_at; lists separated by "|".',
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = await transfer.exportCsv(requireActor(request));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="knowledge.csv"')
        .send(UTF8_BOM + csv);
    },
  );
  api.get(
    '/knowledge/articles/:id/markdown',
    {
      schema: {
        tags,
        summary: 'One article as Markdown with front matter',
        params: IdParams,
        produces: ['text/markdown'],
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { filename, text } = await transfer.markdownOf(
        requireActor(request),
        request.params.id,
      );
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', contentDisposition(filename))
        .send(text);
    },
  );
  api.post(
    '/knowledge/import',
    {
      schema: {
        tags,
        summary:
          'Import .md and .csv files: all of them as drafts, or none with every problem listed',
        consumes: ['multipart/form-data'],
        response: {
          200: ImportResultSchema,
          413: ErrorEnvelope,
          415: ErrorEnvelope,
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireEditor(requireActor(request));
      return transfer.import(actor, await readTextFiles(request));
    },
  );
  api.post(
    '/knowledge/images',
    {
      schema: {
        tags,
        summary: `Upload an image for an article (JPEG, PNG, WebP, GIF; at most ${imageMaxBytes} bytes)`,
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({ url: Type.String() }),
          413: ErrorEnvelope,
          415: ErrorEnvelope,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireEditor(requireActor(request));
      const stored = await firstFile(request, imageMaxBytes, (file) =>
        images.upload(actor, {
          name: file.filename,
          declaredType: file.mimetype,
          content: file.file,
          truncated: () => file.file.truncated,
        }),
      );
      return reply.status(201).send({ url: stored.url });
    },
  );
  api.get(
    '/knowledge/images/:id',
    {
      schema: {
        tags,
        summary: "An article's image (no login: public answers show images on the portal)",
        security: [],
        params: IdParams,
        response: {
          200: Type.Unsafe<unknown>(Type.String({ format: 'binary' })),
          400: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { image, content } = await images.open(request.params.id);
      return reply
        .header('content-type', image.mime)
        .header('content-length', image.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content);
    },
  );
}
