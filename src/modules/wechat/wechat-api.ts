// The HTTP client of the WeChat API (the base URL is a setting): the access token, cached in the
// database for every app instance and refreshed by one at a time; customer-service text messages;
// media downloads. Errors never carry a URL (it holds the secret or the token).
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import {
  expireAccessToken,
  findAccessToken,
  leaseTokenRefresh,
  releaseTokenLease,
  storeAccessToken,
} from './wechat.repository.js';
import { notConfigured, type WechatSettings } from './wechat-settings.js';

/** How long one call to WeChat may take. */
const CALL_TIMEOUT_MS = 10_000;
/** A token is renewed this long before WeChat's expiry. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** How long an instance may take to renew the token before another one may try. */
const TOKEN_LEASE_MS = 15_000;

/** WeChat's answers that mean "this token is no longer valid". */
const TOKEN_REJECTED = new Set([40001, 40014, 42001]);
/** Answers that no retry will change: not following, out of the 48-hour window, no such user or media. */
const PERMANENT = new Set([40003, 40007, 43004, 45015, 45047, 48001]);

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number | null,
    message: string,
    /** Whether trying again later may succeed. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WechatApiError';
  }
}

export interface Download {
  content: Readable;
  type: string | null;
}

type Fetch = typeof globalThis.fetch;

interface ErrorAnswer {
  errcode?: number;
  errmsg?: string;
}

/** What WeChat's codes mean, for the outbox's record (its own errmsg is not kept: it may quote a request). */
const MEANINGS: Record<number, string> = {
  [-1]: 'WeChat is busy',
  40001: 'the access token is not valid',
  40003: 'not a follower of this account',
  40007: 'the media expired or is unknown',
  40013: 'the AppID is not valid',
  40125: 'the AppSecret is not valid',
  40164: "this server's IP address is not in the account's whitelist",
  42001: 'the access token expired',
  43004: 'the citizen no longer follows the account',
  45009: 'the daily API quota is used up',
  45015: 'more than 48 hours since the citizen last wrote',
  45047: 'too many messages since the citizen last wrote',
  48001: 'the account may not use this API',
};

function answerError(what: string, answer: ErrorAnswer): WechatApiError {
  const code = Number(answer.errcode);
  const meaning = MEANINGS[code] ? ` (${MEANINGS[code]})` : '';
  return new WechatApiError(
    code,
    `${what}: WeChat answered errcode ${code}${meaning}`,
    !PERMANENT.has(code),
  );
}

export class WechatApi {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly settings: () => Promise<WechatSettings>,
    private readonly fetchImpl: Fetch = globalThis.fetch,
  ) {}

  /** Sends a customer-service text message (客服消息) to a follower. */
  async sendText(openid: string, content: string): Promise<void> {
    await this.withToken('customer-service message', async (base, token) => {
      const answer = await this.json<ErrorAnswer>(
        'customer-service message',
        `${base}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content } }),
        },
      );
      if (answer.errcode && answer.errcode !== 0)
        throw answerError('customer-service message', answer);
    });
  }

  /** A temporary media file (a photo the citizen sent), by its MediaId. */
  async downloadMedia(mediaId: string): Promise<Download> {
    return this.withToken('media download', async (base, token) => {
      const response = await this.call(
        'media download',
        `${base}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`,
        { method: 'GET' },
      );
      const type = response.headers.get('content-type');
      // An error comes back as JSON instead of the file.
      if (type && /json|text\/plain/i.test(type)) {
        const answer = (await response.json().catch(() => ({}))) as ErrorAnswer;
        throw answerError('media download', {
          errcode: answer.errcode ?? -1,
        });
      }
      return this.download(response);
    });
  }

  /** A picture by its PicUrl (WeChat's image server), when the media API cannot give it. */
  async downloadUrl(url: string): Promise<Download> {
    if (!/^https?:\/\//i.test(url))
      throw new WechatApiError(null, 'PicUrl is not an http(s) URL', false);
    return this.download(await this.call('picture download', url, { method: 'GET' }));
  }

  private download(response: Response): Download {
    if (!response.body) throw new WechatApiError(null, 'the download was empty', true);
    return {
      content: Readable.fromWeb(response.body),
      type: response.headers.get('content-type'),
    };
  }

  /** Runs `call` with a valid token; a token WeChat refuses is dropped and a new one tried once. */
  private async withToken<T>(
    what: string,
    call: (base: string, token: string) => Promise<T>,
  ): Promise<T> {
    const settings = await this.settings();
    const token = await this.accessToken(settings);
    try {
      return await call(settings.apiBaseUrl, token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !TOKEN_REJECTED.has(error.errcode ?? 0))
        throw error;
      const appId = settings.appId ?? '';
      await this.database.write((trx) =>
        expireAccessToken(trx, appId, token, this.clock.now().toISOString()),
      );
      const renewed = await this.accessToken(settings);
      try {
        return await call(settings.apiBaseUrl, renewed);
      } catch (again) {
        if (again instanceof WechatApiError && TOKEN_REJECTED.has(again.errcode ?? 0)) {
          throw new WechatApiError(
            again.errcode,
            `${what}: WeChat refused a new access token too`,
            true,
          );
        }
        throw again;
      }
    }
  }

  /** The cached token, or a new one; one instance at a time renews it (a new token ends the old one). */
  async accessToken(settings: WechatSettings): Promise<string> {
    const { appId, appSecret } = settings;
    if (!appId || !appSecret) throw notConfigured('appId and appSecret');
    for (let attempt = 0; ; attempt++) {
      const now = this.clock.now();
      const cached = await findAccessToken(this.database.db, appId);
      if (cached?.accessToken && Date.parse(cached.expiresAt) - TOKEN_MARGIN_MS > now.getTime()) {
        return cached.accessToken;
      }
      const leased = await this.database.write((trx) =>
        leaseTokenRefresh(trx, appId, {
          now: now.toISOString(),
          until: new Date(now.getTime() + TOKEN_LEASE_MS).toISOString(),
          staleBefore: new Date(now.getTime() + TOKEN_MARGIN_MS).toISOString(),
        }),
      );
      // After ~3 s of someone else's refresh, refresh anyway rather than wait on a lost lease.
      if (leased || attempt >= 20) return this.renewToken(settings.apiBaseUrl, appId, appSecret);
      await sleep(150);
    }
  }

  private async renewToken(base: string, appId: string, appSecret: string): Promise<string> {
    try {
      const answer = await this.json<ErrorAnswer & { access_token?: string; expires_in?: number }>(
        'access token',
        `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`,
        { method: 'GET' },
      );
      if (!answer.access_token)
        throw answerError('access token', { errcode: answer.errcode ?? -1 });
      const lifetime = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : 7200;
      const expiresAt = new Date(this.clock.now().getTime() + lifetime * 1000).toISOString();
      const token = answer.access_token;
      await this.database.write((trx) => storeAccessToken(trx, appId, token, expiresAt));
      return token;
    } catch (error) {
      await this.database.write((trx) => releaseTokenLease(trx, appId));
      throw error;
    }
  }

  private async json<T>(what: string, url: string, init: RequestInit): Promise<T> {
    const response = await this.call(what, url, init);
    try {
      return (await response.json()) as T;
    } catch {
      throw new WechatApiError(null, `${what}: WeChat's answer was not JSON`, true);
    }
  }

  private async call(what: string, url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        ...init,
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      // The cause names the failure (refused, timed out), never the URL.
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new WechatApiError(null, `${what}: WeChat could not be reached (${cause})`, true);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new WechatApiError(
        null,
        `${what}: WeChat answered HTTP ${response.status}`,
        response.status >= 500 || response.status === 429,
      );
    }
    return response;
  }
}
