import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Services } from './composition.js';
import type { Config } from './config.js';
import { registerErrorHandler } from './platform/http/errors.js';
import { loggerOptions } from './platform/http/logger.js';
import { findWebRoot, isPageRequest, registerWebApp } from './platform/http/web-app.js';

export interface AppDeps {
  config: Config;
  services: Services;
  /** Where JSON log lines go (default stdout); tests capture them to check redaction. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the HTTP app; never listens (tests call app.inject()). */
export async function buildApp({ config, services, logStream }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Behind a load balancer the client address comes from X-Forwarded-For (rate limits use it).
    trustProxy: config.trustProxy,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  });
  const webRoot = findWebRoot();
  registerErrorHandler(app, {
    webIndex: webRoot ? (request) => isPageRequest(request.method, request.url) : undefined,
  });
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.attachmentMaxBytes, files: 10, fields: 50 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'OpenHotline API',
        version: '1',
        description:
          'Government service hotline (12345 / 311): contacts, work orders, dispatch, handling, callback.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'oh_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    request.actor = await services.auth.service.actorFromRequest(
      request.headers.authorization,
      request.cookies,
    );
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  if (webRoot) await registerWebApp(app, webRoot);

  await app.register(
    async (api) => {
      api.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
      // What the browser app needs before anyone logs in.
      api.get('/public/settings', { schema: { hide: true } }, async () => ({
        timeZone: config.timeZone,
      }));
      for (const module of Object.values(services)) module.routes(api);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
