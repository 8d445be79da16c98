import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, httpStatusOf } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: {
    missingProperty?: string;
    additionalProperty?: string;
    limit?: number;
    format?: string;
    allowedValues?: unknown[];
  };
  message?: string;
}

/** What a client needs to say the rule in the user's language: { rule: 'maxLength', limit: 200 }. */
export interface BrokenRule {
  rule: string;
  limit?: number;
  allowed?: string[];
}

/**
 * Names the field of a schema validation failure ("body.description", "query.page") and the
 * rule it broke.
 */
function describeValidation(error: FastifyError): {
  field: string;
  message: string;
  rule: BrokenRule;
} {
  const issue = (error.validation?.[0] ?? {}) as ValidationIssue;
  const context = error.validationContext ?? 'body';
  const pathParts = (issue.instancePath ?? '').split('/').filter(Boolean);
  if (issue.params?.missingProperty) pathParts.push(issue.params.missingProperty);
  if (issue.params?.additionalProperty) pathParts.push(issue.params.additionalProperty);
  const field = [context, ...pathParts].join('.');
  const rule: BrokenRule = { rule: issue.keyword ?? 'invalid' };
  if (typeof issue.params?.limit === 'number') rule.limit = issue.params.limit;
  if (Array.isArray(issue.params?.allowedValues))
    rule.allowed = issue.params.allowedValues.map(String);
  return { field, message: `${field} ${issue.message ?? 'is invalid'}`, rule };
}

/** One error envelope for the whole API: { error: { code, message, requestId, field? } }. */
export function registerErrorHandler(
  app: FastifyInstance,
  options: { webIndex?: (request: FastifyRequest) => boolean } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = request.id;
    const domain: unknown = error;
    if (domain instanceof DomainError) {
      return reply.status(httpStatusOf(domain)).send({
        error: { code: domain.code, message: domain.message, requestId, ...(domain.details ?? {}) },
      });
    }
    if (error.validation) {
      const { field, message, rule } = describeValidation(error);
      return reply
        .status(400)
        .send({ error: { code: 'VALIDATION_FAILED', message, requestId, field, ...rule } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({
        error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side', requestId },
      });
    }
    return reply.status(status).send({
      error: { code: error.code ?? 'BAD_REQUEST', message: error.message, requestId },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.webIndex?.(request)) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
        requestId: request.id,
      },
    });
  });
}
