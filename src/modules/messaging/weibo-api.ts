import { DEFAULT_SEND_TIMEOUT_MS, SendError } from '../../platform/outbound/send-error.js';
import { httpRefusal } from '../../platform/outbound/sms-sender.js';

export interface WeiboApiSettings {
  /** e.g. https://api.weibo.com (comments/create). */
  apiBaseUrl: string;
  /** e.g. https://m.api.weibo.com (the fan-service messages/reply). */
  privateApiBaseUrl: string;
  accessToken: string | null;
  timeoutMs?: number;
}

/** Weibo error codes a later attempt may not meet: system busy, rate limits, an expired token. */
function retryableWeiboError(code: number): boolean {
  if ([10001, 10002, 10009, 10010, 10022, 10023, 10024].includes(code)) return true;
  // 21xxx: the access token (expired, revoked, invalid): the admin renews it, the message stays.
  return code >= 21300 && code < 21400;
}

/**
 * The centre account's side of Weibo, after its open platform: a public comment under a post
 * (`POST {apiBaseUrl}/2/comments/create.json`, form `access_token, id, comment`) and a private
 * message to a user (`POST {privateApiBaseUrl}/2/messages/reply.json`, form `access_token,
 * receiver_id, type=text, data={"text":…}`). Both answer JSON; an error is
 * `{ error, error_code }`. Settings are read per call.
 */
export class WeiboApiClient {
  constructor(
    private readonly settings: () => Promise<WeiboApiSettings>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Comments on a post; returns the comment's id. */
  async comment(statusId: string, text: string): Promise<string> {
    const settings = await this.settings();
    const answer = await this.post(settings, `${settings.apiBaseUrl}/2/comments/create.json`, {
      id: statusId,
      comment: text,
    });
    return idOf(answer) ?? `comment-on-${statusId}`;
  }

  /** Sends a private message to a user (a reply within Weibo's window for messages to the account). */
  async privateMessage(uid: string, text: string): Promise<string> {
    const settings = await this.settings();
    const answer = await this.post(
      settings,
      `${settings.privateApiBaseUrl}/2/messages/reply.json`,
      { receiver_id: uid, type: 'text', data: JSON.stringify({ text }) },
    );
    return idOf(answer) ?? 'accepted';
  }

  private async post(
    settings: WeiboApiSettings,
    url: string,
    form: Record<string, string>,
  ): Promise<Record<string, unknown>> {
    if (!settings.accessToken)
      throw new SendError('NOT_CONFIGURED', 'The Weibo access token is not set', true);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams({ access_token: settings.accessToken, ...form }).toString(),
        signal: AbortSignal.timeout(settings.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      throw new SendError(
        timedOut ? 'GATEWAY_TIMEOUT' : 'GATEWAY_UNREACHABLE',
        timedOut ? 'The Weibo API did not answer in time' : 'The Weibo API could not be reached',
        true,
      );
    }
    const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    const code = Number(answer?.error_code);
    if (Number.isInteger(code) && code > 0) {
      throw new SendError(
        `WEIBO_${code}`,
        `The Weibo API refused the call (error ${code})`,
        retryableWeiboError(code),
      );
    }
    if (!response.ok) throw httpRefusal('Weibo API', response);
    return answer ?? {};
  }
}

function idOf(answer: Record<string, unknown>): string | null {
  const id = answer.idstr ?? answer.id ?? answer.msg_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}
