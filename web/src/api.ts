import { currentLocale, errorMessage } from './i18n';

/**
 * The server's error envelope, as an exception the screens can show next to the right field.
 * Its message is in the page's language (see errorMessage); `detail` keeps the server's text.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The input the server refused, without its "body." / "query." prefix ("description"). */
    readonly field?: string,
    /** For a schema validation failure: the rule broken and its limit, to say it in any language. */
    readonly rule?: { rule: string; limit?: number; allowed?: string[] },
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's own message (English), for a log or a bug report. */
  detail = '';
}

interface Envelope {
  error?: {
    code?: string;
    message?: string;
    field?: string;
    rule?: string;
    limit?: number;
    allowed?: string[];
  };
}

const FIELD_PREFIX = /^(body|query|querystring|params)\./;

async function toError(response: Response): Promise<ApiError> {
  let envelope: Envelope = {};
  try {
    envelope = (await response.json()) as Envelope;
  } catch {
    // not JSON (a proxy's page): the status says enough
  }
  const error = envelope.error ?? {};
  const code = error.code ?? `HTTP_${response.status}`;
  const rule = error.rule
    ? { rule: error.rule, limit: error.limit, allowed: error.allowed }
    : undefined;
  const detail = error.message ?? response.statusText;
  const failure = new ApiError(
    response.status,
    code,
    errorMessage(currentLocale(), { status: response.status, code, rule }, detail),
    error.field?.replace(FIELD_PREFIX, ''),
    rule,
  );
  failure.detail = detail;
  return failure;
}

/** Listeners told when a call finds the session gone (the app then shows the login). */
const unauthenticatedListeners = new Set<() => void>();
export const onUnauthenticated = (listener: () => void): (() => void) => {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
};

/**
 * Calls /api/v1: JSON in and out, or FormData for uploads. Throws ApiError for any non-2xx;
 * returns undefined for 204.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: payload,
    credentials: 'same-origin',
    signal: init.signal,
  });
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && !path.startsWith('/auth/login'))
      unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** A query string from defined values only: qs({ q: 'x', page: 2, unit: undefined }). */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A page of results, as every list route returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}
