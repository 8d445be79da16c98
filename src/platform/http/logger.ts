import type { FastifyServerOptions } from 'fastify';

/** Query parameters whose values are personal data and never reach a log line. */
const SENSITIVE_QUERY = /([?&](?:[^=&]*(?:phone|caller|name|address|code|token)[^=&]*|q)=)[^&]*/gi;

export const redactUrl = (url: string): string => url.replace(SENSITIVE_QUERY, '$1[REDACTED]');

/**
 * Structured JSON logs (pino). Cookies, tokens and citizens' personal data are redacted; request
 * bodies are never logged.
 */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.citizen_phone',
        '*.citizen_name',
        '*.caller_number',
        '*.address',
        '*.password',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        id: req.id,
      }),
    },
  };
}
