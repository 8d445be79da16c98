import { randomInt } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { WechatConversationService } from './conversation.service.js';
import { isValidSignature, WechatCipher, wechatSignature } from './wechat-crypto.js';
import { readInboundMessage } from './wechat-message.js';
import { notConfigured, type WechatSettings } from './wechat-settings.js';
import { encryptedReplyXml, parseWechatXml, textReplyXml } from './wechat-xml.js';

/** The query string WeChat puts on every request to the server URL. */
export interface WechatQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

export interface WechatAnswer {
  type: 'text' | 'xml';
  body: string;
}

const badSignature = (what: string) =>
  new ForbiddenError(
    `${what} does not match: the request is not from WeChat, or the Token differs from the console's`,
    'WECHAT_SIGNATURE_INVALID',
  );

/**
 * The server side of the official account's message protocol (服务器配置): the URL check, and
 * each message verified, decrypted in compatible and safe modes, answered (encrypted when the
 * message was), within WeChat's five seconds.
 */
export class WechatServerService {
  constructor(
    private readonly clock: Clock,
    private readonly settings: () => Promise<WechatSettings>,
    private readonly conversations: WechatConversationService,
  ) {}

  /**
   * The URL check when the admin saves the server configuration: `signature` over token,
   * timestamp and nonce, and the echostr sent back. An official account sends the echostr in
   * plain text in every mode; a request with `msg_signature` carries it encrypted (as WeCom
   * does), and gets it back decrypted.
   */
  async verifyServer(query: WechatQuery): Promise<string> {
    const settings = await this.settings();
    const token = tokenOf(settings);
    const { timestamp = '', nonce = '', echostr } = query;
    if (!echostr)
      throw new ValidationError('echostr', 'echostr is required', 'WECHAT_REQUEST_INVALID');
    if (query.msg_signature !== undefined) {
      if (!isValidSignature([token, timestamp, nonce, echostr], query.msg_signature))
        throw badSignature('msg_signature');
      return cipherOf(settings).decrypt(echostr);
    }
    if (!isValidSignature([token, timestamp, nonce], query.signature))
      throw badSignature('signature');
    return echostr;
  }

  /** One message or event: its reply as XML, or "success" when there is nothing to say. */
  async receive(query: WechatQuery, body: string): Promise<WechatAnswer> {
    const settings = await this.settings();
    const token = tokenOf(settings);
    const { timestamp = '', nonce = '' } = query;
    const signed = isValidSignature([token, timestamp, nonce], query.signature);
    const outer = parseWechatXml(body);
    const encrypt = outer.Encrypt;
    let fields: Record<string, string>;
    let cipher: WechatCipher | null = null;
    if (encrypt !== undefined) {
      if (settings.mode === 'plain') {
        throw new ConflictError(
          'WECHAT_MODE_MISMATCH',
          'WeChat sent an encrypted message, but the channel is set to plain mode: set mode to the one chosen in the console',
        );
      }
      if (!isValidSignature([token, timestamp, nonce, encrypt], query.msg_signature))
        throw badSignature('msg_signature');
      if (query.signature !== undefined && !signed) throw badSignature('signature');
      cipher = cipherOf(settings);
      // In compatible mode the plain copy beside it is ignored: only what was signed counts.
      fields = parseWechatXml(cipher.decrypt(encrypt));
    } else {
      if (settings.mode === 'safe') {
        throw new ForbiddenError(
          'The channel is in safe mode: messages must be encrypted',
          'WECHAT_ENCRYPTION_REQUIRED',
        );
      }
      if (!signed) throw badSignature('signature');
      fields = outer;
    }
    const message = readInboundMessage(fields);
    if (query.openid !== undefined && query.openid !== message.openid) {
      throw new ForbiddenError(
        'The openid of the URL is not the sender of the message',
        'WECHAT_SENDER_MISMATCH',
      );
    }

    const reply = await this.conversations.handle(message);
    if (reply === null) return { type: 'text', body: 'success' };
    const createTime = Math.floor(this.clock.now().getTime() / 1000);
    const xml = textReplyXml({
      toUser: message.openid,
      fromUser: message.toUser,
      createTime,
      content: reply,
    });
    if (!cipher) return { type: 'xml', body: xml };
    const encrypted = cipher.encrypt(xml);
    const replyTimestamp = String(createTime);
    const replyNonce = String(randomInt(100_000_000, 1_000_000_000));
    return {
      type: 'xml',
      body: encryptedReplyXml({
        encrypt: encrypted,
        signature: wechatSignature([token, replyTimestamp, replyNonce, encrypted]),
        timestamp: replyTimestamp,
        nonce: replyNonce,
      }),
    };
  }
}

function tokenOf(settings: WechatSettings): string {
  if (!settings.token) throw notConfigured('token');
  return settings.token;
}

function cipherOf(settings: WechatSettings): WechatCipher {
  if (!settings.encodingAESKey || !settings.appId) throw notConfigured('encodingAESKey and appId');
  return new WechatCipher(settings.encodingAESKey, settings.appId);
}
