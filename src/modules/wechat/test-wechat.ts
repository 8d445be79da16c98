// Test support: WeChat's side of the server protocol, built on @wecom/crypto (an independent
// implementation) so that the adapter's own crypto is checked against it in every API test.
import * as oracle from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { randomInt } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';

export interface WechatAccount {
  token: string;
  encodingAESKey: string;
  appId: string;
  appSecret: string;
  /** The account's original id (gh_…): ToUserName of every message. */
  originalId: string;
}

export const TEST_ACCOUNT: WechatAccount = {
  token: 'hotline12345',
  encodingAESKey: 'Lz8kQm2VbN4xR7tY1uW3sD5fG9hJ0kL6pA2cE4iO8qZ',
  appId: 'wx5a1b2c3d4e5f6a7b',
  appSecret: 'f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8',
  originalId: 'gh_0123456789ab',
};

export type Mode = 'plain' | 'compatible' | 'safe';

export interface SimulatedAnswer {
  status: number;
  /** The reply's fields (decrypted and its signature checked), 'success', or null on an error. */
  reply: Record<string, string> | 'success' | null;
  error: { code: string; message: string } | null;
  raw: string;
}

const parser = new XMLParser({ parseTagValue: false, trimValues: false });

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export interface SendOptions {
  mode?: Mode;
  /** Encrypt for another AppID, as a message for another account would be. */
  appId?: string;
  /** Spoil one signature after signing. */
  tamper?: 'signature' | 'msg_signature';
  /** Replace the (inner) XML entirely. */
  xml?: string;
}

/** Plays WeChat: builds messages as its servers do, posts them, and reads the replies. */
export class WechatSimulator {
  private nextId = 7_100_000_000_000_000_000n;

  constructor(
    private readonly app: FastifyInstance,
    private readonly clock: Clock,
    public account: WechatAccount = TEST_ACCOUNT,
    public mode: Mode = 'safe',
  ) {}

  newMsgId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** The plain XML of a message from `openid` (MsgId added unless it is an event or given). */
  messageXml(openid: string, fields: Record<string, string | number>): string {
    const all: Record<string, string | number> = {
      ToUserName: this.account.originalId,
      FromUserName: openid,
      CreateTime: Math.floor(this.clock.now().getTime() / 1000),
      ...fields,
    };
    if (all.MsgType !== 'event' && all.MsgId === undefined) all.MsgId = this.newMsgId();
    const body = Object.entries(all)
      .map(([name, value]) =>
        typeof value === 'number'
          ? `<${name}>${value}</${name}>`
          : `<${name}>${cdata(value)}</${name}>`,
      )
      .join('');
    return `<xml>${body}</xml>`;
  }

  async text(openid: string, content: string, msgId?: string) {
    return this.send(openid, {
      MsgType: 'text',
      Content: content,
      ...(msgId ? { MsgId: msgId } : {}),
    });
  }

  async send(openid: string, fields: Record<string, string | number>, options: SendOptions = {}) {
    return this.post(openid, options.xml ?? this.messageXml(openid, fields), options);
  }

  /** Posts `xml` as WeChat would in the mode, and reads the answer. */
  async post(openid: string, xml: string, options: SendOptions = {}): Promise<SimulatedAnswer> {
    const { token, encodingAESKey, originalId } = this.account;
    const mode = options.mode ?? this.mode;
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    const nonce = String(randomInt(100_000_000, 999_999_999));
    const query: Record<string, string> = {
      signature: signature(token, timestamp, nonce),
      timestamp,
      nonce,
      openid,
    };
    let body = xml;
    if (mode !== 'plain') {
      const encrypt = oracle.encrypt(encodingAESKey, xml, options.appId ?? this.account.appId);
      query.encrypt_type = 'aes';
      query.msg_signature = oracle.getSignature(token, timestamp, nonce, encrypt);
      body =
        mode === 'safe'
          ? `<xml><ToUserName>${cdata(originalId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`
          : xml.replace('</xml>', `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`);
    }
    if (options.tamper) {
      const value = query[options.tamper] ?? '';
      query[options.tamper] = `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`;
    }
    const response = await this.app.inject({
      method: 'POST',
      url: `/api/v1/channels/wechat?${new URLSearchParams(query).toString()}`,
      headers: { 'content-type': 'text/xml' },
      payload: body,
    });
    return this.read(response.statusCode, response.body);
  }

  private read(status: number, raw: string): SimulatedAnswer {
    if (status !== 200) {
      const { error } = JSON.parse(raw) as { error: { code: string; message: string } };
      return { status, reply: null, error, raw };
    }
    if (raw === 'success') return { status, reply: 'success', error: null, raw };
    const outer = (parser.parse(raw) as { xml: Record<string, string> }).xml;
    if (outer.Encrypt === undefined) return { status, reply: outer, error: null, raw };
    const { token, encodingAESKey, appId } = this.account;
    const expected = oracle.getSignature(
      token,
      outer.TimeStamp ?? '',
      outer.Nonce ?? '',
      outer.Encrypt,
    );
    if (outer.MsgSignature !== expected)
      throw new Error(`reply MsgSignature ${outer.MsgSignature} is not ${expected}`);
    const { message, id } = oracle.decrypt(encodingAESKey, outer.Encrypt);
    if (id !== appId) throw new Error(`reply encrypted for ${id}, not ${appId}`);
    const inner = (parser.parse(message) as { xml: Record<string, string> }).xml;
    return { status, reply: inner, error: null, raw };
  }
}

/** The plain signature over token, timestamp and nonce (SHA-1 of the sorted strings). */
export function signature(token: string, timestamp: string, nonce: string): string {
  // @wecom/crypto signs four parts; with an empty fourth the sorted join is the same three.
  return oracle.getSignature(token, timestamp, nonce, '');
}

/** The reply's text content, for assertions. */
export const contentOf = (answer: SimulatedAnswer): string =>
  typeof answer.reply === 'object' && answer.reply !== null
    ? (answer.reply.Content ?? '')
    : String(answer.reply);
