import type { MultipartFile } from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError, ValidationError } from '../../platform/errors.js';
import { requireActor } from '../../platform/http/request-actor.js';
import {
  ErrorEnvelope,
  errorResponses,
  IdParams,
  type RouteRegistrar,
} from '../../platform/http/routes.js';
import type { Attachment } from './attachments.repository.js';
import type { AttachmentService } from './attachments.service.js';
import { ATTACHMENT_PURPOSES } from './attachment-types.js';
import { AttachmentSchema } from './tickets.schemas.js';

/** RFC 6266 / 5987: an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** The multipart plugin's own size error, in our envelope's vocabulary. */
function asDomainError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new DomainError('PAYLOAD_TOO_LARGE', `A file may be at most ${maxBytes} bytes`);
  }
  return error;
}

/**
 * Receives the first file of a multipart request through `store`, with the purpose given
 * before it (or in the query); the multipart plugin's size error becomes PAYLOAD_TOO_LARGE.
 */
export async function receiveUpload(
  request: FastifyRequest,
  maxBytes: number,
  purposeInQuery: string | undefined,
  store: (file: MultipartFile, purpose: string | undefined) => Promise<Attachment>,
): Promise<Attachment> {
  try {
    return await uploadFirstFile(request, maxBytes, purposeInQuery, store);
  } catch (error) {
    throw asDomainError(error, maxBytes);
  }
}

async function uploadFirstFile(
  request: FastifyRequest,
  maxBytes: number,
  purposeInQuery: string | undefined,
  store: (file: MultipartFile, purpose: string | undefined) => Promise<Attachment>,
): Promise<Attachment> {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  }
  let purpose = purposeInQuery;
  // One byte over the limit reaches the service, which refuses the file as too large (busboy
  // would otherwise cut it at the limit and pass a silently truncated file on).
  for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: 1 } })) {
    if (part.type === 'field') {
      if (part.fieldname === 'purpose' && typeof part.value === 'string') purpose ??= part.value;
      continue;
    }
    try {
      return await store(part, purpose);
    } catch (error) {
      part.file.resume();
      throw error;
    }
  }
  throw new ValidationError('file', 'Attach a file (multipart field "file")');
}

export function attachmentRoutes(attachments: AttachmentService, maxBytes: number): RouteRegistrar {
  return (app) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['attachments'];
    const Params = Type.Object({
      id: Type.Integer({ minimum: 1 }),
      attachmentId: Type.Integer({ minimum: 1 }),
    });

    api.post(
      '/tickets/:id/attachments',
      {
        schema: {
          tags,
          summary: `Add a file (multipart, one file, at most ${maxBytes} bytes; purpose before the file or in the query)`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          querystring: Type.Object({ purpose: Type.Optional(Type.Enum(ATTACHMENT_PURPOSES)) }),
          response: {
            201: AttachmentSchema,
            413: ErrorEnvelope,
            415: ErrorEnvelope,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const ticketId = request.params.id;
        // Scope and permission first, so nothing of a refused upload reaches the disk.
        await attachments.assertCanUpload(actor, ticketId);
        const attachment = await receiveUpload(
          request,
          maxBytes,
          request.query.purpose,
          (file, purpose) =>
            attachments.upload(actor, ticketId, {
              name: file.filename,
              declaredType: file.mimetype,
              purpose,
              content: file.file,
              truncated: () => file.file.truncated,
            }),
        );
        return reply.status(201).send(attachment);
      },
    );

    api.get(
      '/tickets/:id/attachments',
      {
        schema: {
          tags,
          summary: 'The files of a ticket',
          params: IdParams,
          response: {
            200: Type.Object({ items: Type.Array(AttachmentSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await attachments.list(requireActor(request), request.params.id),
      }),
    );

    api.get(
      '/tickets/:id/attachments/:attachmentId',
      {
        schema: {
          tags,
          summary: 'Download a file',
          params: Params,
          response: {
            200: Type.Unsafe<unknown>(Type.String({ format: 'binary' })),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { attachment, content } = await attachments.open(
          requireActor(request),
          request.params.id,
          request.params.attachmentId,
        );
        const type =
          attachment.mime === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.mime;
        return reply
          .header('content-type', type)
          .header('content-length', attachment.size)
          .header('content-disposition', contentDisposition(attachment.name))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(content);
      },
    );
  };
}
