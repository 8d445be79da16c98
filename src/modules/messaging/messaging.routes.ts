import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/http/request-actor.js';
import { errorResponses, Nullable } from '../../platform/http/routes.js';
import type { OutboxService } from './outbox.service.js';
import type { SmsChannelService } from './sms.service.js';
import type { WeiboChannelService } from './weibo.service.js';

/** The exact bytes of a webhook's body, for its signature (kept per request, never logged). */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

async function keepRawBody(
  request: FastifyRequest,
  _reply: unknown,
  payload: NodeJS.ReadableStream,
): Promise<NodeJS.ReadableStream> {
  const chunks: Buffer[] = [];
  for await (const chunk of payload) chunks.push(Buffer.from(chunk as Buffer));
  const raw = Buffer.concat(chunks);
  rawBodies.set(request, raw);
  const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
  replay.receivedEncodedLength = raw.length;
  return replay;
}

const Received = Type.Object({
  received: Type.Boolean(),
  duplicate: Type.Boolean(),
});

const WeiboSignatureQuery = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 100 })),
  timestamp: Type.Optional(Type.String({ maxLength: 20 })),
  nonce: Type.Optional(Type.String({ maxLength: 100 })),
});

const WeiboId = Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]);

/** The channels' webhooks (no login: each proves its origin by a signature) and the outbox view. */
export function messagingRoutes(services: {
  sms: SmsChannelService;
  weibo: WeiboChannelService;
  outbox: OutboxService;
}) {
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['channels'];

    app.post(
      '/channels/sms/inbound',
      {
        preParsing: keepRawBody,
        // Before the body is looked at: a call without the right signature learns nothing.
        preValidation: async (request) =>
          services.sms.authenticate(
            {
              timestamp: header(request, 'x-hotline-timestamp'),
              signature: header(request, 'x-hotline-signature'),
            },
            rawBodies.get(request) ?? Buffer.alloc(0),
          ),
        schema: {
          tags,
          summary:
            "The SMS gateway's webhook: one inbound text message (signed: X-Hotline-Timestamp, X-Hotline-Signature)",
          security: [],
          body: Type.Object({
            messageId: Type.String({ minLength: 1, maxLength: 200 }),
            from: Type.String({ minLength: 3, maxLength: 40 }),
            to: Type.Optional(Type.String({ maxLength: 40 })),
            text: Type.String({ maxLength: 4000 }),
            receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
          }),
          response: { 200: Received, ...errorResponses },
        },
      },
      async (request) => {
        const { messageId, from, text, receivedAt } = request.body;
        const result = await services.sms.receive({ messageId, from, text, receivedAt });
        return { received: true, duplicate: result.duplicate };
      },
    );

    app.get(
      '/channels/weibo/webhook',
      {
        schema: {
          tags,
          summary: "Weibo's check of the push URL: answers echostr when the signature is right",
          security: [],
          querystring: Type.Object({
            ...WeiboSignatureQuery.properties,
            echostr: Type.String({ maxLength: 200 }),
          }),
          response: { 200: Type.String(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await services.weibo.authenticate(request.query);
        return reply.type('text/plain; charset=utf-8').send(request.query.echostr);
      },
    );

    app.post(
      '/channels/weibo/webhook',
      {
        preValidation: async (request) =>
          services.weibo.authenticate(request.query as Record<string, string | undefined>),
        schema: {
          tags,
          summary: "Weibo's message push: a mention or a private message (signed in the query)",
          security: [],
          querystring: WeiboSignatureQuery,
          body: Type.Object({
            type: Type.String({ minLength: 1, maxLength: 40 }),
            sender_id: WeiboId,
            receiver_id: Type.Optional(WeiboId),
            created_at: Type.Optional(Type.String({ maxLength: 64 })),
            text: Type.Optional(Type.String({ maxLength: 4000 })),
            data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          }),
          response: { 200: Type.String(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await services.weibo.receive(request.body);
        // An empty answer: Weibo takes anything else as a passive reply to send.
        return reply.type('text/plain; charset=utf-8').send('');
      },
    );

    app.get(
      '/admin/channels/outbox',
      {
        schema: {
          tags,
          summary:
            'Messages sent and waiting on SMS, e-mail and Weibo, newest first (no recipients, no content); status=unsent: all but sent',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union(
                ['pending', 'sending', 'sent', 'failed', 'cancelled', 'unsent'].map((s) =>
                  Type.Literal(s),
                ),
              ),
            ),
            channel: Type.Optional(
              Type.Union(['sms', 'email', 'weibo'].map((c) => Type.Literal(c))),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  channel: Type.String(),
                  kind: Type.String(),
                  ticketId: Nullable(Type.Integer()),
                  ticketNumber: Nullable(Type.String()),
                  status: Type.String(),
                  attempts: Type.Integer(),
                  lastError: Nullable(Type.String()),
                  createdAt: Type.String(),
                  nextAttemptAt: Type.String(),
                  sentAt: Nullable(Type.String()),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        items: await services.outbox.list(requireActor(request), request.query),
      }),
    );
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
