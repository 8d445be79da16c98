import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// How the SMS gateway and Weibo prove that a webhook call is theirs. Pure functions; the clock is
// passed in.

/** A signed call older or newer than this is refused (a replayed capture, a wrong clock). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

const sameHex = (a: string, b: string): boolean => {
  const left = Buffer.from(a.toLowerCase(), 'utf8');
  const right = Buffer.from(b.toLowerCase(), 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

/** A timestamp in seconds or milliseconds (Weibo sends milliseconds), as milliseconds. */
export function timestampMs(value: string | undefined): number | null {
  if (!value || !/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1e12 ? n : n * 1000;
}

const fresh = (timestamp: string | undefined, now: Date): boolean => {
  const at = timestampMs(timestamp);
  return at !== null && Math.abs(now.getTime() - at) <= SIGNATURE_WINDOW_MS;
};

/**
 * The SMS gateway's signature: `X-Hotline-Signature: sha256=<hex>` where hex is
 * HMAC-SHA256(inbound_secret, `${X-Hotline-Timestamp}.${raw body}`), the timestamp in Unix
 * seconds within five minutes of ours. The whole body is signed, so nothing in it can be changed.
 */
export function smsSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

export function verifySmsSignature(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: Buffer,
  now: Date,
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature?.startsWith('sha256=') || !fresh(timestamp, now)) return false;
  return sameHex(signature.slice('sha256='.length), smsSignature(secret, timestamp, rawBody));
}

/**
 * Weibo's message-push signature (粉丝服务平台): SHA-1 of the app secret, the timestamp and the
 * nonce sorted as strings and joined. It signs no body, so the push URL must be HTTPS; we also
 * refuse timestamps more than five minutes away.
 */
export function weiboSignature(secret: string, timestamp: string, nonce: string): string {
  return createHash('sha1')
    .update([secret, timestamp, nonce].sort().join(''), 'utf8')
    .digest('hex');
}

export function verifyWeiboSignature(
  secret: string,
  query: { signature?: string; timestamp?: string; nonce?: string },
  now: Date,
): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !fresh(timestamp, now)) return false;
  return sameHex(signature, weiboSignature(secret, timestamp, nonce));
}
