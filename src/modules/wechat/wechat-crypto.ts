// The WeChat official account's message signature and encryption (消息加解密), on node:crypto.
// Signature: SHA-1 of the sorted, concatenated strings. Encryption: AES-256-CBC with the key
// base64(EncodingAESKey + '='), the IV its first 16 bytes, PKCS#7 padding to 32 bytes, over
// 16 random bytes + the message length (4 bytes, network order) + the message + the AppID.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { DomainError, ForbiddenError, ValidationError } from '../../platform/errors.js';

/** The console generates 43 letters and digits; base64 with '=' appended they are 32 bytes. */
export const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
export const ENCODING_AES_KEY_RULE =
  '43 letters and digits (the EncodingAESKey of the WeChat console)';

const BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;

/** SHA-1 (hex) of the parts sorted and joined: `signature` over [token, timestamp, nonce], `msg_signature` with the Encrypt too. */
export function wechatSignature(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Whether `given` is the signature of `parts`, compared in constant time. */
export function isValidSignature(parts: readonly string[], given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(wechatSignature(parts), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const decryptFailed = (why: string) =>
  new DomainError('WECHAT_DECRYPT_FAILED', `The encrypted message could not be read: ${why}`);

/** Encrypts and decrypts one official account's messages (its EncodingAESKey and AppID). */
export class WechatCipher {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    encodingAESKey: string,
    private readonly appId: string,
  ) {
    const key = ENCODING_AES_KEY.test(encodingAESKey)
      ? Buffer.from(`${encodingAESKey}=`, 'base64')
      : Buffer.alloc(0);
    if (key.length !== 32) {
      throw new ValidationError(
        'encodingAESKey',
        `encodingAESKey must be ${ENCODING_AES_KEY_RULE}`,
        'VALIDATION_FAILED',
        { rule: 'pattern' },
      );
    }
    this.key = key;
    this.iv = key.subarray(0, 16);
  }

  /** The base64 Encrypt of `message`; `random` is for published test vectors only. */
  encrypt(message: string, random: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random.length !== RANDOM_BYTES) throw new Error('random must be 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  }

  /**
   * The message inside a base64 Encrypt. Refuses (WECHAT_DECRYPT_FAILED) what is not a whole
   * encrypted message, and (WECHAT_APPID_MISMATCH) one encrypted for another account.
   */
  decrypt(encrypted: string): string {
    const text = encrypted.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw decryptFailed('it is not base64');
    const data = Buffer.from(text, 'base64');
    if (data.length === 0 || data.length % 16 !== 0)
      throw decryptFailed('its length is not a whole number of AES blocks');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw decryptFailed('AES decryption failed');
    }
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK || pad > plain.length || plain.subarray(-pad).some((b) => b !== pad))
      throw decryptFailed('the padding is wrong (is the EncodingAESKey the console shows?)');
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < RANDOM_BYTES + LENGTH_BYTES) throw decryptFailed('it is too short');
    const length = content.readUInt32BE(RANDOM_BYTES);
    const start = RANDOM_BYTES + LENGTH_BYTES;
    if (start + length > content.length) throw decryptFailed('its length field is wrong');
    let message: string;
    let appId: string;
    try {
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      message = utf8.decode(content.subarray(start, start + length));
      appId = utf8.decode(content.subarray(start + length));
    } catch {
      throw decryptFailed('it is not UTF-8 text');
    }
    if (appId !== this.appId) {
      throw new ForbiddenError(
        'The message was encrypted for another official account (its AppID is not the one configured)',
        'WECHAT_APPID_MISMATCH',
      );
    }
    return message;
  }
}
