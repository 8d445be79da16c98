import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { DomainError, httpStatusOf, ValidationError } from '../../platform/errors.js';
import { addValue, parseForm, type FormValues } from './form-body.js';
import type { ErrorDoc } from './georeport-documents.js';
import type { CallContext, GeoReportService } from './georeport.service.js';
import {
  discoveryXml,
  errorsXml,
  serviceDefinitionXml,
  serviceRequestsXml,
  servicesXml,
} from './georeport-xml.js';
import { describeProblem, RequestProblems } from './open311-problems.js';
import {
  CommonQuery,
  CreatedRequestsSchema,
  DiscoverySchema,
  ErrorsSchema,
  RequestsQuery,
  RequestsSchema,
  ServiceDefinitionSchema,
  ServicesSchema,
  TokensSchema,
} from './open311.schemas.js';
import type { Params } from './service-request-rules.js';

const XML = 'text/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_BODY_LIMIT = 1024 * 1024;

/** Query parameters whose values may appear in a log line; every other value is redacted. */
const LOGGED_PARAMETERS = new Set([
  'jurisdiction_id',
  'service_code',
  'service_request_id',
  'status',
  'start_date',
  'end_date',
]);

/** A request's URL for the log: api_key, names, phones, e-mails, descriptions never appear. */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const kept = [...params].map(([key, value]) =>
    LOGGED_PARAMETERS.has(key) ? `${key}=${encodeURIComponent(value)}` : `${key}=[REDACTED]`,
  );
  return `${url.slice(0, at)}?${kept.join('&')}`;
}

const errorResponses = {
  400: ErrorsSchema,
  403: ErrorsSchema,
  404: ErrorsSchema,
  429: ErrorsSchema,
};
const isXml = (request: FastifyRequest) => request.url.split('?')[0]!.endsWith('.xml');

/** The GeoReport v2 errors document for any failure, in the format the path asked for. */
function sendErrors(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  errors: ErrorDoc[],
): FastifyReply {
  return reply
    .status(status)
    .type(isXml(request) ? XML : JSON_TYPE)
    .send(isXml(request) ? errorsXml(errors) : errors);
}

function errorsOf(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; errors: ErrorDoc[] } {
  const domain: unknown = error;
  if (domain instanceof RequestProblems) {
    return {
      status: 400,
      errors: domain.problems.map((p) => ({ code: 400, description: describeProblem(p) })),
    };
  }
  if (domain instanceof DomainError) {
    const status = httpStatusOf(domain);
    const details = (domain.details ?? {}) as { rule?: string; limit?: number };
    const description =
      domain instanceof ValidationError
        ? describeProblem({
            field: domain.field,
            message: domain.message.replace(new RegExp(`^${domain.field} `), ''),
            rule: details.rule ?? 'invalid',
            ...(details.limit !== undefined && { limit: details.limit }),
          })
        : domain.message;
    return { status, errors: [{ code: status, description }] };
  }
  if (error.validation) {
    const issue = error.validation[0] as {
      instancePath?: string;
      message?: string;
      keyword?: string;
    };
    const field = (issue.instancePath ?? '').split('/').filter(Boolean).join('.') || 'request';
    const description = `${field}: ${issue.message ?? 'is invalid'} (rule: ${issue.keyword ?? 'invalid'})`;
    return { status: 400, errors: [{ code: 400, description }] };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'open311 request failed');
    return {
      status: 500,
      errors: [{ code: 500, description: 'Something went wrong on our side' }],
    };
  }
  return { status, errors: [{ code: status, description: error.message }] };
}

/** Query and form body together (the body wins): Open311 clients send parameters in either. */
async function postedParams(request: FastifyRequest): Promise<Params> {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (typeof value === 'string' || Array.isArray(value)) values[key] = value as string | string[];
  }
  if (request.isMultipart()) {
    const fromBody: FormValues = {};
    let file: string | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        file = part.fieldname;
        part.file.resume();
      } else addValue(fromBody, part.fieldname, String(part.value));
    }
    if (file !== null) {
      throw new RequestProblems([
        {
          field: file,
          message: 'files are not taken here; give the picture as media_url',
          rule: 'unsupported',
        },
      ]);
    }
    return { ...values, ...fromBody };
  }
  const body: unknown = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' || Array.isArray(value)) values[key] = value as string[];
      else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
      else if (key === 'attribute' && value && typeof value === 'object') {
        (values as Record<string, unknown>)[key] = value;
      }
    }
  }
  return values;
}

/**
 * GeoReport v2 under /api/v1/open311/v2: each resource as .json and .xml, errors as the spec's
 * errors document, forms with repeated keys, and logs that never hold a key or a citizen's data.
 */
export function georeportRoutes(service: GeoReportService) {
  return async (scope: FastifyInstance) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => done(null, parseForm(body as string)),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const { status, errors } = errorsOf(error, request);
      const domain: unknown = error;
      const retry =
        domain instanceof DomainError
          ? (domain.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
          : undefined;
      if (retry !== undefined) reply.header('retry-after', String(retry));
      return sendErrors(request, reply, status, errors);
    });
    const notFound = (request: FastifyRequest, reply: FastifyReply) =>
      sendErrors(request, reply, 404, [
        {
          code: 404,
          description: `No resource ${request.method} ${request.url.split('?')[0]}; see discovery.json`,
        },
      ]);
    scope.setNotFoundHandler(notFound);
    // The browser app's catch-all GET route would otherwise answer unknown paths here.
    scope.all('/*', { schema: { hide: true } }, notFound);

    const api = scope.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['open311'];
    const context = (request: FastifyRequest): CallContext => ({
      ip: request.ip,
      endpointUrl: `${request.protocol}://${request.host}${scope.prefix}`,
    });
    const query = (request: FastifyRequest) => request.query as Params;

    /** One resource as path.json (the JSON schema) and path.xml (rendered by `xml`). */
    function resource<T>(
      method: 'GET' | 'POST',
      path: string,
      summary: string,
      schemas: { params?: TSchema; querystring?: TSchema; response: TSchema },
      handler: (request: FastifyRequest) => Promise<T>,
      xml: (doc: T) => string,
    ) {
      const common = {
        tags,
        summary,
        ...(schemas.params && { params: schemas.params }),
        querystring: schemas.querystring ?? CommonQuery,
        security: [],
      };
      api.route({
        method,
        url: `${path}.json`,
        schema: { ...common, response: { 200: schemas.response, ...errorResponses } },
        handler: async (request, reply) => reply.type(JSON_TYPE).send(await handler(request)),
      });
      api.route({
        method,
        url: `${path}.xml`,
        schema: { ...common, summary: `${summary} (XML)`, response: { 200: Type.String() } },
        handler: async (request, reply) => reply.type(XML).send(xml(await handler(request))),
      });
    }

    resource(
      'GET',
      '/discovery',
      'Service discovery: the endpoint, its formats and whom to ask',
      { response: DiscoverySchema },
      (request) => service.discovery(query(request), context(request)),
      discoveryXml,
    );
    resource(
      'GET',
      '/services',
      'The services: every active leaf category',
      { response: ServicesSchema },
      (request) => service.services(query(request), context(request)),
      servicesXml,
    );
    resource(
      'GET',
      '/services/:service_code',
      "A service's definition: the attributes to answer",
      {
        params: Type.Object({ service_code: Type.String({ maxLength: 100 }) }),
        response: ServiceDefinitionSchema,
      },
      (request) =>
        service.serviceDefinition(
          query(request),
          context(request),
          (request.params as { service_code: string }).service_code,
        ),
      serviceDefinitionXml,
    );
    resource(
      'POST',
      '/requests',
      'File a service request (api_key required); answers its number and a token',
      { response: CreatedRequestsSchema },
      async (request) => service.submit(await postedParams(request), context(request)),
      serviceRequestsXml,
    );
    resource(
      'GET',
      '/requests',
      'Service requests: by id, or by service, status and dates (default: the last 90 days, at most 1000)',
      { querystring: RequestsQuery, response: RequestsSchema },
      (request) => service.requests(query(request), context(request)),
      serviceRequestsXml,
    );
    resource(
      'GET',
      '/requests/:service_request_id',
      'One service request',
      {
        params: Type.Object({ service_request_id: Type.String({ maxLength: 100 }) }),
        response: RequestsSchema,
      },
      (request) =>
        service.request(
          query(request),
          context(request),
          (request.params as { service_request_id: string }).service_request_id,
        ),
      serviceRequestsXml,
    );
    resource(
      'GET',
      '/tokens/:token',
      'The service request id of a token',
      {
        params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
        response: TokensSchema,
      },
      (request) =>
        service.token(
          query(request),
          context(request),
          (request.params as { token: string }).token,
        ),
      serviceRequestsXml,
    );
  };
}
