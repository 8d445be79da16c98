import { DEFAULT_SEND_TIMEOUT_MS, retryAfterMs, SendError } from './send-error.js';

/** One text message to one phone number. */
export interface OutgoingSms {
  to: string;
  text: string;
  /** Our id for it, the same on every retry: the gateway may drop a repeat (Idempotency-Key). */
  reference: string;
}

export interface SentSms {
  /** The gateway's id of the message. */
  messageId: string;
}

/** Sends text messages; errors are SendErrors saying whether a retry may help. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<SentSms>;
}

export interface SmsGatewaySettings {
  /** Where to POST, e.g. https://sms.example.com/v1/messages. */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** The sender name or number the gateway shows, if it takes one. */
  senderId: string | null;
  timeoutMs?: number;
}

/**
 * An SMS gateway over HTTP: one JSON POST per message,
 *
 *   POST <url>
 *   Authorization: Bearer <apiKey>
 *   Idempotency-Key: <reference>
 *   { "to": "13800000000", "text": "…", "from": "<senderId>|null", "reference": "<reference>" }
 *
 * answered with 2xx and `{ "messageId": "…" }` (or `"id"`). Network failures, timeouts, 408, 425,
 * 429 and 5xx are retryable, and so are 401/403 (a key the admin can correct without the message
 * changing); any other refusal (400, 404, 422…) is the message's own and final.
 *
 * The settings are read per message (`settings()`), so an admin's change applies at once; null
 * means the channel is not configured yet (retryable).
 */
export class HttpSmsSender implements SmsSender {
  constructor(
    private readonly settings: () => Promise<SmsGatewaySettings | null>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async send(sms: OutgoingSms): Promise<SentSms> {
    const settings = await this.settings();
    if (!settings) throw new SendError('NOT_CONFIGURED', 'The SMS gateway is not configured', true);
    let response: Response;
    try {
      response = await this.fetchImpl(settings.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${settings.apiKey}`,
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          'idempotency-key': sms.reference,
        },
        body: JSON.stringify({
          to: sms.to,
          text: sms.text,
          from: settings.senderId,
          reference: sms.reference,
        }),
        signal: AbortSignal.timeout(settings.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw new SendError(
        timedOut ? 'GATEWAY_TIMEOUT' : 'GATEWAY_UNREACHABLE',
        timedOut
          ? 'The SMS gateway did not answer in time'
          : 'The SMS gateway could not be reached',
        true,
      );
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw httpRefusal('SMS gateway', response);
    }
    const body = (await response.json().catch(() => null)) as {
      messageId?: unknown;
      id?: unknown;
    } | null;
    const messageId = body?.messageId ?? body?.id;
    if (typeof messageId !== 'string' && typeof messageId !== 'number') {
      // Accepted but unreadable: sending again could deliver it twice, so this is final.
      throw new SendError(
        'GATEWAY_BAD_ANSWER',
        `The SMS gateway answered ${response.status} without a messageId`,
        false,
      );
    }
    return { messageId: String(messageId) };
  }
}

const RETRYABLE_STATUS = new Set([401, 403, 408, 425, 429]);

/** A non-2xx answer of an HTTP gateway as a SendError: its status only, never its body. */
export function httpRefusal(gateway: string, response: Response): SendError {
  const status = response.status;
  const retryable = status >= 500 || RETRYABLE_STATUS.has(status);
  const code =
    status === 401 || status === 403
      ? 'GATEWAY_AUTH_FAILED'
      : status === 429
        ? 'GATEWAY_RATE_LIMITED'
        : status >= 500
          ? 'GATEWAY_ERROR'
          : 'GATEWAY_REFUSED';
  return new SendError(
    code,
    `The ${gateway} answered ${status}`,
    retryable,
    retryAfterMs(response.headers.get('retry-after'), Date.now()),
  );
}
