import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, Nullable, type RouteRegistrar } from '../../platform/http/routes.js';
import type { WechatOutboxService } from './wechat-outbox.service.js';
import type { WechatServerService } from './wechat-server.service.js';
import { XML_BODY_LIMIT } from './wechat-xml.js';

const XML_TYPES = ['text/xml', 'application/xml'];

const WechatQuerySchema = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 64 })),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  nonce: Type.Optional(Type.String({ maxLength: 64 })),
  echostr: Type.Optional(Type.String({ maxLength: 2000 })),
  openid: Type.Optional(Type.String({ maxLength: 128 })),
  encrypt_type: Type.Optional(Type.String({ maxLength: 16 })),
  msg_signature: Type.Optional(Type.String({ maxLength: 64 })),
});

const OutboxItemSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('push'), Type.Literal('photo')]),
  ticketId: Type.Integer(),
  ticketNumber: Nullable(Type.String()),
  state: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  doneAt: Nullable(Type.String({ format: 'date-time' })),
});

/** A request in a log line: its method and path, without the query. */
const pathOnly = (req: { method: string; url: string; id: string }) => ({
  method: req.method,
  url: req.url.split('?')[0],
  id: req.id,
});

/**
 * The server URL of the official account (服务器地址): GET for the URL check, POST for messages.
 * A fastify scope of its own holds the XML body parser, and its log lines carry the path only:
 * the query names the citizen (openid) and carries signatures.
 */
export function wechatRoutes(
  server: WechatServerService,
  outbox: WechatOutboxService,
): RouteRegistrar {
  return (app) => {
    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/admin/channels/wechat/outbox',
      {
        schema: {
          tags: ['channels'],
          summary: 'WeChat customer-service messages and photo downloads: sent, retried, given up',
          querystring: Type.Object({
            status: Type.Optional(Type.Union([Type.Literal('unsent'), Type.Literal('all')])),
          }),
          response: {
            200: Type.Object({ items: Type.Array(OutboxItemSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await outbox.list(requireActor(request), {
          unsentOnly: request.query.status === 'unsent',
        }),
      }),
    );
    void app.register(
      async (scope: FastifyInstance) => {
        for (const type of XML_TYPES) {
          if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
          scope.addContentTypeParser(
            type,
            { parseAs: 'string', bodyLimit: XML_BODY_LIMIT },
            (_request, body, done) => done(null, body),
          );
        }
        const api = scope.withTypeProvider<TypeBoxTypeProvider>();
        const tags = ['channels'];
        api.get(
          '/channels/wechat',
          {
            schema: {
              tags,
              summary:
                'WeChat official account: the server URL check (echoes echostr when the signature is right)',
              security: [],
              querystring: WechatQuerySchema,
              produces: ['text/plain'],
              response: { 200: Type.String(), ...errorResponses },
            },
          },
          async (request, reply) =>
            reply.type('text/plain; charset=utf-8').send(await server.verifyServer(request.query)),
        );
        api.post(
          '/channels/wechat',
          {
            schema: {
              tags,
              summary:
                'WeChat official account: a message or event (plain, compatible or safe mode); answers XML or "success"',
              security: [],
              querystring: WechatQuerySchema,
              consumes: XML_TYPES,
              produces: ['application/xml', 'text/plain'],
              body: Type.String({ maxLength: XML_BODY_LIMIT }),
              response: { 200: Type.String(), ...errorResponses },
            },
          },
          async (request, reply) => {
            const answer = await server.receive(request.query, request.body);
            return reply
              .type(
                answer.type === 'xml'
                  ? 'application/xml; charset=utf-8'
                  : 'text/plain; charset=utf-8',
              )
              .send(answer.body);
          },
        );
      },
      // Pino takes serializers that return objects; fastify's type says strings.
      {
        logSerializers: { req: pathOnly } as unknown as Record<string, (value: unknown) => string>,
      },
    );
  };
}
